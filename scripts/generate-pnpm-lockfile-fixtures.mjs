#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/pnpm/* with the real pnpm (see the README there).
 *
 *   NODE22=/path/to/node22 node scripts/generate-pnpm-lockfile-fixtures.mjs
 *
 * Needs: npm and git on PATH, network access to the npm registry, and a Node >= 22.13 binary
 * in NODE22 for pnpm 11 and 12 (they refuse older Node). pnpm 7 to 12 are installed into
 * /tmp/pnpm<major> with `npm install --prefix` when missing. The project mirrors the npm
 * fixtures (scripts/generate-npm-lockfile-fixtures.mjs) plus a registry peer dependency and a
 * `file:` directory: a workspace, an alias, dev/optional deps, a `file:` tarball, `link:` and
 * `file:` directories, an http tarball served from 127.0.0.1 and a `git+file:` repository.
 * Each pnpm runs a real install (`--ignore-scripts`) so that `pnpm list` can report what it
 * installed; that report is saved, trimmed, next to the lockfile.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(repoRoot, 'test/fixtures/lockfiles/pnpm');
const gitRepo = '/tmp/rq-pnpm-fixture-git/git-dep'; // fixed path: it is written into the lockfiles
const tarballPort = 47139; // fixed port: it is written into the lockfiles
const work = '/tmp/rq-pnpm-fixture-work'; // fixed: pnpm list prints absolute paths
const node22 = process.env.NODE22 ?? 'node';
rmSync(work, { recursive: true, force: true });

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const write = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : json(value));
};
const run = (cwd, cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
// Asynchronous, so the in-process tarball server below can answer while pnpm runs.
const runAsync = async (cwd, cmd, args) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, CI: '1' } })).stdout;

/** `[command, ...leading args]` that runs pnpm of this major. */
function pnpmOf(major) {
  const prefix = `/tmp/pnpm${major}`;
  const bin = join(prefix, 'node_modules/pnpm/bin');
  if (!existsSync(bin)) run(repoRoot, 'npm', ['install', '--prefix', prefix, `pnpm@${major}`, '--no-audit', '--no-fund']);
  return major >= 11 ? [node22, join(bin, 'pnpm.mjs')] : ['node', join(bin, 'pnpm.cjs')];
}

