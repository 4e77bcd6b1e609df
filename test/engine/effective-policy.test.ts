import {
  effectiveRules,
  exceptionCovers,
  matchingExceptions,
  risksOf,
  type PolicySubject,
} from '../../src/engine/effective-policy.js';
import { mergeRules } from '../../src/model/merge-rules.js';
import { withTrailingSlash } from '../../src/model/registry-url.js';
import type { PolicyOverride } from '../../src/model/policy.js';
import { validatePolicy } from '../../src/config/validate-policy.js';
import { accountPublisher, days, makeVersion, NOW, TEST_REGISTRY, trustedPublisher } from '../support/history.js';
import { makeException, makeOverride, makePolicy } from '../support/policy.js';

const PRIVATE_REGISTRY = 'https://npm.example.com/private/';

function subject(fields: Partial<PolicySubject> = {}): PolicySubject {
  return { name: 'pkg', dev: false, registry: TEST_REGISTRY, record: makeVersion({ version: '1.0.0', provenance: true }), ...fields };
}

/** The release-age window the effective rules give `s` under these overrides (in days). */
function windowDays(overrides: PolicyOverride[], s: PolicySubject): number {
  return effectiveRules(makePolicy({}, { overrides }), s).rules['release-age'].minReleaseAge / days(1);
}

const longWindow = (fields: Partial<PolicyOverride>): PolicyOverride =>
  makeOverride({ rules: { 'release-age': { minReleaseAge: days(30) } }, ...fields });

describe('effectiveRules: conditions', () => {
  test('no overrides: the policy\'s own rules object, and nothing applied', () => {
    const policy = makePolicy();
    const result = effectiveRules(policy, subject());
    expect(result.rules).toBe(policy.rules);
    expect(result.overrides).toEqual([]);
  });

  test('an override without conditions applies to every package', () => {
    const override = longWindow({});
    const result = effectiveRules(makePolicy({}, { overrides: [override] }), subject());
    expect(result.rules['release-age']).toEqual({ severity: 'block', minReleaseAge: days(30) });
    expect(result.overrides).toEqual([override]);
  });

  test('packages: any of the globs matches', () => {
    const override = longWindow({ packages: ['@myorg/*', 'left-pad'] });
    expect(windowDays([override], subject({ name: '@myorg/ui' }))).toBe(30);
    expect(windowDays([override], subject({ name: 'left-pad' }))).toBe(30);
    expect(windowDays([override], subject({ name: '@other/ui' }))).toBe(7);
    expect(windowDays([override], subject({ name: 'left-pad-2' }))).toBe(7);
  });

  test('dependencyType: dev matches dev packages only, prod matches the others', () => {
    const dev = longWindow({ dependencyType: 'dev' });
    const prod = longWindow({ dependencyType: 'prod' });
    expect(windowDays([dev], subject({ dev: true }))).toBe(30);
    expect(windowDays([dev], subject({ dev: false }))).toBe(7);
    expect(windowDays([prod], subject({ dev: false }))).toBe(30);
    expect(windowDays([prod], subject({ dev: true }))).toBe(7);
  });

  test('registry: a URL prefix; the package\'s registry compares with a trailing slash', () => {
    const override = longWindow({ registry: PRIVATE_REGISTRY });
    expect(windowDays([override], subject({ registry: PRIVATE_REGISTRY }))).toBe(30);
    expect(windowDays([override], subject({ registry: 'https://npm.example.com/private' }))).toBe(30);
    expect(windowDays([override], subject({ registry: `${PRIVATE_REGISTRY}sub/` }))).toBe(30);
  });

  test('registry: another registry, a longer path segment and a non-registry package do not match', () => {
    const override = longWindow({ registry: PRIVATE_REGISTRY });
    expect(windowDays([override], subject({ registry: TEST_REGISTRY }))).toBe(7);
    expect(windowDays([override], subject({ registry: 'https://npm.example.com/private-mirror/' }))).toBe(7);
    expect(windowDays([override], subject({ registry: 'https://npm.example.com/' }))).toBe(7);
    expect(windowDays([override], subject({ registry: null, record: null }))).toBe(7);
  });

  test('registry as written in a policy file is normalised, so a host without a slash is not a prefix of a longer host', () => {
    const result = validatePolicy({ overrides: [{ registry: 'https://npm.example.com', rules: { 'release-age': { minReleaseAge: '30d' } } }] });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [override] = result.layer.overrides;
    expect(override?.registry).toBe('https://npm.example.com/');
    const overrides = result.layer.overrides;
    expect(windowDays(overrides, subject({ registry: 'https://npm.example.com' }))).toBe(30);
    expect(windowDays(overrides, subject({ registry: 'https://npm.example.com/' }))).toBe(30);
    expect(windowDays(overrides, subject({ registry: 'https://npm.example.com.evil.test/' }))).toBe(7);
  });

  test('risk install-scripts: only versions that declare install scripts', () => {
    const override = longWindow({ risk: ['install-scripts'] });
    const withScript = makeVersion({ version: '1.0.0', provenance: true, installScripts: ['postinstall'] });
    expect(windowDays([override], subject({ record: withScript }))).toBe(30);
    expect(windowDays([override], subject())).toBe(7);
  });

  test('risk no-provenance: neither provenance nor trusted publishing', () => {
    const override = longWindow({ risk: ['no-provenance'] });
    const plain = makeVersion({ version: '1.0.0', provenance: false, publisher: accountPublisher('alice') });
    const attested = makeVersion({ version: '1.0.0', provenance: true });
    const trusted = makeVersion({ version: '1.0.0', provenance: false, publisher: trustedPublisher() });
    const noPublisher = makeVersion({ version: '1.0.0', provenance: false, publisher: null });
    expect(windowDays([override], subject({ record: plain }))).toBe(30);
    expect(windowDays([override], subject({ record: noPublisher }))).toBe(30);
    expect(windowDays([override], subject({ record: attested }))).toBe(7);
    expect(windowDays([override], subject({ record: trusted }))).toBe(7);
  });

  test('risk: every listed risk must be present', () => {
    const override = longWindow({ risk: ['install-scripts', 'no-provenance'] });
    const both = makeVersion({ version: '1.0.0', provenance: false, installScripts: ['install'] });
    const scriptOnly = makeVersion({ version: '1.0.0', provenance: true, installScripts: ['install'] });
    expect(windowDays([override], subject({ record: both }))).toBe(30);
    expect(windowDays([override], subject({ record: scriptOnly }))).toBe(7);
  });

  test('risk: a version the registry does not have carries no risks, so a risk override does not match', () => {
    expect(windowDays([longWindow({ risk: ['no-provenance'] })], subject({ record: null }))).toBe(7);
    expect(windowDays([longWindow({ risk: ['install-scripts'] })], subject({ record: null }))).toBe(7);
  });

  test('all conditions must hold together', () => {
    const override = longWindow({ packages: ['@myorg/*'], dependencyType: 'prod', registry: PRIVATE_REGISTRY, risk: ['install-scripts'] });
    const risky = makeVersion({ version: '1.0.0', installScripts: ['preinstall'] });
    const all: PolicySubject = { name: '@myorg/a', dev: false, registry: PRIVATE_REGISTRY, record: risky };
    expect(windowDays([override], all)).toBe(30);
    expect(windowDays([override], { ...all, name: '@other/a' })).toBe(7);
    expect(windowDays([override], { ...all, dev: true })).toBe(7);
    expect(windowDays([override], { ...all, registry: TEST_REGISTRY })).toBe(7);
    expect(windowDays([override], { ...all, record: makeVersion({ version: '1.0.0' }) })).toBe(7);
  });
});

