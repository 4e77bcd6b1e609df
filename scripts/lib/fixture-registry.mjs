// A tiny npm registry on 127.0.0.1 for tests, the demo and the benchmark. It serves fixture
// packuments (full or abbreviated), ETag/304, gzip, tarballs, and scripted failures, and
// records every request so tests can assert on what the client really sent.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const ABBREVIATED = 'application/vnd.npm.install-v1+json';
const ABBREVIATED_VERSION_FIELDS = [
  'name', 'version', 'dependencies', 'optionalDependencies', 'peerDependencies', 'bin',
  'engines', 'dist', 'hasInstallScript', 'deprecated',
];

/** Package name from a request path: `/name`, `/@scope%2fname`, `/@scope/name`. */
function nameFromPath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname.slice(1));
  } catch {
    return null;
  }
  if (decoded === '' || decoded.startsWith('-/')) return null;
  const parts = decoded.split('/');
  if (decoded.startsWith('@') ? parts.length !== 2 : parts.length !== 1) return null;
  return decoded;
}

function lookup(documents, name) {
  if (typeof documents === 'function') return documents(name);
  if (documents instanceof Map) return documents.get(name);
  return Object.hasOwn(documents, name) ? documents[name] : undefined;
}

/** A document's abbreviated form (`application/vnd.npm.install-v1+json`), as npm's registry derives it. */
export function abbreviate(text) {
  const doc = JSON.parse(text);
  const versions = {};
  for (const [version, manifest] of Object.entries(doc.versions ?? {})) {
    const slim = {};
    for (const field of ABBREVIATED_VERSION_FIELDS) {
      if (manifest && manifest[field] !== undefined) slim[field] = manifest[field];
    }
    if (manifest?.scripts && ['preinstall', 'install', 'postinstall'].some((s) => manifest.scripts[s])) {
      slim.hasInstallScript = true;
    }
    versions[version] = slim;
  }
  const modified = doc.modified ?? doc.time?.modified;
  return JSON.stringify({
    name: doc.name,
    ...(modified === undefined ? {} : { modified }),
    'dist-tags': doc['dist-tags'] ?? {},
    versions,
  });
}

/** A document as a CDN stores it: `{etag, gzip, text()}` (see prepareDocument). */
const isPrepared = (doc) => typeof doc === 'object' && doc !== null && Buffer.isBuffer(doc.gzip) && typeof doc.text === 'function';

/**
 * Compresses a document once and fixes its ETag, so serving it costs nothing per request
 * (the way a registry's CDN serves cached documents). Its abbreviated form is made and
 * compressed the first time one is asked for (at once with `abbreviatedNow`), then kept.
 * `text` is only called for uncompressed requests and to abbreviate.
 * @param {string} text
 * @param {() => string} [reread] returns the text again later (default: keeps `text`)
 * @param {{abbreviatedNow?: boolean}} [options]
 */
export function prepareDocument(text, reread, options = {}) {
  const read = reread ?? (() => text);
  let abbreviated;
  const doc = {
    etag: etagOf(text),
    gzip: gzipSync(text),
    text: read,
    abbreviated() {
      if (abbreviated === undefined) {
        const body = abbreviate(read());
        abbreviated = { etag: etagOf(body), gzip: gzipSync(body) };
      }
      return abbreviated;
    },
  };
  if (options.abbreviatedNow) doc.abbreviated();
  return doc;
}

const etagOf = (body) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/**
 * @param {import('./fixture-registry.d.mts').FixtureRegistryOptions} options
 * @returns {Promise<import('./fixture-registry.d.mts').FixtureRegistry>}
 */
