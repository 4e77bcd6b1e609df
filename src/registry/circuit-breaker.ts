/**
 * Stops a run early when a registry cannot answer it, instead of asking it for every package.
 * One breaker per registry client; it opens, once, for two reasons (docs/decisions/0039-fail-fast-on-a-wrong-or-unreachable-registry.md):
 *
 * - **Not an npm registry**: the first NOT_A_REGISTRY_AFTER answers of a registry URL were all
 *   404 or a document that is not a package document (an HTML page, other JSON), and not one was
 *   a package document; or a document that is not a package document arrives before any package
 *   document did. A registry that answered one package document is a registry: a package it
 *   does not know stays a missing-version block.
 * - **Unreachable**: a request to a registry's host failed after its retries with a connection
 *   failure that every other request to that host would meet too (refused, host not found, DNS
 *   failure, unreachable network).
 * - **Failing**: UNAVAILABLE_AFTER lookups of a registry URL in a row failed for good (after
 *   their retries) with a 5xx, 408 or 429 answer, a timeout or a dropped connection (reset,
 *   aborted, closed), with no answer in between. One
 *   such failure can be one slow document; several in a row are the registry (down, overloaded,
 *   rate limiting), and the run fails on the first of them anyway.
 *
 * Once open, every queued lookup of that registry (or of every registry on that host) fails at
 * once with the same error, and requests in flight are aborted with it, so the run ends within
 * one request's retries (a few, for a failing registry). The errors name the registry URL without credentials. Pure state; no I/O.
 */
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { redactUrl } from './fetch-options.js';

/** How many answers, none a package document, make a registry URL "not an npm registry". */
export const NOT_A_REGISTRY_AFTER = 20;

/** What a lookup got that is not a package document. */
export type NonDocument = 'not-found' | 'html' | 'other';

/** Connection failures every request to the host would meet: retrying other packages cannot help. */
const HARD_CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EAI_FAIL: 'DNS lookup failed',
  EAI_NONAME: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/**
 * A connection the registry (or a proxy before it) cut mid-request: one can be a blip, several
 * lookups in a row that still fail after their retries are the registry.
 */
const DROPPED_CONNECTIONS: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
};

/** How many lookups of one registry URL in a row, each failed for good with a failing answer (see failingAnswer), open the breaker. */
export const UNAVAILABLE_AFTER = 5;

/**
 * What a failure says about a registry that is down, overloaded or too slow: `HTTP 503`,
 * `timed out`, `connection reset`; null for the failures of one package or one configuration
 * (401, 404, TLS, a document too large), which another lookup would not share.
 */
function failingAnswer(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const status = 'statusCode' in raw && typeof raw.statusCode === 'number' ? raw.statusCode : null;
  if (status !== null) return status >= 500 || status === 408 || status === 429 ? `HTTP ${status}` : null;
  const type = 'type' in raw && typeof raw.type === 'string' ? raw.type : null;
  if (type === 'request-timeout' || type === 'document-deadline') return 'timed out';
  const code = codeOf(raw);
  if (code !== null && /TIMEDOUT|TIMEOUT$/.test(code)) return 'timed out';
  return code !== null && code in DROPPED_CONNECTIONS ? DROPPED_CONNECTIONS[code]! : null;
}

export interface CircuitBreaker {
  /** Throws the error that opened the breaker for `registry` (its URL's or its host's), if one did. */
  throwIfOpen(registry: string): void;
  /** Calls `onOpen` with the error if the breaker for `registry` opens; returns the unsubscribe. */
  watch(registry: string, onOpen: (error: QuarantineError) => void): () => void;
  /** A package document (or facts cached from one) came from `registry`. */
  found(registry: string): void;
  /** `registry` answered something other than a package document; the error to throw when that opens the breaker, else null. */
  nonDocument(registry: string, kind: NonDocument): QuarantineError | null;
  /** A request to `registry` failed for good with `raw` (mapped to `error`); the error to throw, the breaker's when it opened. */
  failed(registry: string, raw: unknown, error: QuarantineError): QuarantineError;
}

interface Tally {
  found: number;
  answers: Record<NonDocument, number>;
  /** Lookups failed for good in a row with a failing answer, and what they got; reset by any answer. */
  failing: string[];
}

function codeOf(raw: unknown): string | null {
  return typeof raw === 'object' && raw !== null && 'code' in raw && typeof raw.code === 'string' ? raw.code : null;
}

/** `scheme://host:port`: requests to one host share its connection failures. */
function hostOf(registry: string): string {
  try {
    const url = new URL(registry);
    return `${url.protocol}//${url.host}`;
  } catch {
    return registry;
  }
}

