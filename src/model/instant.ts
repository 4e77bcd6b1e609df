/** Calendar forms of instants shared by the policy, the engine and the reporters. Pure, UTC. */
import { ERROR_CODES } from './constants.js';
import { QuarantineError } from './errors.js';
import type { Instant } from './types.js';

export const DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXACT_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** `2026-12-03` (UTC). */
export function isoDate(instant: Instant): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** True for a plain calendar date such as `2026-12-31` (not an instant). */
export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

/**
 * The first instant an `expires` value no longer covers: the day after a plain date (the
 * exception holds through that whole day, UTC), or the instant itself. null when invalid.
 */
export function parseExpiry(text: string): Instant | null {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return start + DAY;
  }
  return parseExactInstant(text);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in a month (1-12) of the Gregorian calendar, without a Date. A year before 100 counts
 * as 19xx, as Date.UTC reads it (what this computed with Date.UTC before).
 */
function daysInMonth(year: number, month: number): number {
  const y = year >= 0 && year < 100 ? year + 1900 : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Whether year-month-day names a real day (Date.parse rolls 2021-02-30 over to March). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * An ISO 8601 instant with a date, a time and an offset (`2011-08-11T18:02:45.524Z`,
 * `...T20:02:45+02:00`), as registries write `time`; null for anything else. Stricter than
 * Date.parse, which takes "1", "0" or "Jan 1" for dates in 2000-2001 and rolls impossible
 * days over: an untrusted time that is not exactly an instant is unknown, never a guess.
 */
export function parseExactInstant(text: string): Instant | null {
  const usual = usualInstant(text);
  if (usual !== undefined) return usual;
  const match = EXACT_INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', offsetHour = '0', offsetMinute = '0'] = match.slice(1);
  if (!isCalendarDay(Number(year), Number(month), Number(day))) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
}

/** The value of `text[at, at + count)` as decimal digits, or -1 when one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const digit = text.charCodeAt(k) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * parseExactInstant for the form a registry writes every `time` in, `2011-08-11T18:02:45.524Z`
 * (24 characters, milliseconds, UTC): the same answer without a regular expression, a Date or
 * Date.parse, which were a twentieth of projecting a document. undefined for any other text
 * (parseExactInstant decides), and for years before 100, which Date.UTC reads as 19xx.
 */
function usualInstant(text: string): Instant | null | undefined {
  if (text.length !== 24 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54
    || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e || text.charCodeAt(23) !== 0x5a) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const milli = digits(text, 20, 3);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || milli < 0) return undefined;
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * `--now 2026-11-20T12:00:00Z`; a date alone means midnight UTC. Checked strictly: a day that
 * does not exist (2026-02-30) or a time out of range (24:00) is an error, not rolled over as
 * Date.parse would. `label` names the setting in messages: `--now`, `--since`, or the Action's
 * QUARANTINE_NOW.
 */
export function parseNow(text: string | undefined, clock: () => Instant, label = '--now'): Instant {
  if (text === undefined) return clock();
  const match = ISO_INSTANT.exec(text);
  if (match) {
    const [year, month, day, hour = '0', minute = '0', second = '0', offsetHour = '0', offsetMinute = '0'] = match.slice(1);
    if (!isCalendarDay(Number(year), Number(month), Number(day))) {
      const why = Number(month) >= 1 && Number(month) <= 12 ? `${year}-${month} has ${daysInMonth(Number(year), Number(month))} days` : `there is no month ${month}`;
      throw new QuarantineError(ERROR_CODES.usage, `${label}: ${text} is not a calendar date (${why})`);
    }
    const inRange = Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetHour) <= 23 && Number(offsetMinute) <= 59;
    const instant = inRange ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : Number.NaN;
    if (!Number.isNaN(instant)) return instant;
  }
  throw new QuarantineError(ERROR_CODES.usage, `${label}: expected an ISO 8601 time like 2026-11-20T12:00:00Z, got "${text}"`);
}
