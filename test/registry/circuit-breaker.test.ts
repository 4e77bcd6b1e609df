/**
 * A wrong or unreachable registry fails the run at once, with one error naming the registry,
 * instead of a missing-version block (or a retried request) per package. Local servers on
 * 127.0.0.1 only; the counts of requests and connection attempts show that the queued lookups
 * never reached the network.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import type { HistoryResult } from '../../src/model/history-source.js';
import { NOT_A_REGISTRY_AFTER, UNAVAILABLE_AFTER, createCircuitBreaker } from '../../src/registry/circuit-breaker.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const TOKEN = 'npm_BREAKERTOKEN_0123456789';
const CONCURRENCY = 4;
/** Each lookup is tried 3 times (retries: 2); the queued ones must not be tried at all. */
const ATTEMPTS = 3;
const NAMES = Array.from({ length: 60 }, (_, i) => `pkg-${String(i).padStart(2, '0')}`);

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-breaker-'));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

function client(npmrc: string, timeout = 5_000) {
  return createRegistryClient({
    config: mergeNpmConfig({ project: parseNpmrc(npmrc, { env: {}, source: '/project/.npmrc' }) }),
    cacheDir,
    concurrency: CONCURRENCY,
    retry: { retries: 2, minTimeout: 5, maxTimeout: 20 },
    timeout,
    clock: () => Date.parse('2026-05-01T00:00:00Z'),
    userAgent: TEST_USER_AGENT,
  });
}

/** Every lookup settled: the results, and the errors (as QuarantineErrors). */
async function fetchAll(source: { fetchHistory(name: string): Promise<HistoryResult> }, names: readonly string[]) {
  const settled = await Promise.allSettled(names.map((name) => source.fetchHistory(name)));
  const errors = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as QuarantineError] : []));
  const results = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  return { errors, results };
}

/** A server on 127.0.0.1 that handles every request with `handle`, counting requests. */
async function listening(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => count,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A server that answers every request with `status`, `type` and `body`, counting requests. */
function answering(status: number, type: string, body: string) {
  return listening((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a registry URL that answers 404 to everything', () => {
  let registry: FixtureRegistry;
  beforeEach(async () => {
    registry = await startFixtureRegistry({ documents: { demo: makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] }) } });
  });
  afterEach(async () => {
    await registry.close();
  });

  it('fails every lookup with one error naming the URL, without asking for every package', async () => {
    const wrong = `${registry.url}wrongpath/`;
    const { errors, results } = await fetchAll(client(`registry=${wrong}`), NAMES);
    // The answers before the threshold were not-found (a check fails at the first error anyway).
    expect(results).toHaveLength(NOT_A_REGISTRY_AFTER - 1);
    expect(errors).toHaveLength(NAMES.length - (NOT_A_REGISTRY_AFTER - 1));
    expect(new Set(errors).size).toBe(1);
    const [error] = errors;
    expect(error?.code).toBe(ERROR_CODES.notARegistry);
    expect(error?.message).toBe(
      `this URL does not look like an npm registry: ${wrong} (${NOT_A_REGISTRY_AFTER} of ${NOT_A_REGISTRY_AFTER} lookups answered 404 Not Found, none a package document)`,
    );
    // The threshold's answers, plus at most the requests already in flight when it was reached.
    expect(registry.requests.length).toBeGreaterThanOrEqual(NOT_A_REGISTRY_AFTER);
    expect(registry.requests.length).toBeLessThanOrEqual(NOT_A_REGISTRY_AFTER + CONCURRENCY);
  });

  it('keeps a package the registry does not know a not-found answer once it answered a package document', async () => {
    const source = client(`registry=${registry.url}`);
    await expect(source.fetchHistory('demo')).resolves.toMatchObject({ status: 'found' });
    const { errors, results } = await fetchAll(source, NAMES);
    expect(errors).toEqual([]);
    expect(results.map((result) => result.status)).toEqual(NAMES.map(() => 'not-found'));
  });

  it('answers not-found below the threshold when nothing was found yet', async () => {
    const { errors, results } = await fetchAll(client(`registry=${registry.url}`), NAMES.slice(0, NOT_A_REGISTRY_AFTER - 1));
    expect(errors).toEqual([]);
    expect(results).toHaveLength(NOT_A_REGISTRY_AFTER - 1);
    expect(results.every((result) => result.status === 'not-found')).toBe(true);
  });

  it('never opens on 404s from a history registry (policy historyFrom): private packages are not mirrored there', async () => {
    const source = client(`registry=${registry.url}`);
    const settled = await Promise.all(NAMES.map((name) => source.fetchHistoryFrom?.(name, `${registry.url}wrongpath/`)));
    expect(settled.map((result) => result?.status)).toEqual(NAMES.map(() => 'not-found'));
  });

  it('opens only for that registry: a scope mapped to a good one is still fetched', async () => {
    const corp = await startFixtureRegistry({ documents: new Map([['@corp/tool', makePackument({ name: '@corp/tool', versions: [{ version: '2.0.0', publishedAt: daysBefore(FIXTURE_NOW, 3) }] })]]) });
    try {
      const source = client(`registry=${registry.url}wrongpath/\n@corp:registry=${corp.url}`);
      const { errors } = await fetchAll(source, NAMES);
      expect(errors[0]?.code).toBe(ERROR_CODES.notARegistry);
      await expect(source.fetchHistory('@corp/tool')).resolves.toMatchObject({ status: 'found' });
    } finally {
      await corp.close();
    }
  });
});

