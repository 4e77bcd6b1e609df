import type { CheckReport } from '../../src/model/report.js';
import { formatCheckText } from '../../src/report/check-text.js';
import { checkReportToJson } from '../../src/report/check-json.js';
import { createStyle } from '../../src/report/style.js';
import { days, daysAgo } from '../support/history.js';
import { checkReport, UNTOUCHED_BY_POLICY } from '../support/report.js';

function report(overrides: Partial<CheckReport> = {}): CheckReport {
  return checkReport(
    [
      {
        name: 'evil\u001b[2Jname',
        version: '1.0.0',
        source: 'registry',
        dev: false,
        optional: false,
        verdict: 'block',
        publishedAt: daysAgo(2),
        eligibleAt: daysAgo(2) + days(7),
        findings: [{ rule: 'release-age', severity: 'block', publishedAt: daysAgo(2), minReleaseAge: days(7), eligibleAt: daysAgo(2) + days(7) }],
        suggestion: { inRange: null, anyRange: '0.9.0' },
        lockfiles: ['package-lock.json'],
        ...UNTOUCHED_BY_POLICY,
      },
      {
        name: 'ok',
        version: '2.0.0',
        source: 'registry',
        dev: true,
        optional: false,
        verdict: 'allow',
        publishedAt: daysAgo(200),
        eligibleAt: daysAgo(193),
        findings: [],
        suggestion: null,
        lockfiles: ['package-lock.json'],
        ...UNTOUCHED_BY_POLICY,
      },
    ],
    overrides,
  );
}

test('text: untrusted names are sanitized, allowed packages are not listed, the remedy is named', () => {
  const text = formatCheckText(report(), createStyle(false));
  expect(text).not.toContain('\u001b');
  expect(text).toContain('BLOCK  evil[2Jname@1.0.0  release-age: published 2026-11-18 (2 days ago), inside the 7d quarantine window -> eligible on 2026-11-25 (in 5 days); nothing passes within the requested range; newest allowed outside it: 0.9.0');
  expect(text).not.toContain('ok@2.0.0');
  expect(text.trimEnd().endsWith('2 packages: 1 allowed, 0 warned, 1 blocked.')).toBe(true);
});

test('text: colour only when asked', () => {
  expect(formatCheckText(report(), createStyle(true))).toContain('\u001b[31mBLOCK\u001b[39m');
});

test('text: unknown data is visible per registry', () => {
  const text = formatCheckText(report({ dataGaps: [{ registry: 'https://u:p@npm.internal/', missing: 'publisher', packages: ['a', 'b', 'c', 'd'] }] }), createStyle(false));
  expect(text).toContain('UNKNOWN  https://***@npm.internal/ gives no publisher data for 4 packages (a, b, c, and 1 more): new-publisher could not be checked for them');
});

test('json: instants become ISO strings, durations become 7d', () => {
  const json = checkReportToJson(report());
  expect(json['summary']).toEqual({ packages: 2, allowed: 1, warned: 0, blocked: 1, excepted: 0 });
  expect(json['packages']).toEqual([
    expect.objectContaining({
      name: 'evil[2Jname',
      publishedAt: '2026-11-18T12:00:00.000Z',
      eligibleAt: '2026-11-25T12:00:00.000Z',
      findings: [
        expect.objectContaining({ rule: 'release-age', severity: 'block', minReleaseAge: '7d', publishedAt: '2026-11-18T12:00:00.000Z', message: expect.stringContaining('inside the 7d quarantine window') }),
      ],
    }),
    expect.objectContaining({ name: 'ok', verdict: 'allow', dev: true, newestAllowed: null }),
  ]);
});
