#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/bun/* with the real Bun (see the README there).
 *
 *   node scripts/generate-bun-lockfile-fixtures.mjs
 *
 * Needs: npm and git on PATH, Linux x64 (Bun comes from the `bun` npm package's platform
 * binaries), and network access to the npm registry. It builds one small project (two
 * workspaces, an alias, dev/optional/peer deps, nested duplicates, a `file:` tarball, a `file:`
 * directory, a `link:` package, an http tarball served from 127.0.0.1 and a `git+file:` repo)
 * and asks several Bun releases to lock it, recording `bun pm ls --all` next to each lockfile.
 * Registry versions are pinned exactly so a rerun produces the same trees.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(repoRoot, 'test/fixtures/lockfiles/bun');
const gitRepo = '/tmp/rq-fixture-git-bun/git-dep'; // fixed path: it is written into the lockfile
const tarballPort = 47131; // fixed port: it is written into the lockfiles
// Fixed work directory: `bun pm ls` prints the project's absolute path.
const work = '/tmp/rq-bun-fixture-work';
rmSync(work, { recursive: true, force: true });

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const write = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : json(value));
};
const run = (cwd, cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
// Asynchronous, so the in-process tarball server below can answer while Bun runs.
const runAsync = async (cwd, cmd, args, env) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 })).stdout;

/** Installs bun@version from npm into the work dir and returns the path of its binary. */
function installBun(version) {
  // Kept between runs (each release is ~100 MB); only the project work dir is removed.
  const prefix = join('/tmp/rq-bun-binaries', version);
  mkdirSync(prefix, { recursive: true });
  run(prefix, 'npm', ['install', '--prefix', prefix, `bun@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--silent']);
  // The binary lies in a platform package (@oven/bun-linux-x64*), or in bun/bin once a
  // postinstall has run; take the first candidate that runs and reports the right version.
  const candidates = [join(prefix, 'node_modules/bun/bin/bun.exe')];
  const oven = join(prefix, 'node_modules/@oven');
  if (existsSync(oven)) for (const dir of readdirSync(oven).sort()) candidates.push(join(oven, dir, 'bin/bun'));
  for (const candidate of candidates) {
    if (!existsSync(candidate) || statSync(candidate).size < 1_000_000) continue;
    try {
      if (run(prefix, candidate, ['--version']).trim() === version) return candidate;
    } catch {
      // wrong libc or CPU features: try the next one
    }
  }
  throw new Error(`no runnable binary for bun@${version} in ${prefix}`);
}

// A git repository with a fixed commit id (fixed author, committer and dates).
rmSync(dirname(gitRepo), { recursive: true, force: true });
write(join(gitRepo, 'package.json'), { name: 'git-dep', version: '1.0.0', dependencies: { 'is-buffer': '1.1.6' } });
const gitEnv = { GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z' };
run(gitRepo, 'git', ['init', '-q', '-b', 'main']);
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

// The project (the same as the npm fixtures', in Bun's dialect: `workspace:*`, `link:`).
const rootManifest = {
  name: 'rq-bun-fixture',
  version: '1.0.0',
  private: true,
  workspaces: ['packages/*'],
  dependencies: {
    'is-number': '^7.0.0',
    'my-alias': 'npm:is-number@6.0.0',
    'to-regex-range': '^5.0.1',
    debug: '2.6.9',
    ms: '^2.1.3',
    'local-thing': 'file:local/thing',
    'linked-thing': 'link:linked-thing',
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  // is-odd is also reached through the optional is-even: neither dev nor optional.
  devDependencies: { 'kind-of': '6.0.3', 'is-odd': '0.1.2' },
  optionalDependencies: { 'is-even': '1.0.0' },
};
const writeProject = (dir, manifest) => {
  write(join(dir, 'package.json'), manifest);
  write(join(dir, 'packages/ws-a/package.json'), { name: 'ws-a', version: '1.0.0', dependencies: { ms: '2.0.0', 'is-number': '^7.0.0' } });
  write(join(dir, 'packages/ws-b/package.json'), { name: 'ws-b', version: '0.3.0', dependencies: { 'ws-a': 'workspace:*' }, devDependencies: { 'is-buffer': '^1.1.6' } });
  write(join(dir, 'local/thing/package.json'), { name: 'local-thing', version: '0.1.0', dependencies: { 'is-buffer': '^1.1.6' } });
  mkdirSync(join(dir, 'vendor'), { recursive: true });
  cpSync(packedDep, join(dir, 'vendor/packed-dep-1.0.0.tgz'));
};
// Bun before 1.2.x cannot fetch `git+file:` ("no commit matching ... found"): older variants go without.
const { 'git-dep': _git, ...withoutGit } = rootManifest.dependencies;
const olderManifest = { ...rootManifest, dependencies: withoutGit };

const lockOnly = ['install', '--lockfile-only', '--ignore-scripts', '--no-progress'];
const variants = [
  { dir: 'v2', bun: '1.4.5', args: lockOnly, manifest: rootManifest, lockfile: 'bun.lock' },
  { dir: 'v1', bun: '1.2.0', args: lockOnly, manifest: olderManifest, lockfile: 'bun.lock' },
  { dir: 'v0', bun: '1.1.45', args: [...lockOnly, '--save-text-lockfile'], manifest: olderManifest, lockfile: 'bun.lock' },
  // 1.1.38 has no --lockfile-only and no text lockfile: a plain install writes bun.lockb.
  { dir: 'lockb', bun: '1.1.38', args: ['install', '--ignore-scripts', '--no-progress'], manifest: olderManifest, lockfile: 'bun.lockb' },
];

try {
  for (const variant of variants) {
    const bun = installBun(variant.bun);
    const home = join(work, 'home', variant.dir);
    const env = { HOME: home, BUN_INSTALL: join(home, '.bun'), BUN_INSTALL_CACHE_DIR: join(home, 'cache'), NO_COLOR: '1' };
    // `link:linked-thing` needs the package registered with `bun link` first.
    const linked = join(work, 'linked', variant.dir);
    write(join(linked, 'package.json'), { name: 'linked-thing', version: '0.2.0', dependencies: { 'is-buffer': '^1.1.6' } });
    run(linked, bun, ['link'], env);
    const dir = join(work, variant.dir);
    writeProject(dir, variant.manifest);
    await runAsync(dir, bun, variant.args, env);
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    cpSync(join(dir, variant.lockfile), join(out, variant.lockfile));
    // Not named package.json: jest's module map would see every fixture as a package.
    write(join(out, 'project-package.json'), variant.manifest);
    if (variant.lockfile === 'bun.lock') write(join(out, 'bun-pm-ls.txt'), run(dir, bun, ['pm', 'ls', '--all'], env));
    console.error(`wrote ${out} with bun ${variant.bun}`);
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
