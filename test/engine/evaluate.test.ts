import { RULE_IDS } from '../../src/model/constants.js';
import { evaluatePackage, evaluateVersion, isVersionBlocked, verdictOf } from '../../src/engine/evaluate.js';
import type { Finding, VersionRecord } from '../../src/model/types.js';
import {
  accountPublisher,
  days,
  daysAgo,
  found,
  makeHistory,
  makeLockedPackage,
  makeVersion,
  notFound,
  NOW,
} from '../support/history.js';
import { makePolicy } from '../support/policy.js';
import { takeoverHistory } from '../support/scenarios.js';

const policy = makePolicy();

function evaluateLocked(versions: VersionRecord[], version: string, now = NOW, p = policy) {
  const history = makeHistory({ versions });
  return evaluatePackage(makeLockedPackage({ version }), found(history), p, now);
}

function rulesOf(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule);
}

const unknownTime: Finding = { rule: 'unknown-publish-time', severity: 'warn', eligibleAt: null, registry: 'r' };
const young: Finding = { rule: 'release-age', severity: 'block', eligibleAt: 5, publishedAt: 1, minReleaseAge: 4 };

describe('verdictOf', () => {
  test('no findings allow', () => {
    expect(verdictOf([])).toBe('allow');
  });

  test('warnings alone warn', () => {
    expect(verdictOf([unknownTime])).toBe('warn');
  });

  test('any blocking finding blocks', () => {
    expect(verdictOf([unknownTime, young])).toBe('block');
  });
});

