/** evaluatePackage, evaluateVersion, isVersionBlocked and newestAllowed with policy overrides and exceptions in play. */
import type { RuleId } from '../../src/model/constants.js';
import { evaluatePackage, evaluateVersion, isVersionBlocked } from '../../src/engine/evaluate.js';
import type { Policy } from '../../src/model/policy.js';
import { newestAllowed } from '../../src/engine/suggest.js';
import type { Finding, LockedPackage, ReleaseHistory } from '../../src/model/types.js';
import { days, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW, TEST_REGISTRY, trustedPublisher } from '../support/history.js';
import { makeException, makeOverride, makePolicy } from '../support/policy.js';
import { takeoverHistory } from '../support/scenarios.js';

const rulesOf = (findings: readonly Finding[]): RuleId[] => findings.map((f) => f.rule);

/** pkg: 1.0.0 is old, 1.1.0 and 1.2.0 are inside the 7-day window of the test policy. */
const history = makeHistory({
  versions: [
    makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
    makeVersion({ version: '1.1.0', publishedAt: daysAgo(3) }),
    makeVersion({ version: '1.2.0', publishedAt: daysAgo(2) }),
  ],
});

function evaluate(version: string, policy: Policy, fields: Partial<LockedPackage> = {}, h: ReleaseHistory = history, now = NOW) {
  return evaluatePackage(makeLockedPackage({ name: h.name, version, ...fields }), found(h), policy, now);
}

const inTenDays = NOW + days(10);

