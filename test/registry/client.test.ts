/**
 * The registry client with the real npm-registry-fetch against the fixture registry on
 * 127.0.0.1. Nothing here reaches the internet.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { ERROR_CODES } from '../../src/model/constants.js';
import type { HistoryResult } from '../../src/model/history-source.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/client.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { FIXTURE_NOW, daysBefore, makePackument, trustedPublisher } from '../support/packument.js';

const TOKEN = 'npm_TESTTOKEN_0123456789';
const t = (days: number) => daysBefore(FIXTURE_NOW, days);
const demo = makePackument({
  name: 'demo',
  versions: [
    { version: '1.0.0', publishedAt: t(40), publisher: 'alice' },
    { version: '1.1.0', publishedAt: t(1), publisher: trustedPublisher(), provenance: true },
  ],
});
const corpTool = makePackument({ name: '@corp/tool', versions: [{ version: '2.0.0', publishedAt: t(3) }] });

let registry: FixtureRegistry;
let corp: FixtureRegistry;
let cacheDir: string;

beforeEach(async () => {
  registry = await startFixtureRegistry({ documents: { demo } });
  corp = await startFixtureRegistry({ documents: new Map([['@corp/tool', corpTool]]) });
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-cache-'));
});

afterEach(async () => {
  await Promise.all([registry.close(), corp.close()]);
  await rm(cacheDir, { recursive: true, force: true });
});

/** The client's wall clock (HTTP freshness). */
const CLOCK = Date.parse('2026-05-01T00:00:00Z');

const hostKey = (url: string) => `//${new URL(url).host}/`;

function client(npmrc: string, options: Partial<RegistryClientOptions> = {}) {
  const config = mergeNpmConfig({ project: parseNpmrc(npmrc, { env: {}, source: '/project/.npmrc' }) });
  return createRegistryClient({
    config,
    cacheDir,
    retry: { retries: 2, minTimeout: 5, maxTimeout: 20 },
    timeout: 2_000,
    clock: () => CLOCK,
    userAgent: TEST_USER_AGENT,
    ...options,
  });
}

const npmrc = () =>
  [
    `registry=${registry.url}`,
    `@corp:registry=${corp.url}`,
    `${hostKey(corp.url)}:_authToken=${TOKEN}`,
  ].join('\n');

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; hint?: string }> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

/** Everything a careless caller might print about an error. */
const printed = (error: Error & { hint?: string }) =>
  [error.message, error.hint, error.stack, String(error), JSON.stringify(error), String(error.cause)].join('\n');

