// Measuring a child process (wall time, peak RSS, CPU) and what the fixture registry served.
import { spawn } from 'node:child_process';
import dc from 'node:diagnostics_channel';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentFile, writePackuments, writeProject } from './generate.mjs';
import { prepareDocument, startFixtureRegistry } from '../lib/fixture-registry.mjs';

/**
 * The environment of a measured child: no npm config but what is passed (`npm run` exports
 * npm_config_* variables) and no NODE_OPTIONS, so runs are comparable across machines and shells.
 */
export function childEnv(tmp) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS'));
  return Object.assign(env, {
    npm_config_userconfig: join(tmp, 'no-user-npmrc'),
    npm_config_globalconfig: join(tmp, 'no-global-npmrc'),
    NO_COLOR: '1',
  });
}

/**
 * The generated project written to `projectDir` and its documents to `docsDir`, served by a
 * fixture registry on 127.0.0.1 in this process. Each document is compressed once and served
 * with a fixed ETag, as a registry's CDN does, its abbreviated form made at once too (no run
 * pays for making it); only the gzip bytes stay in memory, the JSON is re-read from disk when
 * needed. Returns the registry, writeProject's fixture summary and each document's size.
 */
export async function serveCorpus(model, projectDir, docsDir) {
  const prepared = new Map();
  const registry = await startFixtureRegistry({ gzip: true, documents: (name) => prepared.get(name) });
  const fixture = writeProject(model, projectDir, registry.url);
  const sizes = writePackuments(model, docsDir, registry.url);
  for (const name of model.info.keys()) {
    const file = documentFile(docsDir, name);
    prepared.set(name, prepareDocument(readFileSync(file, 'utf8'), () => readFileSync(file, 'utf8'), { abbreviatedNow: true }));
  }
  return { registry, fixture, sizes };
}

const REPORT_RSS = pathToFileURL(new URL('./report-rss.mjs', import.meta.url).pathname).href;

/** Spawns `file argv`, collects its output, and reads its usage with `readUsage()` once it closed. */
function spawnMeasured(file, argv, { cwd, env, usageFile, timeoutMs, readUsage }) {
  rmSync(usageFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let usage = null;
      try {
        usage = readUsage();
      } catch {
        // killed, or crashed before writing its usage (e.g. out of memory): no usage figures
      }
      resolve({ code, signal, wallMs, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), usage });
    });
  });
}

/**
 * Runs `node [nodeFlags] --import report-rss.mjs <script> <args>` asynchronously (the fixture
 * registry lives in this process and must keep answering) and measures it.
 * @returns {Promise<{code: number|null, signal: string|null, wallMs: number, stdout: string, stderr: string,
 *   usage: {maxRssKB: number, userMs: number, systemMs: number, uptimeMs: number} | null}>}
 */
export function runMeasured({ script, args = [], env, cwd, usageFile, nodeFlags = [], timeoutMs = 300_000 }) {
  return spawnMeasured(process.execPath, [...nodeFlags, '--import', REPORT_RSS, script, ...args], {
    cwd,
    env: { ...env, BENCH_USAGE_FILE: usageFile, BENCH_SAMPLE_MS: '50' },
    usageFile,
    timeoutMs,
    readUsage: () => JSON.parse(readFileSync(usageFile, 'utf8')),
  });
}

/**
 * Counts bytes the HTTP server in this process writes (status line, headers, body as sent,
 * i.e. gzipped), per response, from each socket's bytesWritten. Node's diagnostics channel
 * `http.server.response.finish` fires once per response.
 */
export function countServerBytes() {
  const counter = { bytes: 0, responses: 0, sockets: 0 };
  const last = new WeakMap();
  dc.subscribe('http.server.response.finish', ({ socket }) => {
    if (!socket) return;
    if (!last.has(socket)) counter.sockets += 1;
    const written = socket.bytesWritten;
    counter.bytes += written - (last.get(socket) ?? 0);
    counter.responses += 1;
    last.set(socket, written);
  });
  return counter;
}

