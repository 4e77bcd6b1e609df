/** markdownCode and the Markdown reporters: untrusted strings only ever inside code spans. */
import type { CheckReport, CheckedPackage, DataGap } from '../../src/model/report.js';
import { describeGap } from '../../src/report/describe-gap.js';
import { markdownCode } from '../../src/report/markdown-escape.js';
import { COMMENT_MARKER, SUMMARY_BYTES, formatAllClearComment, formatCommentMarkdown, formatSummaryMarkdown, readRecheckAfter, recheckAfter } from '../../src/report/markdown.js';
import { checkReportToSarif } from '../../src/report/sarif.js';
import { days, daysAgo, NOW, NO_SIGNALS } from '../support/history.js';
import { makeException } from '../support/policy.js';
import { causeStep, checkReport, UNTOUCHED_BY_POLICY } from '../support/report.js';

function blocked(name: string, overrides: Partial<CheckedPackage> = {}): CheckedPackage {
  return {
    name,
    version: '1.0.1',
    source: 'registry',
    dev: false,
    optional: false,
    verdict: 'block',
    publishedAt: daysAgo(2),
    eligibleAt: daysAgo(2) + days(7),
    findings: [{ rule: 'release-age', severity: 'block', publishedAt: daysAgo(2), minReleaseAge: days(7), eligibleAt: daysAgo(2) + days(7) }],
    suggestion: { inRange: '1.0.0', anyRange: '1.0.0' },
    lockfiles: ['package-lock.json'],
    change: { kind: 'upgraded', from: ['1.0.0'] },
    ...UNTOUCHED_BY_POLICY,
    plan: causeStep(`${name}@${overrides.version ?? '1.0.1'}`, '1.0.0', 'in-range'),
    ...overrides,
  };
}

function report(packages: CheckedPackage[]): CheckReport {
  return checkReport(packages, { base: { label: 'abc1234', lockfiles: [{ path: 'package-lock.json', status: 'modified', changed: packages.length, removed: 0 }] } });
}

describe('markdownCode', () => {
  test.each([
    ['left-pad', '`left-pad`'],
    ['a`b', '``a`b``'],
    ['a``b`', '``` a``b` ```'],
    ['`x', '`` `x ``'],
    ['line\nbreak\r\nhere', '`line break here`'],
    ['esc\u001b[2Jape\u202e', '`esc[2Jape`'],
    ['', '` `'],
  ])('%j -> %s', (text, expected) => {
    expect(markdownCode(text)).toBe(expected);
  });

  test('in a table cell, pipes (and the backslashes before them) are escaped', () => {
    expect(markdownCode('a|b', { table: true })).toBe('`a\\|b`');
    expect(markdownCode('a\\|b', { table: true })).toBe('`a\\\\\\|b`');
    expect(markdownCode('a|b')).toBe('`a|b`');
  });
});

describe('Markdown reports', () => {
  test('the summary: one row per entry, most severe first, old -> new version', () => {
    const ok = blocked('zz-ok', { verdict: 'allow', findings: [], suggestion: null, change: { kind: 'added', from: [] } });
    const text = formatSummaryMarkdown(report([ok, blocked('aa-young')]), { notes: ['Event `pull_request`.'] });
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual([
      '| `aa-young` | `1.0.0` → `1.0.1` | ⛔ block | release-age | 2026-11-25 | `1.0.0` |',
      '| `zz-ok` | new `1.0.1` | ✅ allow |  |  |  |',
    ]);
    expect(text).toContain('Event `pull_request`.');
    expect(text).toContain('re-run this check on or after 2026-11-25');
  });

  test('the comment starts with the marker and lists only what blocks or warns', () => {
    const ok = blocked('zz-ok', { verdict: 'allow', findings: [] });
    const text = formatCommentMarkdown(report([ok, blocked('aa-young')]), { runUrl: 'https://github.example/run/1' });
    expect(text.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(text).toContain('[job summary](https://github.example/run/1)');
    expect(text).not.toContain('zz-ok');
    expect(formatAllClearComment(report([ok]))).toMatch(new RegExp(`^${COMMENT_MARKER}\\n### release-quarantine: all clear`));
  });

  test('crafted names never leave their code span', () => {
    const names = ['[x](https://evil.example)', '@org/team', '<img src=x onerror=alert(1)>', 'a`b', 'p|q', 'new\nline'];
    const text = formatCommentMarkdown(report(names.map((name) => blocked(name))));
    const outside = text.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outside).not.toMatch(/<(?!!--)|\]\(|@\w|evil/);
    for (const row of text.split('\n').filter((line) => line.startsWith('| `'))) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
  });
});