describe('evaluatePackage', () => {
  test('an old, quiet version is allowed and was eligible a week after it was published', () => {
    const verdict = evaluateLocked([makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) })], '1.0.0');
    expect(verdict).toEqual({
      name: 'pkg',
      version: '1.0.0',
      source: 'registry',
      dev: false,
      optional: false,
      verdict: 'allow',
      publishedAt: daysAgo(100),
      eligibleAt: daysAgo(100) + days(7),
      findings: [],
      excepted: [],
      exceptions: [],
      expiredExceptions: [],
      overrides: [],
    });
  });

  test('a young version is blocked until its release-age ends', () => {
    const verdict = evaluateLocked([makeVersion({ version: '1.0.0', publishedAt: daysAgo(2) })], '1.0.0');
    expect(verdict.verdict).toBe('block');
    expect(verdict.eligibleAt).toBe(daysAgo(2) + days(7));
    expect(rulesOf(verdict.findings)).toEqual(['release-age']);
  });

  test('eligibleAt is the latest of the blocking findings, and evaluating then allows the version', () => {
    const history = takeoverHistory();
    const verdict = evaluatePackage(makeLockedPackage({ name: history.name, version: '1.3.0' }), found(history), policy, NOW);
    expect(verdict.verdict).toBe('block');
    // maintainer-change leaves a newcomer's release to new-publisher (issue 14: one handover, one finding).
    expect(rulesOf(verdict.findings)).toEqual(['release-age', 'new-publisher']);
    // release-age ends at -5d+7d; new-publisher (mallory's tenure) at -30d+90d.
    expect(verdict.eligibleAt).toBe(daysAgo(30) + days(90));
    const justBefore = evaluatePackage(makeLockedPackage({ version: '1.3.0' }), found(history), policy, daysAgo(30) + days(90) - 1);
    expect(justBefore.verdict).toBe('block');

    const later = evaluatePackage(makeLockedPackage({ version: '1.3.0' }), found(history), policy, verdict.eligibleAt ?? NaN);
    expect(later.verdict).toBe('allow');
  });

  test('eligibleAt is the maximum, not the last, of the blocking findings', () => {
    const longPublisherWindow = makePolicy({ 'new-publisher': { window: days(180) } });
    const verdict = evaluatePackage(makeLockedPackage({ version: '1.3.0' }), found(takeoverHistory()), longPublisherWindow, NOW);
    expect(rulesOf(verdict.findings)).toEqual(['release-age', 'new-publisher']);
    expect(verdict.eligibleAt).toBe(daysAgo(30) + days(180));
  });

  test('the clean release before the payload is blocked too, and allowed after the window', () => {
    const history = takeoverHistory();
    const clean = evaluatePackage(makeLockedPackage({ version: '1.2.0' }), found(history), policy, NOW);
    expect(clean.verdict).toBe('block');
    expect(rulesOf(clean.findings)).toEqual(['new-publisher']);
    expect(clean.eligibleAt).toBe(daysAgo(30) + days(90));

    const later = evaluatePackage(makeLockedPackage({ version: '1.2.0' }), found(history), policy, daysAgo(30) + days(90));
    expect(later.verdict).toBe('allow');
  });

  test('a blocking finding that never lapses makes eligibleAt null', () => {
    const verdict = evaluateLocked(
      [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
        makeVersion({ version: '1.0.1', publishedAt: daysAgo(2), installScripts: ['postinstall'] }),
      ],
      '1.0.1',
    );
    expect(rulesOf(verdict.findings)).toEqual(['release-age', 'install-script']);
    expect(verdict.verdict).toBe('block');
    expect(verdict.eligibleAt).toBeNull();
  });

  test('warnings do not delay eligibleAt', () => {
    const history = makeHistory({
      maintainers: ['alice', 'mallory'],
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(2) })],
    });
    const verdict = evaluatePackage(makeLockedPackage(), found(history), policy, NOW);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ rule: 'release-age', severity: 'block' }),
      expect.objectContaining({ rule: 'maintainer-change', kind: 'pending', severity: 'warn', eligibleAt: null }),
    ]);
    expect(verdict.eligibleAt).toBe(daysAgo(2) + days(7));
  });

  test('a rule with severity off is not run', () => {
    const offPolicy = makePolicy({ 'release-age': { severity: 'off' }, 'unknown-publish-time': { severity: 'off' } });
    const youngVerdict = evaluateLocked([makeVersion({ version: '1.0.0', publishedAt: daysAgo(1) })], '1.0.0', NOW, offPolicy);
    expect(youngVerdict.verdict).toBe('allow');
    expect(youngVerdict.findings).toEqual([]);
    expect(youngVerdict.eligibleAt).toBeNull();

    const untimed = evaluateLocked([makeVersion({ version: '1.0.0', publishedAt: null })], '1.0.0', NOW, offPolicy);
    expect(untimed.findings).toEqual([]);
  });

  test('a warn-only policy warns and says when the release-age warning ends', () => {
    const warnPolicy = makePolicy({
      'release-age': { severity: 'warn' },
      'new-publisher': { severity: 'warn' },
      'maintainer-change': { severity: 'warn' },
    });
    const history = takeoverHistory();
    const verdict = evaluatePackage(makeLockedPackage({ version: '1.3.0' }), found(history), warnPolicy, NOW);
    expect(verdict.verdict).toBe('warn');
    expect(rulesOf(verdict.findings)).toEqual(['release-age', 'new-publisher']);
    expect(verdict.findings.every((f) => f.severity === 'warn')).toBe(true);
    expect(verdict.eligibleAt).toBe(daysAgo(5) + days(7));
  });

  test('an unknown publish time blocks with no eligibleAt', () => {
    const verdict = evaluateLocked([makeVersion({ version: '1.0.0', publishedAt: null })], '1.0.0');
    expect(rulesOf(verdict.findings)).toEqual(['unknown-publish-time']);
    expect(verdict.publishedAt).toBeNull();
    expect(verdict.eligibleAt).toBeNull();
  });

  test('a non-registry source gets only its own finding', () => {
    const pkg = makeLockedPackage({ source: 'git', resolved: 'git+https://github.com/acme/pkg.git#abc', dev: true });
    const verdict = evaluatePackage(pkg, null, policy, NOW);
    expect(verdict).toEqual({
      name: 'pkg',
      version: '1.0.0',
      source: 'git',
      dev: true,
      optional: false,
      verdict: 'block',
      publishedAt: null,
      eligibleAt: null,
      findings: [
        { rule: 'non-registry-source', severity: 'block', eligibleAt: null, source: 'git', resolved: 'git+https://github.com/acme/pkg.git#abc' },
      ],
      excepted: [],
      exceptions: [],
      expiredExceptions: [],
      overrides: [],
    });
  });

  test('a non-registry source is never judged by registry data, even if some is passed', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(1) })] });
    const verdict = evaluatePackage(makeLockedPackage({ source: 'tarball' }), found(history), policy, NOW);
    expect(rulesOf(verdict.findings)).toEqual(['non-registry-source']);
    expect(verdict.publishedAt).toBeNull();
  });

  test('a workspace package is allowed', () => {
    const verdict = evaluatePackage(makeLockedPackage({ source: 'workspace', resolved: null }), null, policy, NOW);
    expect(verdict.verdict).toBe('allow');
    expect(verdict.findings).toEqual([]);
  });

  test('a package the registry does not know is blocked as missing', () => {
    const verdict = evaluatePackage(makeLockedPackage(), notFound(), policy, NOW);
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings).toEqual([expect.objectContaining({ rule: 'missing-version', kind: 'package' })]);
    expect(verdict.eligibleAt).toBeNull();
  });

  test('when the version is missing the other registry rules stay silent', () => {
    const versions = [makeVersion({ version: '1.0.0', publishedAt: null, publisher: null })];
    const verdict = evaluateLocked(versions, '1.0.1');
    expect(verdict.findings).toEqual([expect.objectContaining({ rule: 'missing-version', kind: 'version' })]);
    expect(verdict.publishedAt).toBeNull();
  });

  test('findings come in RULE_IDS order', () => {
    const versions = [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), provenance: true }),
      makeVersion({ version: '1.0.1', publishedAt: daysAgo(1), publisher: accountPublisher('mallory'), maintainers: ['mallory'], installScripts: ['install'] }),
    ];
    const rules = rulesOf(evaluateLocked(versions, '1.0.1').findings);
    expect(rules).toEqual(['release-age', 'new-publisher', 'trust-downgrade', 'install-script']);
    expect(rules).toEqual(RULE_IDS.filter((id) => rules.includes(id)));
  });

  test('a registry package without a lookup is a caller bug', () => {
    expect(() => evaluatePackage(makeLockedPackage(), null, policy, NOW)).toThrow(TypeError);
  });
});

