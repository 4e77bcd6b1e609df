import type { BacktestReport } from '../../src/model/backtest.js';
import { backtestReportToJson } from '../../src/report/backtest-json.js';
import { countWithShare, formatBacktestText, formatHold } from '../../src/report/backtest-text.js';
import { createStyle } from '../../src/report/style.js';
import { accountPublisher, DAY, days, daysAgo, NOW, NO_SIGNALS } from '../support/history.js';

const alertFinding = {
  rule: 'new-publisher' as const, severity: 'block' as const, eligibleAt: daysAgo(10), publisher: accountPublisher('bob').id,
  firstSeenAt: daysAgo(100), previousPublishers: ['alice'], window: days(90), unverified: false, ...NO_SIGNALS,
};

const report: BacktestReport = {
  now: NOW, since: daysAgo(365), until: NOW, delay: DAY, policySource: 'default',
  lockfiles: [{ path: 'package-lock.json', packageManager: 'npm', formatVersion: '3' }],
  packages: 2, notFound: ['ghost'], releases: 400, untimed: 1, blocked: 3, warned: 1,
  changeOfHandsBlocked: 1, changeOfHandsWarned: 0,
  holds: { median: days(7), max: days(90), endless: 1 },
  groups: [
    { rule: 'new-publisher', signal: null, part: 'finding', changeOfHands: true, blocked: 1, warned: 0, holds: { median: days(89.5), max: days(89.5), endless: 0 } },
    { rule: 'new-publisher', signal: 'owners-replaced', part: 'signal', changeOfHands: true, blocked: 1, warned: 0, holds: { median: days(89.5), max: days(89.5), endless: 0 } },
    { rule: 'maintainer-change', signal: 'added', part: 'finding', changeOfHands: true, blocked: 0, warned: 1, holds: { median: null, max: null, endless: 0 } },
    { rule: 'missing-version', signal: 'version', part: 'finding', changeOfHands: false, blocked: 1, warned: 0, holds: { median: null, max: null, endless: 1 } },
  ],
  alerts: [{ name: 'pkg', version: '1.1.0', publishedAt: daysAgo(100), judgedAt: daysAgo(99), severity: 'block', verdict: 'block', finding: alertFinding }],
};

describe('backtest reporters', () => {
  test('holds read in days (one decimal) or hours; shares keep small rates visible', () => {
    expect(formatHold(days(89.5))).toBe('89.5d');
    expect(formatHold(days(7))).toBe('7d');
    expect(formatHold(DAY / 2)).toBe('12h');
    expect(formatHold(null)).toBe('-');
    expect(countWithShare(1, 400)).toBe('1 (0.25%)');
    expect(countWithShare(0, 400)).toBe('0 (0.0%)');
    expect(countWithShare(200, 400)).toBe('200 (50.0%)');
  });

  test('text: one row per rule and signal, the totals, the alerts, what was not replayed', () => {
    const text = formatBacktestText(report, createStyle(false));
    expect(text).toMatch(/^ {2}new-publisher\s+1 \(0\.25%\)\s+0 \(0\.0%\)\s+89\.5d\s+89\.5d$/m);
    expect(text).toMatch(/^ {4}\+ owners-replaced\s+1 \(0\.25%\)/m);
    expect(text).toContain('"+ signal" and "- discount" rows break the rule above them down');
    expect(text).toMatch(/^ {2}maintainer-change added\s+0 \(0\.0%\)\s+1 \(0\.25%\)\s+-\s+-$/m);
    expect(text).toMatch(/^ {2}missing-version version\s+1 \(0\.25%\)\s+0 \(0\.0%\)\s+-\s+- \+1 no end$/m);
    expect(text).toMatch(/^ {2}change of hands\s+1 \(0\.25%\)\s+0 \(0\.0%\)$/m);
    expect(text).toContain('  BLOCK pkg@1.1.0  ' + new Date(daysAgo(100)).toISOString().slice(0, 10) + '  new-publisher: published by bob, who first published this package');
    expect(text).toContain('Not in the registry (nothing to replay): ghost');
    expect(text).toContain('1 version without a publish time was not replayed.');
  });

  test('json: versioned, durations in days, findings as check words them on the day judged', () => {
    const json = backtestReportToJson(report);
    expect(json).toMatchObject({ kind: 'backtest', schemaVersion: 1, delay: '1d', policy: 'default', notFound: ['ghost'] });
    expect(json['summary']).toEqual({
      packages: 2, releases: 400, untimed: 1, blocked: 3, warned: 1,
      changeOfHands: { blocked: 1, warned: 0 }, holds: { medianDays: 7, maxDays: 90, endless: 1 },
    });
    expect(json['alerts']).toEqual([expect.objectContaining({
      name: 'pkg', version: '1.1.0', judgedAt: new Date(daysAgo(99)).toISOString(),
      finding: expect.objectContaining({ rule: 'new-publisher', message: expect.stringContaining('(1 day ago)') }),
    })]);
  });
});
