import { keptYoungNames, planFix, relocked, versionChanges } from '../../../src/app/fix/plan.js';
import { fixResultToJson, formatFixText } from '../../../src/report/fix-text.js';
import { createStyle } from '../../../src/report/style.js';
import { keptBlocked, exactlyNamed } from '../../../src/app/install/kept-blocked.js';
import type { CheckedPackage } from '../../../src/model/report.js';
import type { Finding } from '../../../src/model/types.js';
import { days, NOW } from '../../support/history.js';
import { checkReport, UNTOUCHED_BY_POLICY } from '../../support/report.js';

const age: Finding = { rule: 'release-age', severity: 'block', eligibleAt: NOW + days(5), publishedAt: NOW - days(2), minReleaseAge: days(7) };

function pkg(name: string, version: string, findings: Finding[], inRange: string | null = '1.0.0'): CheckedPackage {
  const blocked = findings.some((finding) => finding.severity === 'block');
  return {
    name,
    version,
    source: 'registry',
    dev: false,
    optional: false,
    verdict: blocked ? 'block' : 'allow',
    publishedAt: NOW - days(2),
    eligibleAt: NOW + days(5),
    findings,
    suggestion: blocked ? { inRange, anyRange: '2.0.0' } : null,
    lockfiles: ['package-lock.json'],
    ...UNTOUCHED_BY_POLICY,
  };
}

describe('planFix', () => {
  it('moves a release-age block within range; a change of hands goes to review; no version in range and other rules are said', () => {
    const handover = { ...age, rule: 'new-publisher' } as unknown as Finding;
    const missing = { rule: 'missing-version', severity: 'block' } as unknown as Finding;
    const report = checkReport([pkg('a', '1.1.0', [age]), pkg('b', '3.0.3', [age, handover]), pkg('c', '1.0.0', [age], null), pkg('d', '1.0.0', [missing]), pkg('e', '1.0.0', [])]);
    expect(planFix(report).map((entry) => [entry.pkg.name, entry.treatment])).toEqual([
      ['a', { kind: 'relock', target: '1.0.0' }],
      ['b', { kind: 'review', rules: ['new-publisher'] }],
      ['c', { kind: 'no-version-in-range', outside: '2.0.0' }],
      ['d', { kind: 'not-age', rules: ['missing-version'] }],
    ]);
    expect(keptYoungNames(report, NOW - days(7), new Set(['a']))).toEqual(['b', 'c', 'd', 'e']);
  });

  it('a pnpm config dependency is never moved: listed as PIN with the version to pin, and still blocked after the run', () => {
    const young = { ...pkg('pnpm-plugin-x', '1.0.1', [age]), configDependency: true };
    const report = checkReport([young, pkg('a', '1.1.0', [age])]);
    const entries = planFix(report);
    expect(entries.map((entry) => [entry.pkg.name, entry.treatment])).toEqual([
      ['pnpm-plugin-x', { kind: 'config-dependency', rules: ['release-age'], target: '2.0.0' }],
      ['a', { kind: 'relock', target: '1.0.0' }],
    ]);
    expect(relocked(entries).map((entry) => entry.pkg.name)).toEqual(['a']);
    // After the run `a` moved; the config dependency is what pnpm keeps: the report says so.
    const after = checkReport([young, pkg('a', '1.0.0', [])]);
    const result = { packageManager: 'pnpm' as const, lockfile: '/p/pnpm-lock.yaml', before: report, entries, command: 'pnpm install', ageSetting: null, dryRun: false, changes: [], after };
    const text = formatFixText(result, createStyle(false));
    expect(text).toContain('PIN     pnpm-plugin-x@1.0.1  release-age:');
    expect(text).toContain('pin one that passes with pnpm add --config pnpm-plugin-x@2.0.0');
    expect(text).toContain('Still blocked: 1 package: pnpm-plugin-x@1.0.1.');
    expect(text).not.toContain('Nothing is blocked now');
    const json = fixResultToJson(result);
    expect(json['ok']).toBe(false);
    expect(json['plan']).toContainEqual({ name: 'pnpm-plugin-x', version: '1.0.1', action: 'config-dependency', rules: ['release-age'], pin: '2.0.0' });
    expect(json['blocked']).toEqual([{ name: 'pnpm-plugin-x', version: '1.0.1', rules: ['release-age'] }]);
  });

  it('versionChanges names what moved, appeared or went', () => {
    expect(versionChanges([{ name: 'a', version: '1.2.0' }, { name: 'b', version: '1.0.0' }], [{ name: 'a', version: '1.1.0' }, { name: 'c', version: '2.0.0' }])).toEqual([
      { name: 'a', from: ['1.2.0'], to: ['1.1.0'] },
      { name: 'b', from: ['1.0.0'], to: [] },
      { name: 'c', from: [], to: ['2.0.0'] },
    ]);
  });
});

describe('keptBlocked', () => {
  it('a named blocked version the install keeps blocks it; the other kept blocks are listed', () => {
    const before = checkReport([pkg('cross-spawn', '7.1.2', [age]), pkg('rollup', '4.0.1', [age]), pkg('gone', '1.0.0', [age])]);
    const after = [{ name: 'cross-spawn', version: '7.1.2' }, { name: 'rollup', version: '4.0.1' }];
    const kept = keptBlocked(before, after, checkReport([]), ['cross-spawn@7.1.2']);
    expect(kept.named.map((entry) => entry.name)).toEqual(['cross-spawn']);
    expect(kept.others.map((entry) => entry.name)).toEqual(['rollup']);
    expect(keptBlocked(null, after, checkReport([]), ['cross-spawn@7.1.2'])).toEqual({ named: [], others: [] });
  });

  it('only exact versions are let through the package manager\'s gate', () => {
    expect(exactlyNamed(['postcss', 'cross-spawn@7.1.2', '@s/x@^1.0.0', '@s/y@1.0.0-rc.1'])).toEqual(['cross-spawn', '@s/y']);
  });
});