describe('the job summary stays under GitHub\'s 1 MiB step limit', () => {
  const allowed = (count: number): CheckedPackage[] =>
    Array.from({ length: count }, (_, index) => blocked(`allowed-package-${String(index).padStart(5, '0')}`, { verdict: 'allow', findings: [], suggestion: null, eligibleAt: null }));

  test('3,000 entries: every one has its row', () => {
    const text = formatSummaryMarkdown(report([...allowed(2_995), ...Array.from({ length: 5 }, (_, index) => blocked(`young-${index}`))]));
    expect(text.split('\n').filter((line) => line.startsWith('| `'))).toHaveLength(3_000);
    expect(text).not.toContain('more in the JSON report');
  });

  test('20,000 entries: every blocked row and reason is kept, the allowed rows that do not fit are counted', () => {
    const text = formatSummaryMarkdown(report([...allowed(19_995), ...Array.from({ length: 5 }, (_, index) => blocked(`young-${index}`))]));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_BYTES + 2_000);
    expect(SUMMARY_BYTES + 2_000).toBeLessThan(1024 * 1024);
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.slice(0, 5).every((row) => row.includes('⛔ block'))).toBe(true);
    expect(text).toMatch(new RegExp(`…and ${20_000 - rows.length} more in the JSON report \\(output \`report\`\\)\\.`));
    expect(rows.length).toBeGreaterThan(5_000);
    expect(text.split('\n').filter((line) => line.startsWith('- `young-'))).toHaveLength(5);
  });
});

describe('the recheck line: when a scheduled run may re-run the pull request', () => {
  const neverByItself = blocked('bb-taken', {
    eligibleAt: null,
    findings: [{ rule: 'non-registry-source', severity: 'block', source: 'git', resolved: 'git+https://example.invalid/x.git' } as never],
  });

  test('every block lapses: the second line holds the last lapse, and reads back to the same instant', () => {
    const later = blocked('cc-later', { eligibleAt: daysAgo(1) + days(7) });
    const text = formatCommentMarkdown(report([blocked('aa-young'), later]));
    const lines = text.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    expect(lines[1]).toBe(`<!-- release-quarantine:recheck-after=${new Date(daysAgo(1) + days(7)).toISOString()} -->`);
    expect(readRecheckAfter(text)).toBe(daysAgo(1) + days(7));
    expect(recheckAfter(report([blocked('aa-young'), later]))).toBe(daysAgo(1) + days(7));
    expect(text).toContain('Every block here lapses by itself: re-run this check on or after 2026-11-26');
  });

  test('a lapse more than 30 days after the run: the line is kept, but the comment says to push, as GitHub will not re-run it', () => {
    const far = formatCommentMarkdown(report([blocked('aa-young', { eligibleAt: NOW + days(31) })]));
    expect(readRecheckAfter(far)).toBe(NOW + days(31));
    expect(far).toContain('That is more than 30 days after this run, and GitHub re-runs only newer runs: push a commit');
    expect(far).not.toContain('re-runs this check for you');
    expect(formatCommentMarkdown(report([blocked('aa-young', { eligibleAt: NOW + days(29) })]))).toContain('re-runs this check for you');
  });

  test('one block that never lapses by itself: no recheck line, and the comment says time alone will not do', () => {
    const text = formatCommentMarkdown(report([blocked('aa-young'), neverByItself]));
    expect(text).not.toContain('recheck-after');
    expect(readRecheckAfter(text)).toBeNull();
    expect(text).toContain('the others need a different version or an exception, so time alone does not turn this check green');
  });

  test('warnings only, or the all-clear: no recheck line', () => {
    const warned = blocked('aa-warn', { verdict: 'warn', eligibleAt: null });
    expect(recheckAfter(report([warned]))).toBeNull();
    expect(readRecheckAfter(formatAllClearComment(report([])))).toBeNull();
  });

  test.each([
    'recheck-after=2026-11-25T12:00:00.000Z',
    '<!-- release-quarantine:recheck-after=2026-13-45T12:00:00.000Z -->',
    '<!-- release-quarantine:recheck-after=tomorrow -->',
    'text <!-- release-quarantine:recheck-after=2026-11-25T12:00:00.000Z --> inline',
  ])('a malformed or misplaced line is not read: %j', (body) => {
    expect(readRecheckAfter(`${COMMENT_MARKER}\n${body}\n`)).toBeNull();
  });
});

