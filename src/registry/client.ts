/**
 * The registry client: the only code that talks HTTP. Fetches packuments, full or abbreviated
 * (`fetchAbbreviated`, read as abbreviated only when the response's Content-Type says so), with
 * npm's own auth, proxy and TLS settings, projects each one as soon as it arrives, keeps the
 * projection in the facts cache (the two forms apart), and maps transport failures to
 * QuarantineErrors without credentials.
 *
 * Cached facts still fresh by the registry's own `Cache-Control: max-age` (at most 5 minutes,
 * see freshness.ts) are used without a request, unless `preferOnline`. Otherwise the client
 * asks conditionally, with the ETag (or Last-Modified) of the document the facts came from:
 * a 304 reuses the facts (and renews their freshness) without reading any document; a 200 is
 * projected by scanning the bytes (slim-packument.ts), never building the whole document. Socket concurrency
 * (`concurrency`) and memory are bounded separately: see body-reader.ts.
 */
import { posix, win32 } from 'node:path';
import pLimit from 'p-limit';
import type { CacheRefusal } from '../model/cache-refusal.js';
import { isQuarantineError } from '../model/errors.js';
import { isRequestablePackageName } from '../model/package-name.js';
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import type { ReleaseHistory } from '../model/types.js';
import { BodyReadError, createGate, readBody, type Slot } from './body-reader.js';
import { createCircuitBreaker, type NonDocument } from './circuit-breaker.js';
import { createFactsCache } from './facts-cache.js';
import { conditionalHeaders, type FactsEntry } from './facts-entry.js';
import { type Freshness, isFresh, lifetimeMs, parseFreshnessLifetime } from './freshness.js';
import { buildFetchOptions, hasRegistryCredentials, redactUrl } from './fetch-options.js';
import { type NpmConfig, registryFor, registryHostsFor } from './npm-config.js';
import { toQuarantineError, isNotFound } from './registry-errors.js';
import { abbreviatedModified, projectPackumentBytes } from './slim-packument.js';
import type { Transport, TransportResponse } from './transport.js';

export interface RetryOptions {
  retries: number;
  minTimeout: number;
  maxTimeout: number;
}

export interface RegistryClientOptions {
  config: NpmConfig;
  /** The CLI's --registry: replaces the default registry, not `@scope:registry` mappings. */
  registry?: string;
  /** Cache directory; the facts cache lives in `<cacheDir>/facts-v<n>/`. */
  cacheDir: string;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Documents larger than `largeDocumentBytes` held (read or projected) at once (default 1). */
  largeDocuments?: number;
  /** Size from which a document counts as large (default 1 MiB). */
  largeDocumentBytes?: number;
  retry?: RetryOptions;
  /** Per-request timeout in ms (default 30 s); also the longest silence while reading a body. */
  timeout?: number;
  /**
   * Longest a whole document may take in ms, retries and redirects included (default 60 s): a
   * registry dripping a byte at a time, or never answering, fails the check instead of holding
   * it. Time queued for a large-document slot is not counted.
   */
  documentDeadline?: number;
  /** Largest document read in bytes, once decompressed (default 128 MiB): a gzip bomb stops there. */
  maxDocumentBytes?: number;
  /** Revalidate every cached entry, however fresh (the CLI's --prefer-online). */
  preferOnline?: boolean;
  /**
   * The user the facts cache must belong to (the Host's uid): entries and folders of another
   * user, or writable by group or others, are skipped and fetched (facts-cache.ts). Undefined
   * where there are no user ids (Windows): nothing is checked.
   */
  cacheOwner?: number | undefined;
  /** Told about the first part of the cache that was refused. */
  onCacheRefused?: ((refusal: CacheRefusal) => void) | undefined;
  /** Wall clock for HTTP freshness (the Host's); not the evaluation instant (--now). */
  clock: () => number;
  /** The `user-agent` header (the Host's). */
  userAgent: string;
  /** Environment: `NODE_TLS_REJECT_UNAUTHORIZED=0` turns certificate checks off when npm config does not say. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Called once per package whose answer arrived (found or not found). */
  onFetched?: (name: string) => void;
  /**
   * The policy's `cacheMaxAge` for a registry (credential-free URL ending with `/`), in ms: how
   * long facts from a response without ETag or Last-Modified stay fresh (they cannot be
   * revalidated, so they are fetched in full once stale). Null or absent: such a response is
   * not cached (the default).
   */
  cacheMaxAgeFor?: ((registry: string) => number | null) | undefined;
  /** Told once per registry whose responses carry no validators and no `cacheMaxAge`: nothing of it is cached. */
  onUncacheable?: ((registry: string) => void) | undefined;
}