describe('a registry URL that answers with documents that are not package documents', () => {
  it('an HTML page (a web UI): fails at the first answer', async () => {
    const server = await answering(200, 'text/html; charset=utf-8', '<!doctype html><html><body>Welcome</body></html>');
    try {
      const { errors, results } = await fetchAll(client(`registry=${server.url}`), NAMES);
      expect(results).toEqual([]);
      expect(new Set(errors).size).toBe(1);
      expect(errors[0]?.code).toBe(ERROR_CODES.notARegistry);
      expect(errors[0]?.message).toMatch(new RegExp(`^this URL does not look like an npm registry: ${server.url} \\(\\d+ of \\d+ lookups? answered an HTML page, none a package document\\)$`));
      expect(server.requests()).toBeLessThanOrEqual(CONCURRENCY);
    } finally {
      await server.close();
    }
  });

  it('JSON that is not a package document', async () => {
    const server = await answering(200, 'application/json', '{"ok":true,"db_name":"registry"}');
    try {
      const { errors } = await fetchAll(client(`registry=${server.url}`), NAMES);
      expect(errors).toHaveLength(NAMES.length);
      expect(errors[0]?.message).toMatch(/answered JSON that is not a package document, none a package document\)$/);
      expect(server.requests()).toBeLessThanOrEqual(CONCURRENCY);
    } finally {
      await server.close();
    }
  });
});

/** Counts connection attempts (a DNS lookup included) made from now on; `restore` stops counting. */
function countConnects(): { count: () => number; restore(): void } {
  const original = net.Socket.prototype.connect;
  let count = 0;
  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    count += 1;
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return { count: () => count, restore: () => void (net.Socket.prototype.connect = original) };
}

describe('an unreachable registry', () => {
  let connects: ReturnType<typeof countConnects>;
  beforeEach(() => {
    connects = countConnects();
  });
  afterEach(() => {
    connects.restore();
  });

  it('a closed port: the first lookup to fail after its retries fails every queued one, never printing the token', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/`;
    const { errors } = await fetchAll(client(`registry=${url}\n//127.0.0.1:${port}/:_authToken=${TOKEN}`), NAMES);
    expect(errors).toHaveLength(NAMES.length);
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]?.code).toBe(ERROR_CODES.registryUnavailable);
    expect(errors[0]?.message).toBe(`${url}: cannot connect (ECONNREFUSED: connection refused), so no package of this registry was checked`);
    expect(`${errors[0]?.message} ${errors[0]?.hint}`).not.toContain(TOKEN);
    // At most the lookups in flight, each with its three attempts; never one per package.
    expect(connects.count()).toBeGreaterThanOrEqual(3);
    expect(connects.count()).toBeLessThanOrEqual(CONCURRENCY * 3);
  });

  it('a host name that does not resolve (.invalid)', async () => {
    const url = 'http://registry.quarantine-test.invalid/';
    const { errors } = await fetchAll(client(`registry=${url}`), NAMES);
    expect(errors).toHaveLength(NAMES.length);
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]?.code).toBe(ERROR_CODES.registryUnavailable);
    expect(errors[0]?.message).toMatch(new RegExp(`^${url}: cannot connect \\((ENOTFOUND|EAI_AGAIN): [a-zA-Z ]+\\), so no package of this registry was checked$`));
    expect(errors[0]?.hint).toMatch(/host name/);
    expect(connects.count()).toBeLessThanOrEqual(CONCURRENCY * 3);
  });
});

