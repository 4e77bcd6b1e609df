/**
 * How long a check report stays what a fresh check would say, as `now` moves on (issue 18's
 * reused verdicts, app/reuse.ts). Pure.
 *
 * Every finding has a lapse instant (`eligibleAt`) and every exception an end (`expiresAt`):
 * the report changes at the earliest of those still ahead. A remedy's suggested exception end
 * is a day (`isoDate(now + 30 days)`), so the report also changes at the next UTC midnight.
 * What no instant in the report says: a suggestion (the newest version that would pass) can
 * change when another version's own window ends; that is bounded by MAX_REUSE_MS.
 */
import type { CheckReport } from '../model/report.js';
import type { Instant } from '../model/types.js';

/** The longest `now` may move on before a report is computed again: the registry's own 5 minutes (freshness.ts). */
export const MAX_REUSE_MS = 5 * 60_000;

const DAY = 24 * 3_600_000;
const INSTANT_KEYS = new Set(['eligibleAt', 'expiresAt']);

/** The earliest instant after `report.now` at which the report could read differently. */
export function reportValidUntil(report: CheckReport): Instant {
  const now = report.now;
  let until = Math.min(now + MAX_REUSE_MS, Math.floor(now / DAY) * DAY + DAY);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (INSTANT_KEYS.has(key) && typeof inner === 'number' && inner > now) until = Math.min(until, inner);
        else if (typeof inner === 'object') visit(inner);
      }
    }
  };
  visit(report);
  return until;
}
