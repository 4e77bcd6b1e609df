/** What the lean transport does that client.test.ts does not already pin down: redirects, decoding. */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { ERROR_CODES } from '../../src/model/constants.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { outputChunk } from '../../src/registry/transport.js';
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

describe('decoding', () => {
  // A document that compresses far better than the decoder's chunk was sized for (outputChunk):
  // 2,000 versions repeating one manifest, ~1 MB of JSON in ~10 KB of gzip.
  const big = makePackument({
    name: 'demo',
    versions: Array.from({ length: 2000 }, (_, i) => ({ version: `1.0.${i}`, publishedAt: daysBefore(FIXTURE_NOW, 9), dependencies: { 'left-pad': '^1.0.0' } })),
  });
  const text = JSON.stringify(big);
  let server: Server;
  let url: string;
  let answer: { encoding: string; body: Buffer; length: boolean };
  beforeEach(async () => {
    server = createServer((_, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': answer.encoding,
        ...(answer.length ? { 'content-length': String(answer.body.length) } : {}),
      });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const compress: Record<string, (bytes: Buffer) => Buffer> = {
    gzip: (bytes) => gzipSync(bytes),
    deflate: (bytes) => deflateSync(bytes),
    br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  };

  test.each([
    ['gzip', true],
    ['gzip', false],
    ['deflate', true],
    ['br', true],
  ] as const)('a %s document many times its compressed size is read whole (Content-Length given: %s)', async (encoding, length) => {
    answer = { encoding, body: compress[encoding]!(Buffer.from(text)), length };
    expect(answer.body.length * 16).toBeLessThan(text.length);
    const config = mergeNpmConfig({ project: parseNpmrc(`registry=${url}`, { env: {}, source: '/p/.npmrc' }) });
    const lookup = await createRegistryClient({ config, cacheDir, retry: { retries: 0, minTimeout: 1, maxTimeout: 1 }, clock: () => NOW, userAgent: TEST_USER_AGENT }).fetchHistory('demo');
    expect(lookup).toMatchObject({ status: 'found', history: { name: 'demo' } });
    expect(lookup.status === 'found' ? lookup.history.versions.length : 0).toBe(2000);
  });

  test('the output chunk follows the compressed length: 16 KiB to 128 KiB, 128 KiB when not given', () => {
    expect(outputChunk({ 'content-length': '900' })).toBe(16 * 1024);
    expect(outputChunk({ 'content-length': '3000' })).toBe(32 * 1024);
    expect(outputChunk({ 'content-length': '12000' })).toBe(128 * 1024);
    expect(outputChunk({ 'content-length': '40000000' })).toBe(128 * 1024);
    expect(outputChunk({})).toBe(128 * 1024);
    expect(outputChunk({ 'content-length': 'lots' })).toBe(128 * 1024);
    expect(outputChunk({ 'content-length': '-5' })).toBe(128 * 1024);
  });
});
