/**
 * `check` against a wrong or unreachable registry: exit 2 and one error naming the registry,
 * not a missing-version block per package; a package the registry really does not know is
 * still a block. Local registries on 127.0.0.1 only.
 */
import { writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { NOT_A_REGISTRY_AFTER, UNAVAILABLE_AFTER } from '../../src/registry/circuit-breaker.js';
import { runCli } from '../support/cli.js';
import { FIXTURE_NOW, daysBefore, isoOf, makePackument } from '../support/packument.js';
import { makeTempDir } from '../support/temp.js';

const NOW = isoOf(FIXTURE_NOW);
const NAMES = Array.from({ length: NOT_A_REGISTRY_AFTER + 10 }, (_, i) => `dep-${String(i).padStart(2, '0')}`);
const MISSING = 'dep-07';

function project(names: readonly string[]): string {
  const dir = makeTempDir('fail-fast');
  const lockfile = {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { dependencies: Object.fromEntries(names.map((name) => [name, '^1.0.0'])) },
      ...Object.fromEntries(names.map((name) => [`node_modules/${name}`, {
        version: '1.0.0',
        resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
        // What makePackument publishes for it.
        integrity: `sha512-${Buffer.from(`${name}@1.0.0`).toString('base64')}`,
      }])),
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfile));
  return dir;
}

let registry: FixtureRegistry;
let dir: string;
beforeAll(async () => {
  const documents = new Map(
    NAMES.filter((name) => name !== MISSING).map((name) => [name, makePackument({ name, versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 60) }] })]),
  );
  registry = await startFixtureRegistry({ documents });
  dir = project(NAMES);
});
afterAll(async () => {
  await registry.close();
});

test('a package the registry does not know is still a missing-version block', async () => {
  const result = await runCli(['check', dir, '--registry', registry.url, '--now', NOW]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`BLOCK  ${MISSING}@1.0.0  missing-version: ${registry.url} does not know this package`);
  expect(result.stdout.match(/^BLOCK/gm)).toHaveLength(1);
});

test('a registry URL with a wrong path: exit 2 and one error naming the URL, no blocks', async () => {
  const before = registry.requests.length;
  const wrong = `${registry.url}wrongpath/`;
  const result = await runCli(['check', dir, '--registry', wrong, '--now', NOW, '--concurrency', '4']);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const [line, hint, ...rest] = result.stderr.split('\n');
  expect(line).toBe(
    `quarantine: this URL does not look like an npm registry: ${wrong} (${NOT_A_REGISTRY_AFTER} of ${NOT_A_REGISTRY_AFTER} lookups answered 404 Not Found, none a package document)`,
  );
  expect(hint).toMatch(/^ {2}hint: check the registry URL/);
  expect(rest).toEqual(['']);
  // Not one request per package: the lookups queued behind the threshold were never sent.
  expect(registry.requests.length - before).toBeLessThan(NAMES.length);
});

test('the wrong path with --json: the error document on stdout, the same line on stderr', async () => {
  const wrong = `${registry.url}wrongpath/`;
  const result = await runCli(['check', dir, '--registry', wrong, '--now', NOW, '--json']);
  expect(result.code).toBe(2);
  const document = JSON.parse(result.stdout) as { schemaVersion: number; error: { code: string; message: string; hint: string } };
  expect(document).toMatchObject({ schemaVersion: 1, error: { code: 'E_NOT_A_REGISTRY' } });
  expect(document.error.message).toMatch(new RegExp(`^this URL does not look like an npm registry: ${wrong} \\(`));
  expect(result.stderr.split('\n')[0]).toBe(`quarantine: ${document.error.message}`);
});

test('a closed port: exit 2 and one error naming the registry', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const result = await runCli(['check', dir, '--registry', `http://127.0.0.1:${port}/`, '--now', NOW]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^quarantine: http://127\\.0\\.0\\.1:${port}/: cannot connect \\(ECONNREFUSED: connection refused\\), so no package of this registry was checked\\n {2}hint: `));
});

test('a registry that answers 503 to everything: exit 2 after a few lookups, not three requests per package', async () => {
  const { createServer } = await import('node:http');
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"Service Unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const result = await runCli(['check', dir, '--registry', url, '--now', NOW, '--concurrency', '4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^quarantine: ${url}: unavailable \\(HTTP 503\\) fetching dep-\\d+, 3 attempt\\(s\\)\n`));
    // Before: every one of the 30 packages was asked three times (90 requests).
    expect(requests).toBeLessThanOrEqual((UNAVAILABLE_AFTER + 4) * 3);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
