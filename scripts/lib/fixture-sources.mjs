// Shared pieces of the lockfile fixture generators (scripts/generate-*-lockfile-fixtures.mjs):
// file writers, command runners, the git dependency with a fixed commit, the two local
// tarballs, the 127.0.0.1 server, and the manifests every package manager's project shares.
// Each generator keeps its own fixed paths and port: they are written into its lockfiles.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const lockfileFixtures = join(repoRoot, 'test/fixtures/lockfiles');

export const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes a string as is, anything else as pretty JSON; creates the folder. */
export const write = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : json(value));
};

/** Runs a command synchronously and returns its stdout; stderr goes to ours. */
export const run = (cwd, cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });

/** Asynchronous, so the in-process server can answer while the package manager runs. */
export const runAsync = async (cwd, cmd, args, env = {}) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } })).stdout;

// The manifests of the shared project. Key order matters: they are written into the fixtures.
export const GIT_DEP = { name: 'git-dep', version: '1.0.0', dependencies: { 'is-buffer': '1.1.6' } };
export const PACKED_DEP = { name: 'packed-dep', version: '1.0.0', peerDependencies: { 'is-number': '^7.0.0' } };
export const TARBALL_DEP = { name: 'tarball-dep', version: '2.0.0', dependencies: { ms: '^2.1.3' } };
/** The registry dependencies every root manifest starts with. */
export const REGISTRY_DEPENDENCIES = {
  'is-number': '^7.0.0',
  'my-alias': 'npm:is-number@6.0.0',
  'to-regex-range': '^5.0.1',
  debug: '2.6.9',
  ms: '^2.1.3',
};
export const DEV_DEPENDENCIES = { 'kind-of': '6.0.3', 'is-odd': '0.1.2' };
export const OPTIONAL_DEPENDENCIES = { 'is-even': '1.0.0' };
export const WS_A = { name: 'ws-a', version: '1.0.0', dependencies: { ms: '2.0.0', 'is-number': '^7.0.0' } };
/** ws-b depends on ws-a with the spec the package manager understands. */
export const wsB = (wsASpec) => ({ name: 'ws-b', version: '0.3.0', dependencies: { 'ws-a': wsASpec }, devDependencies: { 'is-buffer': '^1.1.6' } });
export const LOCAL_THING = { name: 'local-thing', version: '0.1.0', dependencies: { 'is-buffer': '^1.1.6' } };

/**
 * The parts of the project every package manager shares: the root manifest, the workspaces ws-a
 * and ws-b (ws-b depends on ws-a with `wsASpec`), local/thing and the packed-dep tarball in vendor/.
 */
export function writeProject(dir, manifest, wsASpec, packedDep) {
  write(join(dir, 'package.json'), manifest);
  write(join(dir, 'packages/ws-a/package.json'), WS_A);
  write(join(dir, 'packages/ws-b/package.json'), wsB(wsASpec));
  write(join(dir, 'local/thing/package.json'), LOCAL_THING);
  mkdirSync(join(dir, 'vendor'), { recursive: true });
  cpSync(packedDep, join(dir, 'vendor/packed-dep-1.0.0.tgz'));
}

/**
 * A git repository holding GIT_DEP with a fixed commit id (fixed author, committer and dates).
 * `initArgs` go to `git init -q` (e.g. `['-b', 'main']`).
 */
export function commitGitDep(dir, initArgs = []) {
  write(join(dir, 'package.json'), GIT_DEP);
  const gitEnv = { GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z' };
  run(dir, 'git', ['init', '-q', ...initArgs]);
  run(dir, 'git', ['add', '.']);
  run(dir, 'git', ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.invalid', 'commit', '-qm', 'init'], gitEnv);
}

/**
 * Packs the two local tarballs under `work`: packed-dep (installed as `file:vendor/...tgz`) and
 * tarball-dep (served over http). Returns their paths.
 */
export function packTarballs(work, tarballDep = TARBALL_DEP) {
  const tarballs = join(work, 'tarballs');
  const pack = (manifest) => {
    const dir = join(work, 'src', manifest.name);
    write(join(dir, 'package.json'), manifest);
    const file = run(dir, 'npm', ['pack', '--silent', '--pack-destination', tarballs]).trim().split('\n').pop();
    return join(tarballs, file);
  };
  mkdirSync(tarballs, { recursive: true });
  return { packedDep: pack(PACKED_DEP), tarballDep: pack(tarballDep) };
}

/** An http server on 127.0.0.1:port, listening once the promise resolves. */
export async function listen(port, handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Serves the packed tarball-dep as /tarball-dep-2.0.0.tgz on 127.0.0.1:port. */
export const serveTarballDep = (port, tarballDep) =>
  listen(port, (req, res) => {
    if (req.url === '/tarball-dep-2.0.0.tgz') res.end(readFileSync(tarballDep));
    else res.writeHead(404).end();
  });

/** Runs `body`, then closes the server and removes the work folder, whatever happened. */
export async function cleanUpAfter(server, work, body) {
  try {
    await body();
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