/** What the registry answered since the last reset. */
export function registryStats(registry, counter, documentSizes) {
  const byStatus = {};
  let bodyBytes = 0;
  let gzipAsked = 0;
  let abbreviatedAsked = 0;
  let full200 = 0;
  const names = new Set();
  // A name asked for again in the same form (abbreviated or full) is a repeat; one asked for in both is not.
  const forms = new Map();
  for (const request of registry.requests) {
    byStatus[request.status] = (byStatus[request.status] ?? 0) + 1;
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) gzipAsked += 1;
    const abbreviated = String(request.headers.accept ?? '').includes('application/vnd.npm.install-v1+json');
    if (abbreviated) abbreviatedAsked += 1;
    const name = decodeURIComponent(new URL(request.path, 'http://x').pathname.slice(1));
    names.add(name);
    const form = `${abbreviated ? 'abbreviated' : 'full'} ${name}`;
    forms.set(form, (forms.get(form) ?? 0) + 1);
    // Full documents only: what an abbreviated answer spared is the point of asking for one.
    if (request.status === 200 && !abbreviated) {
      bodyBytes += documentSizes.get(name) ?? 0;
      full200 += 1;
    }
  }
  return {
    requests: registry.requests.length,
    status200: byStatus[200] ?? 0,
    status304: byStatus[304] ?? 0,
    /** 200s that carried a full document (not an abbreviated one). */
    full200,
    otherStatus: Object.fromEntries(Object.entries(byStatus).filter(([s]) => s !== '200' && s !== '304')),
    distinctNames: names.size,
    repeatedNames: [...forms.values()].filter((n) => n > 1).length,
    gzipAsked,
    abbreviatedAsked,
    wireBytes: counter.bytes,
    documentBytes200: bodyBytes,
    /** Connections the client used (the registry answers synchronously, so in-flight is always 1). */
    connections: counter.sockets,
  };
}

/**
 * Self time per function and per package from a V8 .cpuprofile (`node --cpu-prof`).
 * @returns {{totalMs: number, functions: Array<{ms: number, pct: number, name: string, where: string}>, packages: Array<{ms: number, pct: number, name: string}>}}
 */
export function summariseCpuProfile(dir, top = 15) {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const functions = new Map();
  const packages = new Map();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url || '';
    const where = url ? `${shortUrl(url)}:${callFrame.lineNumber + 1}` : '';
    const name = callFrame.functionName || (url ? '(anonymous)' : `${callFrame.functionName || ''}`) || '(native)';
    const key = `${name} ${where}`;
    functions.set(key, { name: name || '(program)', where, ms: (functions.get(key)?.ms ?? 0) + ms });
    const pkg = packageOf(url, callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    totalMs += ms;
  }
  const pct = (ms) => Math.round((1000 * ms) / totalMs) / 10;
  return {
    totalMs,
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((f) => ({ ...f, pct: pct(f.ms) })),
    packages: [...packages].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, pct: pct(ms) })),
  };
}

function shortUrl(url) {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) return url.slice(nm + '/node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist !== -1) return url.slice(dist + 1);
  return url.startsWith('node:') ? url : basename(url);
}

// Native fs bindings show up without a URL.
const FS_BINDINGS = new Set(['writeBuffer', 'writeBuffers', 'writeString', 'mkdir', 'open', 'openFileHandle', 'close',
  'lstat', 'stat', 'fstat', 'rename', 'access', 'read', 'readBuffers', 'readFileUtf8', 'unlink', 'readdir', 'realpath',
  'copyFile', 'fsync', 'fdatasync', 'ftruncate', 'rmdir', 'rmSync', 'utimes', 'chmod', 'fchmod']);

function packageOf(url, functionName) {
  if (!url) {
    if (['(garbage collector)', '(idle)', '(program)'].includes(functionName)) return functionName;
    if (FS_BINDINGS.has(functionName)) return 'fs (native bindings)';
    return '(native: V8 builtins and bindings)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/')) return 'release-quarantine (dist/)';
  if (url.startsWith('node:')) return 'node: internals';
  return basename(url);
}

export function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs a non-Node command (curl) and measures wall time and peak RSS through GNU time
 * (`/usr/bin/time -o <file> -f '%M %U %S'`); without GNU time, usage is null.
 */
export function runExternal({ command, args = [], env, cwd, usageFile, timeoutMs = 300_000 }) {
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const [file, argv] = gnuTime ? [gnuTime, ['-o', usageFile, '-f', '%M %U %S', command, ...args]] : [command, args];
  return spawnMeasured(file, argv, {
    cwd,
    env,
    usageFile,
    timeoutMs,
    readUsage: () => {
      const [maxRssKB, user, system] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      return Number.isFinite(maxRssKB) ? { maxRssKB, userMs: user * 1000, systemMs: system * 1000 } : null;
    },
  });
}
