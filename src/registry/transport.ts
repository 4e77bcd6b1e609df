/**
 * One GET of a registry document, the way npm sends it, at a fraction of the cost. npm's own
 * pieces do the parts that must match npm: `npm-registry-fetch`'s getAuth picks the
 * credentials for the URL (token, basic auth, client certificate; scoped to the registry),
 * and `@npmcli/agent` (npm's HTTP agent) handles proxies, `noproxy`, keep-alive, DNS caching
 * and the idle timeout. What make-fetch-happen and minipass-fetch add on top (an HTTP cache
 * we replaced with the facts cache, WHATWG Request/Headers objects) cost about 1 ms of CPU per
 * request, which is most of a warm run over 2,000 packages: measured in docs/decisions/0027-lean-transport.md.
 *
 * Retries like make-fetch-happen (network errors and 408/420/429/5xx; exponential backoff),
 * follows up to 10 redirects (credentials are picked again for each URL, so they only go where
 * the npm config scopes them; never from https to http), decompresses
 * gzip/deflate/br. Errors carry `statusCode`, `code` or `type` for registry-errors.ts; their
 * messages are never shown.
 */
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import type { RegistryFetchOptions } from './fetch-options.js';

// npm-registry-fetch's own credential lookup and the agent it uses (npm-registry-fetch ->
// make-fetch-happen -> @npmcli/agent). `@npmcli/agent` is a direct dependency pinned to the
// version make-fetch-happen resolves to, so npm dedupes them to one copy. Static imports so
// esbuild can bundle them into the Action (dist/action/index.js). Only these two modules are
// loaded: all of npm-registry-fetch (with make-fetch-happen, cacache, ...) takes ~100 ms to
// load, auth.js ~20 ms; client.ts imports this file on the first request only.
import agentModule from '@npmcli/agent';
import authModule from 'npm-registry-fetch/lib/auth.js';

const { getAgent } = agentModule as {
  getAgent(url: string, options: Record<string, unknown>): http.Agent;
};
const getAuth = authModule as (uri: string, options: RegistryFetchOptions) => RegistryAuth;

/** What npm-registry-fetch's auth.js picked for a URL (its `Auth` class). */
interface RegistryAuth {
  token: string | null;
  auth: string | null;
  cert: string | null;
  key: string | null;
}

export interface TransportOptions {
  fetchOptions: RegistryFetchOptions;
  maxSockets: number;
  /** Until response headers, per attempt; also the socket idle timeout while reading. */
  timeout: number;
  retry: { retries: number; minTimeout: number; maxTimeout: number };
  userAgent: string;
  /** Check TLS certificates: npm's `strict-ssl`, else not when NODE_TLS_REJECT_UNAUTHORIZED=0 (the caller decides). */
  rejectUnauthorized: boolean;
}

export interface TransportResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Decompressed body; `destroy` stops reading (and inflating) and closes the connection. */
  body: AsyncIterable<Buffer> & { resume(): unknown; destroy(error?: Error): unknown };
}

const RETRY_STATUS = new Set([408, 420, 429]);
const MAX_REDIRECTS = 10;

function httpError(statusCode: number): Error {
  return Object.assign(new Error(`HTTP ${statusCode}`), { statusCode });
}

function timeoutError(): Error {
  return Object.assign(new Error('request timed out'), { type: 'request-timeout' });
}

/**
 * An https -> http redirect: never followed. The credentials npm scopes to `//host/` would go
 * in clear text, and an answer anyone on the path could rewrite would be judged.
 */
function downgradeError(): Error {
  return Object.assign(new Error('redirected from https to http'), { type: 'scheme-downgrade' });
}

/**
 * Bytes a decoder hands over at a time, at most. zlib's default (16 KiB) meant ~18,000 chunks
 * for the benchmark's 278 MiB of documents, each a callback, a stream push and an
 * async-iterator step on the main thread.
 */
const OUTPUT_CHUNK = 128 * 1024;
/** zlib's default chunk, the least a decoder is given. */
const SMALLEST_CHUNK = 16 * 1024;
/** How much larger a registry document is than its compressed bytes, about (JSON: 5-12 times). */
const EXPECTED_RATIO = 8;

/**
 * The decoder's output chunk for a response: about its expected decompressed size, from its
 * Content-Length, between 16 and 128 KiB; 128 KiB when the length is not given. A decoder
 * allocates one chunk when it starts and a fresh one whenever a chunk is full: at 128 KiB
 * for every response, the benchmark's 2,100 mostly small documents allocated 270 MB of
 * buffers, which V8 counts as external memory and collects the old generation for: a cold
 * run made 21-25 full collections before, 16-18 with this (--trace-gc, three runs each). A
 * document larger than expected is only handed over in more chunks.
 */
export function outputChunk(headers: http.IncomingHttpHeaders): number {
  const length = Number(headers['content-length']);
  if (!(Number.isSafeInteger(length) && length > 0)) return OUTPUT_CHUNK;
  let size = SMALLEST_CHUNK;
  while (size < OUTPUT_CHUNK && size < length * EXPECTED_RATIO) size *= 2;
  return size;
}