describe('SARIF', () => {
  test('rules for every rule id; a result per finding at each lockfile location', () => {
    const warn = blocked('scripted', {
      verdict: 'warn',
      findings: [{ rule: 'install-script', severity: 'warn', scripts: ['postinstall'], previousVersion: '1.0.0', eligibleAt: null }],
      lockfiles: ['a/package-lock.json', 'b/yarn.lock'],
    });
    const ok = blocked('fine', { verdict: 'allow', findings: [] });
    const sarif = checkReportToSarif(report([blocked('young'), warn, ok]), {
      version: '9.9.9',
      helpUri: 'https://example.test/docs/policy.md',
      locationsOf: (entry) => entry.lockfiles.map((path, index) => ({ path, line: index === 0 ? 12 : null })),
    }) as { version: string; runs: Array<{ tool: { driver: { version: string; rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; level: string; message: { text: string }; locations: unknown[] }> }> };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run?.tool.driver.version).toBe('9.9.9');
    expect(run?.tool.driver.rules).toHaveLength(9);
    expect(run?.tool.driver.rules[0]).toMatchObject({ id: 'release-age', helpUri: 'https://example.test/docs/policy.md#release-age' });
    expect(run?.results.map((result) => `${result.ruleId} ${result.level}`)).toEqual(['release-age error', 'install-script warning']);
    expect(run?.results[1]?.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'a/package-lock.json' }, region: { startLine: 12 } } },
      { physicalLocation: { artifactLocation: { uri: 'b/yarn.lock' } } },
    ]);
    expect(run?.results[0]?.message.text).toMatch(/^young@1\.0\.1: release-age: published 2026-11-18/);
  });
});

