import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, so nothing decompresses or caches behind our back. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const doc = makePackument({
  name: '@scope/pkg',
  versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 3), scripts: { install: 'node-gyp rebuild' } }],
});
let server: FixtureRegistry;

beforeEach(async () => {
  server = await startFixtureRegistry({
    documents: { '@scope/pkg': doc, raw: '{"name":"raw","versions":{}}' },
    tarballs: { '/@scope/pkg/-/pkg-1.0.0.tgz': Buffer.from('tarball-bytes') },
  });
});
afterEach(() => server.close());

describe('fixture registry', () => {
  it('serves scoped names under both encodings and 404s unknown names', async () => {
    for (const path of ['@scope%2fpkg', '@scope%2Fpkg', '@scope/pkg']) {
      const res = await get(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString())).toEqual(doc);
    }
    const missing = await get(`${server.url}unknown`);
    expect([missing.status, JSON.parse(missing.body.toString())]).toEqual([404, { error: 'Not found' }]);
  });

  it('serves pre-serialised text byte for byte, gzipped on request, with a strong ETag', async () => {
    const plain = await get(`${server.url}raw`);
    expect(plain.body.toString()).toBe('{"name":"raw","versions":{}}');
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    const zipped = await get(`${server.url}raw`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe('{"name":"raw","versions":{}}');
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const revalidated = await get(`${server.url}raw`, { 'if-none-match': etag });
    expect([revalidated.status, revalidated.body.length]).toEqual([304, 0]);
  });

  it('serves the abbreviated document for the install Accept header', async () => {
    const res = await get(`${server.url}@scope%2fpkg`, { accept: 'application/vnd.npm.install-v1+json' });
    const body: unknown = JSON.parse(res.body.toString());
    expect(body).toEqual({
      name: '@scope/pkg',
      modified: (doc.time as Record<string, string>).modified,
      'dist-tags': { latest: '1.0.0' },
      versions: {
        '1.0.0': {
          name: '@scope/pkg',
          version: '1.0.0',
          dist: expect.objectContaining({ tarball: expect.any(String) }),
          hasInstallScript: true,
        },
      },
    });
  });

  it('serves tarballs, scripted routes and lazily built documents, and records requests', async () => {
    const tgz = await get(`${server.url}@scope/pkg/-/pkg-1.0.0.tgz`);
    expect(tgz.body.toString()).toBe('tarball-bytes');
    server.setRoute('raw', { status: 418, times: 1 });
    expect((await get(`${server.url}raw`)).status).toBe(418);
    expect((await get(`${server.url}raw`)).status).toBe(200);
    server.setDocuments((name) => (name.startsWith('gen-') ? JSON.stringify({ name, versions: {} }) : undefined));
    expect(JSON.parse((await get(`${server.url}gen-7`)).body.toString())).toEqual({ name: 'gen-7', versions: {} });
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      ['/@scope/pkg/-/pkg-1.0.0.tgz', 200], ['/raw', 418], ['/raw', 200], ['/gen-7', 200],
    ]);
  });
});
