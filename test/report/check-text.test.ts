import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remediesFor } from '../../src/engine/remedy.js';
import type { CheckReport, CheckedPackage } from '../../src/model/report.js';
import { formatCheckText } from '../../src/report/check-text.js';
import { checkReportToJson } from '../../src/report/check-json.js';
import { createStyle } from '../../src/report/style.js';
import { days, daysAgo, NOW, NO_SIGNALS } from '../support/history.js';
import { makeException } from '../support/policy.js';
import { causeStep, checkReport, UNTOUCHED_BY_POLICY } from '../support/report.js';

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
        plan: causeStep('evil\u001b[2Jname@1.0.0', '0.9.0', 'outside-range', { ranges: ['^1.0.0'] }),
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
  expect(text).toContain('BLOCK  evil[2Jname@1.0.0  release-age: published 2026-11-18 (2 days ago), inside the 7d quarantine window -> eligible on 2026-11-25 (in 5 days); nothing passes within the requested range (^1.0.0); newest allowed outside it: 0.9.0');
  expect(text).not.toContain('ok@2.0.0');
  expect(text.trimEnd().endsWith('2 packages: 1 allowed, 0 warned, 1 blocked.')).toBe(true);
});

test('text: colour only when asked', () => {
  expect(formatCheckText(report(), createStyle(true))).toContain('\u001b[31mBLOCK\u001b[39m');
});

test('text: unknown data is visible once per registry, with the setting to use', () => {
  const gap = {
    registry: 'https://u:p@npm.internal/', looked: 5, missingFacts: 'fail' as const, historyFrom: null, notOnHistory: [],
    missing: [
      { fact: 'publishers' as const, packages: ['a', 'b', 'c', 'd'], rules: ['new-publisher' as const] },
      { fact: 'accounts' as const, packages: ['a', 'b', 'c', 'd'], rules: ['maintainer-change' as const] },
    ],
  };
  const text = formatCheckText(report({ dataGaps: [gap] }), createStyle(false));
  const lines = text.split('\n').filter((line) => line.includes('npm.internal'));
  expect(lines).toEqual([
    'UNKNOWN  https://***@npm.internal/ gave no publishers (_npmUser) or account lists (maintainers) for 4 of its 5 packages (a, b, c, and 1 more); new-publisher, maintainer-change could not check them. To decide: take them from the registry it mirrors with "registries": {"https://***@npm.internal/": {"historyFrom": "https://registry.npmjs.org/"}}, or accept the gap with "registries": {"https://***@npm.internal/": {"missingFacts": "acknowledge"}} in the policy.',
  ]);
  const acknowledged = formatCheckText(report({ dataGaps: [{ ...gap, registry: 'https://npm.internal/', missingFacts: 'acknowledge' }] }), createStyle(false));
  expect(acknowledged).toContain('NOTE  https://npm.internal/ gave no publishers (_npmUser) or account lists (maintainers) for 4 of its 5 packages (a, b, c, and 1 more); new-publisher, maintainer-change skipped for them (missingFacts: acknowledge).\n');
});

