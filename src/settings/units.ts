/**
 * Every unit conversion init makes, in one place. A native gate must never be weaker than
 * ours, so a window that is not a whole number of the native unit is rounded up.
 */
import type { Duration } from '../model/types.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Converted {
  value: number;
  /** True when the window was not a whole number of the unit and was rounded up. */
  roundedUp: boolean;
}

function inUnit(window: Duration, unit: number): Converted {
  return { value: Math.ceil(window / unit), roundedUp: window % unit !== 0 };
}

/** npm `min-release-age`, Dependabot `default-days`: whole days. */
export function toDays(window: Duration): Converted {
  return inUnit(window, DAY);
}

/** pnpm `minimumReleaseAge`, Yarn `npmMinimalAgeGate`: whole minutes. */
export function toMinutes(window: Duration): Converted {
  return inUnit(window, MINUTE);
}

/** Bun `minimumReleaseAge`: whole seconds. */
export function toSeconds(window: Duration): Converted {
  return inUnit(window, SECOND);
}

const RENOVATE_UNITS = [
  { ms: DAY, one: 'day', many: 'days' },
  { ms: HOUR, one: 'hour', many: 'hours' },
  { ms: MINUTE, one: 'minute', many: 'minutes' },
] as const;

/**
 * Renovate `minimumReleaseAge` (parsed by the `ms` package): the largest exact unit among
 * days, hours and minutes, e.g. `7 days`, `36 hours`, `90 minutes`, `1 day`.
 */
export function toRenovateDuration(window: Duration): { value: string; roundedUp: boolean } {
  for (const unit of RENOVATE_UNITS) {
    if (window % unit.ms === 0) {
      const count = window / unit.ms;
      return { value: `${count} ${count === 1 ? unit.one : unit.many}`, roundedUp: false };
    }
  }
  const minutes = toMinutes(window).value;
  return { value: `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`, roundedUp: true };
}

const RENOVATE_SEGMENT = /(\d+(?:\.\d+)?)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\b/gi;

/**
 * Reads a Renovate duration such as `7 days`, `1 week` or `1 day 12 hours` back into
 * milliseconds, so an equivalent spelling counts as equal. Null when it is anything else.
 */
export function parseRenovateDuration(text: string): Duration | null {
  const trimmed = text.trim();
  let total = 0;
  let consumed = '';
  for (const match of trimmed.matchAll(RENOVATE_SEGMENT)) {
    const [whole, amount, unit] = match as unknown as [string, string, string];
    total += Number(amount) * unitMs(unit.toLowerCase());
    consumed += whole;
  }
  return consumed.length > 0 && consumed.replace(/\s+/g, '') === trimmed.replace(/\s+/g, '') ? total : null;
}

function unitMs(unit: string): number {
  if (unit.startsWith('w')) return 7 * DAY;
  if (unit.startsWith('d')) return DAY;
  if (unit.startsWith('h')) return HOUR;
  return MINUTE;
}