describe('the table cells and the reasons, for each shape of finding', () => {
  const entries = [
    blocked('event-pipe', {
      version: '2.4.0',
      change: { kind: 'upgraded', from: ['2.3.0'] },
      eligibleAt: daysAgo(56) + days(90),
      findings: [
        { rule: 'new-publisher', severity: 'block', eligibleAt: daysAgo(56) + days(90), publisher: 'right9', firstSeenAt: daysAgo(56), previousPublishers: ['dom'], window: days(90), unverified: false, ...NO_SIGNALS },
        { rule: 'maintainer-change', severity: 'block', eligibleAt: null, kind: 'replaced', added: ['right9'], removed: ['dom'], baselineVersion: '2.3.0' },
      ],
      suggestion: { inRange: '2.3.0', anyRange: '2.3.0' },
      plan: causeStep('event-pipe@2.4.0', '2.3.0', 'in-range'),
    }),
    blocked('safe-parse', {
      version: '5.2.1',
      change: { kind: 'replaced', from: ['5.2.0', '6.0.0'] },
      eligibleAt: null,
      findings: [{ rule: 'trust-downgrade', severity: 'block', eligibleAt: null, line: '5', expected: 'trusted-publisher', actual: 'none', evidenceVersion: '5.2.0' }],
      suggestion: { inRange: null, anyRange: '4.9.3' },
      plan: causeStep('safe-parse@5.2.1', '4.9.3', 'crosses-major'),
    }),
    blocked('gone', {
      change: { kind: 'added', from: [] },
      eligibleAt: null,
      findings: [{ rule: 'missing-version', severity: 'block', eligibleAt: null, kind: 'version', registry: 'https://registry.npmjs.org/', unpublishedAt: daysAgo(1) }],
      suggestion: { inRange: null, anyRange: null },
      plan: causeStep('gone@1.0.1', null, null),
    }),
    blocked('native-thing', {
      version: '1.4.0',
      verdict: 'warn',
      change: { kind: 'source', from: [] },
      eligibleAt: null,
      findings: [{ rule: 'install-script', severity: 'warn', eligibleAt: null, scripts: ['postinstall'], previousVersion: '1.3.0' }],
      suggestion: null,
    }),
    blocked('my-fork', {
      verdict: 'warn',
      eligibleAt: null,
      findings: [{ rule: 'non-registry-source', severity: 'warn', eligibleAt: null, source: 'git', resolved: 'git+ssh://git@github.com/demo-org/my-fork.git#3f2c9a1' }],
      suggestion: null,
    }),
  ];

  test('the job summary: a row per entry and a reason per finding, in the reporters\' words', () => {
    const lines = formatSummaryMarkdown(report(entries)).split('\n');
    expect(lines.filter((line) => line.startsWith('| `'))).toEqual([
      '| `event-pipe` | `2.3.0` → `2.4.0` | ⛔ block | new-publisher, maintainer-change | 2026-12-24 | `2.3.0` |',
      '| `gone` | new `1.0.1` | ⛔ block | missing-version | never by itself | none today |',
      '| `safe-parse` | `5.2.0`, `6.0.0` → `5.2.1` | ⛔ block | trust-downgrade | never by itself | `4.9.3` (another major version, outside the range) |',
      '| `my-fork` | `1.0.0` → `1.0.1` | ⚠️ warn | non-registry-source |  |  |',
      '| `native-thing` | `1.4.0` (new source) | ⚠️ warn | install-script |  |  |',
    ]);
    expect(lines.filter((line) => line.startsWith('- '))).toEqual([
      '- `event-pipe@2.4.0` new-publisher: `published by right9, who first published this package 2026-09-25 (56 days ago); earlier publishers: dom`',
      '- `event-pipe@2.4.0` maintainer-change: `every maintainer of 2.3.0 is gone: now right9, before dom`',
      '- `gone@1.0.1` missing-version: `this version is not in https://registry.npmjs.org/ (unpublished 2026-11-19 (1 day ago))`',
      '- `safe-parse@5.2.1` trust-downgrade: `published with neither provenance nor trusted publishing, but 5.2.0 in the same 5.x line had trusted publishing`',
      '- `my-fork@1.0.1` non-registry-source: `installed from git (git+ssh://***@github.com/demo-org/my-fork.git#3f2c9a1), which has no registry history to check`',
      '- `native-thing@1.4.0` install-script: `adds postinstall script that 1.3.0 did not have`',
    ]);
    expect(lines).toContain('5 new or changed packages evaluated: **3 blocked**, 2 warned, 0 allowed.');
    expect(lines).toContain('Blocks with an "eligible on" date lapse by themselves (the last on 2026-12-24); the others need a different version or an exception, so time alone does not turn this check green and no scheduled run re-runs it.');
  });

  test('the comment: a heading with the counts and the same reasons', () => {
    const text = formatCommentMarkdown(report(entries));
    expect(text).toContain('### release-quarantine: 3 blocked, 2 warned\n\n5 new or changed packages evaluated: **3 blocked**, 2 warned, 0 allowed. The full table is in the job summary.');
    expect(text).toContain('- `native-thing@1.4.0` install-script: `adds postinstall script that 1.3.0 did not have`');
  });
});

test('the job summary says once per registry what it did not tell, inside a code span', () => {
  const gap = {
    registry: 'https://mirror.example.com/`evil`/', looked: 3, missingFacts: 'fail' as const, historyFrom: null, notOnHistory: [],
    missing: [{ fact: 'publishers' as const, packages: ['a', 'b', 'c'], rules: ['new-publisher' as const] }],
  };
  const text = formatSummaryMarkdown(checkReport([], { dataGaps: [gap] }));
  const lines = text.split('\n');
  expect(lines).toContain('### What the registries did not tell');
  const line = lines.find((l) => l.startsWith('- UNKNOWN: '));
  expect(line).toContain('gave no publishers (_npmUser) for any of its 3 packages; new-publisher could not check them.');
  expect(line?.startsWith('- UNKNOWN: ``')).toBe(true);
  expect(formatSummaryMarkdown(checkReport([]))).not.toContain('did not tell');
});

