/**
 * A real private registry for end-to-end tests: Verdaccio (the devDependency) in a child process
 * on 127.0.0.1, on a port it picks itself, with
 * - a temp config and storage seeded the way Verdaccio keeps packages it holds itself
 *   (`<storage>/<name>/package.json` with `_attachments`, the tarballs beside it): packuments
 *   with real-shaped `time`, `_npmUser` and maintainers, tarballs whose integrity matches;
 * - an uplink `upstream` proxying a local fixture registry (scripts/lib/fixture-registry.mjs)
 *   for every package it does not hold;
 * - `@private/*` readable only with a token: an htpasswd user (SHA-1 entry, registration
 *   closed) logs in once through the npm login endpoint, as `npm login` does, and the token
 *   it gets back is what a project's .npmrc carries. The password is random per run.
 *
 * One Verdaccio per test file (`useVerdaccio` in beforeAll/afterAll): it takes ~1.5 s to start.
 * Verdaccio runs in a child process rather than in Jest's module sandbox: its Express app,
 * loggers and timers stay out of the test runner, and stopping it is one signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { buildInstallRegistry, type InstallPackageSpec } from '../../scripts/lib/install-fixtures.mjs';
import { REPO_ROOT } from './cli.js';
import { makeTempDir } from './temp.js';

/**
 * A package in Verdaccio's storage. `asPublishedByNpm`: stored the way `npm publish` to Verdaccio
 * 6.10.4 leaves it (measured, docs/registries.md): no `_npmUser`, no top-level `maintainers`, and
 * each version's `maintainers` copied from the package.json's own field (a person, not an account).
 */
export interface LocalPackageSpec extends InstallPackageSpec {
  asPublishedByNpm?: boolean;
}

export interface VerdaccioOptions {
  /** The clock the seeded publish times are relative to (ms). */
  now: number;
  /** Packages Verdaccio holds in its own storage (published to it). */
  local: LocalPackageSpec[];
  /** Packages only the upstream registry has; Verdaccio proxies them through its uplink. */
  upstream: InstallPackageSpec[];
}

export interface Verdaccio {
  /** Verdaccio's base URL with a trailing slash. */
  readonly url: string;
  /** npm's key for this registry's credentials: `//127.0.0.1:<port>/`. */
  readonly authKey: string;
  /** A token of the htpasswd user, as `npm login` would have written it to .npmrc. */
  readonly token: string;
  /** The password the token was issued for (never given to the gate; asserted absent too). */
  readonly password: string;
  /** The registry behind the uplink. */
  readonly upstream: FixtureRegistry;
  /** Everything Verdaccio printed (its log level is `warn`). */
  output(): string;
  close(): Promise<void>;
}

/** Verdaccio's package entry (its CommonJS build), loaded by the child process. */
const VERDACCIO_ENTRY = createRequire(import.meta.url).resolve('verdaccio');

export const PRIVATE_USER = 'ci-reader';
/** Verdaccio's secret must be 32 characters on Node 22+; a fixed one keeps start-up quiet. */
const SECRET = 'quarantine-test-secret-32-chars!';

function verdaccioConfig(dir: string, upstreamUrl: string): string {
  return [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: -1',
    'uplinks:',
    '  upstream:',
    `    url: ${JSON.stringify(upstreamUrl)}`,
    '    timeout: 10s',
    'packages:',
    "  '@private/*':",
    '    access: $authenticated',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: upstream',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: json, level: warn }',
    '',
  ].join('\n');
}

/**
 * Writes `packages` as Verdaccio's local storage keeps published packages. Tarball URLs point
 * at a placeholder host: Verdaccio rewrites every `dist.tarball` to its own address when it
 * serves a document.
 */
function seedStorage(storage: string, now: number, packages: LocalPackageSpec[]): void {
  const { documents, tarballs } = buildInstallRegistry({ registryUrl: 'http://verdaccio.invalid/', now, packages });
  for (const [name, built] of documents) {
    const folder = join(storage, ...name.split('/'));
    mkdirSync(folder, { recursive: true });
    const doc = built as Record<string, unknown> & { versions: Record<string, Record<string, unknown> & { dist: { shasum: string } }> };
    const versions = doc.versions;
    if (packages.find((p) => p.name === name)?.asPublishedByNpm) {
      delete doc['maintainers'];
      for (const manifest of Object.values(versions)) {
        delete manifest['_npmUser'];
        manifest['maintainers'] = [{ name: 'Dana Example', email: 'dana@example.invalid', url: 'https://dana.example.invalid' }];
      }
    }
    const attachments: Record<string, { shasum: string; version: string }> = {};
    for (const [version, manifest] of Object.entries(versions)) {
      const file = `${name.split('/').at(-1)}-${version}.tgz`;
      attachments[file] = { shasum: manifest.dist.shasum, version };
      const bytes = tarballs.get(`/${name}/-/${file}`);
      if (!bytes) throw new Error(`no tarball built for ${name}@${version}`);
      writeFileSync(join(folder, file), bytes);
    }
    const stored = { ...doc, users: {}, _uplinks: {}, _distfiles: {}, _attachments: attachments, _rev: '1-0000000000000001', _id: name, readme: '' };
    writeFileSync(join(folder, 'package.json'), `${JSON.stringify(stored, null, 2)}\n`);
  }
  writeFileSync(join(storage, '.verdaccio-db.json'), JSON.stringify({ list: [...documents.keys()], secret: SECRET }));
}