describe('effectiveRules: several overrides', () => {
  const first = makeOverride({
    source: 'test: overrides[0]',
    rules: { 'release-age': { minReleaseAge: days(14) }, 'install-script': { severity: 'warn' } },
  });
  const second = makeOverride({ source: 'test: overrides[1]', packages: ['@myorg/*'], rules: { 'release-age': { minReleaseAge: days(3) } } });
  const third = makeOverride({ source: 'test: overrides[2]', dependencyType: 'dev', rules: { 'release-age': { severity: 'warn' } } });
  const policy = makePolicy({}, { overrides: [first, second, third] });

  test('matching overrides apply in order: later wins per key, untouched keys are inherited', () => {
    const result = effectiveRules(policy, subject({ name: '@myorg/a', dev: true }));
    expect(result.overrides).toEqual([first, second, third]);
    expect(result.rules['release-age']).toEqual({ severity: 'warn', minReleaseAge: days(3) });
    expect(result.rules['install-script']).toEqual({ severity: 'warn' });
    expect(result.rules['new-publisher']).toBe(policy.rules['new-publisher']);
  });

  test('only the matching ones are applied and recorded', () => {
    const result = effectiveRules(policy, subject({ name: 'left-pad', dev: false }));
    expect(result.overrides).toEqual([first]);
    expect(result.rules['release-age']).toEqual({ severity: 'block', minReleaseAge: days(14) });
  });

  test('the order is the policy\'s, not the specificity of the match', () => {
    const reversed = makePolicy({}, { overrides: [second, first] });
    const result = effectiveRules(reversed, subject({ name: '@myorg/a' }));
    expect(result.overrides).toEqual([second, first]);
    expect(result.rules['release-age'].minReleaseAge).toBe(days(14));
  });

  test('the policy itself is not modified', () => {
    effectiveRules(policy, subject({ name: '@myorg/a', dev: true }));
    expect(policy.rules['release-age']).toEqual({ severity: 'block', minReleaseAge: days(7) });
    expect(policy.rules['install-script']).toEqual({ severity: 'block' });
  });
});