/**
 * What the facts a client served are worth for reusing a verdict (app/reuse.ts): until when
 * (wall clock, ms) every one of them stays fresh, and the identity of the store they came from
 * (null: not from a trusted store, or not all of them stored).
 */
export interface FactsState {
  freshUntil: number;
  store: string | null;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_LARGE_DOCUMENTS = 1;
export const DEFAULT_LARGE_DOCUMENT_BYTES = 1024 * 1024;
export const DEFAULT_RETRY: RetryOptions = { retries: 2, minTimeout: 500, maxTimeout: 5_000 };
export const DEFAULT_TIMEOUT = 30_000;
export const DEFAULT_DOCUMENT_DEADLINE = 60_000;
/** The public registry refuses documents over 100 MB; the largest real ones are far smaller. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 128 * 1024 * 1024;

/** The reason a document's deadline aborts it with. */
function deadlineError(): Error {
  return Object.assign(new Error('document deadline passed'), { type: 'document-deadline' });
}

/**
 * A document's deadline: aborts `signal` after `ms`. While the body waits for a large-document
 * slot the timer stops; it starts again, in full, once the slot is held (no clock is read).
 */
function startDeadline(ms: number): { signal: AbortSignal; pause(): void; resume(): void; stop(): void; abort(reason: Error): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    timer = setTimeout(() => controller.abort(deadlineError()), ms);
  };
  const stop = () => clearTimeout(timer);
  start();
  return { signal: controller.signal, pause: stop, resume: start, stop, abort: (reason) => controller.abort(reason) };
}

/** What npm sends for an abbreviated document; a registry without them answers with the full one. */
const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const ABBREVIATED_TYPE = /^\s*application\/vnd\.npm\.install-v1\+json\s*(;|$)/i;

/** An abbreviated request; `settledBefore`: a document modified after it is answered partially (partialHistory). */
interface Abbreviated {
  settledBefore: number | null;
}

/**
 * An abbreviated document modified after `settledBefore`, as its `modified` alone
 * (ReleaseHistory.partial): its package is not settled, and its full document will judge it.
 * Null when the whole document is needed: no `settledBefore`, no `modified`, modified by then,
 * or anything the scan does not expect (projectPackumentBytes then decides, errors included).
 */
function partialHistory(bytes: Uint8Array, registry: string, name: string, settledBefore: number | null): ReleaseHistory | null {
  if (settledBefore === null) return null;
  let head: ReturnType<typeof abbreviatedModified>;
  try {
    head = abbreviatedModified(bytes);
  } catch {
    return null;
  }
  if (head.modified === null || head.modified <= settledBefore || head.name !== name) return null;
  return {
    name, registry, created: null, modified: head.modified, maintainers: null, distTags: {}, versions: [], unpublishedAt: null,
    abbreviated: true, partial: true,
  };
}

/** Whether a stored partial history still answers `abbreviated`: its package is still modified after the instant asked about. */
function stillPartial(history: ReleaseHistory, abbreviated: Abbreviated | null): boolean {
  const before = abbreviated?.settledBefore ?? null;
  return before !== null && history.modified !== null && history.modified > before;
}