describe('createRegistryClient', () => {
  it('fetches and projects the full document', async () => {
    const result = await client(npmrc()).fetchHistory('demo');
    expect(result).toEqual({ status: 'found', history: projectPackument(demo, registry.url, 'demo') });
    expect(registry.requests).toHaveLength(1);
    expect(registry.requests[0]?.headers.accept).not.toContain('application/vnd.npm.install-v1+json');
    expect(registry.requests[0]?.headers['accept-encoding']).toContain('gzip');
  });

  it('asks for the abbreviated document as npm does, and reads it as one only when the Content-Type says so', async () => {
    const abbreviated = await client(npmrc()).fetchAbbreviated('demo');
    expect(registry.requests[0]?.headers.accept).toBe('application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*');
    expect(abbreviated).toMatchObject({ status: 'found', history: { name: 'demo', abbreviated: true, modified: t(1) } });
    const history = abbreviated.status === 'found' ? abbreviated.history : null;
    expect(history?.versions.map((v) => [v.version, v.publishedAt, v.publisher, v.integrity !== null])).toEqual([
      ['1.0.0', null, null, true], ['1.1.0', null, null, true],
    ]);

    // A registry without abbreviated documents answers with the full one: used as it is.
    registry.setRoute('demo', { body: demo, headers: { 'content-type': 'application/json' } });
    const full = await client(npmrc(), { cacheDir: join(cacheDir, 'other') }).fetchAbbreviated('demo');
    expect(full).toEqual({ status: 'found', history: projectPackument(demo, registry.url, 'demo') });
  });

  it('answers an abbreviated document modified after settledBefore with its modified alone, and keeps that only while it holds', async () => {
    const partial = await client(npmrc()).fetchAbbreviated('demo', t(2));
    expect(partial).toEqual({ status: 'found', history: expect.objectContaining({ name: 'demo', modified: t(1), versions: [], abbreviated: true, partial: true }) });

    // Stored: the same question is answered from the cache, without a request.
    registry.resetStats();
    expect(await client(npmrc()).fetchAbbreviated('demo', t(2))).toEqual(partial);
    expect(registry.requests).toHaveLength(0);

    // Asked about a later instant (the package would be settled by then), the partial entry cannot
    // answer: the document is asked for again, unconditionally, and projected in full.
    const whole = await client(npmrc()).fetchAbbreviated('demo', t(0));
    expect(registry.requests.map((r) => [r.status, r.headers['if-none-match']])).toEqual([[200, undefined]]);
    expect(whole).toMatchObject({ status: 'found', history: { abbreviated: true, versions: [{ version: '1.0.0' }, { version: '1.1.0' }] } });
    expect(whole.status === 'found' ? whole.history.partial : 'not found').toBeUndefined();
  });

  it('keeps the facts of the abbreviated and the full document apart, each revalidated with its own ETag', async () => {
    const first = client(npmrc());
    await first.fetchAbbreviated('demo');
    await first.fetchHistory('demo');
    expect(registry.requests.map((r) => r.status)).toEqual([200, 200]);
    registry.resetStats();

    const again = client(npmrc(), { preferOnline: true });
    const [abbreviated, full] = await Promise.all([again.fetchAbbreviated('demo'), again.fetchHistory('demo')]);
    expect(registry.requests.map((r) => r.status)).toEqual([304, 304]);
    const etags = registry.requests.map((r) => r.headers['if-none-match']);
    expect(new Set(etags).size).toBe(2);
    expect(abbreviated).toMatchObject({ status: 'found', history: { abbreviated: true } });
    expect(full).toEqual({ status: 'found', history: projectPackument(demo, registry.url, 'demo') });
  });

  it('routes scoped packages to their registry and sends the token only there', async () => {
    const source = client(npmrc());
    const [scoped, plain] = await Promise.all([source.fetchHistory('@corp/tool'), source.fetchHistory('demo')]);
    expect(scoped).toMatchObject({ status: 'found', history: { name: '@corp/tool', registry: corp.url } });
    expect(plain).toMatchObject({ status: 'found', history: { name: 'demo', registry: registry.url } });
    expect(corp.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/@corp%2ftool', `Bearer ${TOKEN}`],
    ]);
    expect(registry.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('lets --registry replace the default registry but keeps scope mappings', async () => {
    const source = client(`registry=http://127.0.0.1:9/\n@corp:registry=${corp.url}`, { registry: registry.url });
    await expect(source.fetchHistory('demo')).resolves.toMatchObject({ status: 'found' });
    await expect(source.fetchHistory('@corp/tool')).resolves.toMatchObject({ status: 'found' });
  });

  it('answers not-found for a 404', async () => {
    await expect(client(npmrc()).fetchHistory('nope')).resolves.toEqual({
      status: 'not-found',
      name: 'nope',
      registry: registry.url,
    });
  });

  it.each([401, 403])('maps %i to registryAuth with a hint and without the token', async (status) => {
    corp.setRoute('@corp/tool', { status, body: { error: `denied for ${TOKEN}` } });
    const error = await failure(client(npmrc()).fetchHistory('@corp/tool'));
    expect(error).toMatchObject({
      code: ERROR_CODES.registryAuth,
      message: `${corp.url}: authentication refused (${status}) fetching @corp/tool`,
      hint: `check the auth token for ${hostKey(corp.url)} in your .npmrc (npm login --registry=${corp.url})`,
    });
    expect(corp.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(printed(error)).not.toContain(TOKEN);
  });

  it('suggests adding credentials when none are configured', async () => {
    registry.setRoute('demo', { status: 401 });
    const error = await failure(client(npmrc()).fetchHistory('demo'));
    expect(error.hint).toContain(`no credentials are configured for ${hostKey(registry.url)}`);
  });

  it('retries 5xx, then fails with registryUnavailable', async () => {
    registry.setRoute('demo', { status: 503 });
    const error = await failure(client(npmrc()).fetchHistory('demo'));
    expect(error).toMatchObject({ code: ERROR_CODES.registryUnavailable });
    expect(error.message).toContain('demo');
    expect(error.message).toContain(registry.url);
    expect(registry.requestsFor('demo')).toHaveLength(3);
  });

  it('recovers when a retry succeeds', async () => {
    registry.setRoute('demo', { status: 500, times: 1 });
    await expect(client(npmrc()).fetchHistory('demo')).resolves.toMatchObject({ status: 'found' });
    expect(registry.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('times out a slow registry, retrying, then fails with registryUnavailable', async () => {
    registry.setRoute('demo', { delayMs: 3_000 });
    const source = client(npmrc(), { timeout: 150, retry: { retries: 1, minTimeout: 5, maxTimeout: 10 } });
    const error = await failure(source.fetchHistory('demo'));
    expect(error).toMatchObject({ code: ERROR_CODES.registryUnavailable });
    expect(error.message).toContain('timed out fetching demo');
    expect(registry.requestsFor('demo')).toHaveLength(2);
  });

  it('fails with registryUnavailable when nothing listens, without URL credentials', async () => {
    const closed = await startFixtureRegistry({ documents: {} });
    await closed.close();
    const url = new URL(closed.url);
    url.username = 'deploy';
    url.password = 'hunter2';
    const error = await failure(client(`registry=${url.toString()}`).fetchHistory('demo'));
    expect(error).toMatchObject({ code: ERROR_CODES.registryUnavailable });
    expect(error.message).toContain(`${closed.url}: cannot connect`);
    expect(printed(error)).not.toContain('hunter2');
  });

  it('refuses a body that is not JSON', async () => {
    const source = client(npmrc(), { preferOnline: true });
    await source.fetchHistory('demo');
    registry.setRoute('demo', { status: 200, body: '<html>proxy login</html>' });
    const error = await failure(source.fetchHistory('demo'));
    expect(error).toMatchObject({ code: ERROR_CODES.registryResponse });
  });

  it('takes a registry whose first answer is not JSON for a wrong URL (circuit-breaker.ts)', async () => {
    registry.setRoute('demo', { status: 200, body: '<html>proxy login</html>' });
    const error = await failure(client(npmrc()).fetchHistory('demo'));
    expect(error).toMatchObject({ code: ERROR_CODES.notARegistry });
  });

  it('revalidates a stale entry with the ETag and reuses the cached facts after a 304', async () => {
    const first = await client(npmrc()).fetchHistory('demo');
    const second = await client(npmrc(), { clock: () => CLOCK + 301_000 }).fetchHistory('demo');
    expect(second).toEqual(first);
    const [initial, revalidation] = registry.requests;
    expect(initial?.status).toBe(200);
    expect(revalidation?.headers['if-none-match']).toEqual(expect.stringMatching(/^".+"$/));
    expect(revalidation?.status).toBe(304);
  });

  it('with preferOnline, sees a new release on the next run despite max-age', async () => {
    await client(npmrc()).fetchHistory('demo');
    registry.setDocument('demo', makePackument({
      name: 'demo',
      versions: [{ version: '1.0.0', publishedAt: t(40) }, { version: '9.9.9', publishedAt: t(0) }],
    }));
    const result = await client(npmrc(), { preferOnline: true }).fetchHistory('demo');
    expect(result.status === 'found' && result.history.versions.map((v) => v.version)).toEqual(['1.0.0', '9.9.9']);
    expect(registry.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('dedupes concurrent requests for the same package and reports each fetch once', async () => {
    const fetched: string[] = [];
    const source = client(npmrc(), { onFetched: (name) => fetched.push(name) });
    registry.setRoute('demo', { delayMs: 50 });
    const results = await Promise.all([source.fetchHistory('demo'), source.fetchHistory('demo')]);
    expect(results[0]).toBe(results[1]);
    expect(registry.requests).toHaveLength(1);
    expect(fetched).toEqual(['demo']);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `pkg-${i}`);
    for (const name of names) {
      registry.setDocument(name, makePackument({ name, versions: [{ version: '1.0.0', publishedAt: t(9) }] }));
      registry.setRoute(name, { delayMs: 40 });
    }
    // Plenty of sockets, so only the client's own limit can hold requests back.
    const source = client(`${npmrc()}\nmaxsockets=50`, { concurrency: 3 });
    const results: HistoryResult[] = await Promise.all(names.map((name) => source.fetchHistory(name)));
    expect(results.every((r) => r.status === 'found')).toBe(true);
    expect(registry.requests).toHaveLength(12);
    expect(registry.maxInFlight).toBe(3);
  });
});
