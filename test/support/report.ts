/** CheckReport fixtures for the reporters' tests: a report as of NOW under the default policy. */
import type { CheckReport, PlanFit, PlanStep } from '../../src/model/report.js';
import { days, NOW } from './history.js';

/** The policy fields of a checked package that no exception, override or remedy touched (and no plan: not blocked). */
export const UNTOUCHED_BY_POLICY = { excepted: [], exceptions: [], expiredExceptions: [], overrides: [], remedies: [], plan: null };

/** A blocked package's own step in the remedy plan: held at `target` within `ranges`. */
export function causeStep(key: string, target: string | null, fit: PlanFit | null, fields: Partial<PlanStep> = {}): PlanStep {
  return { cause: key, role: 'cause', target, fit, ranges: ['^2.0.0'], rangesKnown: true, heldDependents: [], members: [], membersOptional: false, via: [], ...fields };
}

/** A report of one package-lock.json checked at NOW with the default 7-day window. */
export function checkReport(packages: CheckReport['packages'], overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    now: NOW,
    lockfiles: [{ path: 'package-lock.json', packageManager: 'npm', formatVersion: '3' }],
    policySource: 'default',
    minReleaseAge: days(7),
    dataGaps: [],
    exceptions: [],
    packages,
    ...overrides,
  };
}