/** `/name`, or `/@scope%2fname` for scoped names, as npm requests them (npa's escapedName). */
export function packumentPath(name: string): string {
  const slash = name.indexOf('/');
  if (name.startsWith('@') && slash > 0) {
    return `/@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
  }
  return `/${encodeURIComponent(name)}`;
}

function header(response: TransportResponse, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' ? value : null;
}

/** What a 200 that is not a package document is: a web page (a UI, a login form) or something else. */
function nonDocumentKind(response: TransportResponse, bytes: Uint8Array): NonDocument {
  const type = header(response, 'content-type') ?? '';
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf);
  return /html/i.test(type) || first === 0x3c ? 'html' : 'other';
}

/** A body refused for its size or its deadline: asking again would end the same way. */
function isOverLimit(reason: unknown): boolean {
  const type = typeof reason === 'object' && reason !== null && 'type' in reason ? reason.type : null;
  return type === 'document-too-large' || type === 'document-deadline';
}

type Answer =
  | { kind: 'not-found' }
  | { kind: 'unchanged'; history: ReleaseHistory; freshness: Freshness }
  | { kind: 'document'; history: ReleaseHistory; etag: string | null; lastModified: string | null; freshness: Freshness };

/** The wall-clock instant a stored entry stops being fresh (see isFresh). */
function freshUntilOf(freshness: Freshness): number {
  return freshness.fetchedAt + lifetimeMs(freshness);
}

/** Freshness of a response that arrived now; a 304 without Cache-Control keeps the stored max-age. */
function freshnessOf(response: TransportResponse, fetchedAt: number, stored?: Freshness): Freshness {
  const cacheControl = header(response, 'cache-control');
  const maxAge = cacheControl === null && stored ? stored.maxAge : parseFreshnessLifetime(cacheControl, header(response, 'age'));
  return { fetchedAt, maxAge };
}

export function createRegistryClient(options: RegistryClientOptions): HistorySource & Required<Pick<HistorySource, 'fetchAbbreviated'>> & { factsState(): FactsState } {
  const baseOptions = buildFetchOptions(options.config);
  const retry = options.retry ?? DEFAULT_RETRY;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limit = pLimit(concurrency);
  const gate = createGate(options.largeDocuments ?? DEFAULT_LARGE_DOCUMENTS);
  const largeAfter = options.largeDocumentBytes ?? DEFAULT_LARGE_DOCUMENT_BYTES;
  const documentDeadline = options.documentDeadline ?? DEFAULT_DOCUMENT_DEADLINE;
  const maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const facts = createFactsCache(options.cacheDir, { owner: options.cacheOwner, onRefused: options.onCacheRefused });
  // A wrong or unreachable registry fails every lookup of it at once (circuit-breaker.ts).
  const breaker = createCircuitBreaker();
  const clock = options.clock;
  // One socket per concurrent request unless npm config says otherwise: a request queued
  // for a socket would otherwise spend its timeout waiting.
  const maxSockets = baseOptions.maxSockets ?? concurrency;
  const pending = new Map<string, Promise<HistoryResult>>();
  // The earliest instant a fact served so far stops being fresh; -Infinity once one was not stored.
  let freshUntil = Infinity;
  const served = (until: number) => {
    freshUntil = Math.min(freshUntil, until);
  };
  const uncacheable = new Set<string>();
  // Loaded on the first request: a run whose facts are all fresh never needs npm's agent
  // and auth modules (~40 ms to load).
  let transport: Promise<Transport> | undefined;
  const loadTransport = () => (transport ??= import('./transport.js').then(({ createTransport }) => createTransport({
    fetchOptions: baseOptions,
    maxSockets,
    timeout,
    retry,
    userAgent: options.userAgent,
    rejectUnauthorized: baseOptions.strictSSL ?? options.env?.['NODE_TLS_REJECT_UNAUTHORIZED'] !== '0',
  })));

  /** Any failure -> a QuarantineError free of credentials. */
  function failure(error: unknown, name: string, registry: string): Error {
    const reason = error instanceof BodyReadError ? error.reason : error;
    if (isQuarantineError(reason)) return reason;
    return breaker.failed(registry, reason, toQuarantineError(reason, {
      name,
      registry,
      attempts: retry.retries + 1,
      timeout,
      documentDeadline,
      hasCredentials: hasRegistryCredentials(registry, baseOptions),
    }));
  }

  /**
   * One request within its own deadline; `slot` is a large-document slot already held (a retry).
   * `abbreviated`: asks for the abbreviated document (the registry may answer with the full one).
   */
  async function request(name: string, registry: string, cached: FactsEntry | null, abbreviated: Abbreviated | null, slot?: Slot): Promise<Answer> {
    const deadline = startDeadline(documentDeadline);
    // The breaker opening (another lookup found the registry wrong or unreachable) stops this one too.
    const unwatch = breaker.watch(registry, (error) => deadline.abort(error));
    try {
      return await requestBefore(deadline, name, registry, cached, abbreviated, slot);
    } finally {
      unwatch();
      deadline.stop();
    }
  }

  async function requestBefore(
    deadline: ReturnType<typeof startDeadline>, name: string, registry: string, cached: FactsEntry | null, abbreviated: Abbreviated | null, slot?: Slot,
  ): Promise<Answer> {
    const fail = (error: unknown): never => {
      throw failure(error, name, registry);
    };
    let response: TransportResponse;
    try {
      const url = `${registry.replace(/\/$/, '')}${packumentPath(name)}`;
      const headers = { ...(cached ? conditionalHeaders(cached) : {}), ...(abbreviated ? { accept: ABBREVIATED_ACCEPT } : {}) };
      response = await (await loadTransport()).get(url, headers, deadline.signal);
    } catch (error) {
      slot?.release();
      if (isNotFound(error)) return { kind: 'not-found' };
      return fail(error);
    }
    if (response.status === 304 && cached) {
      slot?.release();
      response.body.resume();
      return { kind: 'unchanged', history: cached.history, freshness: freshnessOf(response, clock(), cached) };
    }
    if (response.status !== 200) {
      slot?.release();
      response.body.resume();
      return fail({ statusCode: response.status });
    }
    const fetchedAt = clock();
    const stopBody = () => response.body.destroy(deadline.signal.reason as Error);
    deadline.signal.addEventListener('abort', stopBody, { once: true });
    const onWait = (waiting: boolean) => (waiting ? deadline.pause() : deadline.resume());
    const body = await readBody(response.body, { gate, largeAfter, slot, maxBytes: maxDocumentBytes, onWait }).finally(() => {
      deadline.signal.removeEventListener('abort', stopBody);
    });
    try {
      // Only a response that says it is abbreviated is read as one: anything else is the full document.
      const served = abbreviated !== null && ABBREVIATED_TYPE.test(header(response, 'content-type') ?? '');
      const history = (served ? partialHistory(body.bytes, redactUrl(registry), name, abbreviated.settledBefore) : null)
        ?? projectPackumentBytes(body.bytes, redactUrl(registry), name, served);
      return {
        kind: 'document',
        history,
        etag: header(response, 'etag'),
        lastModified: header(response, 'last-modified'),
        freshness: freshnessOf(response, fetchedAt),
      };
    } catch (error) {
      throw breaker.nonDocument(registry, nonDocumentKind(response, body.bytes)) ?? failure(error, name, registry);
    } finally {
      body.release();
    }
  }

  /**
   * `asHistory`: a lookup on a history registry (policy `historyFrom`), where a 404 is an
   * expected answer (a private package it does not mirror), never a sign of a wrong URL.
   */
  async function fetchOne(name: string, registry: string, asHistory: boolean, abbreviated: Abbreviated | null): Promise<HistoryResult> {
    // A name no registry can hold (`..`, `a/../b`) is never asked for: a request for it would
    // walk up out of the registry's path. No registry knows it, so it is not found (and the
    // missing-version rule blocks it), like any other package the registry does not know.
    if (!isRequestablePackageName(name)) return { status: 'not-found', name, registry: redactUrl(registry) };
    breaker.throwIfOpen(registry);
    const shownRegistry = redactUrl(registry);
    const kept = await facts.read(shownRegistry, name, abbreviated !== null);
    // A partial entry answers only while its package is still not settled; otherwise its versions are needed.
    const stored = kept?.history.partial && !stillPartial(kept.history, abbreviated) ? null : kept;
    // An entry kept for the policy's cacheMaxAge is fresh only while the policy still says so,
    // and no longer than it now says.
    const policyMaxAgeMs = stored?.fromPolicy ? options.cacheMaxAgeFor?.(shownRegistry) ?? null : null;
    const cached = !stored?.fromPolicy
      ? stored
      : policyMaxAgeMs !== null
        ? { ...stored, maxAge: Math.min(stored.maxAge, Math.floor(policyMaxAgeMs / 1000)) }
        : stored.etag !== null || stored.lastModified !== null
          ? { ...stored, maxAge: 0, fromPolicy: undefined }
          : null;
    if (cached && !options.preferOnline && isFresh(cached, clock())) {
      breaker.found(registry);
      options.onFetched?.(name);
      served(freshUntilOf(cached));
      return { status: 'found', history: cached.history };
    }
    let answer: Answer;
    try {
      answer = await request(name, registry, cached, abbreviated);
    } catch (error) {
      if (!(error instanceof BodyReadError)) throw error;
      // A large body may have waited for a slot long enough for the connection to time out:
      // ask once more, holding a slot from the start so nothing waits mid-body. A body that
      // was too large, or too slow, would only be so again.
      if (!error.large || isOverLimit(error.reason)) throw failure(error, name, registry);
      answer = await request(name, registry, cached, abbreviated, await gate.acquire()).catch((again: unknown) => {
        throw failure(again, name, registry);
      });
    }
    if (answer.kind === 'not-found') {
      const opened = asHistory ? null : breaker.nonDocument(registry, 'not-found');
      if (opened) throw opened;
    } else {
      breaker.found(registry);
    }
    options.onFetched?.(name);
    if (answer.kind === 'not-found') {
      // Not-found answers are never stored: a verdict that used one is not reused.
      served(-Infinity);
      return { status: 'not-found', name, registry: shownRegistry };
    }
    if (answer.kind === 'unchanged') {
      // Renewing costs a write; an entry that can never be fresh is not worth one.
      if (cached && answer.freshness.maxAge > 0) await facts.renew({ ...cached, ...answer.freshness });
      served(freshUntilOf(answer.freshness));
      return { status: 'found', history: answer.history };
    }
    const { etag, lastModified, history } = answer;
    let freshness = answer.freshness;
    // A response that gives no lifetime of its own (no Cache-Control max-age) is fresh for the
    // policy's cacheMaxAge for this registry, when set: Verdaccio, for one, sends an ETag but no
    // Cache-Control and never answers 304, so revalidating would fetch every document in full.
    const lifetimeMs = freshness.maxAge > 0 ? null : options.cacheMaxAgeFor?.(shownRegistry) ?? null;
    if (lifetimeMs !== null && lifetimeMs > 0) {
      freshness = { fetchedAt: freshness.fetchedAt, maxAge: Math.floor(lifetimeMs / 1000), fromPolicy: true };
    } else if (etag === null && lastModified === null) {
      // Nothing to revalidate with and no cacheMaxAge: not cached.
      if (!uncacheable.has(shownRegistry)) {
        uncacheable.add(shownRegistry);
        options.onUncacheable?.(shownRegistry);
      }
      served(-Infinity);
      return { status: 'found', history };
    }
    await facts.write({ registry: shownRegistry, name, etag, lastModified, ...freshness, history, ...(abbreviated !== null ? { abbreviated: true } : {}) });
    served(freshUntilOf(freshness));
    return { status: 'found', history };
  }

  /** One request per registry and name at a time; credentials are whatever npm config gives that registry's URL. */
  function fetchFrom(name: string, registry: string, asHistory = false, abbreviated: Abbreviated | null = null): Promise<HistoryResult> {
    const key = `${registry} ${name}${abbreviated ? ` abbreviated ${abbreviated.settledBefore ?? ''}` : ''}`;
    const existing = pending.get(key);
    if (existing) return existing;
    const request = limit(() => fetchOne(name, registry, asHistory, abbreviated)).finally(() => {
      pending.delete(key);
      // Written back once nothing is in flight: one store write per batch of requests.
      if (pending.size === 0) facts.flush();
    });
    pending.set(key, request);
    return request;
  }

  return {
    registryHostsOf(name: string): readonly string[] {
      return registryHostsFor(name, options.config, options.registry);
    },
    fetchHistory(name: string): Promise<HistoryResult> {
      return fetchFrom(name, registryFor(name, options.config, options.registry));
    },
    fetchHistoryFrom(name: string, registry: string): Promise<HistoryResult> {
      return fetchFrom(name, registry, true);
    },
    fetchAbbreviated(name: string, settledBefore?: number): Promise<HistoryResult> {
      return fetchFrom(name, registryFor(name, options.config, options.registry), false, { settledBefore: settledBefore ?? null });
    },
    factsState(): FactsState {
      const store = facts.flush();
      return { freshUntil: freshUntil === Infinity ? -Infinity : freshUntil, store };
    },
  };
}

/**
 * Where the HTTP cache lives by default: `$XDG_CACHE_HOME/release-quarantine`, else
 * `~/Library/Caches/...` on macOS, `%LOCALAPPDATA%\...` on Windows, `~/.cache/...` elsewhere.
 */
export function defaultCacheDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const name = 'release-quarantine';
  const path = platform === 'win32' ? win32 : posix;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, name);
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Caches', name);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local'), name);
  return path.join(homedir, '.cache', name);
}
