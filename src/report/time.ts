/** Time wording for reports. `now` always comes from the report, never from the clock. */
// The one function, not the index: the index loads ~300 modules (~70 ms of every run).
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { DAY, isoDate } from '../model/instant.js';
import type { Instant } from '../model/types.js';


export function isoTime(instant: Instant): string {
  return new Date(instant).toISOString();
}

export { isoDate };

/** `2026-11-26 18:40 UTC`. */
export function isoMinute(instant: Instant): string {
  return `${isoTime(instant).slice(0, 16).replace('T', ' ')} UTC`;
}

/** `in 5 days`, `3 hours ago`, `now`. */
export function relative(instant: Instant, now: Instant): string {
  if (Math.abs(instant - now) < 60_000) return 'now';
  // Whole days read best for quarantine windows ("in 34 days"); months only beyond 60 days.
  const span = Math.abs(instant - now);
  const unit = span >= DAY && span < 60 * DAY ? { unit: 'day' as const } : {};
  const distance = formatDistanceStrict(instant, now, { roundingMethod: 'floor', ...unit });
  return instant > now ? `in ${distance}` : `${distance} ago`;
}

/** `2026-12-03 (in 5 days)`. */
export function dateWithRelative(instant: Instant, now: Instant): string {
  return `${isoDate(instant)} (${relative(instant, now)})`;
}