describe('the Action on exceptions, notices and full runs (issue 16)', () => {
  const exception = makeException({
    name: 'lodash', version: '4.17.22', rules: ['release-age'], reason: 'security fix, diff reviewed', expires: '2026-12-31', expiresAt: Date.parse('2027-01-01T00:00:00Z'), ticket: 'SEC-12',
  });
  const young = blocked('lodash', { version: '4.17.22', change: undefined });
  const excepted: CheckedPackage = {
    ...young,
    verdict: 'allow',
    eligibleAt: null,
    findings: [],
    suggestion: null,
    excepted: young.findings.map((finding) => ({ finding, exception })),
    exceptions: [exception],
  };
  const allowed = Array.from({ length: 381 }, (_, index) => blocked(`ok-${String(index).padStart(3, '0')}`, { verdict: 'allow', findings: [], suggestion: null, eligibleAt: null, change: undefined }));
  const gap: DataGap = {
    registry: 'https://npm.corp.example/',
    looked: 4,
    missing: [{ fact: 'publishers', packages: ['ok-000', 'ok-001', 'ok-002', 'ok-003'], rules: ['new-publisher'] }],
    missingFacts: 'fail',
    historyFrom: null,
    notOnHistory: [],
  };
  const fullRun = checkReport([...allowed, excepted, blocked('zz-young', { change: undefined })], { dataGaps: [gap] });
  const rowsOf = (text: string) => text.split('\n').filter((line) => line.startsWith('| `'));

  test('a package an exception let through is an exception, with its reason and expiry, not a plain allow', () => {
    const text = formatSummaryMarkdown(fullRun);
    expect(rowsOf(text)).toContain('| `lodash` | `4.17.22` | ☑️ exception | release-age (excepted) |  |  |');
    expect(text).toContain('### Exceptions');
    expect(text).toContain(
      '- `lodash@4.17.22` set aside `release-age: published 2026-11-18 (2 days ago), inside the 7d quarantine window`\n'
        + '  - by `exception lodash@4.17.22 (test: exceptions[0]) for release-age: "security fix, diff reviewed", applies through 2026-12-31 (UTC, in 41 days), ticket SEC-12`',
    );
  });

  test('a full run lists what blocks, warns or was excepted, and counts the allowed packages', () => {
    const text = formatSummaryMarkdown(fullRun);
    expect(rowsOf(text).map((line) => line.split(' | ')[0])).toEqual(['| `zz-young`', '| `lodash`']);
    expect(text).toContain('Not listed: 381 allowed packages that no rule flagged and no exception let through');
    expect(text).toContain('383 locked packages evaluated: **1 blocked**, 0 warned, 382 allowed.');
  });

  test('a run over a change still lists every evaluated entry', () => {
    const text = formatSummaryMarkdown(report([...allowed.slice(0, 3), excepted]));
    expect(rowsOf(text)).toHaveLength(4);
    expect(text).not.toContain('Not listed');
  });

  test('a full run where nothing needs a look: only the count', () => {
    const text = formatSummaryMarkdown(checkReport(allowed.slice(0, 5)));
    expect(rowsOf(text)).toEqual([]);
    expect(text).toContain('\n5 allowed packages that no rule flagged');
  });

  test('the notices reach the summary and the comment, in the words `check` prints', () => {
    const notice = `- UNKNOWN: \`${describeGap(gap).text}\``;
    expect(notice).toContain('https://npm.corp.example/');
    const summary = formatSummaryMarkdown(fullRun);
    expect(summary).toContain(`### What the registries did not tell\n\n${notice}\n`);
    const comment = formatCommentMarkdown({ ...fullRun, base: { label: 'abc1234', lockfiles: [] } });
    expect(comment).toContain(`### What the registries did not tell\n\n${notice}\n`);
    expect(comment).toContain('### Let through by exceptions');
    expect(comment).toContain('"security fix, diff reviewed", applies through 2026-12-31');
  });

  test('exceptions that need a person (expired) are listed too', () => {
    const expired = makeException({ name: 'left-pad', reason: 'old', expires: '2026-11-01', expiresAt: Date.parse('2026-11-02T00:00:00Z') });
    const text = formatSummaryMarkdown(checkReport([blocked('zz-young')], { exceptions: [{ exception: expired, state: 'expired', matched: [], applied: [], limits: [], maxExceptionDays: 90 }] }));
    expect(text).toContain('### Exceptions\n\n- `EXPIRED  exception left-pad (test: exceptions[0]) expired after 2026-11-01 and no longer applies: renew it with a new date or remove it`');
  });
});