/** Starts the upstream registry and Verdaccio; resolves once Verdaccio listens and the token is issued. */
export async function startVerdaccio(options: VerdaccioOptions): Promise<Verdaccio> {
  const dir = makeTempDir('verdaccio');
  const storage = join(dir, 'storage');
  mkdirSync(storage);
  seedStorage(storage, options.now, options.local);

  const documents = new Map<string, object>();
  const tarballs = new Map<string, Buffer>();
  const upstream = await startFixtureRegistry({ documents, tarballs });
  const built = buildInstallRegistry({ registryUrl: upstream.url, now: options.now, packages: options.upstream });
  for (const [name, doc] of built.documents) documents.set(name, doc);
  for (const [path, bytes] of built.tarballs) tarballs.set(path, bytes);

  const password = randomBytes(18).toString('base64url');
  const sha1 = createHash('sha1').update(password).digest('base64');
  writeFileSync(join(dir, 'htpasswd'), `${PRIVATE_USER}:{SHA}${sha1}:autocreated 2026-01-01T00:00:00.000Z\n`);
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, verdaccioConfig(dir, upstream.url));

  let output = '';
  const child = spawnVerdaccio(configPath, (text) => (output += text));
  let url: string;
  try {
    const port = await listeningPort(child, () => output);
    url = `http://127.0.0.1:${port}/`;
  } catch (error) {
    child.kill();
    await upstream.close();
    throw error;
  }
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await upstream.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  let token: string;
  try {
    token = await login(url, password);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    authKey: url.replace(/^https?:/, ''),
    token,
    password,
    upstream,
    output: () => output,
    close: stop,
  };
}

/** `node -e` with Verdaccio's own server factory: it listens on port 0 and prints the port it got. */
function spawnVerdaccio(configPath: string, onOutput: (text: string) => void): ChildProcess {
  const launcher = [
    'const { runServer } = require(process.argv[1]);',
    'runServer(process.argv[2]).then((server) => {',
    "  server.listen(0, '127.0.0.1', () => process.stdout.write(`quarantine-verdaccio-port ${server.address().port}\\n`));",
    '}, (error) => { console.error(String(error && error.message)); process.exit(1); });',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', launcher, VERDACCIO_ENTRY, configPath], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', onOutput);
  child.stderr?.setEncoding('utf8').on('data', onOutput);
  return child;
}

function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = /quarantine-verdaccio-port (\d+)/.exec(output());
      if (match) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null): void => reject(new Error(`Verdaccio exited (${code}) before listening:\n${output()}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The npm login exchange for an existing user: `PUT /-/user/org.couchdb.user:<name>` with the
 * password in Basic auth (npm-profile's couch login retries this way after a 409).
 */
async function login(url: string, password: string): Promise<string> {
  const basic = Buffer.from(`${PRIVATE_USER}:${password}`).toString('base64');
  const response = await fetch(`${url}-/user/org.couchdb.user:${PRIVATE_USER}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` },
    body: JSON.stringify({ _id: `org.couchdb.user:${PRIVATE_USER}`, name: PRIVATE_USER, password, type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (response.status !== 201 || typeof body.token !== 'string') {
    throw new Error(`Verdaccio refused the login of ${PRIVATE_USER} (${response.status})`);
  }
  return body.token;
}

/** Starts Verdaccio in beforeAll and stops it in afterAll; call the result inside tests. */
export function useVerdaccio(options: VerdaccioOptions): () => Verdaccio {
  let verdaccio: Verdaccio | undefined;
  beforeAll(async () => {
    verdaccio = await startVerdaccio(options);
  }, 30_000);
  afterAll(async () => {
    await verdaccio?.close();
  });
  return () => {
    if (!verdaccio) throw new Error('Verdaccio is not running');
    return verdaccio;
  };
}
