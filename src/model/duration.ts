import type { Duration } from './types.js';

const UNIT_MS = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

const DURATION_PATTERN = /^(\d{1,6})(m|h|d|w)$/;

/** The pattern a duration string must match, for the JSON Schema. */
export const DURATION_REGEX_SOURCE = DURATION_PATTERN.source;

/** Parses `90m`, `36h`, `7d`, `2w`. Returns null for anything else (callers name the key). */
export function parseDuration(text: string): Duration | null {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof UNIT_MS];
  return Number(amount) * UNIT_MS[unit];
}

/**
 * Formats a duration in the largest whole unit among days, hours and minutes that represents
 * it exactly: 604800000 -> `7d` (days read better than weeks in messages), 129600000 -> `36h`.
 */
export function formatDuration(duration: Duration): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (duration % UNIT_MS[unit] === 0) return `${duration / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.round(duration / UNIT_MS.m)}m`;
}