describe('exceptions', () => {
  test('an active release-age exception lets a young version through, recording what it excepted', () => {
    const exception = makeException({ name: 'pkg', version: '1.1.0', rules: ['release-age'], expiresAt: inTenDays });
    const policy = makePolicy({}, { exceptions: [exception] });

    const without = evaluate('1.1.0', makePolicy());
    expect(without.verdict).toBe('block');

    const verdict = evaluate('1.1.0', policy);
    expect(verdict.verdict).toBe('allow');
    expect(verdict.findings).toEqual([]);
    expect(verdict.excepted).toEqual([{ finding: without.findings[0], exception }]);
    expect(rulesOf(verdict.excepted.map((e) => e.finding))).toEqual(['release-age']);
    expect(verdict.exceptions).toEqual([exception]);
    expect(verdict.expiredExceptions).toEqual([]);
    // Not blocked: eligibleAt is still the end of the release-age window.
    expect(verdict.eligibleAt).toBe(daysAgo(3) + days(7));
  });

  test('an exception limited to some rules leaves the other rules\' findings counting', () => {
    const scripted = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(3), installScripts: ['postinstall'] }),
      ],
    });
    const exception = makeException({ name: 'pkg', version: '1.1.0', rules: ['release-age'], expiresAt: inTenDays });
    const verdict = evaluate('1.1.0', makePolicy({}, { exceptions: [exception] }), {}, scripted);
    expect(verdict.verdict).toBe('block');
    expect(rulesOf(verdict.findings)).toEqual(['install-script']);
    expect(rulesOf(verdict.excepted.map((e) => e.finding))).toEqual(['release-age']);
    expect(verdict.exceptions).toEqual([exception]);
  });

  test('an exception without rules covers every rule', () => {
    const scripted = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(3), installScripts: ['postinstall'] }),
      ],
    });
    const exception = makeException({ name: 'pkg', version: '1.1.0', expiresAt: inTenDays });
    const verdict = evaluate('1.1.0', makePolicy({}, { exceptions: [exception] }), {}, scripted);
    expect(verdict.verdict).toBe('allow');
    expect(rulesOf(verdict.excepted.map((e) => e.finding))).toEqual(['release-age', 'install-script']);
  });

  test('an expired exception does not apply and is listed as expired', () => {
    const exception = makeException({ name: 'pkg', version: '1.1.0', rules: ['release-age'], expiresAt: NOW });
    const verdict = evaluate('1.1.0', makePolicy({}, { exceptions: [exception] }));
    expect(verdict.verdict).toBe('block');
    expect(rulesOf(verdict.findings)).toEqual(['release-age']);
    expect(verdict.excepted).toEqual([]);
    expect(verdict.exceptions).toEqual([]);
    expect(verdict.expiredExceptions).toEqual([exception]);

    // One millisecond earlier it still applied.
    const before = evaluate('1.1.0', makePolicy({}, { exceptions: [exception] }), {}, history, NOW - 1);
    expect(before.verdict).toBe('allow');
    expect(before.exceptions).toEqual([exception]);
  });

  test('an exception for another version does not apply and is not recorded', () => {
    const exception = makeException({ name: 'pkg', version: '1.1.0', expiresAt: inTenDays });
    const verdict = evaluate('1.2.0', makePolicy({}, { exceptions: [exception] }));
    expect(verdict.verdict).toBe('block');
    expect(verdict.excepted).toEqual([]);
    expect(verdict.exceptions).toEqual([]);
    expect(verdict.expiredExceptions).toEqual([]);
  });

  test('an exception for another package does not apply', () => {
    const exception = makeException({ name: 'pkg-other', expiresAt: inTenDays });
    expect(evaluate('1.1.0', makePolicy({}, { exceptions: [exception] })).verdict).toBe('block');
  });

  test('a name or glob exception covers every version', () => {
    for (const name of ['pkg', 'p*', '**']) {
      const exception = makeException({ name, rules: ['release-age'], expiresAt: inTenDays });
      const policy = makePolicy({}, { exceptions: [exception] });
      for (const version of ['1.1.0', '1.2.0']) {
        const verdict = evaluate(version, policy);
        expect([name, version, verdict.verdict, verdict.exceptions]).toEqual([name, version, 'allow', [exception]]);
      }
      // Matched but nothing to let through.
      expect(evaluate('1.0.0', policy)).toMatchObject({ verdict: 'allow', excepted: [], exceptions: [exception] });
    }
  });

  test('a finding is credited to the first active exception that covers it', () => {
    const limited = makeException({ source: 'test: exceptions[0]', name: 'pkg', rules: ['new-publisher'], expiresAt: inTenDays });
    const broad = makeException({ source: 'test: exceptions[1]', name: 'pkg', expiresAt: inTenDays });
    const verdict = evaluate('1.1.0', makePolicy({}, { exceptions: [limited, broad] }));
    expect(verdict.excepted.map((e) => [e.finding.rule, e.exception.source])).toEqual([['release-age', 'test: exceptions[1]']]);
    expect(verdict.exceptions).toEqual([limited, broad]);
  });

  test('eligibleAt is computed from the findings that still count', () => {
    const takeover = takeoverHistory();
    const policy = makePolicy();
    const plain = evaluate('1.3.0', policy, {}, takeover);
    expect(plain.eligibleAt).toBe(daysAgo(30) + days(90));

    const exception = makeException({ name: takeover.name, version: '1.3.0', rules: ['new-publisher', 'maintainer-change'], expiresAt: inTenDays });
    const verdict = evaluate('1.3.0', makePolicy({}, { exceptions: [exception] }), {}, takeover);
    expect(verdict.verdict).toBe('block');
    expect(rulesOf(verdict.findings)).toEqual(['release-age']);
    expect(verdict.eligibleAt).toBe(daysAgo(5) + days(7));
  });

  test('an excepted finding that never lapses does not make eligibleAt null', () => {
    const scripted = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(3), installScripts: ['postinstall'] }),
      ],
    });
    expect(evaluate('1.1.0', makePolicy(), {}, scripted).eligibleAt).toBeNull();
    const exception = makeException({ name: 'pkg', version: '1.1.0', rules: ['install-script'], expiresAt: inTenDays });
    const verdict = evaluate('1.1.0', makePolicy({}, { exceptions: [exception] }), {}, scripted);
    expect(verdict.verdict).toBe('block');
    expect(verdict.eligibleAt).toBe(daysAgo(3) + days(7));
  });

  test('an exception covers a non-registry source by name and version', () => {
    const exception = makeException({ name: 'git-dep', version: '1.0.0', rules: ['non-registry-source'], expiresAt: inTenDays });
    const pkg = makeLockedPackage({ name: 'git-dep', source: 'git', resolved: 'git+https://example.com/git-dep.git#abc' });
    const verdict = evaluatePackage(pkg, null, makePolicy({}, { exceptions: [exception] }), NOW);
    expect(verdict.verdict).toBe('allow');
    expect(rulesOf(verdict.excepted.map((e) => e.finding))).toEqual(['non-registry-source']);
  });
});

