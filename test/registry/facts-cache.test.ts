/**
 * The facts cache, one store file per cache directory: a fresh entry (registry max-age, 5 minutes at most) is used without a
 * request; a stale one is revalidated with the stored ETag and reused on 304; anything it
 * cannot trust is ignored (a full fetch), never an answer. The clock is injected: no test
 * sleeps.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import type { HistoryResult } from '../../src/model/history-source.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/client.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { factsStorePath } from '../../src/registry/facts-cache.js';
import {
  FACTS_SCHEMA_VERSION, conditionalHeaders, parseFactsEntry, renewFactsEntry, serializeFactsEntry,
} from '../../src/registry/facts-entry.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const TOKEN = 'npm_SECRET_0123456789';
const doc = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] });

let registry: FixtureRegistry;
let cacheDir: string;
/** The client's wall clock; the fixture registry says `max-age=300`. */
let clockMs: number;
const STALE = 301_000;
beforeEach(async () => {
  clockMs = Date.parse('2026-05-01T00:00:00Z');
  registry = await startFixtureRegistry({ documents: { demo: doc } });
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-facts-'));
});
afterEach(async () => {
  await registry.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const client = (url = registry.url, options: Partial<RegistryClientOptions> = {}) => {
  const host = new URL(registry.url).host;
  const npmrc = `//${host}/:_authToken=${TOKEN}`;
  const config = mergeNpmConfig({ project: parseNpmrc(npmrc, { env: {}, source: '/p/.npmrc' }) });
  return createRegistryClient({ config, registry: url, cacheDir, clock: () => clockMs, userAgent: TEST_USER_AGENT, ...options });
};
const history = (result: HistoryResult) => (result.status === 'found' ? result.history : null);
const statuses = () => registry.requests.map((r) => r.status);

async function cacheFiles(): Promise<string[]> {
  const files = await readdir(cacheDir, { recursive: true, withFileTypes: true });
  return files.filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
}

describe('the registry client with the facts cache', () => {
  test('a stale entry is revalidated with the ETag and the facts reused on 304', async () => {
    const first = await client().fetchHistory('demo');
    clockMs += STALE;
    const second = await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
    expect(registry.requests[1]?.headers['if-none-match']).toMatch(/^".+"$/);
    expect(registry.requests[1]?.headers['if-none-match']).toBe(await storedEtag());
    expect(history(second)).toEqual(projectPackument(doc, registry.url, 'demo'));
    expect(second).toEqual(first);
  });

  test('a changed document is fetched and replaces the facts', async () => {
    await client().fetchHistory('demo');
    const changed = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }, { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 1) }] });
    registry.setDocument('demo', changed);
    clockMs += STALE;
    expect(history(await client().fetchHistory('demo'))?.versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.1']);
    clockMs += STALE;
    expect(history(await client().fetchHistory('demo'))?.versions).toHaveLength(2);
    expect(statuses()).toEqual([200, 200, 304]);
  });

  test.each([
    ['corrupt', () => '{"schemaVersion":1,'],
    ['another schema version', (text: string) => text.replace(`"schemaVersion":${FACTS_SCHEMA_VERSION}`, '"schemaVersion":999')],
    ['of one line', (text: string) => text.replace('\n', '')],
    ['without a fetch time', (text: string) => text.replace(/"fetchedAt":\d+/, '"fetchedAt":"soon"')],
    ['of a negative max-age', (text: string) => text.replace('"maxAge":300', '"maxAge":-1')],
    ['a history of the wrong shape', (text: string) => text.replace('"versions":[', '"versions":[7,')],
    ['a history for another registry', (text: string) => text.replaceAll(registry.url, 'https://elsewhere.example/')],
  ])('an entry that is %s is ignored: a full request, no conditional header', async (_, spoil) => {
    await client().fetchHistory('demo');
    const [file] = await cacheFiles();
    await writeFile(file!, spoil(await readFile(file!, 'utf8')));
    const result = await client().fetchHistory('demo');
    expect(history(result)).toEqual(projectPackument(doc, registry.url, 'demo'));
    expect(statuses()).toEqual([200, 200]);
    expect(registry.requests[1]?.headers['if-none-match']).toBeUndefined();
  });

  test('entries are per registry: another registry URL does not reuse them', async () => {
    await client().fetchHistory('demo');
    await client(registry.url.replace('127.0.0.1', 'localhost')).fetchHistory('demo');
    expect(statuses()).toEqual([200, 200]);
  });

  test('neither the token nor the package name reaches the cache files or their names', async () => {
    await client().fetchHistory('demo');
    const files = await cacheFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toBe(factsStorePath(cacheDir));
    expect(files[0]!.slice(cacheDir.length)).not.toContain('demo');
    expect(await readFile(files[0]!, 'utf8')).not.toContain(TOKEN);
  });

  test('a response without ETag or Last-Modified is not cached, and that is said once per registry', async () => {
    registry.setRoute('demo', { status: 200, body: doc, headers: { etag: '' } });
    registry.setRoute('other', { status: 200, body: makePackument({ name: 'other', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] }), headers: { etag: '' } });
    const told: string[] = [];
    const once = client(registry.url, { onUncacheable: (url) => told.push(url) });
    await once.fetchHistory('demo');
    await once.fetchHistory('other');
    expect(await cacheFiles()).toEqual([]);
    expect(statuses()).toEqual([200, 200]);
    expect(told).toEqual([registry.url]);
    expect(once.factsState().freshUntil).toBe(-Infinity);
  });

  test('with the policy\'s cacheMaxAge, such a response is fresh for that long (beyond 5 minutes), then fetched in full', async () => {
    registry.setRoute('demo', { status: 200, body: doc, headers: { etag: '', 'cache-control': '' } });
    const told: string[] = [];
    const options = { cacheMaxAgeFor: (url: string) => (url === registry.url ? 3_600_000 : null), onUncacheable: (url: string) => told.push(url) };
    const first = await client(registry.url, options).fetchHistory('demo');
    expect(parseFactsEntry(await readFile(factsStorePath(cacheDir), 'utf8'), registry.url, 'demo')).toMatchObject({ etag: null, lastModified: null, maxAge: 3600, fromPolicy: true });
    clockMs += 3_599_000;
    const fresh = client(registry.url, options);
    expect(await fresh.fetchHistory('demo')).toEqual(first);
    expect(fresh.factsState().freshUntil).toBe(clockMs + 1_000);
    expect(statuses()).toEqual([200]);
    clockMs += 1_000;
    await client(registry.url, options).fetchHistory('demo');
    expect(statuses()).toEqual([200, 200]);
    expect(registry.requests[1]?.headers['if-none-match']).toBeUndefined();
    expect(told).toEqual([]);
    // Another registry has no cacheMaxAge: not cached.
    await client(registry.url, { cacheMaxAgeFor: () => null }).fetchHistory('demo');
    await client(registry.url, { cacheMaxAgeFor: () => null }).fetchHistory('demo');
    expect(statuses()).toEqual([200, 200, 200, 200]);
  });

  test('cacheMaxAge also holds a response with an ETag but no Cache-Control (Verdaccio), which otherwise is fetched in full every run', async () => {
    // Like Verdaccio 6: an ETag, no Cache-Control, and a full 200 even to If-None-Match.
    const route = { status: 200, body: doc, headers: { 'cache-control': '' }, never304: true };
    registry.setRoute('demo', route);
    await client(registry.url, { cacheMaxAgeFor: () => null }).fetchHistory('demo');
    await client(registry.url, { cacheMaxAgeFor: () => null }).fetchHistory('demo');
    expect(statuses()).toEqual([200, 200]);
    expect(registry.requests[1]?.headers['if-none-match']).toMatch(/^".+"$/);
    const options = { cacheMaxAgeFor: (url: string) => (url === registry.url ? 3_600_000 : null) };
    const first = await client(registry.url, options).fetchHistory('demo');
    expect(parseFactsEntry(await readFile(factsStorePath(cacheDir), 'utf8'), registry.url, 'demo')).toMatchObject({ maxAge: 3600, fromPolicy: true });
    clockMs += 3_599_000;
    expect(await client(registry.url, options).fetchHistory('demo')).toEqual(first);
    expect(statuses()).toEqual([200, 200, 200]);
    // Without the setting, the entry is revalidated again (its ETag is kept).
    await client(registry.url, { cacheMaxAgeFor: () => null }).fetchHistory('demo');
    expect(statuses()).toEqual([200, 200, 200, 200]);
    expect(registry.requests[3]?.headers['if-none-match']).toMatch(/^".+"$/);
  });

  test('several packages share one store; each is parsed only when asked for', async () => {
    registry.setDocument('other', makePackument({ name: 'other', versions: [{ version: '2.0.0', publishedAt: daysBefore(FIXTURE_NOW, 10) }] }));
    const first = client();
    await Promise.all([first.fetchHistory('demo'), first.fetchHistory('other')]);
    expect(await cacheFiles()).toEqual([factsStorePath(cacheDir)]);
    expect((await readFile(factsStorePath(cacheDir), 'utf8')).split('\n')).toHaveLength(5);
    const second = client();
    expect(history(await second.fetchHistory('other'))?.versions.map((v) => v.version)).toEqual(['2.0.0']);
    expect(statuses()).toEqual([200, 200]);
    // Another run's entries written meanwhile are kept when this one writes back.
    registry.setDocument('third', makePackument({ name: 'third', versions: [{ version: '3.0.0', publishedAt: daysBefore(FIXTURE_NOW, 10) }] }));
    const a = client();
    await a.fetchHistory('demo');
    await client().fetchHistory('third');
    clockMs += STALE;
    await a.fetchHistory('other');
    const stored = await readFile(factsStorePath(cacheDir), 'utf8');
    for (const name of ['demo', 'other', 'third']) expect(stored).toContain(`"name":"${name}"`);
  });
});

