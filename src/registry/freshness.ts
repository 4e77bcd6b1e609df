/**
 * HTTP freshness for the facts cache (RFC 9111 section 4.2), as a private cache sees it. Pure:
 * how long a response may be reused without asking, and whether a stored entry still may.
 *
 * - `max-age=N` minus the response's `Age` (time it already spent in a CDN) is the lifetime;
 *   it is capped at MAX_FRESHNESS_SECONDS, so a registry cannot make a gate trust old facts
 *   for long (npm's own cache reuses a document for up to 5 minutes the same way).
 * - `no-cache` or `no-store`, no `max-age`, a malformed or repeated `max-age`, or a malformed
 *   `Age`: lifetime 0, i.e. ask again (conditionally) every run. `s-maxage` is for shared
 *   caches and ignored; `private` does not matter to a per-user cache.
 * - An entry stored "in the future" (clock changed) is stale.
 */

/** The longest a stored answer is reused without asking the registry: 5 minutes. */
export const MAX_FRESHNESS_SECONDS = 300;

export interface Freshness {
  /** When the response arrived (ms since the epoch, the client's clock). */
  fetchedAt: number;
  /** Seconds it may be reused from `fetchedAt` on (after Age, before the cap); 0: always ask. */
  maxAge: number;
  /**
   * Set when `maxAge` is the policy's `cacheMaxAge` for a registry that sends no validators:
   * the owner of the policy chose it, so the 5-minute cap does not apply.
   */
  fromPolicy?: boolean | undefined;
}

const DELTA_SECONDS = /^\d+$/;

/** Freshness lifetime in seconds from `Cache-Control` and `Age` headers (null: absent). */
export function parseFreshnessLifetime(cacheControl: string | null, age: string | null): number {
  if (cacheControl === null) return 0;
  let maxAge: number | null = null;
  for (const part of cacheControl.split(',')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name === 'no-cache' || name === 'no-store') return 0;
    if (name !== 'max-age') continue;
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (maxAge !== null || !DELTA_SECONDS.test(value)) return 0;
    maxAge = Number(value);
  }
  if (maxAge === null) return 0;
  const ageText = age?.trim() ?? '0';
  if (!DELTA_SECONDS.test(ageText)) return 0;
  return Math.max(0, maxAge - Number(ageText));
}

/** How long an entry stored with `freshness` may be used without a request, in ms. */
export function lifetimeMs(freshness: Freshness): number {
  return (freshness.fromPolicy === true ? freshness.maxAge : Math.min(freshness.maxAge, MAX_FRESHNESS_SECONDS)) * 1000;
}

/** True when an entry stored with `freshness` may be used at `now` without a request. */
export function isFresh(freshness: Freshness, now: number): boolean {
  return now >= freshness.fetchedAt && now - freshness.fetchedAt < lifetimeMs(freshness);
}
