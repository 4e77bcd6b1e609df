/**
 * What a hostile or broken registry (or a network in between) can do to one request (issue 15):
 * downgrade it to clear text, print a token that lives in the registry URL's path, inflate a
 * gzip bomb, or drip an answer forever. Servers on 127.0.0.1 only.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ERROR_CODES } from '../../src/model/constants.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/client.js';
import { mergeNpmConfig, parseNpmrc } from '../../src/registry/npm-config.js';
import { startDualProtocolServer, type DualProtocolServer } from '../support/dual-protocol-server.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const TOKEN = 'npm_DOWNGRADE_TOKEN_0123456789';
const doc = JSON.stringify(makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] }));
const NO_RETRY = { retries: 0, minTimeout: 1, maxTimeout: 1 };

let cacheDir: string;
const closers: Array<() => Promise<void>> = [];
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'quarantine-transport-'));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await rm(cacheDir, { recursive: true, force: true });
});

function client(npmrc: string, options: Partial<RegistryClientOptions> = {}) {
  const config = mergeNpmConfig({ project: parseNpmrc(npmrc, { env: {}, source: '/p/.npmrc' }) });
  return createRegistryClient({ config, cacheDir, retry: NO_RETRY, clock: () => FIXTURE_NOW, userAgent: TEST_USER_AGENT, ...options });
}

/** A plain HTTP server whose every request is answered by `answer`; sockets are tracked for close. */
async function startServer(answer: (response: ServerResponse, path: string) => void): Promise<{ url: string; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => answer(response, request.url ?? ''));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('an https -> http redirect on the same host', () => {
  let dual: DualProtocolServer;
  beforeEach(async () => {
    dual = await startDualProtocolServer((scheme, request, response) => {
      if (scheme === 'https') {
        response.writeHead(302, { location: `http:${dual.authority}${(request.url ?? '/').slice(1)}` }).end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(doc);
      }
    });
    closers.push(() => dual.close());
  });

  test('is refused: the token never travels in clear text, and no clear-text answer is judged', async () => {
    const npmrc = `registry=https:${dual.authority}\n${dual.authority}:_authToken=${TOKEN}\nstrict-ssl=false`;
    const error = await client(npmrc).fetchHistory('demo').then(() => null, (caught: unknown) => caught as Error & { code?: string });
    expect(dual.requests.map((r) => r.scheme)).toEqual(['https']);
    expect(dual.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(dual.requests.filter((r) => r.scheme === 'http' && r.authorization !== undefined)).toEqual([]);
    expect(error).toMatchObject({ code: ERROR_CODES.registryResponse, message: expect.stringMatching(/redirected from https to http .*demo/) });
    expect(error?.message).not.toContain(TOKEN);
  });
});

describe('a token in the registry URL path (Gemfury style) is never printed', () => {
  const SECRET = 'Xb7kQ2mN9pL4vR8sT1wZ';

  test.each([
    ['an HTTP error', (response: ServerResponse) => response.writeHead(500).end('{}')],
    ['a document that is not JSON', (response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/json' }).end('<html>')],
    ['a 401', (response: ServerResponse) => response.writeHead(401).end('{}')],
  ])('in the message and hint of %s', async (_, answer) => {
    const { url } = await startServer(answer);
    const registry = `${url}${SECRET}/acme/`;
    const error = await client(`registry=${registry}`).fetchHistory('demo').then(() => null, (caught: unknown) => caught as Error & { hint?: string });
    expect(error).not.toBeNull();
    expect(`${error?.message} ${error?.hint ?? ''}`).not.toContain(SECRET);
    expect(error?.message).toContain('/acme/');
  });

  test('nor in a not-found result, which reports name the registry of', async () => {
    const { url } = await startServer((response) => response.writeHead(404).end('{}'));
    const result = await client(`registry=${url}${SECRET}/acme/`).fetchHistory('demo');
    expect(result).toMatchObject({ status: 'not-found' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  test('npm-proxy.fury.io: the first path segment is the token, whatever it looks like', async () => {
    const { redactUrl } = await import('../../src/registry/fetch-options.js');
    expect(redactUrl('https://npm-proxy.fury.io/short/acme/')).not.toContain('short');
    expect(redactUrl('https://npm-proxy.fury.io/short/acme/')).toMatch(/^https:\/\/npm-proxy\.fury\.io\/[^/]+\/acme\/$/);
    // Ordinary registry paths are left alone.
    expect(redactUrl('https://artifactory.example/api/npm/npm-remote/')).toBe('https://artifactory.example/api/npm/npm-remote/');
    expect(redactUrl('https://gitlab.example/api/v4/projects/1234/packages/npm/')).toBe('https://gitlab.example/api/v4/projects/1234/packages/npm/');
  });
});

describe('bounded documents', () => {
  const MiB = 1024 * 1024;

  test('a gzip bomb (16 MiB members, 10 GiB inflated) is refused at the inflated-size limit', async () => {
    const member = gzipSync(Buffer.alloc(16 * MiB));
    const members = 640;
    let sent = 0;
    const { url } = await startServer((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const pump = () => {
        while (sent < members) {
          sent++;
          if (!response.write(member)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => {
        sent = Math.min(sent, members);
      });
      pump();
    });
    const rssBefore = process.memoryUsage().rss;
    const error = await client(`registry=${url}`).fetchHistory('demo').then(() => null, (caught: unknown) => caught as Error & { code?: string });
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(error).toMatchObject({ code: ERROR_CODES.registryResponse, message: expect.stringMatching(/demo .*larger than 128 MiB/) });
    // The client stopped reading: the server never got to send the whole bomb.
    expect(sent).toBeLessThan(members);
    process.stdout.write(`gzip bomb of ${members * 16} MiB inflated: refused after ${sent} members sent; RSS grew ${Math.round(rssGrowth / MiB)} MiB\n`);
  });

  test('a plain body over maxDocumentBytes is refused too', async () => {
    const { url } = await startServer((response) => response.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(2 * MiB, 0x20)));
    await expect(client(`registry=${url}`, { maxDocumentBytes: MiB }).fetchHistory('demo')).rejects.toMatchObject({
      code: ERROR_CODES.registryResponse,
      message: expect.stringMatching(/larger than 1 MiB/),
    });
  });

  test('a server dripping one byte at a time is cut off at the document deadline', async () => {
    const { url } = await startServer((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    await expect(client(`registry=${url}`, { documentDeadline: 300 }).fetchHistory('demo')).rejects.toMatchObject({
      code: ERROR_CODES.registryUnavailable,
      message: expect.stringMatching(/no complete answer for demo within 300 ms/),
    });
  });

  test('a server that never answers is cut off at the deadline, retries included', async () => {
    const { url } = await startServer(() => {});
    const retry = { retries: 2, minTimeout: 10, maxTimeout: 10 };
    await expect(client(`registry=${url}`, { documentDeadline: 300, retry }).fetchHistory('demo')).rejects.toMatchObject({
      code: ERROR_CODES.registryUnavailable,
      message: expect.stringMatching(/no complete answer for demo within 300 ms/),
    });
  });
});
