/**
 * What became of each policy exception in one run: still needed, expired, or removable.
 * Pure: computed from the verdicts, which record which exceptions matched and what they let
 * through.
 */
import { exceptionCovers, isExceptionActive } from './effective-policy.js';
import { exceptionLimits } from '../model/exception-limits.js';
import type { Policy, PolicyException } from '../model/policy.js';
import type { ExceptionStatus } from '../model/report.js';
import type { Instant, PackageVerdict } from '../model/types.js';

export function exceptionStatuses(policy: Policy, verdicts: readonly PackageVerdict[], now: Instant): ExceptionStatus[] {
  const statuses = new Map<PolicyException, { matched: Set<string>; applied: Set<string> }>(
    policy.exceptions.map((exception) => [exception, { matched: new Set(), applied: new Set() }]),
  );
  for (const verdict of verdicts) {
    const id = `${verdict.name}@${verdict.version}`;
    for (const exception of [...verdict.exceptions, ...verdict.expiredExceptions]) statuses.get(exception)?.matched.add(id);
    // Every active exception that covers a set-aside finding is needed, not only the one
    // credited with it: removing a later-expiring one would block the package sooner.
    for (const exception of verdict.exceptions) {
      if (verdict.excepted.some(({ finding }) => exceptionCovers(exception, finding.rule))) statuses.get(exception)?.applied.add(id);
    }
  }
  return [...statuses].map(([exception, { matched, applied }]) => ({
    exception,
    state: !isExceptionActive(exception, now) ? 'expired' : applied.size > 0 ? 'active' : matched.size > 0 ? 'not-needed' : 'unmatched',
    matched: [...matched].sort(),
    applied: [...applied].sort(),
    limits: exceptionLimits(exception, now, policy.maxExceptionDays),
    maxExceptionDays: policy.maxExceptionDays,
  }));
}
