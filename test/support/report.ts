/** CheckReport fixtures for the reporters' tests: a report as of NOW under the default policy. */
import type { CheckReport } from '../../src/model/report.js';
import { days, NOW } from './history.js';

/** The policy fields of a checked package that no exception, override or remedy touched. */
export const UNTOUCHED_BY_POLICY = { excepted: [], exceptions: [], expiredExceptions: [], overrides: [], remedies: [] };

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