describe('evaluateVersion', () => {
  test('evaluates a version that is not in the lockfile', () => {
    const history = makeHistory({
      name: 'left-pad',
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }), makeVersion({ version: '1.1.0', publishedAt: daysAgo(3) })],
    });
    expect(evaluateVersion(history, '1.0.0', policy, NOW)).toEqual(expect.objectContaining({ name: 'left-pad', verdict: 'allow' }));
    expect(evaluateVersion(history, '1.1.0', policy, NOW)).toEqual(
      expect.objectContaining({ name: 'left-pad', version: '1.1.0', verdict: 'block', eligibleAt: daysAgo(3) + days(7) }),
    );
    expect(evaluateVersion(history, '2.0.0', policy, NOW).findings).toEqual([expect.objectContaining({ rule: 'missing-version' })]);
  });
});

describe('isVersionBlocked', () => {
  test('agrees with evaluateVersion', () => {
    const history = makeHistory({
      versions: [
        ...takeoverHistory().versions,
        makeVersion({ version: '1.1.1', publishedAt: null }),
        makeVersion({ version: '1.0.1', publishedAt: daysAgo(300), installScripts: ['preinstall'] }),
      ],
    });
    const warnOnly = makePolicy({ 'release-age': { severity: 'warn' }, 'new-publisher': { severity: 'warn' } });
    const cases: [string, boolean, typeof policy][] = [
      ['1.0.0', false, policy],
      ['1.0.1', true, policy],
      ['1.1.1', true, policy],
      ['1.2.0', true, policy],
      ['1.2.0', false, warnOnly],
      // Only warnings: maintainer-change leaves mallory's releases to new-publisher.
      ['1.3.0', false, warnOnly],
      ['1.0.1', true, warnOnly],
      ['9.9.9', true, policy],
    ];
    for (const [version, blocked, p] of cases) {
      expect([version, isVersionBlocked(history, version, p, NOW)]).toEqual([version, blocked]);
      expect([version, evaluateVersion(history, version, p, NOW).verdict === 'block']).toEqual([version, blocked]);
    }
  });
});
