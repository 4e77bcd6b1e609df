/**
 * Package names come from lockfiles (and `why <package>`): a name that is not an npm package
 * name must never become a request, least of all one that walks up out of the registry's
 * path (`..` under `https://host/api/npm/repo/`) (issue 15). No registry can know it: it is
 * not found, which blocks it (missing-version), as the architecture decides for unknown packages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isRequestablePackageName } from '../../src/model/package-name.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

let registry: FixtureRegistry;
let cacheDir: string;
beforeEach(async () => {
  const documents = new Map(['JSONStream', 'lodash.merge', '@scope/pkg', 'demo'].map((name) => [name, makePackument({ name, versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] })]));
  registry = await startFixtureRegistry({ documents });
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-names-'));
});
afterEach(async () => {
  await registry.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const client = () => createRegistryClient({
  config: mergeNpmConfig({ project: parseNpmrc('', { env: {}, source: '/p/.npmrc' }) }),
  registry: `${registry.url}api/npm/repo/`,
  cacheDir,
  retry: { retries: 0, minTimeout: 1, maxTimeout: 1 },
  clock: () => FIXTURE_NOW,
  userAgent: TEST_USER_AGENT,
});

const INVALID = ['.', '..', '../demo', 'a/../../demo', '@scope/..', '@../demo', '@scope/.', '%2e%2e', '.hidden', '_private', ' demo', 'demo ', '', '@scope/', '@/demo', 'a/b', '@scope/a/b', 'new\nline'];

test.each(INVALID)('%j is never requested: not found (missing-version blocks it)', async (name) => {
  await expect(client().fetchHistory(name)).resolves.toEqual({ status: 'not-found', name, registry: `${registry.url}api/npm/repo/` });
  expect(registry.requests).toEqual([]);
});

test('valid names, old-style ones included, are asked for under the registry path', async () => {
  for (const name of ['demo', 'JSONStream', 'lodash.merge', '@scope/pkg']) {
    await expect(client().fetchHistory(name)).resolves.toMatchObject({ status: 'not-found' });
  }
  expect(registry.requests.map((r) => r.path)).toEqual(['/api/npm/repo/demo', '/api/npm/repo/JSONStream', '/api/npm/repo/lodash.merge', '/api/npm/repo/@scope%2fpkg']);
});

test('the predicate', () => {
  expect(INVALID.filter(isRequestablePackageName)).toEqual([]);
  expect(['a', 'A-b_c.d', '@s/p', 'x~y', "it's", 'a!'].every(isRequestablePackageName)).toBe(true);
});
