// `npm run bench`, last part: what the install hooks cost. A seeded 300-package tree (all
// published 30+ days ago, so nothing is blocked), served with real tarballs from a fixture
// registry on 127.0.0.1 in THIS process, installed by the real package managers with and
// without the hook.
//
// Warm cache, precisely: before the timed runs, every row installs once untimed, which fills
// that row's package-manager store/cache (pnpm's store-dir + cache-dir, Bun's install cache)
// and, for hook rows, release-quarantine's facts cache (so the hook runs within the registry's
// 5-minute max-age and asks the registry nothing). Before each timed run the project's
// node_modules and lockfile are removed, so every run resolves all 300 packages (the hooks see
// them all) and links them from the warm store. Rows run interleaved (a, b, c, d, a, b, ...)
// so drift on a shared machine hits every row alike. Figures: median wall time of --runs.
//
//   node scripts/bench/hooks.mjs [--runs 5] [--packages 300] [--only pnpm,bun] [--keep]
//
// Rows are data ({label, manager, baseline?, setup(dir), command(dir)}): add one to `ROWS`.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureRegistry } from '../lib/fixture-registry.mjs';
import { buildInstallRegistry } from '../lib/install-fixtures.mjs';
import { median, runExternal } from './measure.mjs';
import { createRng } from './prng.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PNPM = join(root, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const BUN = join(root, 'node_modules', 'bun', 'bin', 'bun.exe');
const SHIM = join(root, 'hooks', 'pnpm.cjs');
const CLI = join(root, 'dist', 'cli', 'main.js');

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    packages: { type: 'string', default: '300' },
    only: { type: 'string', default: 'pnpm,bun' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const packageCount = Number(opts.packages);
if (!(runs >= 3) || !(packageCount >= 20)) {
  console.error('bench hooks: --runs >= 3, --packages >= 20');
  process.exit(2);
}

/**
 * A DAG of `count` packages: 15 direct dependencies, every other package reached from at least
 * one earlier one, 0-6 dependencies each (median ~2), some with two versions in the tree.
 */
export function buildTree(count, seed = 'release-quarantine-hooks-v1') {
  const rng = createRng(seed);
  const name = (i) => (i % 7 === 0 ? `@bench/pkg-${String(i).padStart(3, '0')}` : `pkg-${String(i).padStart(3, '0')}`);
  const deps = Array.from({ length: count }, () => new Map());
  const direct = Math.min(15, count);
  for (let i = direct; i < count; i++) deps[rng.int(0, i - 1)].set(i, '^1.0.0');
  for (let i = 0; i < count - 1; i++) {
    for (let k = rng.int(0, 3); k > 0; k--) deps[i].set(rng.int(i + 1, count - 1), rng.chance(0.1) ? '^2.0.0' : '^1.0.0');
  }
  const packages = deps.map((map, i) => {
    const dependencies = Object.fromEntries([...map].map(([j, range]) => [name(j), range]));
    const version = (v, ageDays) => ({ version: v, ageDays, dependencies });
    return { name: name(i), versions: [version('1.0.0', rng.int(200, 900)), version('1.1.0', rng.int(30, 199)), version('2.0.0', rng.int(30, 120))] };
  });
  const rootDependencies = Object.fromEntries(packages.slice(0, direct).map((pkg) => [pkg.name, '^1.0.0']));
  return { packages, rootDependencies };
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function rowsFor(tmp, registryUrl, rootDependencies) {
  const pnpmArgs = (row) => [PNPM, 'install', '--reporter=silent', '--config.update-notifier=false',
    `--config.store-dir=${join(tmp, `${row}-store`)}`, `--config.cache-dir=${join(tmp, `${row}-cache`)}`];
  const project = (dir) => {
    mkdirSync(dir, { recursive: true });
    writeJson(join(dir, 'package.json'), { name: 'bench-hooks', version: '1.0.0', private: true, dependencies: rootDependencies });
    writeFileSync(join(dir, '.npmrc'), `registry=${registryUrl}\n`);
  };
  const linkPackage = (dir) => {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', 'release-quarantine'), 'dir');
  };
  const npmArgs = ['--no-audit', '--no-fund', '--loglevel=error', `--cache=${join(tmp, 'npm-cache')}`];
  return [
    { label: 'npm install', manager: 'npm', lockfile: 'package-lock.json', setup: project, command: () => ['npm', ['install', ...npmArgs]] },
    {
      // The flow every package manager gets: resolve without scripts, gate, install the gated lockfile.
      label: 'quarantine install (npm)', manager: 'npm', lockfile: 'package-lock.json', baseline: 'npm install', setup: project,
      command: () => [process.execPath, [CLI, 'install', '--package-manager', 'npm', '--', ...npmArgs]],
    },
    { label: 'pnpm install', manager: 'pnpm', lockfile: 'pnpm-lock.yaml', setup: project, command: () => [process.execPath, pnpmArgs('pnpm')] },
    {
      label: 'pnpm install + .pnpmfile.cjs hook', manager: 'pnpm', lockfile: 'pnpm-lock.yaml', baseline: 'pnpm install',
      setup: (dir) => {
        project(dir);
        writeFileSync(join(dir, '.pnpmfile.cjs'), `module.exports = require(${JSON.stringify(SHIM)});\n`);
      },
      command: () => [process.execPath, pnpmArgs('pnpm-hook')],
    },
    { label: 'bun install', manager: 'bun', lockfile: 'bun.lock', setup: project, command: () => [BUN, ['install', '--silent']], cache: 'bun-cache' },
    {
      label: 'bun install + security scanner', manager: 'bun', lockfile: 'bun.lock', baseline: 'bun install', cache: 'bun-scanner-cache',
      setup: (dir) => {
        project(dir);
        writeFileSync(join(dir, 'bunfig.toml'), '[install.security]\nscanner = "release-quarantine/bun-scanner"\n');
      },
      // The symlink stands for `bun add -d release-quarantine`; it is re-made after each clean.
      afterClean: linkPackage,
      command: () => [BUN, ['install', '--silent']],
    },
  ];
}

/** Removes what an install produced, keeping stores and caches (which live outside the project). */
function clean(dir, row) {
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  rmSync(join(dir, row.lockfile), { force: true });
  row.afterClean?.(dir);
}

async function install(tmp, dir, row, env, directNames) {
  clean(dir, row);
  const [command, args] = row.command(dir);
  const rowEnv = row.cache ? { ...env, BUN_INSTALL_CACHE_DIR: join(tmp, row.cache) } : env;
  const result = await runExternal({ command, args, env: rowEnv, cwd: dir, usageFile: join(tmp, 'usage.txt'), timeoutMs: 600_000 });
  if (result.code !== 0 || !existsSync(join(dir, row.lockfile))) {
    throw new Error(`${row.label} failed (exit ${result.code}):\n${(result.stdout + result.stderr).slice(-2000)}`);
  }
  const missing = directNames.filter((name) => !existsSync(join(dir, 'node_modules', name, 'package.json')));
  if (missing.length > 0) throw new Error(`${row.label}: exit 0 but node_modules lacks ${missing.join(', ')}`);
  return result.wallMs;
}

const sec = (ms) => (ms / 1000).toFixed(2);

async function main() {
  const tmp = mkdtempSync(join(os.tmpdir(), 'quarantine-bench-hooks-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_userconfig: join(home, '.npmrc'),
    CI: 'true',
    NO_COLOR: '1',
  };
  const documents = new Map();
  const tarballs = new Map();
  const registry = await startFixtureRegistry({ documents, tarballs });
  try {
    const tree = buildTree(packageCount);
    const built = buildInstallRegistry({ registryUrl: registry.url, now: Date.now(), packages: tree.packages });
    for (const [name, doc] of built.documents) documents.set(name, doc);
    for (const [path, bytes] of built.tarballs) tarballs.set(path, bytes);

    const wanted = new Set(opts.only.split(','));
    const rows = rowsFor(tmp, registry.url, tree.rootDependencies).filter((row) => wanted.has(row.manager));
    const dirs = new Map(rows.map((row, i) => [row, join(tmp, `project-${i}`)]));
    for (const row of rows) row.setup(dirs.get(row));

    console.error(`bench hooks: ${packageCount} packages, ${built.tarballs.size} tarballs; warm-up installs...`);
    const directNames = Object.keys(tree.rootDependencies);
    for (const row of rows) await install(tmp, dirs.get(row), row, env, directNames);
    const times = new Map(rows.map((row) => [row, []]));
    for (let run = 0; run < runs; run++) {
      for (const row of rows) times.get(row).push(await install(tmp, dirs.get(row), row, env, directNames));
      console.error(`bench hooks: run ${run + 1}/${runs} done`);
    }
    const results = rows.map((row) => {
      const list = times.get(row);
      return { label: row.label, baseline: row.baseline ?? null, medianMs: median(list), minMs: Math.min(...list), maxMs: Math.max(...list), runsMs: list.map(Math.round) };
    });
    for (const result of results) {
      const base = results.find((r) => r.label === result.baseline);
      if (base) {
        result.overheadMs = result.medianMs - base.medianMs;
        result.overheadPct = (100 * result.overheadMs) / base.medianMs;
      }
    }
    console.log(`\nInstall hooks, clean install of ${packageCount} packages from 127.0.0.1, warm store/cache, median of ${runs} (node_modules and lockfile removed before each run):`);
    console.log(`${'row'.padEnd(36)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}  overhead`);
    for (const r of results) {
      const overhead = r.overheadMs === undefined ? '' : `${r.overheadMs >= 0 ? '+' : ''}${sec(r.overheadMs)} s (${r.overheadPct >= 0 ? '+' : ''}${r.overheadPct.toFixed(0)} %)`;
      console.log(`${r.label.padEnd(36)} ${`${sec(r.medianMs)} s`.padStart(8)} ${`${sec(r.minMs)} s`.padStart(8)} ${`${sec(r.maxMs)} s`.padStart(8)}  ${overhead}`);
    }
    console.log(`BENCH_HOOKS_JSON ${JSON.stringify({ packages: packageCount, runs, cpus: os.cpus().length, node: process.version, results })}`);
  } finally {
    await registry.close();
    if (opts.keep) console.error(`bench hooks: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