test('text: a registry without publish times is told how to decide, and the line stays UNKNOWN even when acknowledged', () => {
  const gap = {
    registry: 'https://npm.pkg.github.com/', looked: 2, missingFacts: 'acknowledge' as const, historyFrom: null, notOnHistory: [],
    missing: [{ fact: 'times' as const, packages: ['@corp/a', '@corp/b'], rules: ['release-age' as const, 'unknown-publish-time' as const] }],
  };
  const line = formatCheckText(report({ dataGaps: [gap] }), createStyle(false)).split('\n').find((l) => l.includes('github'));
  expect(line).toBe(
    'UNKNOWN  https://npm.pkg.github.com/ gave no publish times for any of its 2 packages; unknown-publish-time blocks their versions (publish times cannot be acknowledged). To decide: take them from the registry it mirrors with "registries": {"https://npm.pkg.github.com/": {"historyFrom": "https://registry.npmjs.org/"}}, or for your own packages only, let them through unaged with "overrides": [{"registry": "https://npm.pkg.github.com/", "rules": {"unknown-publish-time": {"severity": "warn"}}}] in the policy.',
  );
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

describe('suggested commands are shell-quoted (issue 15)', () => {
  const HOSTILE = 'x;touch${IFS}pwned;#';
  const blocked = (name: string, direct: boolean) => {
    const findings = [{ rule: 'release-age' as const, severity: 'block' as const, publishedAt: daysAgo(2), minReleaseAge: days(7), eligibleAt: daysAgo(2) + days(7) }];
    const suggestion = { inRange: '0.9.0', anyRange: '0.9.0' };
    const pkg = { name, version: '1.0.0', direct, dev: false, aliases: [] };
    const remedies = remediesFor({ pkg, findings, eligibleAt: daysAgo(2) + days(7), move: { pkg, version: '0.9.0', fit: 'in-range' }, packageManagers: ['npm', 'pnpm'], maxExceptionDays: 90 }, NOW);
    return checkReport([{
      ...UNTOUCHED_BY_POLICY, plan: causeStep(`${name}@1.0.0`, '0.9.0', 'in-range'), name, version: '1.0.0', source: 'registry', dev: false, optional: false, verdict: 'block',
      publishedAt: daysAgo(2), eligibleAt: daysAgo(2) + days(7), findings, suggestion, lockfiles: ['package-lock.json'], remedies,
    }]);
  };
  /** The words a POSIX shell makes of `command`, run in a scratch folder; and whether it made a file. */
  function shellWords(command: string): { words: string[]; created: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'quarantine-shell-'));
    try {
      const out = execFileSync('sh', ['-c', `set -- ${command}; printf '%s\\n' "$@"`], { cwd: dir, encoding: 'utf8' });
      return { words: out.split('\n').slice(0, -1), created: readdirSync(dir) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const commandsIn = (text: string) => [...text.matchAll(/(?:fix|or, after reviewing the release): (?!pin)(.*)$/gm)].map((m) => m[1]!);

  test.each([[true], [false]])('a hostile package name (direct: %s) stays one word in every command, text and JSON', (direct) => {
    const report = blocked(HOSTILE, direct);
    const commands = commandsIn(formatCheckText(report, createStyle(false)));
    const json = checkReportToJson(report) as { packages: Array<{ remedies: Array<{ command?: string }> }> };
    commands.push(...json.packages[0]!.remedies.flatMap((remedy) => (remedy.command === undefined ? [] : [remedy.command])));
    expect(commands).toHaveLength(direct ? 6 : 2);
    for (const command of commands) {
      const { words, created } = shellWords(command);
      expect(created).toEqual([]);
      expect(words.filter((word) => word.startsWith(HOSTILE))).toHaveLength(1);
    }
    expect(commands[0]).toBe(direct ? `npm install '${HOSTILE}@0.9.0'` : `quarantine allow '${HOSTILE}@1.0.0' --rule release-age --reason "<why this release is safe>" --expires 2026-11-25`);
  });

  test('plain names stay readable: no quotes where none are needed', () => {
    expect(commandsIn(formatCheckText(blocked('@scope/lib', true), createStyle(false)))).toEqual([
      'npm install @scope/lib@0.9.0',
      'pnpm add @scope/lib@0.9.0',
      'quarantine allow @scope/lib@1.0.0 --rule release-age --reason "<why this release is safe>" --expires 2026-11-25',
    ]);
  });
});

/** A checked package with the given verdict and findings; the rest as the demo's. */
function entry(name: string, fields: Partial<CheckedPackage> & Pick<CheckedPackage, 'verdict' | 'findings'>): CheckedPackage {
  return {
    name,
    version: '2.0.0',
    source: 'registry',
    dev: false,
    optional: false,
    publishedAt: daysAgo(20),
    eligibleAt: null,
    suggestion: null,
    lockfiles: ['package-lock.json'],
    ...UNTOUCHED_BY_POLICY,
    ...fields,
  };
}

describe('text: the line for each shape of finding', () => {
  const flagged: CheckedPackage[] = [
    entry('event-pipe', {
      verdict: 'block',
      eligibleAt: daysAgo(56) + days(90),
      findings: [
        { rule: 'new-publisher', severity: 'block', eligibleAt: daysAgo(56) + days(90), publisher: 'right9', firstSeenAt: daysAgo(56), previousPublishers: ['dom'], window: days(90), unverified: false, ...NO_SIGNALS },
        { rule: 'maintainer-change', severity: 'block', eligibleAt: null, kind: 'replaced', added: ['right9'], removed: ['dom'], baselineVersion: '1.9.0' },
      ],
      suggestion: { inRange: '1.9.0', anyRange: '1.9.0' },
      plan: causeStep('event-pipe@2.0.0', '1.9.0', 'in-range'),
      remedies: [
        { kind: 'install', packageManager: 'npm', args: ['npm', 'install', 'event-pipe@1.9.0'], version: '1.9.0', fit: 'in-range' },
        { kind: 'exception', args: ['quarantine', 'allow', 'event-pipe@2.0.0', '--rule', 'new-publisher', '--reason', '<why this release is safe>'], rules: ['new-publisher'], expires: '2027-02-14', capped: false },
      ],
    }),
    entry('safe-parse', {
      verdict: 'block',
      findings: [{ rule: 'trust-downgrade', severity: 'block', eligibleAt: null, line: '2', expected: 'trusted-publisher', actual: 'none', evidenceVersion: '1.9.0' }],
      suggestion: { inRange: null, anyRange: null },
      plan: causeStep('safe-parse@2.0.0', null, null),
      change: { kind: 'upgraded', from: ['1.9.0'] },
    }),
    entry('gone', {
      verdict: 'block',
      findings: [{ rule: 'missing-version', severity: 'block', eligibleAt: null, kind: 'package', registry: 'https://registry.npmjs.org/', unpublishedAt: null }],
      change: { kind: 'added', from: [] },
    }),
    entry('native-thing', {
      verdict: 'warn',
      findings: [{ rule: 'install-script', severity: 'warn', eligibleAt: null, scripts: ['postinstall'], previousVersion: '1.3.0' }],
      change: { kind: 'source', from: [] },
      lockfiles: ['package-lock.json', 'packages/web/yarn.lock'],
    }),
    entry('private-thing', {
      verdict: 'warn',
      findings: [{ rule: 'unknown-publish-time', severity: 'warn', eligibleAt: null, registry: 'https://npm.internal/' }],
    }),
  ];

  test('one lockfile: reasons, eligibility, newest allowed, remedies and the change, most severe first', () => {
    const text = formatCheckText(checkReport(flagged), createStyle(false));
    expect(text.split('\n')).toEqual([
      'Checked package-lock.json (npm lockfile v3) as of 2026-11-20 12:00 UTC, policy default, window 7d.',
      '',
      'BLOCK  event-pipe@2.0.0  new-publisher: published by right9, who first published this package 2026-09-25 (56 days ago); earlier publishers: dom; maintainer-change: every maintainer of 1.9.0 is gone: now right9, before dom -> eligible on 2026-12-24 (in 34 days); newest allowed: 1.9.0',
      '       fix: npm install event-pipe@1.9.0',
      '       or, after reviewing the release: quarantine allow event-pipe@2.0.0 --rule new-publisher --reason "<why this release is safe>"',
      'BLOCK  gone@2.0.0 (new)  missing-version: https://registry.npmjs.org/ does not know this package -> does not pass with time: needs a different version or an exception',
      'BLOCK  safe-parse@2.0.0 (was 1.9.0)  trust-downgrade: published with neither provenance nor trusted publishing, but 1.9.0 in the same 2.x line had trusted publishing -> does not pass with time: needs a different version or an exception; no version of this package passes today',
      'WARN   native-thing@2.0.0 (same version, new resolved URL or integrity)  install-script: adds postinstall script that 1.3.0 did not have',
      'WARN   private-thing@2.0.0  unknown-publish-time: https://npm.internal/ gives no publish time for this version, so its age cannot be checked',
      '',
      '5 packages: 0 allowed, 2 warned, 3 blocked.',
      '',
    ]);
  });

  test('several lockfiles: each line names its lockfiles; a base names what changed', () => {
    const text = formatCheckText(
      checkReport(flagged.slice(3), {
        lockfiles: [
          { path: 'package-lock.json', packageManager: 'npm', formatVersion: '3' },
          { path: 'packages/web/yarn.lock', packageManager: 'yarn-classic', formatVersion: '1' },
        ],
        base: { label: 'origin/main (3f2c1aa)', lockfiles: [{ path: 'package-lock.json', status: 'modified', changed: 2, removed: 1 }, { path: 'packages/web/yarn.lock', status: 'added', changed: 1, removed: 0 }] },
      }),
      createStyle(false),
    );
    expect(text).toContain('Checked package-lock.json (npm lockfile v3), packages/web/yarn.lock (yarn-classic lockfile v1) as of 2026-11-20 12:00 UTC');
    expect(text).toContain('Only the changes since origin/main (3f2c1aa): package-lock.json (2 new or changed, 1 removed); packages/web/yarn.lock added.');
    expect(text).toContain('WARN   native-thing@2.0.0 (same version, new resolved URL or integrity) [package-lock.json, packages/web/yarn.lock]  install-script: adds postinstall script that 1.3.0 did not have');
    expect(text).toContain('WARN   private-thing@2.0.0 [package-lock.json]  unknown-publish-time:');
  });
});

test('an exception that needs a person is one line, not one character per line', () => {
  const expired = makeException({ name: 'left-pad', reason: 'old', expires: '2026-11-01', expiresAt: Date.parse('2026-11-02T00:00:00Z') });
  const text = formatCheckText(checkReport([], { exceptions: [{ exception: expired, state: 'expired', matched: [], applied: [], limits: [], maxExceptionDays: 90 }] }), createStyle(false));
  expect(text).toContain('\nEXPIRED  exception left-pad (test: exceptions[0]) expired after 2026-11-01 and no longer applies: renew it with a new date or remove it\n');
});
