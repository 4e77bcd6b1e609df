/**
 * The registry client: the only code that talks HTTP. Fetches full packuments through
 * npm-registry-fetch (npm's own auth, proxy, TLS and HTTP cache handling), projects each one
 * as soon as it arrives, and maps transport failures to QuarantineErrors without credentials.
 */
import { join, posix, win32 } from 'node:path';
import npmFetch from 'npm-registry-fetch';
import pLimit from 'p-limit';
import type { HistoryResult, HistorySource } from '../core/history-source.js';
import { buildFetchOptions, hasRegistryCredentials, redactUrl } from './fetch-options.js';
import { type NpmConfig, registryFor } from './npm-config.js';
import { projectPackument } from './project-packument.js';
import { toQuarantineError, isNotFound } from './registry-errors.js';

export interface RetryOptions {
  retries: number;
  minTimeout: number;
  maxTimeout: number;
}

export interface RegistryClientOptions {
  config: NpmConfig;
  /** The CLI's --registry: replaces the default registry, not `@scope:registry` mappings. */
  registry?: string;
  /** HTTP cache directory (make-fetch-happen/cacache lives in `<cacheDir>/_cacache`). */
  cacheDir: string;
  /** Documents being fetched or projected at once (default 16). Bounds memory too. */
  concurrency?: number;
  retry?: RetryOptions;
  /** Per-request timeout in ms (default 30 s). */
  timeout?: number;
  /** Called once per package whose answer arrived (found or not found). */
  onFetched?: (name: string) => void;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_RETRY: RetryOptions = { retries: 2, minTimeout: 500, maxTimeout: 5_000 };
export const DEFAULT_TIMEOUT = 30_000;

/** `/name`, or `/@scope%2fname` for scoped names, as npm requests them (npa's escapedName). */
export function packumentPath(name: string): string {
  const slash = name.indexOf('/');
  if (name.startsWith('@') && slash > 0) {
    return `/@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
  }
  return `/${encodeURIComponent(name)}`;
}

export function createRegistryClient(options: RegistryClientOptions): HistorySource {
  const baseOptions = buildFetchOptions(options.config);
  const retry = options.retry ?? DEFAULT_RETRY;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limit = pLimit(concurrency);
  // One socket per concurrent request unless npm config says otherwise: a request queued
  // for a socket would otherwise spend its timeout waiting.
  const maxSockets = baseOptions.maxSockets ?? concurrency;
  const pending = new Map<string, Promise<HistoryResult>>();

  async function fetchOne(name: string): Promise<HistoryResult> {
    const registry = registryFor(name, options.config, options.registry);
    const shownRegistry = redactUrl(registry);
    let raw: unknown;
    try {
      raw = await npmFetch.json(packumentPath(name), {
        ...baseOptions,
        registry,
        maxSockets,
        cache: join(options.cacheDir, '_cacache'),
        // Always revalidate (ETag -> 304) instead of trusting max-age: a gate must see a
        // release published a minute ago. A 304 reuses the cached body.
        preferOnline: true,
        timeout,
        retry: { ...retry, factor: 2 },
      });
    } catch (error) {
      if (isNotFound(error)) {
        options.onFetched?.(name);
        return { status: 'not-found', name, registry: shownRegistry };
      }
      throw toQuarantineError(error, {
        name,
        registry,
        attempts: retry.retries + 1,
        timeout,
        hasCredentials: hasRegistryCredentials(registry, baseOptions),
      });
    }
    // Projected inside the concurrency slot: at most `concurrency` raw documents are alive.
    const history = projectPackument(raw, shownRegistry, name);
    options.onFetched?.(name);
    return { status: 'found', history };
  }

  return {
    fetchHistory(name: string): Promise<HistoryResult> {
      const existing = pending.get(name);
      if (existing) return existing;
      const request = limit(() => fetchOne(name)).finally(() => pending.delete(name));
      pending.set(name, request);
      return request;
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
