/**
 * The limits an exception must keep (decision 0042): it names a package or a scope, not every
 * package, and it runs no longer than the policy's `maxExceptionDays`. `allow` refuses a new
 * exception that breaks them; `check` warns about one already in the policy. Pure.
 */
import { DAY, isDateOnly, isoDate } from './instant.js';
import { isCatchAllPattern } from './name-pattern.js';
import type { PolicyException } from './policy.js';
import type { Instant } from './primitives.js';

/** `catch-all`: its pattern matches every package; `too-long`: it runs past maxExceptionDays from now. */
export type ExceptionLimit = 'catch-all' | 'too-long';

/**
 * Whether an exception runs past `maxDays` from `from`: a plain date may be the date
 * `maxDays` ahead (it holds through that day), an instant at most `maxDays` later.
 */
export function runsPastMaxDays(exception: Pick<PolicyException, 'expires' | 'expiresAt'>, from: Instant, maxDays: number): boolean {
  return isDateOnly(exception.expires) ? exception.expires > latestExpiryDate(from, maxDays) : exception.expiresAt > from + maxDays * DAY;
}

/** The last plain date an exception recorded at `from` may name. */
export function latestExpiryDate(from: Instant, maxDays: number): string {
  return isoDate(from + maxDays * DAY);
}

/** The limits an exception breaks as of `now` (an expired one breaks none: it no longer applies). */
export function exceptionLimits(exception: PolicyException, now: Instant, maxDays: number): ExceptionLimit[] {
  if (exception.expiresAt <= now) return [];
  const limits: ExceptionLimit[] = [];
  if (isCatchAllPattern(exception.name)) limits.push('catch-all');
  if (runsPastMaxDays(exception, now, maxDays)) limits.push('too-long');
  return limits;
}