// A git repository with a fixed commit id (fixed author, committer and dates).
rmSync(dirname(gitRepo), { recursive: true, force: true });
write(join(gitRepo, 'package.json'), { name: 'git-dep', version: '1.0.0', dependencies: { 'is-buffer': '1.1.6' } });
const gitEnv = { GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z' };
run(gitRepo, 'git', ['init', '-q']);
run(gitRepo, 'git', ['add', '.']);
run(gitRepo, 'git', ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.invalid', 'commit', '-qm', 'init'], gitEnv);

// Two local tarballs: one installed as `file:vendor/...tgz`, one served over http.
const pack = (name, manifest) => {
  const dir = join(work, 'src', name);
  write(join(dir, 'package.json'), manifest);
  const file = run(dir, 'npm', ['pack', '--silent', '--pack-destination', join(work, 'tarballs')]).trim().split('\n').pop();
  return join(work, 'tarballs', file);
};
mkdirSync(join(work, 'tarballs'), { recursive: true });
const packedDep = pack('packed-dep', { name: 'packed-dep', version: '1.0.0', peerDependencies: { 'is-number': '^7.0.0' } });
const tarballDep = pack('tarball-dep', { name: 'tarball-dep', version: '2.0.0', dependencies: { ms: '^2.1.3' } });
const server = createServer((req, res) => {
  if (req.url === '/tarball-dep-2.0.0.tgz') res.end(readFileSync(tarballDep));
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(tarballPort, '127.0.0.1', resolve));

// The project.
const template = join(work, 'template');
const rootManifest = {
  name: 'rq-pnpm-fixture',
  version: '1.0.0',
  private: true,
  dependencies: {
    'is-number': '^7.0.0',
    'my-alias': 'npm:is-number@6.0.0',
    'to-regex-range': '^5.0.1',
    debug: '2.6.9',
    ms: '^2.1.3',
    react: '18.2.0',
    'use-sync-external-store': '1.2.0', // peer dependency on react: snapshot keys get a suffix
    'local-thing': 'link:local/thing',
    'dir-copy': 'file:local/dir-copy',
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  devDependencies: { 'kind-of': '6.0.3', 'is-odd': '0.1.2' },
  optionalDependencies: { 'is-even': '1.0.0' },
};
write(join(template, 'package.json'), rootManifest);
write(join(template, 'packages/ws-a/package.json'), { name: 'ws-a', version: '1.0.0', dependencies: { ms: '2.0.0', 'is-number': '^7.0.0' } });
write(join(template, 'packages/ws-b/package.json'), { name: 'ws-b', version: '0.3.0', dependencies: { 'ws-a': 'workspace:*' }, devDependencies: { 'is-buffer': '^1.1.6' } });
write(join(template, 'local/thing/package.json'), { name: 'local-thing', version: '0.1.0', dependencies: { 'is-buffer': '^1.1.6' } });
write(join(template, 'local/dir-copy/package.json'), { name: 'dir-copy', version: '0.2.0', dependencies: { 'kind-of': '^3.2.2' } });
mkdirSync(join(template, 'vendor'), { recursive: true });
cpSync(packedDep, join(template, 'vendor/packed-dep-1.0.0.tgz'));
// pnpm 10+ reads settings here; older versions read only `packages`. 11 blocks young releases
// by default, which would make the result depend on the day it runs.
const workspaceYaml = 'packages:\n  - packages/*\nminimumReleaseAge: 0\n';

const variants = [
  { dir: 'v5.4', major: 7 },
  { dir: 'v5.4-single', major: 7, single: true, noGit: true },
  { dir: 'v6.0', major: 8, noGit: true },
  { dir: 'v6.0-single', major: 8, single: true, noGit: true },
  { dir: 'v9.0-pnpm9', major: 9 },
  { dir: 'v9.0-pnpm10', major: 10 },
  // A config dependency makes pnpm 11+ write a second YAML document (the env lockfile) first.
  { dir: 'v9.0-pnpm11', major: 11, configDependency: true },
  { dir: 'v9.0-pnpm12', major: 12, configDependency: true },
];
const only = process.argv.slice(2);

/** pnpm list JSON reduced to what the parity test reads (no absolute paths). */
function trimList(projects) {
  const trimDeps = (deps) =>
    deps === undefined
      ? undefined
      : Object.fromEntries(Object.entries(deps).map(([key, node]) => [key, trimNode(node)]));
  const trimNode = (node) => ({
    from: node.from,
    version: node.version,
    resolved: node.resolved,
    dependencies: trimDeps(node.dependencies),
    devDependencies: trimDeps(node.devDependencies),
    optionalDependencies: trimDeps(node.optionalDependencies),
  });
  return projects.map((project) => ({
    name: project.name,
    version: project.version,
    path: project.path.startsWith(work) ? project.path.slice(work.length + 1).split('/').slice(1).join('/') || '.' : project.path,
    ...trimNode(project),
  }));
}

try {
  for (const variant of variants) {
    if (only.length > 0 && !only.includes(variant.dir)) continue;
    const dir = join(work, variant.dir);
    cpSync(template, dir, { recursive: true });
    if (variant.single) rmSync(join(dir, 'packages'), { recursive: true });
    if (variant.noGit) {
      // pnpm 7 writes a git+file dependency under a key its own `pnpm list` cannot read, and
      // pnpm 8 fails to write the lockfile at all (see the README).
      const { 'git-dep': _git, ...dependencies } = rootManifest.dependencies;
      write(join(dir, 'package.json'), { ...rootManifest, dependencies });
    }
    // pnpm 8 rejects a pnpm-workspace.yaml without packages: single projects have none.
    if (!variant.single) {
      write(join(dir, 'pnpm-workspace.yaml'), workspaceYaml + (variant.configDependency ? 'configDependencies:\n  ms: 2.1.2\n' : ''));
    }
    const [cmd, ...lead] = pnpmOf(variant.major);
    const common = [`--config.store-dir=${join(work, `store-${variant.major}`)}`, '--config.update-notifier=false'];
    await runAsync(dir, cmd, [...lead, 'install', '--ignore-scripts', '--config.minimum-release-age=0', ...common]);
    let list = null;
    try {
      list = await runAsync(dir, cmd, [...lead, 'list', ...(variant.single ? [] : ['--recursive']), '--depth', 'Infinity', '--json', ...common]);
    } catch (error) {
      console.error(`pnpm ${variant.major} list failed in ${variant.dir}: ${error.stdout || error.message}`);
    }
    const version = (await runAsync(dir, cmd, [...lead, '--version'])).trim();
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    write(join(out, 'pnpm-lock.yaml'), readFileSync(join(dir, 'pnpm-lock.yaml'), 'utf8'));
    if (list !== null) write(join(out, 'pnpm-list.json'), trimList(JSON.parse(list)));
    write(join(out, 'pnpm-version.txt'), `${version}\n`);
    console.error(`wrote ${out} (pnpm ${version})`);
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
