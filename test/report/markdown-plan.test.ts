/** The Action's job summary and comment show the same remedy plan as `check` (issue 16). */
import type { CheckReport } from '../../src/model/report.js';
import { formatCommentMarkdown, formatSummaryMarkdown } from '../../src/report/markdown.js';
import { planReport } from '../support/plan-report.js';

let report: CheckReport;
beforeAll(async () => {
  report = await planReport();
});

test('the comment: one "How to fix" line per root cause, in check\'s words, the platform packages counted with rollup', () => {
  const lines = formatCommentMarkdown(report).split('\n');
  const start = lines.indexOf('### How to fix');
  expect(start).toBeGreaterThan(0);
  expect(lines.slice(start + 2, start + 6)).toEqual([
    '- `@babel/core@7.29.16`: `fix: npm install @babel/core@7.29.13`',
    '- `@babel/generator@7.29.16`: `fix: pin it in package.json "overrides": { "@babel/generator": "7.29.15" }, then run npm install`',
    '- `left-pad@3.0.1`: `fix that crosses a major version (outside the requested range; it may break the build): npm install left-pad@2.9.0`',
    '- `rollup@4.50.0` `and 20 platform packages of the same release (@rollup/rollup-platform-00@4.50.0, @rollup/rollup-platform-01@4.50.0, @rollup/rollup-platform-02@4.50.0, ... the JSON report lists them all): the same fix covers them (an exception must name each)`: `fix: pin it in package.json "overrides": { "rollup": "4.49.0" }, then run npm install`',
  ]);
});

test('the summary table: the plan\'s version per package, a crossing said, a member pointing at its parent', () => {
  const rows = formatSummaryMarkdown(report).split('\n').filter((line) => line.startsWith('| `'));
  const row = (name: string) => rows.find((line) => line.startsWith(`| \`${name}\``)) ?? '';
  expect(row('@babel/generator')).toMatch(/\| `7\.29\.15` \|$/);
  expect(row('left-pad')).toMatch(/\| `2\.9\.0` \(another major version, outside the range\) \|$/);
  expect(row('@rollup/rollup-platform-07')).toMatch(/\| with `rollup@4\.50\.0` \|$/);
  expect(formatSummaryMarkdown(report)).toContain('### How to fix');
});