describe('mergeRules, risksOf, withTrailingSlash', () => {
  test('mergeRules replaces only the keys the layer sets', () => {
    const base = makePolicy().rules;
    const merged = mergeRules(base, { 'maintainer-change': { addedSeverity: 'block' } });
    expect(merged['maintainer-change']).toEqual({ severity: 'block', addedSeverity: 'block', window: days(90) });
    expect(base['maintainer-change'].addedSeverity).toBe('warn');
  });

  test('risksOf lists both risks in a fixed order', () => {
    expect(risksOf(makeVersion({ version: '1.0.0', installScripts: ['postinstall'] }))).toEqual(['install-scripts', 'no-provenance']);
    expect(risksOf(makeVersion({ version: '1.0.0', provenance: true }))).toEqual([]);
    expect(risksOf(null)).toEqual([]);
  });

  test('withTrailingSlash adds one slash only when missing', () => {
    expect(withTrailingSlash('https://r.example')).toBe('https://r.example/');
    expect(withTrailingSlash('https://r.example/')).toBe('https://r.example/');
  });
});

describe('matchingExceptions', () => {
  const expiresAt = NOW + days(10);

  test('active strictly before the expiry instant, expired from it on', () => {
    const exception = makeException({ name: 'pkg', version: '1.0.0', expiresAt });
    const policy = makePolicy({}, { exceptions: [exception] });
    expect(matchingExceptions(policy, 'pkg', '1.0.0', expiresAt - 1)).toEqual({ active: [exception], expired: [] });
    expect(matchingExceptions(policy, 'pkg', '1.0.0', expiresAt)).toEqual({ active: [], expired: [exception] });
    expect(matchingExceptions(policy, 'pkg', '1.0.0', expiresAt + days(1))).toEqual({ active: [], expired: [exception] });
  });

  test('a version-specific exception matches that version only', () => {
    const exception = makeException({ name: 'pkg', version: '1.0.0', expiresAt });
    const policy = makePolicy({}, { exceptions: [exception] });
    expect(matchingExceptions(policy, 'pkg', '1.0.0', NOW).active).toEqual([exception]);
    expect(matchingExceptions(policy, 'pkg', '1.0.1', NOW)).toEqual({ active: [], expired: [] });
    expect(matchingExceptions(policy, 'other', '1.0.0', NOW)).toEqual({ active: [], expired: [] });
  });

  test('an any-version exception and a glob exception match every version of the names they cover', () => {
    const anyVersion = makeException({ name: 'pkg', expiresAt });
    const glob = makeException({ source: 'test: exceptions[1]', name: '@myorg/*', expiresAt });
    const policy = makePolicy({}, { exceptions: [anyVersion, glob] });
    expect(matchingExceptions(policy, 'pkg', '1.0.0', NOW).active).toEqual([anyVersion]);
    expect(matchingExceptions(policy, 'pkg', '9.9.9', NOW).active).toEqual([anyVersion]);
    expect(matchingExceptions(policy, '@myorg/a', '0.0.1', NOW).active).toEqual([glob]);
    expect(matchingExceptions(policy, '@other/a', '0.0.1', NOW).active).toEqual([]);
  });

  test('active and expired ones are split, each in policy order', () => {
    const old = makeException({ source: 'test: exceptions[0]', name: 'pkg', expiresAt: NOW - days(1) });
    const current = makeException({ source: 'test: exceptions[1]', name: 'pkg', version: '1.0.0', expiresAt });
    const alsoCurrent = makeException({ source: 'test: exceptions[2]', name: 'p*', expiresAt });
    const policy = makePolicy({}, { exceptions: [old, current, alsoCurrent] });
    const result = matchingExceptions(policy, 'pkg', '1.0.0', NOW);
    expect(result.active.map((e) => e.source)).toEqual(['test: exceptions[1]', 'test: exceptions[2]']);
    expect(result.expired.map((e) => e.source)).toEqual(['test: exceptions[0]']);
  });

  test('exceptionCovers: every rule when rules is null, else the listed ones', () => {
    expect(exceptionCovers(makeException({ name: 'pkg', expiresAt }), 'new-publisher')).toBe(true);
    const limited = makeException({ name: 'pkg', expiresAt, rules: ['release-age'] });
    expect(exceptionCovers(limited, 'release-age')).toBe(true);
    expect(exceptionCovers(limited, 'new-publisher')).toBe(false);
  });
});