describe('a registry that fails every lookup with 5xx or timeouts', () => {
  it('503 for everything: after UNAVAILABLE_AFTER failed lookups in a row the queued ones fail at once, unasked', async () => {
    const server = await answering(503, 'application/json', '{"error":"Service Unavailable"}');
    try {
      const { errors, results } = await fetchAll(client(`registry=${server.url}`), NAMES);
      expect(results).toEqual([]);
      expect(errors).toHaveLength(NAMES.length);
      expect(errors.every((error) => error.code === ERROR_CODES.registryUnavailable)).toBe(true);
      const opened = errors.filter((error) => error.message.includes('in a row'));
      expect(new Set(opened).size).toBe(1);
      expect(opened[0]?.message).toBe(`${server.url}: ${UNAVAILABLE_AFTER} lookups in a row failed after their retries (HTTP 503), so no other package of this registry was asked`);
      // The lookups that failed on their own, and those in flight when it opened; never one per package.
      expect(server.requests()).toBeGreaterThanOrEqual(UNAVAILABLE_AFTER * ATTEMPTS);
      expect(server.requests()).toBeLessThanOrEqual((UNAVAILABLE_AFTER + CONCURRENCY) * ATTEMPTS);
    } finally {
      await server.close();
    }
  });

  it('a registry that accepts connections and never answers: the same after the timeouts', async () => {
    const server = await listening(() => {
      // never an answer
    });
    try {
      const { errors } = await fetchAll(client(`registry=${server.url}`, 100), NAMES);
      expect(errors).toHaveLength(NAMES.length);
      expect(errors.some((error) => error.message === `${server.url}: ${UNAVAILABLE_AFTER} lookups in a row failed after their retries (timed out), so no other package of this registry was asked`)).toBe(true);
      expect(server.requests()).toBeLessThanOrEqual((UNAVAILABLE_AFTER + CONCURRENCY) * ATTEMPTS);
    } finally {
      await server.close();
    }
  });
});

describe('a registry that resets every connection', () => {
  it('after UNAVAILABLE_AFTER lookups in a row the queued ones fail at once, unasked', async () => {
    const server = await listening((req) => req.socket.resetAndDestroy());
    try {
      const { errors, results } = await fetchAll(client(`registry=${server.url}`), NAMES);
      expect(results).toEqual([]);
      expect(errors).toHaveLength(NAMES.length);
      expect(errors.some((error) => error.message === `${server.url}: ${UNAVAILABLE_AFTER} lookups in a row failed after their retries (connection reset), so no other package of this registry was asked`)).toBe(true);
      expect(server.requests()).toBeLessThanOrEqual((UNAVAILABLE_AFTER + CONCURRENCY) * ATTEMPTS);
    } finally {
      await server.close();
    }
  });
});

