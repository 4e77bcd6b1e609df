/**
 * The facts cache decides verdicts without a request, so it is only trusted when it is this
 * user's and nobody else can write it (issue 15): a fresh entry planted by another user
 * (owner 65534, or in a folder anyone can write) used to give "allow" with no request, and a
 * stale planted entry carrying the registry's current ETag survived revalidation, even with
 * --prefer-online. Tests run as root, so chown to 65534 works; nothing is skipped.
 */
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import type { CacheRefusal } from '../../src/model/cache-refusal.js';
import type { HistoryResult } from '../../src/model/history-source.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/client.js';
import { factsStorePath } from '../../src/registry/facts-cache.js';
import { parseFactsEntry, serializeFactsEntry } from '../../src/registry/facts-entry.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const OTHER_USER = 65534;
const ME = process.getuid?.() ?? 0;
/** What the registry says: 1.0.1 was published yesterday. */
const truth = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }, { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 1) }] });
/** What a planted entry says: 1.0.1 is a year old. */
const forged = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 400) }, { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 365) }] });

let registry: FixtureRegistry;
let scratch: string;
let cacheDir: string;
let clockMs: number;
let refusals: CacheRefusal[];
beforeEach(async () => {
  clockMs = Date.parse('2026-05-01T00:00:00Z');
  refusals = [];
  registry = await startFixtureRegistry({ documents: { demo: truth } });
  scratch = await mkdtemp(join(tmpdir(), 'quarantine-cache-trust-'));
  cacheDir = join(scratch, 'cache');
});
afterEach(async () => {
  await registry.close();
  await rm(scratch, { recursive: true, force: true });
});

const client = (options: Partial<RegistryClientOptions> = {}) => createRegistryClient({
  config: mergeNpmConfig({ project: parseNpmrc('', { env: {}, source: '/p/.npmrc' }) }),
  registry: registry.url,
  cacheDir,
  clock: () => clockMs,
  userAgent: TEST_USER_AGENT,
  cacheOwner: ME,
  onCacheRefused: (refusal) => refusals.push(refusal),
  ...options,
});
const publishedAt = (result: HistoryResult, version: string) =>
  result.status === 'found' ? result.history.versions.find((v) => v.version === version)?.publishedAt : undefined;
/** The store holds one entry here: the package `demo`. */
const entryPath = () => factsStorePath(cacheDir);

/** Replaces the stored entry with one whose history is forged, keeping its ETag; fresh unless `stale`. */
async function plant(options: { stale?: boolean } = {}): Promise<void> {
  const stored = parseFactsEntry(await readFile(entryPath(), 'utf8'), registry.url, 'demo');
  expect(stored?.etag).toMatch(/^".+"$/);
  const history = projectPackument(forged, registry.url, 'demo');
  await writeFile(entryPath(), serializeFactsEntry({ ...stored!, history, fetchedAt: options.stale ? clockMs - 3_600_000 : clockMs }));
}

const TRUE_TIME = daysBefore(FIXTURE_NOW, 1);

describe('a planted entry is never an answer', () => {
  test('a fresh entry owned by another user: fetched in full instead, reported once', async () => {
    await client().fetchHistory('demo');
    await plant();
    await chown(entryPath(), OTHER_USER, OTHER_USER);
    const result = await client().fetchHistory('demo');
    expect(publishedAt(result, '1.0.1')).toBe(TRUE_TIME);
    expect(registry.requests.map((r) => [r.status, r.headers['if-none-match']])).toEqual([[200, undefined], [200, undefined]]);
    expect(refusals).toEqual([{ path: entryPath(), reason: 'owner', owner: OTHER_USER, mode: null }]);
  });

  test('a stale entry with the current ETag, owned by another user, under --prefer-online: no 304 trusted', async () => {
    await client().fetchHistory('demo');
    await plant({ stale: true });
    await chown(entryPath(), OTHER_USER, OTHER_USER);
    const result = await client({ preferOnline: true }).fetchHistory('demo');
    expect(publishedAt(result, '1.0.1')).toBe(TRUE_TIME);
    expect(registry.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  test.each([
    ['the cache directory', () => cacheDir],
  ])('%s writable by anyone (0777): skipped, fetched, reported', async (_, dir) => {
    await client().fetchHistory('demo');
    await plant();
    await chmod(dir(), 0o777);
    const result = await client().fetchHistory('demo');
    expect(publishedAt(result, '1.0.1')).toBe(TRUE_TIME);
    expect(registry.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(refusals).toEqual([{ path: dir(), reason: 'writable', owner: null, mode: 0o777 }]);
  });

  test('a cache directory owned by another user: skipped', async () => {
    await client().fetchHistory('demo');
    await plant();
    await chown(dirname(entryPath()), OTHER_USER, OTHER_USER);
    expect(publishedAt(await client().fetchHistory('demo'), '1.0.1')).toBe(TRUE_TIME);
    expect(refusals.map((r) => r.reason)).toEqual(['owner']);
  });

  test('an entry writable by group or others (0664, 0666): skipped', async () => {
    for (const mode of [0o664, 0o666]) {
      await client().fetchHistory('demo');
      await plant();
      await chmod(entryPath(), mode);
      expect(publishedAt(await client().fetchHistory('demo'), '1.0.1')).toBe(TRUE_TIME);
    }
    expect(refusals[0]).toMatchObject({ reason: 'writable', mode: 0o664 });
  });

  test('an entry that is a symbolic link (to a file of ours): skipped', async () => {
    await client().fetchHistory('demo');
    await plant();
    const elsewhere = join(scratch, 'elsewhere.json');
    await writeFile(elsewhere, await readFile(entryPath(), 'utf8'), { mode: 0o600 });
    await rm(entryPath());
    await symlink(elsewhere, entryPath());
    expect(publishedAt(await client().fetchHistory('demo'), '1.0.1')).toBe(TRUE_TIME);
    expect(refusals.map((r) => r.reason)).toEqual(['link']);
  });

  test('a cache directory that is not ours is neither read nor written', async () => {
    await mkdir(cacheDir, { recursive: true });
    await chown(cacheDir, OTHER_USER, OTHER_USER);
    await client().fetchHistory('demo');
    await client().fetchHistory('demo');
    expect(registry.requests.map((r) => r.status)).toEqual([200, 200]);
    await expect(stat(entryPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('our own cache stays trusted', () => {
  test('the cache directory is made 0700 and the store 0600, whatever the umask; a second run uses them', async () => {
    const umask = process.umask(0o002);
    try {
      await client().fetchHistory('demo');
    } finally {
      process.umask(umask);
    }
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    expect((await stat(entryPath())).mode & 0o777).toBe(0o600);
    await client().fetchHistory('demo');
    expect(registry.requests.map((r) => r.status)).toEqual([200]);
    expect(refusals).toEqual([]);
  });

  test('a cache made 0755 / 0644 (umask 022) is trusted as it is', async () => {
    await client().fetchHistory('demo');
    await chmod(cacheDir, 0o755);
    await chmod(entryPath(), 0o644);
    clockMs += 301_000;
    await client().fetchHistory('demo');
    expect(registry.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(refusals).toEqual([]);
  });
});
