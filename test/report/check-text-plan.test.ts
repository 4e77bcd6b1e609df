/**
 * `check` text at scale (issue 16): one line per root cause by default, every package with
 * --verbose, a summary per direct dependency; the JSON still lists every package with its
 * place in the plan. The report comes from checkLockfile, so the plan is the engine's.
 */
import type { CheckReport } from '../../src/model/report.js';
import { checkReportToJson } from '../../src/report/check-json.js';
import { formatCheckText } from '../../src/report/check-text.js';
import { describeRemedy } from '../../src/report/policy-text.js';
import { createStyle } from '../../src/report/style.js';
import { planReport } from '../support/plan-report.js';

let report: CheckReport;
beforeAll(async () => {
  report = await planReport();
});

const plain = createStyle(false);

test('by default: one BLOCK line per root cause, the platform packages in one line, a summary per direct dependency', () => {
  const lines = formatCheckText(report, plain).split('\n');
  const blocks = lines.filter((line) => line.startsWith('BLOCK'));
  expect(blocks.map((line) => line.split(/ +/)[1])).toEqual(['@babel/core@7.29.16', '@babel/generator@7.29.16', 'left-pad@3.0.1', 'rollup@4.50.0']);
  const rollup = lines.findIndex((line) => line.startsWith('BLOCK  rollup@4.50.0'));
  expect(lines[rollup + 1]).toBe(
    '       and 20 platform packages of the same release (@rollup/rollup-platform-00@4.50.0, @rollup/rollup-platform-01@4.50.0, @rollup/rollup-platform-02@4.50.0, ... --verbose lists them all): the same fix covers them (an exception must name each)',
  );
  expect(lines[rollup + 2]).toBe('       fix: pin it in package.json "overrides": { "rollup": "4.49.0" }, then run npm install');
  expect(lines.join('\n')).not.toContain('rollup-platform-05@4.50.0');
  expect(lines).toContain('Blocked packages by direct dependency:');
  expect(lines).toContain('  vite@7.0.0: 21 blocked (1 root cause)');
  expect(lines).toContain('  @babel/core@7.29.16: 2 blocked (2 root causes)');
  expect(lines.at(-2)).toBe('25 packages: 1 allowed, 0 warned, 24 blocked.');
});

test('the same plan in words: a held dependent frees the range; a version outside the range says so plainly', () => {
  const text = formatCheckText(report, plain);
  expect(text).toContain('newest allowed within the requested range (^7.0.0) once @babel/core is held at 7.29.13: 7.29.15');
  expect(text).toContain('       fix: pin it in package.json "overrides": { "@babel/generator": "7.29.15" }, then run npm install');
  expect(text).not.toContain('8.1.3');
  expect(text).toContain('left-pad@3.0.1  release-age: published 2026-11-19 (1 day ago), inside the 7d quarantine window -> eligible on 2026-11-26 (in 6 days); nothing passes within the requested range (^3.0.0); newest allowed is 2.9.0, another major version than 3.0.1 (outside the range)');
  expect(text).toContain('       fix that crosses a major version (outside the requested range; it may break the build): npm install left-pad@2.9.0');
});

test('--verbose: every blocked package on its own line, each member naming its cause and carrying its fix', () => {
  const lines = formatCheckText(report, plain, { verbose: true }).split('\n');
  expect(lines.filter((line) => line.startsWith('BLOCK'))).toHaveLength(24);
  const member = lines.findIndex((line) => line.startsWith('BLOCK  @rollup/rollup-platform-05@4.50.0'));
  expect(lines[member]).toContain('-> eligible on 2026-11-26 (in 6 days); comes with rollup@4.50.0 (same release): the fix for rollup covers it');
  expect(lines[member + 1]).toBe('       fix: pin it in package.json "overrides": { "rollup": "4.49.0" }, then run npm install');
  expect(lines.find((line) => line.includes('and 20 platform packages'))).toContain('listed below');
});

test('the JSON lists every package with its place in the plan, and the root causes', () => {
  const json = checkReportToJson(report) as {
    rootCauses: Array<{ package: string; target: string | null; fit: string | null; members: string[] }>;
    packages: Array<{ name: string; plan: { cause: string; role: string; target: string | null; fit: string | null; heldDependents: unknown[] } | null; remedies: Array<{ fit?: string }> }>;
  };
  expect(json.packages).toHaveLength(25);
  expect(json.rootCauses.map((cause) => [cause.package, cause.target, cause.fit, cause.members.length])).toEqual([
    ['@babel/core@7.29.16', '7.29.13', 'in-range', 0],
    ['@babel/generator@7.29.16', '7.29.15', 'in-range', 0],
    ['left-pad@3.0.1', '2.9.0', 'crosses-major', 0],
    ['rollup@4.50.0', '4.49.0', 'in-range', 20],
  ]);
  const member = json.packages.find((entry) => entry.name === '@rollup/rollup-platform-00');
  expect(member?.plan).toMatchObject({ cause: 'rollup@4.50.0', role: 'member', target: null });
  expect(json.packages.find((entry) => entry.name === 'left-pad')?.remedies[0]).toMatchObject({ fit: 'crosses-major' });
  expect(json.packages.find((entry) => entry.name === '@babel/generator')?.plan?.heldDependents).toEqual([{ name: '@babel/core', version: '7.29.16', target: '7.29.13' }]);
});

test('every remedy wording names how the version sits against the range', () => {
  const base = { packageManager: 'npm' as const, field: 'overrides' as const, name: 'x', version: '2.0.0' };
  expect(describeRemedy({ kind: 'override', ...base, fit: 'in-range' })).toMatch(/^fix: pin it in/);
  expect(describeRemedy({ kind: 'override', ...base, fit: 'outside-range' })).toMatch(/^fix outside the requested range \(check that its dependents work with it\): pin x in/);
  expect(describeRemedy({ kind: 'override', ...base, fit: 'crosses-major' })).toMatch(/^fix that crosses a major version \(outside the requested range; it may break the build\): pin x in/);
});