function decompress(response: http.IncomingMessage): TransportResponse['body'] {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const chunkSize = outputChunk(response.headers);
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip({ chunkSize })
    : encoding === 'deflate' ? zlib.createInflate({ chunkSize })
    : encoding === 'br' ? zlib.createBrotliDecompress({ chunkSize })
    : null;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  // A decoder stopped early (a size limit, a deadline) must not leave the response paused
  // on an open socket.
  decoder.on('close', () => {
    if (!response.complete) response.destroy();
  });
  return response.pipe(decoder);
}

export interface Transport {
  /**
   * GET `uri` with `extraHeaders`, retrying and following redirects; `signal` (a deadline)
   * aborts whatever is in progress, backoff included, with its reason.
   */
  get(uri: string, extraHeaders: Record<string, string>, signal?: AbortSignal): Promise<TransportResponse>;
}

export function createTransport(options: TransportOptions): Transport {
  const { fetchOptions, timeout } = options;
  const { rejectUnauthorized } = options;

  // getAgent builds a cache key from every option on each call; one lookup per origin and
  // client certificate is enough. agent-base otherwise works out the agent's protocol from a
  // stack trace on every request; each agent here serves one protocol (it is part of
  // @npmcli/agent's own cache key), so it is set once.
  const agents = new Map<string, http.Agent>();
  function agentFor(url: URL, agentOptions: Record<string, unknown>): http.Agent {
    const key = `${url.origin}\n${String(agentOptions['cert'] ?? '')}\n${String(agentOptions['key'] ?? '')}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = getAgent(url.href, agentOptions);
      Object.assign(agent, { protocol: url.protocol });
      agents.set(key, agent);
    }
    return agent;
  }

  /** One attempt at `url`; resolves with the raw response (redirects not followed). */
  function attempt(url: URL, headers: Record<string, string>, auth: RegistryAuth, signal: AbortSignal | undefined) {
    const tls = {
      ca: fetchOptions.ca,
      cert: auth.cert ?? fetchOptions.cert,
      key: auth.key ?? fetchOptions.key,
      rejectUnauthorized,
    };
    const agent = agentFor(url, {
      ...tls,
      strictSSL: rejectUnauthorized,
      proxy: fetchOptions.httpsProxy ?? fetchOptions.proxy,
      noProxy: fetchOptions.noProxy,
      localAddress: fetchOptions.localAddress,
      maxSockets: options.maxSockets,
      timeout,
    });
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      // secureEndpoint: tells agent-base the protocol, instead of it inspecting a stack trace.
      const request = send(url, {
        agent, headers, ...tls, localAddress: fetchOptions.localAddress, secureEndpoint: url.protocol === 'https:',
      } as http.RequestOptions, resolve);
      const timer = setTimeout(() => request.destroy(timeoutError()), timeout);
      const abort = () => request.destroy(signal?.reason as Error);
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      };
      request.on('response', settle);
      request.on('error', (error) => {
        settle();
        reject(error);
      });
      if (signal?.aborted) abort();
      request.end();
    });
  }

  /** GET `uri` with `extraHeaders`, retrying and following redirects. */
  async function get(uri: string, extraHeaders: Record<string, string>, signal?: AbortSignal): Promise<TransportResponse> {
    let url = new URL(uri);
    const { retries, minTimeout, maxTimeout } = options.retry;
    const backoff = (tries: number) => sleep(Math.min(maxTimeout, minTimeout * 2 ** tries), undefined, signal ? { signal } : {}).catch(() => {
      throw signal?.reason;
    });
    for (let redirects = 0; ; redirects++) {
      const auth = getAuth(url.href, fetchOptions);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        accept: 'application/json',
        'accept-encoding': 'gzip, deflate, br',
        ...extraHeaders,
      };
      if (auth.token) headers['authorization'] = `Bearer ${auth.token}`;
      else if (auth.auth) headers['authorization'] = `Basic ${auth.auth}`;

      let response: http.IncomingMessage | undefined;
      for (let tries = 0; ; tries++) {
        const retryable = tries < retries;
        try {
          response = await attempt(url, headers, auth, signal);
        } catch (error) {
          if (!retryable || signal?.aborted) throw error;
          await backoff(tries);
          continue;
        }
        const status = response.statusCode ?? 0;
        if (!retryable || !(RETRY_STATUS.has(status) || status >= 500)) break;
        response.resume();
        await backoff(tries);
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location && redirects < MAX_REDIRECTS) {
        response.resume();
        const next = new URL(location, url);
        if (url.protocol === 'https:' && next.protocol !== 'https:') throw downgradeError();
        url = next;
        continue;
      }
      if (status >= 400) {
        response.resume();
        throw httpError(status);
      }
      return { status, headers: response.headers, body: decompress(response) };
    }
  }

  return { get };
}