describe('createCircuitBreaker', () => {
  const A = 'https://registry.example/a/';
  const B = 'https://registry.example/b/';
  const refused = () => new QuarantineError(ERROR_CODES.registryUnavailable, 'x: cannot connect (ECONNREFUSED) fetching y');

  it('opens after the threshold of 404s with nothing found, and only for that URL', () => {
    const breaker = createCircuitBreaker({ notARegistryAfter: 3 });
    expect(breaker.nonDocument(A, 'not-found')).toBeNull();
    expect(breaker.nonDocument(A, 'not-found')).toBeNull();
    expect(breaker.nonDocument(B, 'not-found')).toBeNull();
    const error = breaker.nonDocument(A, 'not-found');
    expect(error?.message).toBe(`this URL does not look like an npm registry: ${A} (3 of 3 lookups answered 404 Not Found, none a package document)`);
    expect(() => breaker.throwIfOpen(A)).toThrow(error ?? Error);
    expect(() => breaker.throwIfOpen(B)).not.toThrow();
  });

  it('never opens for 404s once a package document came', () => {
    const breaker = createCircuitBreaker({ notARegistryAfter: 3 });
    breaker.found(A);
    for (let i = 0; i < 10; i++) expect(breaker.nonDocument(A, 'not-found')).toBeNull();
    expect(breaker.nonDocument(A, 'html')).toBeNull();
  });

  it('names every kind of answer it got', () => {
    const breaker = createCircuitBreaker({ notARegistryAfter: 3 });
    breaker.nonDocument(A, 'not-found');
    expect(breaker.nonDocument(A, 'other')?.message).toMatch(/\(2 of 2 lookups answered 404 Not Found or JSON that is not a package document, none/);
  });

  it('a hard connection failure opens every registry on that host and tells their watchers', () => {
    const breaker = createCircuitBreaker();
    const told: string[] = [];
    const unwatch = breaker.watch(B, (error) => told.push(error.message));
    const error = breaker.failed(A, { code: 'ECONNREFUSED' }, refused());
    expect(error.message).toBe(`${A}: cannot connect (ECONNREFUSED: connection refused), so no package of this registry was checked`);
    expect(told).toEqual([error.message]);
    expect(() => breaker.throwIfOpen(B)).toThrow(error);
    expect(() => breaker.throwIfOpen('https://other.example/')).not.toThrow();
    unwatch();
  });

  it('other failures pass through and open nothing; one 5xx alone passes through too', () => {
    const breaker = createCircuitBreaker();
    const original = refused();
    expect(breaker.failed(A, { code: 'ECONNRESET' }, original)).toBe(original);
    expect(breaker.failed(A, { code: 'EPROTO' }, original)).toBe(original);
    expect(breaker.failed(A, { statusCode: 500 }, original)).toBe(original);
    expect(() => breaker.throwIfOpen(A)).not.toThrow();
  });

  it('failing answers open it only when that many lookups in a row got them: any answer in between starts the count again', () => {
    const breaker = createCircuitBreaker({ unavailableAfter: 3 });
    const original = refused();
    const fail = (registry: string, raw: object) => breaker.failed(registry, raw, original);
    expect(fail(A, { statusCode: 502 })).toBe(original);
    expect(fail(A, { type: 'request-timeout' })).toBe(original);
    breaker.found(A);
    expect(fail(A, { statusCode: 503 })).toBe(original);
    expect(fail(A, { code: 'ETIMEDOUT' })).toBe(original);
    expect(breaker.nonDocument(A, 'not-found')).toBeNull();
    // Failures of one package or of the configuration neither count nor start the count again.
    expect(fail(A, { statusCode: 429 })).toBe(original);
    expect(fail(A, { statusCode: 401 })).toBe(original);
    expect(fail(A, { type: 'document-too-large' })).toBe(original);
    expect(fail(B, { statusCode: 500 })).toBe(original);
    expect(fail(A, { type: 'document-deadline' })).toBe(original);
    expect(() => breaker.throwIfOpen(A)).not.toThrow();
    const opened = fail(A, { statusCode: 500 });
    expect(opened.message).toBe(`${A}: 3 lookups in a row failed after their retries (HTTP 429, timed out, HTTP 500), so no other package of this registry was asked`);
    expect(opened.details).toEqual([original.message]);
    expect(() => breaker.throwIfOpen(A)).toThrow(opened);
    // Per registry URL: another path on the host is still asked.
    expect(() => breaker.throwIfOpen(B)).not.toThrow();
  });

  it('dropped connections count like failing answers: reset, aborted, closed', () => {
    const breaker = createCircuitBreaker({ unavailableAfter: 3 });
    const original = refused();
    expect(breaker.failed(A, { code: 'ECONNRESET' }, original)).toBe(original);
    expect(breaker.failed(A, { code: 'EPIPE' }, original)).toBe(original);
    const opened = breaker.failed(A, { code: 'ECONNABORTED' }, original);
    expect(opened.message).toBe(`${A}: 3 lookups in a row failed after their retries (connection reset, connection closed, connection aborted), so no other package of this registry was asked`);
    expect(() => breaker.throwIfOpen(A)).toThrow(opened);
  });

  it('never shows credentials of the registry URL', () => {
    const breaker = createCircuitBreaker({ notARegistryAfter: 1 });
    const error = breaker.nonDocument(`https://user:${TOKEN}@registry.example/`, 'not-found');
    expect(error?.message).not.toContain(TOKEN);
    const down = breaker.failed(`https://user:${TOKEN}@down.example/`, { code: 'ENOTFOUND' }, refused());
    expect(`${down.message} ${down.hint}`).not.toContain(TOKEN);
  });
});
