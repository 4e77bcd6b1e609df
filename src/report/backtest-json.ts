/** The `backtest --json` document, `kind: "backtest"`, schemaVersion 1 (documented in README.md). */
import type { BacktestReport, HoldStats } from '../model/backtest.js';
import { formatDuration } from '../model/duration.js';
import { DAY } from '../model/instant.js';
import type { Duration } from '../model/types.js';
import { findingToJson, type JsonValue } from './json-values.js';
import { sanitize } from './sanitize.js';
import { isoTime } from './time.js';

export const BACKTEST_SCHEMA_VERSION = 1;

const days = (duration: Duration | null): number | null => (duration === null ? null : Math.round((duration / DAY) * 100) / 100);

function holdsToJson(holds: HoldStats): { [key: string]: JsonValue } {
  return { medianDays: days(holds.median), maxDays: days(holds.max), endless: holds.endless };
}

export function backtestReportToJson(report: BacktestReport): { [key: string]: JsonValue } {
  return {
    kind: 'backtest',
    schemaVersion: BACKTEST_SCHEMA_VERSION,
    now: isoTime(report.now),
    since: isoTime(report.since),
    until: isoTime(report.until),
    delay: formatDuration(report.delay),
    policy: report.policySource,
    lockfiles: report.lockfiles.map((lockfile) => ({ path: lockfile.path, packageManager: lockfile.packageManager, formatVersion: lockfile.formatVersion })),
    summary: {
      packages: report.packages,
      releases: report.releases,
      untimed: report.untimed,
      blocked: report.blocked,
      warned: report.warned,
      changeOfHands: { blocked: report.changeOfHandsBlocked, warned: report.changeOfHandsWarned },
      holds: holdsToJson(report.holds),
    },
    groups: report.groups.map((group) => ({
      rule: group.rule,
      signal: group.signal,
      part: group.part,
      changeOfHands: group.changeOfHands,
      blocked: group.blocked,
      warned: group.warned,
      holds: holdsToJson(group.holds),
    })),
    alerts: report.alerts.map((alert) => ({
      name: sanitize(alert.name),
      version: sanitize(alert.version),
      publishedAt: isoTime(alert.publishedAt),
      judgedAt: isoTime(alert.judgedAt),
      severity: alert.severity,
      verdict: alert.verdict,
      finding: findingToJson(alert.finding, alert.judgedAt),
    })),
    notFound: report.notFound.map(sanitize),
  };
}
