/** What the lean transport does that client.test.ts does not already pin down: redirects. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { ERROR_CODES } from '../../src/model/constants.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { NOW } from '../support/history.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const TOKEN = 'npm_REDIRECT_TOKEN_42';
const doc = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 9) }] });

let front: FixtureRegistry;
let mirror: FixtureRegistry;
let cacheDir: string;
beforeEach(async () => {
  front = await startFixtureRegistry({ documents: {} });
  mirror = await startFixtureRegistry({ documents: { demo: doc } });
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-transport-'));
});
afterEach(async () => {
  await Promise.all([front.close(), mirror.close()]);
  await rm(cacheDir, { recursive: true, force: true });
});

function client() {
  const npmrc = `registry=${front.url}\n//${new URL(front.url).host}/:_authToken=${TOKEN}`;
  const config = mergeNpmConfig({ project: parseNpmrc(npmrc, { env: {}, source: '/p/.npmrc' }) });
  return createRegistryClient({ config, cacheDir, retry: { retries: 0, minTimeout: 1, maxTimeout: 1 }, clock: () => NOW, userAgent: TEST_USER_AGENT });
}

test('follows a redirect to another host without taking the token along', async () => {
  front.setRoute('demo', { status: 302, body: '', headers: { location: `${mirror.url}demo` } });
  await expect(client().fetchHistory('demo')).resolves.toMatchObject({ status: 'found', history: { name: 'demo' } });
  expect(front.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(mirror.requests).toHaveLength(1);
  expect(mirror.requests[0]?.headers.authorization).toBeUndefined();
});

test('gives up on a redirect loop with a registry error', async () => {
  front.setRoute('demo', { status: 301, body: '', headers: { location: `${front.url}demo` } });
  await expect(client().fetchHistory('demo')).rejects.toMatchObject({ code: ERROR_CODES.registryResponse });
  expect(front.requests.length).toBe(11);
});