function notARegistry(registry: string, tally: Tally): QuarantineError {
  const { answers } = tally;
  const total = answers['not-found'] + answers.html + answers.other;
  const kinds = [
    answers['not-found'] > 0 ? '404 Not Found' : null,
    answers.html > 0 ? 'an HTML page' : null,
    answers.other > 0 ? 'JSON that is not a package document' : null,
  ].filter((kind): kind is string => kind !== null);
  const what = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}` : kinds[0];
  return new QuarantineError(
    ERROR_CODES.notARegistry,
    `this URL does not look like an npm registry: ${redactUrl(registry)} (${total} of ${total} lookup${total === 1 ? '' : 's'} answered ${what}, none a package document)`,
    {
      hint: 'check the registry URL (--registry, or `registry` / `@scope:registry` in .npmrc): it must be the registry\'s root, '
        + 'as `npm view <package> --registry <url>` uses it; packages only a private registry holds need their scope mapped to it in .npmrc',
    },
  );
}

function failing(registry: string, answers: readonly string[], error: QuarantineError): QuarantineError {
  const kinds = [...new Set(answers)].join(', ');
  return new QuarantineError(
    ERROR_CODES.registryUnavailable,
    `${redactUrl(registry)}: ${answers.length} lookups in a row failed after their retries (${kinds}), so no other package of this registry was asked`,
    { hint: 'the registry is down, overloaded or rate limiting: try again later, or check your network and proxy settings', details: [error.message] },
  );
}

function unreachable(registry: string, code: string, error: QuarantineError): QuarantineError {
  const hint = DNS_CODES.has(code)
    ? 'check the host name in the registry URL, your DNS and your proxy settings'
    : 'check the registry URL and port, that the registry is running, and your network and proxy settings';
  return new QuarantineError(
    ERROR_CODES.registryUnavailable,
    `${redactUrl(registry)}: cannot connect (${code}: ${HARD_CONNECTION_FAILURES[code] ?? 'connection failed'}), so no package of this registry was checked`,
    { hint, details: error.details },
  );
}

export function createCircuitBreaker(options: { notARegistryAfter?: number; unavailableAfter?: number } = {}): CircuitBreaker {
  const after = options.notARegistryAfter ?? NOT_A_REGISTRY_AFTER;
  const unavailableAfter = options.unavailableAfter ?? UNAVAILABLE_AFTER;
  const tallies = new Map<string, Tally>();
  /** Open breakers by registry URL or by host, with the error they fail lookups with. */
  const open = new Map<string, QuarantineError>();
  const watchers = new Map<string, Set<(error: QuarantineError) => void>>();

  const tallyOf = (registry: string): Tally => {
    let tally = tallies.get(registry);
    if (!tally) {
      tally = { found: 0, answers: { 'not-found': 0, html: 0, other: 0 }, failing: [] };
      tallies.set(registry, tally);
    }
    return tally;
  };

  const openedFor = (registry: string): QuarantineError | undefined => open.get(registry) ?? open.get(hostOf(registry));

  /** Opens `key` (a registry URL or a host) and tells every watcher of a registry it covers. */
  function trip(key: string, error: QuarantineError): QuarantineError {
    if (!open.has(key)) {
      open.set(key, error);
      for (const [registry, set] of watchers) {
        if (registry === key || hostOf(registry) === key) for (const onOpen of [...set]) onOpen(error);
      }
    }
    return open.get(key) ?? error;
  }

  return {
    throwIfOpen(registry) {
      const error = openedFor(registry);
      if (error) throw error;
    },
    watch(registry, onOpen) {
      let set = watchers.get(registry);
      if (!set) {
        set = new Set();
        watchers.set(registry, set);
      }
      set.add(onOpen);
      return () => {
        set.delete(onOpen);
      };
    },
    found(registry) {
      const tally = tallyOf(registry);
      tally.found += 1;
      tally.failing = [];
    },
    nonDocument(registry, kind) {
      const already = openedFor(registry);
      if (already) return already;
      const tally = tallyOf(registry);
      tally.answers[kind] += 1;
      tally.failing = [];
      if (tally.found > 0) return null;
      const total = tally.answers['not-found'] + tally.answers.html + tally.answers.other;
      // A 404 alone is an answer (a package this registry does not know); many, and nothing
      // else, are a wrong URL. A page that is not a package document is never an answer.
      if (kind === 'not-found' && total < after) return null;
      return trip(registry, notARegistry(registry, tally));
    },
    failed(registry, raw, error) {
      const already = openedFor(registry);
      if (already) return already;
      const code = codeOf(raw);
      if (code !== null && code in HARD_CONNECTION_FAILURES) return trip(hostOf(registry), unreachable(registry, code, error));
      const answer = failingAnswer(raw);
      if (answer === null) return error;
      const tally = tallyOf(registry);
      tally.failing.push(answer);
      return tally.failing.length < unavailableAfter ? error : trip(registry, failing(registry, tally.failing, error));
    },
  };
}
