// The comparison rows of the benchmark: curl downloading every document, and the package
// managers' own release-age gates (pnpm 10 `minimumReleaseAge`, npm 11 `--min-release-age`)
// resolving the same project against the same local registry. Each finder returns either
// what to run or why the row cannot be produced; nothing here touches the network beyond
// the registry URL it is given.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { packumentPath } from './packument-path.mjs';

const require = createRequire(import.meta.url);

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  return null;
}

const versionOf = (script) => execFileSync(process.execPath, [script, '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const major = (version) => Number(version.split('.')[0]);
const minor = (version) => Number(version.split('.')[1]);

/** curl with --parallel: one config file listing every document URL. */
export function curlRow(tmp, registryUrl, names, concurrency) {
  const curl = onPath('curl');
  if (!curl) return { skip: 'curl is not on PATH' };
  const config = join(tmp, 'curl-urls.txt');
  writeFileSync(config, names.map((name) => `url = "${registryUrl}${packumentPath(name)}"\noutput = "/dev/null"\n`).join(''));
  return { command: curl, args: ['--silent', '--show-error', '--fail', '--compressed', '--parallel', '--parallel-max', String(concurrency), '--config', config] };
}

/** A copy of the benchmark's package.json (no lockfile) for a package manager to resolve. */
function managerProject(tmp, projectDir, label) {
  const dir = join(tmp, label);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(projectDir, 'package.json'), join(dir, 'package.json'));
  return dir;
}

/** pnpm 10 from devDependencies: `install --lockfile-only` with minimumReleaseAge (7 days, in minutes). */
export function pnpmRow(tmp, projectDir, registryUrl) {
  let script;
  try {
    // pnpm's exports map only `.` (its package.json); the bin sits next to it.
    script = join(dirname(require.resolve('pnpm')), 'bin', 'pnpm.cjs');
  } catch {
    return { skip: 'pnpm is not installed (it is a devDependency: run npm ci)' };
  }
  const version = versionOf(script);
  if (major(version) !== 10 || minor(version) < 16) return { skip: `pnpm ${version} found; the row needs pnpm 10.16+ (minimumReleaseAge)` };
  const cwd = managerProject(tmp, projectDir, 'pnpm-project');
  return {
    version,
    script,
    cwd,
    args: ['install', '--lockfile-only', '--ignore-scripts', '--reporter=silent', `--registry=${registryUrl}`,
      '--config.minimumReleaseAge=10080', `--config.store-dir=${join(tmp, 'pnpm-store')}`, `--config.cache-dir=${join(tmp, 'pnpm-cache')}`],
  };
}

/** npm 11.10+ (the one on PATH, or the one running `npm run bench`): `install --package-lock-only --min-release-age=7`. */
export function npmRow(tmp, projectDir, registryUrl) {
  const candidates = [process.env.npm_execpath, onPath('npm')].filter(Boolean);
  const script = candidates.map((c) => (c.endsWith('.js') ? c : join(c, '..', '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')))
    .find((c) => existsSync(c));
  if (!script) return { skip: 'npm-cli.js not found (npm on PATH or npm_execpath)' };
  const version = versionOf(script);
  if (major(version) < 11 || (major(version) === 11 && minor(version) < 10)) return { skip: `npm ${version} found; the row needs npm 11.10+ (--min-release-age)` };
  const cwd = managerProject(tmp, projectDir, 'npm-project');
  return {
    version,
    script,
    cwd,
    args: ['install', '--package-lock-only', '--min-release-age=7', '--ignore-scripts', '--no-audit', '--no-fund',
      `--registry=${registryUrl}`, `--cache=${join(tmp, 'npm-cache')}`],
  };
}

/**
 * The anchor of issue 18: pnpm 12 (the Rust rewrite), the devDependency aliased `pnpm12`, run
 * as its native binary (`@pnpm/exe.<platform>-<arch>`, an optional dependency of the wrapper).
 * `importArgs` writes `pnpm-lock.yaml` from the project's package-lock.json (same 2,000
 * name@version, written by pnpm 12 itself); `verifyArgs` is its lockfile verifier:
 * `install --frozen-lockfile --lockfile-only` with the policy in `pnpm-workspace.yaml`
 * (minimumReleaseAge 10080 minutes, trustPolicy no-downgrade, referenceTime = --now).
 */
export function pnpm12Anchor(tmp, registryUrl) {
  let wrapperDir;
  try {
    wrapperDir = dirname(require.resolve('pnpm12/package.json'));
  } catch {
    return { skip: 'pnpm12 (npm:pnpm@12) is not installed (it is a devDependency: run npm ci)' };
  }
  const target = `${process.platform}-${process.arch}`;
  const candidates = [];
  try {
    candidates.push(join(dirname(createRequire(join(wrapperDir, 'package.json')).resolve(`@pnpm/exe.${target}/package.json`)), process.platform === 'win32' ? 'pnpm.exe' : 'pnpm'));
  } catch {
    // not installed for this platform
  }
  const binary = candidates.find((c) => existsSync(c));
  if (!binary) return { skip: `pnpm 12 has no native binary installed for ${target} (@pnpm/exe.${target})` };
  let version;
  try {
    version = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    return { skip: `${binary} --version failed: ${error.message.split('\n')[0]}` };
  }
  if (major(version) !== 12) return { skip: `pnpm12 is pnpm ${version}; the anchor needs pnpm 12` };
  const dirs = (label) => [`--config.store-dir=${join(tmp, `pnpm12-${label}-store`)}`, `--config.cache-dir=${join(tmp, `pnpm12-${label}-cache`)}`];
  return {
    version,
    binary,
    // pnpm 12 keeps its metadata and its lockfile verdicts under $XDG_CACHE_HOME/pnpm whatever
    // cache-dir says: one per run, in tmp, or every run after the first is not cold (the
    // import's metadata answered 2,027 of a "cold" verify's 3,841 requests with 304) and
    // ~/.cache/pnpm grows by the corpus every run.
    cacheEnv: (label) => ({ XDG_CACHE_HOME: join(tmp, `pnpm12-${label}-xdg`) }),
    importArgs: ['import', `--registry=${registryUrl}`, ...dirs('import')],
    verifyArgs: (round) => ['install', '--frozen-lockfile', '--lockfile-only', '--ignore-scripts', `--registry=${registryUrl}`, ...dirs(`verify-${round}`)],
  };
}
