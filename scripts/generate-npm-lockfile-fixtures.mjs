#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/npm/* with the real npm (see the README there).
 *
 *   node scripts/generate-npm-lockfile-fixtures.mjs
 *
 * Needs: npm (11 here) on PATH, network access to the npm registry, git, and `npx npm@6` for v1.
 * It builds one small project (a workspace, an alias, dev/optional deps, duplicates, a `file:`
 * tarball, a `file:` directory, an http tarball served from 127.0.0.1 and a `git+file:` repo)
 * and asks npm to write lockfiles in every shape we read, plus `npm ls --all --json` next to each.
 * Registry versions are pinned exactly so a rerun produces the same trees.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(repoRoot, 'test/fixtures/lockfiles/npm');
const gitRepo = '/tmp/rq-fixture-git/git-dep'; // fixed path: it is written into the lockfiles
const tarballPort = 47123; // fixed port: it is written into the lockfiles
// Fixed work directory: npm ls writes absolute `file:` paths into its output.
const work = '/tmp/rq-npm-fixture-work';
rmSync(work, { recursive: true, force: true });

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const write = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : json(value));
};
const run = (cwd, cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
// Asynchronous, so the in-process tarball server below can answer while npm runs.
const runAsync = async (cwd, cmd, args) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;

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
  name: 'rq-npm-fixture',
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
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  // is-odd is also reached through the optional is-even: npm marks it devOptional.
  devDependencies: { 'kind-of': '6.0.3', 'is-odd': '0.1.2' },
  optionalDependencies: { 'is-even': '1.0.0' },
};
write(join(template, 'package.json'), rootManifest);
write(join(template, 'packages/ws-a/package.json'), { name: 'ws-a', version: '1.0.0', dependencies: { ms: '2.0.0', 'is-number': '^7.0.0' } });
write(join(template, 'packages/ws-b/package.json'), { name: 'ws-b', version: '0.3.0', dependencies: { 'ws-a': '^1.0.0' }, devDependencies: { 'is-buffer': '^1.1.6' } });
write(join(template, 'local/thing/package.json'), { name: 'local-thing', version: '0.1.0', dependencies: { 'is-buffer': '^1.1.6' } });
mkdirSync(join(template, 'vendor'), { recursive: true });
cpSync(packedDep, join(template, 'vendor/packed-dep-1.0.0.tgz'));
// npm 6 knows no workspaces: the v1 project is the same without them.
const { workspaces: _ignored, ...v1Manifest } = rootManifest;
const templateV1 = join(work, 'template-v1');
cpSync(template, templateV1, { recursive: true });
rmSync(join(templateV1, 'packages'), { recursive: true });
write(join(templateV1, 'package.json'), v1Manifest);

const npmInstall = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'];
const variants = [
  { dir: 'v3', args: [...npmInstall, '--omit-lockfile-registry-resolved=false'] },
  { dir: 'v3-omit-resolved', args: [...npmInstall, '--omit-lockfile-registry-resolved=true'] },
  { dir: 'v2', args: [...npmInstall, '--omit-lockfile-registry-resolved=false', '--lockfile-version=2'] },
  { dir: 'shrinkwrap', args: [...npmInstall, '--omit-lockfile-registry-resolved=false'], shrinkwrap: true },
  { dir: 'v1', npm6: true },
];

try {
  for (const variant of variants) {
    const dir = join(work, variant.dir);
    cpSync(variant.npm6 ? templateV1 : template, dir, { recursive: true });
    if (variant.npm6) await runAsync(dir, 'npx', ['-y', 'npm@6', ...npmInstall]);
    else await runAsync(dir, 'npm', variant.args);
    if (variant.shrinkwrap) run(dir, 'npm', ['shrinkwrap', '--omit-lockfile-registry-resolved=false']);
    const lockName = variant.shrinkwrap ? 'npm-shrinkwrap.json' : 'package-lock.json';
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    write(join(out, lockName), readFileSync(join(dir, lockName), 'utf8'));
    // Not named package.json: jest's module map would see every fixture as a package.
    write(join(out, 'project-package.json'), variant.npm6 ? v1Manifest : rootManifest);
    // npm ls exits 1 on problems (e.g. extraneous); keep its JSON anyway.
    let ls;
    try {
      ls = run(dir, 'npm', ['ls', '--all', '--json', '--package-lock-only']);
    } catch (error) {
      ls = error.stdout;
    }
    write(join(out, 'npm-ls.json'), ls);
    console.error(`wrote ${out}`);
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
