import type { FixResult } from '../../src/model/fix.js';
import type { CheckedPackage } from '../../src/model/report.js';
import type { Finding } from '../../src/model/types.js';
import { fixResultToJson, formatFixText } from '../../src/report/fix-text.js';
import { createStyle } from '../../src/report/style.js';
import { days, NOW } from '../support/history.js';
import { checkReport, UNTOUCHED_BY_POLICY } from '../support/report.js';

const age: Finding = { rule: 'release-age', severity: 'block', eligibleAt: NOW + days(5), publishedAt: NOW - days(2), minReleaseAge: days(7) };

function pkg(name: string, version: string, findings: Finding[]): CheckedPackage {
  const blocked = findings.length > 0;
  return {
    name, version, source: 'registry', dev: false, optional: false, verdict: blocked ? 'block' : 'allow',
    publishedAt: NOW - days(2), eligibleAt: NOW + days(5), findings, suggestion: null, lockfiles: ['package-lock.json'], ...UNTOUCHED_BY_POLICY,
  };
}

function result(overrides: Partial<FixResult>): FixResult {
  const young = pkg('young-lib', '1.2.0', [age]);
  const fresh = pkg('fresh\u001b[31m', '1.0.0', [age]);
  return {
    packageManager: 'npm',
    lockfile: '/p/package-lock.json',
    before: checkReport([young, fresh]),
    entries: [
      { pkg: young, treatment: { kind: 'relock', target: '1.1.0' } },
      { pkg: fresh, treatment: { kind: 'no-version-in-range', outside: '2.0.0' } },
    ],
    command: 'npm install --package-lock-only --ignore-scripts --min-release-age=7',
    ageSetting: '--min-release-age=7',
    dryRun: false,
    changes: [{ name: 'young-lib', from: ['1.2.0'], to: ['1.1.0'] }],
    after: checkReport([pkg('young-lib', '1.1.0', []), fresh]),
    ...overrides,
  };
}

describe('formatFixText', () => {
  it('the plan, what changed (name: old -> new), and what is still blocked; registry strings sanitized', () => {
    const text = formatFixText(result({}), createStyle(false));
    expect(text).toMatch(/^MOVE {4}young-lib@1\.2\.0 -> 1\.1\.0 expected/m);
    expect(text).toMatch(/^CANNOT {2}fresh.*@1\.0\.0 {2}nothing old enough satisfies the requested ranges; newest allowed outside them: 2\.0\.0/m);
    expect(text).toMatch(/^ {2}young-lib: 1\.2\.0 -> 1\.1\.0$/m);
    expect(text).toMatch(/^Still blocked: 1 package: fresh.*@1\.0\.0\.$/m);
    expect(text).not.toContain('\u001b');
  });

  it('--dry-run says what would run and that nothing changed', () => {
    const text = formatFixText(result({ dryRun: true, changes: [], after: null }), createStyle(false));
    expect(text).toContain('Would run: npm install --package-lock-only --ignore-scripts --min-release-age=7');
    expect(text).toContain('--dry-run: nothing was changed.');
    expect(text).not.toContain('Changed:');
    expect(text).toMatch(/Still blocked: 2 packages/);
  });

  it('JSON carries the plan, the changes and what is still blocked', () => {
    expect(fixResultToJson(result({}))).toMatchObject({
      schemaVersion: 1,
      plan: [{ name: 'young-lib', action: 'relock', target: '1.1.0' }, { action: 'no-version-in-range', outsideRange: '2.0.0' }],
      changes: [{ name: 'young-lib', from: ['1.2.0'], to: ['1.1.0'] }],
      blocked: [{ version: '1.0.0', rules: ['release-age'] }],
      ok: false,
    });
  });
});