describe('overrides', () => {
  const scriptsWait = makeOverride({ risk: ['install-scripts'], rules: { 'release-age': { minReleaseAge: days(30) } } });
  const policy = makePolicy({}, { overrides: [scriptsWait] });

  test('a risk override lengthens the window for a version with a postinstall script', () => {
    // Both versions have the script, so install-script has nothing new to report.
    const scripted = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), installScripts: ['postinstall'] }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), installScripts: ['postinstall'] }),
      ],
    });
    expect(evaluate('1.1.0', makePolicy(), {}, scripted).verdict).toBe('allow');
    const verdict = evaluate('1.1.0', policy, {}, scripted);
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings).toEqual([
      { rule: 'release-age', severity: 'block', eligibleAt: daysAgo(10) + days(30), publishedAt: daysAgo(10), minReleaseAge: days(30) },
    ]);
    expect(verdict.eligibleAt).toBe(daysAgo(10) + days(30));
    expect(verdict.overrides).toEqual([scriptsWait]);
  });

  test('the same override leaves a version without install scripts alone', () => {
    const quiet = makeHistory({
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) }), makeVersion({ version: '1.1.0', publishedAt: daysAgo(10) })],
    });
    const verdict = evaluate('1.1.0', policy, {}, quiet);
    expect(verdict.verdict).toBe('allow');
    expect(verdict.overrides).toEqual([]);
    expect(verdict.eligibleAt).toBe(daysAgo(10) + days(7));
  });

  test('a no-provenance override does not catch a trusted-publishing release', () => {
    const override = makeOverride({ risk: ['no-provenance'], rules: { 'release-age': { minReleaseAge: days(30) } } });
    const mixed = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: trustedPublisher() }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: trustedPublisher() }),
      ],
    });
    const verdict = evaluate('1.1.0', makePolicy({}, { overrides: [override] }), {}, mixed);
    expect(verdict.verdict).toBe('allow');
    expect(verdict.overrides).toEqual([]);
  });

  describe('a dev-only override', () => {
    // Dev tooling may move faster: a one-day window for dev dependencies only.
    const devFast = makeOverride({ dependencyType: 'dev', rules: { 'release-age': { minReleaseAge: days(1) } } });
    const devPolicy = makePolicy({}, { overrides: [devFast] });

    test('applies to dev packages only', () => {
      const dev = evaluate('1.1.0', devPolicy, { dev: true });
      expect(dev.verdict).toBe('allow');
      expect(dev.overrides).toEqual([devFast]);
      expect(dev.eligibleAt).toBe(daysAgo(3) + days(1));

      const prod = evaluate('1.1.0', devPolicy, { dev: false });
      expect(prod.verdict).toBe('block');
      expect(prod.overrides).toEqual([]);
    });

    test('evaluateVersion and isVersionBlocked take the dev flag', () => {
      expect(evaluateVersion(history, '1.2.0', devPolicy, NOW, true).verdict).toBe('allow');
      expect(evaluateVersion(history, '1.2.0', devPolicy, NOW).verdict).toBe('block');
      expect(isVersionBlocked(history, '1.2.0', devPolicy, NOW, true)).toBe(false);
      expect(isVersionBlocked(history, '1.2.0', devPolicy, NOW)).toBe(true);
    });

    test('newestAllowed honours it through the dev flag', () => {
      expect(newestAllowed(history, ['^1.0.0'], devPolicy, NOW, true)).toEqual({ inRange: '1.2.0', anyRange: '1.2.0' });
      expect(newestAllowed(history, ['^1.0.0'], devPolicy, NOW, false)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
      expect(newestAllowed(history, ['^1.0.0'], devPolicy, NOW)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
    });
  });

  test('newestAllowed suggests a version an active exception lets through, but not one an expired exception names', () => {
    const active = makeException({ name: 'pkg', version: '1.2.0', rules: ['release-age'], expiresAt: inTenDays });
    expect(newestAllowed(history, ['^1.0.0'], makePolicy({}, { exceptions: [active] }), NOW)).toEqual({ inRange: '1.2.0', anyRange: '1.2.0' });
    const expired = { ...active, expiresAt: NOW };
    expect(newestAllowed(history, ['^1.0.0'], makePolicy({}, { exceptions: [expired] }), NOW)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
  });

  test('a registry override applies to a package the registry does not know, by the registry asked', () => {
    const privateRegistry = 'https://npm.example.com/';
    const lenient = makeOverride({ registry: privateRegistry, rules: { 'missing-version': { severity: 'warn' } } });
    const policy = makePolicy({}, { overrides: [lenient] });
    const pkg = makeLockedPackage({ name: 'internal' });
    const fromPrivate = evaluatePackage(pkg, notFound('internal', privateRegistry), policy, NOW);
    expect(fromPrivate.verdict).toBe('warn');
    expect(fromPrivate.overrides).toEqual([lenient]);
    const fromPublic = evaluatePackage(pkg, notFound('internal', TEST_REGISTRY), policy, NOW);
    expect(fromPublic.verdict).toBe('block');
    expect(fromPublic.overrides).toEqual([]);
  });

  test('a registry override never applies to a non-registry package; a name override does', () => {
    const byRegistry = makeOverride({ registry: TEST_REGISTRY, rules: { 'non-registry-source': { severity: 'warn' } } });
    const byName = makeOverride({ packages: ['git-*'], rules: { 'non-registry-source': { severity: 'warn' } } });
    const pkg = makeLockedPackage({ name: 'git-dep', source: 'git', resolved: 'git+https://example.com/git-dep.git#abc' });
    expect(evaluatePackage(pkg, null, makePolicy({}, { overrides: [byRegistry] }), NOW).verdict).toBe('block');
    expect(evaluatePackage(pkg, null, makePolicy({}, { overrides: [byName] }), NOW).verdict).toBe('warn');
  });

  test('an override can turn a rule off for the packages it matches', () => {
    const off = makeOverride({ packages: ['pkg'], rules: { 'release-age': { severity: 'off' } } });
    const verdict = evaluate('1.2.0', makePolicy({}, { overrides: [off] }));
    expect(verdict.verdict).toBe('allow');
    expect(verdict.eligibleAt).toBeNull();
  });
});

describe('isVersionBlocked agrees with evaluateVersion under overrides and exceptions', () => {
  const mixed = makeHistory({
    name: 'mixed',
    versions: [
      ...takeoverHistory().versions.map((v) => ({ ...v })),
      makeVersion({ version: '0.9.0', publishedAt: daysAgo(1000), installScripts: ['postinstall'] }),
      makeVersion({ version: '1.1.1', publishedAt: daysAgo(20), installScripts: ['postinstall'] }),
      makeVersion({ version: '1.1.2', publishedAt: daysAgo(8) }),
      makeVersion({ version: '1.1.3', publishedAt: null }),
      makeVersion({ version: '1.4.0', publishedAt: daysAgo(1), provenance: true }),
    ],
  });
  const policy = makePolicy(
    {},
    {
      overrides: [
        makeOverride({ source: 'o0', risk: ['install-scripts'], rules: { 'release-age': { minReleaseAge: days(30) } } }),
        makeOverride({ source: 'o1', dependencyType: 'dev', rules: { 'release-age': { minReleaseAge: days(2) }, 'new-publisher': { severity: 'warn' } } }),
        makeOverride({ source: 'o2', packages: ['mix*'], risk: ['no-provenance'], rules: { 'release-age': { minReleaseAge: days(10) } } }),
        makeOverride({ source: 'o3', registry: 'https://elsewhere.example/', rules: { 'release-age': { severity: 'off' } } }),
      ],
      exceptions: [
        makeException({ source: 'e0', name: 'mixed', version: '1.3.0', rules: ['new-publisher', 'maintainer-change'], expiresAt: NOW + days(5) }),
        makeException({ source: 'e1', name: 'mixed', version: '1.2.0', expiresAt: NOW + days(1) }),
        makeException({ source: 'e2', name: 'mix*', rules: ['install-script'], expiresAt: NOW + days(3) }),
        makeException({ source: 'e3', name: 'mixed', version: '1.1.3', expiresAt: NOW - days(1) }),
      ],
    },
  );
  const versions = [...mixed.versions.map((v) => v.version), '9.9.9'];
  const nows = [NOW, NOW + days(1), NOW + days(3), NOW + days(12), NOW + days(40)];

  test.each(nows.map((now) => [(now - NOW) / days(1), now]))('at NOW + %i days', (_, now) => {
    const seen = new Set<string>();
    for (const version of versions) {
      for (const dev of [false, true]) {
        const verdict = evaluateVersion(mixed, version, policy, now, dev).verdict;
        seen.add(verdict);
        expect([version, dev, isVersionBlocked(mixed, version, policy, now, dev)]).toEqual([version, dev, verdict === 'block']);
      }
    }
    // The comparison is only meaningful if both answers occur.
    expect(seen.has('block')).toBe(true);
    expect(seen.has('allow') || seen.has('warn')).toBe(true);
  });

  test('the set really exercises overrides and exceptions', () => {
    expect(evaluateVersion(mixed, '1.2.0', policy, NOW).excepted.length).toBeGreaterThan(0);
    expect(evaluateVersion(mixed, '1.1.1', policy, NOW).overrides.map((o) => o.source)).toEqual(['o0', 'o2']);
    expect(evaluateVersion(mixed, '1.1.2', policy, NOW).verdict).toBe('block'); // o2: 10 days for no provenance
    // Dev: o1 shortens the window to 2 days, but o2 comes later and sets 10 days.
    expect(evaluateVersion(mixed, '1.1.2', policy, NOW, true).verdict).toBe('block');
    expect(evaluateVersion(mixed, '1.1.2', policy, NOW, true).overrides.map((o) => o.source)).toEqual(['o1', 'o2']);
    // 1.4.0 has provenance, so o2 does not match: two days for dev, seven for prod.
    expect(evaluateVersion(mixed, '1.4.0', policy, NOW + days(3), true).verdict).not.toBe('block');
    expect(evaluateVersion(mixed, '1.4.0', policy, NOW + days(3)).verdict).toBe('block');
  });
});