describe('freshness: no request while the registry\'s max-age allows', () => {
  const versions = (result: HistoryResult) => history(result)?.versions.map((v) => v.version);
  const publishNewVersion = () => registry.setDocument('demo', makePackument({
    name: 'demo',
    versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }, { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 0) }],
  }));

  test('a fresh entry is used without any request, until max-age has passed', async () => {
    const first = await client().fetchHistory('demo');
    clockMs += 299_999;
    expect(await client().fetchHistory('demo')).toEqual(first);
    expect(statuses()).toEqual([200]);
    clockMs += 1;
    expect(await client().fetchHistory('demo')).toEqual(first);
    expect(statuses()).toEqual([200, 304]);
  });

  test('within max-age a new release is not seen; --prefer-online sees it at once', async () => {
    await client().fetchHistory('demo');
    publishNewVersion();
    clockMs += 1_000;
    expect(versions(await client().fetchHistory('demo'))).toEqual(['1.0.0']);
    expect(versions(await client(registry.url, { preferOnline: true }).fetchHistory('demo'))).toEqual(['1.0.0', '1.0.1']);
    expect(statuses()).toEqual([200, 200]);
  });

  test('--prefer-online revalidates a fresh entry (304) instead of using it', async () => {
    await client().fetchHistory('demo');
    await client(registry.url, { preferOnline: true }).fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
  });

  test('a 304 with another max-age rewrites the entry with it', async () => {
    await client().fetchHistory('demo');
    clockMs += STALE;
    registry.setRoute('demo', { status: 200, body: doc, headers: { 'cache-control': 'max-age=60' } });
    await client().fetchHistory('demo');
    expect(parseFactsEntry(await readFile(factsStorePath(cacheDir), 'utf8'), registry.url, 'demo'))
      .toMatchObject({ fetchedAt: clockMs, maxAge: 60 });
    clockMs += 60_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304, 304]);
  });

  test('a 304 renews the freshness; a later run within max-age asks nothing', async () => {
    await client().fetchHistory('demo');
    const path = factsStorePath(cacheDir);
    clockMs += STALE;
    await client().fetchHistory('demo');
    expect(parseFactsEntry(await readFile(path, 'utf8'), registry.url, 'demo')?.fetchedAt).toBe(clockMs);
    clockMs += 299_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
  });

  test('a longer max-age is capped at 5 minutes', async () => {
    registry.setRoute('demo', { status: 200, body: doc, headers: { 'cache-control': 'public, max-age=86400' } });
    await client().fetchHistory('demo');
    clockMs += 299_000;
    await client().fetchHistory('demo');
    clockMs += 1_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
  });

  test.each([
    ['no Cache-Control', ''],
    ['no-cache', 'no-cache, max-age=300'],
    ['no-store', 'no-store'],
    ['max-age=0', 'public, max-age=0'],
  ])('a registry that sends %s is revalidated on every run', async (_, cacheControl) => {
    registry.setRoute('demo', { status: 200, body: doc, headers: { 'cache-control': cacheControl } });
    await client().fetchHistory('demo');
    await client().fetchHistory('demo');
    clockMs += 1_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304, 304]);
  });

  test('the time a response spent in a CDN (Age) counts against max-age', async () => {
    registry.setRoute('demo', { status: 200, body: doc, headers: { 'cache-control': 'max-age=300', age: '250' } });
    await client().fetchHistory('demo');
    clockMs += 49_000;
    await client().fetchHistory('demo');
    clockMs += 1_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
  });

  test('an entry fetched "in the future" (the clock went back) is revalidated', async () => {
    await client().fetchHistory('demo');
    clockMs -= 60_000;
    await client().fetchHistory('demo');
    expect(statuses()).toEqual([200, 304]);
  });
});