export async function startFixtureRegistry(options = {}) {
  const { gzip = true, host = '127.0.0.1' } = options;
  let documents = options.documents ?? new Map();
  const overrides = new Map();
  const extraDocuments = new Map();
  // A Map is kept by reference, so a caller may add tarballs once it knows the URL.
  const tarballs = options.tarballs instanceof Map ? options.tarballs : new Map(Object.entries(options.tarballs ?? {}));
  const requests = [];
  const timers = new Set();
  let inFlight = 0;
  let maxInFlight = 0;

  const documentOf = (name) => {
    const doc = extraDocuments.has(name) ? extraDocuments.get(name) : lookup(documents, name);
    return doc === undefined || doc === null ? undefined : doc;
  };
  const documentText = (doc) => (isPrepared(doc) ? doc.text() : typeof doc === 'string' ? doc : JSON.stringify(doc));

  const send = (req, res, record, status, body, headers = {}, never304 = false) => {
    if (res.destroyed || res.writableEnded) return;
    // `headers: {etag: ''}` answers without an ETag (a registry that sends no validators);
    // `headers: {'cache-control': ''}` without Cache-Control.
    const etag = status === 200 && headers.etag !== '' ? etagOf(body) : undefined;
    const out = { 'content-type': 'application/json', ...headers };
    if (out.etag === '') delete out.etag;
    if (etag) {
      out.etag = etag;
      out['cache-control'] ??= 'public, max-age=300';
      if (out['cache-control'] === '') delete out['cache-control'];
      out.vary = 'Accept, Accept-Encoding';
      if (!never304 && req.headers['if-none-match'] === etag) {
        record.status = 304;
        const cacheControl = out['cache-control'] === undefined ? {} : { 'cache-control': out['cache-control'] };
        res.writeHead(304, { etag, ...cacheControl, vary: out.vary, ...(out.age === undefined ? {} : { age: out.age }) });
        res.end();
        return;
      }
    }
    let payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && payload.length > 0) {
      payload = gzipSync(payload);
      out['content-encoding'] = 'gzip';
    }
    out['content-length'] = String(payload.length);
    record.status = status;
    res.writeHead(status, out);
    res.end(payload);
  };

  // A prepared document is answered like a CDN answers a cached object: the stored gzip
  // bytes and ETag, no work per request.
  const sendPrepared = (req, res, record, doc, headers = {}, type = 'application/json') => {
    if (res.destroyed || res.writableEnded) return;
    const common = { etag: doc.etag, 'cache-control': 'public, max-age=300', vary: 'Accept, Accept-Encoding' };
    if (req.headers['if-none-match'] === doc.etag) {
      record.status = 304;
      res.writeHead(304, common);
      res.end();
      return;
    }
    record.status = 200;
    res.writeHead(200, {
      'content-type': type, ...common, ...headers,
      'content-encoding': 'gzip', 'content-length': String(doc.gzip.length),
    });
    res.end(doc.gzip);
  };

  const respond = (req, res, record, pathname) => {
    const tarball = tarballs.get(pathname);
    if (tarball) return send(req, res, record, 200, tarball, { 'content-type': 'application/octet-stream' });
    const name = nameFromPath(pathname);
    const override = name === null ? undefined : overrides.get(name);
    if (override?.times !== undefined && --override.times <= 0) overrides.delete(name);
    if (override && (override.status !== undefined || override.body !== undefined)) {
      const status = override.status ?? 200;
      const body = override.body === undefined ? JSON.stringify({ error: `fixture status ${status}` })
        : typeof override.body === 'string' ? override.body : JSON.stringify(override.body);
      return send(req, res, record, status, body, override.headers, override.never304 === true);
    }
    const doc = name === null ? undefined : documentOf(name);
    if (doc === undefined) return send(req, res, record, 404, JSON.stringify({ error: 'Not found' }));
    const accept = String(req.headers.accept ?? '');
    if (isPrepared(doc) && gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      if (!accept.includes(ABBREVIATED)) return sendPrepared(req, res, record, doc, override?.headers);
      if (typeof doc.abbreviated === 'function') return sendPrepared(req, res, record, doc.abbreviated(), override?.headers, ABBREVIATED);
    }
    const text = documentText(doc);
    const body = accept.includes(ABBREVIATED) ? abbreviate(text) : text;
    const type = accept.includes(ABBREVIATED) ? ABBREVIATED : 'application/json';
    return send(req, res, record, 200, body, { 'content-type': type, ...override?.headers });
  };

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://fixture').pathname;
    const record = { method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, status: 0 };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight -= 1;
      done = true;
    };
    res.on('close', finish);
    res.on('finish', finish);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, record, 405, JSON.stringify({ error: 'Method not allowed' }));
      return;
    }
    const name = nameFromPath(pathname);
    const delayMs = (name !== null && overrides.get(name)?.delayMs) || 0;
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond(req, res, record, pathname);
      }, delayMs);
      timers.add(timer);
    } else {
      respond(req, res, record, pathname);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}/`;

  return {
    url,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    resetStats() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    setRoute(name, route) {
      if (route === null || route === undefined) overrides.delete(name);
      else overrides.set(name, { ...route });
    },
    setDocument(name, doc) {
      extraDocuments.set(name, doc === undefined ? null : doc);
    },
    setDocuments(next) {
      documents = next;
      extraDocuments.clear();
    },
    setTarball(path, data) {
      tarballs.set(path, data);
    },
    requestsFor(name) {
      return requests.filter((r) => nameFromPath(new URL(r.path, 'http://fixture').pathname) === name);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