async function storedEtag(): Promise<string | null | undefined> {
  const entry = parseFactsEntry(await readFile(factsStorePath(cacheDir), 'utf8'), registry.url, 'demo');
  return entry?.etag;
}

describe('facts entries', () => {
  const entry = {
    registry: 'https://r.example/',
    name: 'demo',
    etag: '"abc"',
    lastModified: null,
    fetchedAt: Date.parse('2026-05-01T00:00:00Z'),
    maxAge: 300,
    history: projectPackument(doc, 'https://r.example/', 'demo'),
  };

  test('round trip, and only for the same registry and name', () => {
    const text = serializeFactsEntry(entry);
    expect(parseFactsEntry(text, 'https://r.example/', 'demo')).toEqual(entry);
    expect(parseFactsEntry(text, 'https://r.example/', 'other')).toBeNull();
    expect(parseFactsEntry(text, 'https://s.example/', 'demo')).toBeNull();
  });

  test('an entry without validators is useless and refused, unless its lifetime is the policy\'s cacheMaxAge', () => {
    expect(parseFactsEntry(serializeFactsEntry({ ...entry, etag: null }), 'https://r.example/', 'demo')).toBeNull();
    const kept = { ...entry, etag: null, maxAge: 3600, fromPolicy: true };
    expect(parseFactsEntry(serializeFactsEntry(kept), 'https://r.example/', 'demo')).toEqual(kept);
  });

  test('renewing replaces the freshness only, and only of the entry that was revalidated', () => {
    const stored = { ...entry, fetchedAt: 1_000, maxAge: 300 };
    const text = serializeFactsEntry(stored);
    const renewed = renewFactsEntry(text, { ...stored, fetchedAt: 9_000, maxAge: 60 });
    expect(parseFactsEntry(renewed!, 'https://r.example/', 'demo')).toEqual({ ...stored, fetchedAt: 9_000, maxAge: 60 });
    expect(renewFactsEntry(text, { ...stored, etag: '"newer"' })).toBeNull();
    expect(renewFactsEntry(text, { ...stored, name: 'other' })).toBeNull();
    expect(renewFactsEntry('{"schemaVersion":1,', stored)).toBeNull();
  });

  test('conditional headers prefer the ETag', () => {
    expect(conditionalHeaders({ etag: '"e"', lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT' })).toEqual({ 'if-none-match': '"e"' });
    expect(conditionalHeaders({ etag: null, lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT' })).toEqual({ 'if-modified-since': 'Tue, 01 Jan 2026 00:00:00 GMT' });
  });
});
