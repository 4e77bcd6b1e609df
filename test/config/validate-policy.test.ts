import { defaultPolicy, resolvePolicy, validatePolicy, type PolicyLayer } from '../../src/config/validate-policy.js';
import { registryPolicyFor } from '../../src/model/policy.js';
import { parseExpiry } from '../../src/model/instant.js';

const DAY = 86_400_000;

function issuesOf(document: unknown) {
  const result = validatePolicy(document);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.issues;
}

function layerOf(document: unknown, label = 'p.json'): PolicyLayer {
  const result = validatePolicy(document, label);
  if (!result.ok) throw new Error(`expected a valid policy: ${JSON.stringify(result.issues)}`);
  return result.layer;
}

const resolved = (document: unknown) => resolvePolicy([layerOf(document)]);

describe('rules', () => {
  test('an empty policy takes every default', () => {
    expect(resolved({})).toEqual(defaultPolicy());
    expect(defaultPolicy().rules['release-age']).toEqual({ severity: 'block', minReleaseAge: 7 * DAY });
    expect(defaultPolicy().rules['new-publisher'].window).toBe(90 * DAY);
    expect(defaultPolicy().rules['maintainer-change']).toEqual({ severity: 'warn', addedSeverity: 'off', window: 90 * DAY });
    expect(defaultPolicy().rules['trust-downgrade']).toEqual({ severity: 'block', hold: 30 * DAY });
    expect(defaultPolicy().rules['install-script'].severity).toBe('warn');
    expect(defaultPolicy().rules['non-registry-source'].severity).toBe('warn');
    expect(defaultPolicy().overrides).toEqual([]);
    expect(defaultPolicy().exceptions).toEqual([]);
  });

  test('partial rule settings keep the other defaults', () => {
    const policy = resolved({ rules: { 'release-age': { minReleaseAge: '36h' }, 'install-script': { severity: 'off' } } });
    expect(policy.rules['release-age']).toEqual({ severity: 'block', minReleaseAge: 36 * 3_600_000 });
    expect(policy.rules['install-script'].severity).toBe('off');
    expect(policy.rules['trust-downgrade'].severity).toBe('block');
  });

  test.each([
    ['90m', 90 * 60_000],
    ['36h', 36 * 3_600_000],
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    ['0d', 0],
  ])('duration %s', (text, ms) => {
    expect(resolved({ rules: { 'release-age': { minReleaseAge: text } } }).rules['release-age'].minReleaseAge).toBe(ms);
  });

  test.each(['7 days', '7', '1.5d', '7D', '-1d', '1y', ''])('a duration typo (%j) names the key instead of disabling the gate', (text) => {
    expect(issuesOf({ rules: { 'release-age': { minReleaseAge: text } } })).toEqual([
      { path: 'rules.release-age.minReleaseAge', message: `expected a duration like "7d", "36h", "90m" or "2w", got ${JSON.stringify(text)}` },
    ]);
  });

  test('a number where a duration belongs is an error', () => {
    expect(issuesOf({ rules: { 'release-age': { minReleaseAge: 7 } } })[0]?.message).toBe('expected a string, got number 7');
  });

  test('unknown keys are errors with a suggestion', () => {
    expect(issuesOf({ rules: { 'release-agee': { severity: 'warn' } } })).toEqual([
      { path: 'rules.release-agee', message: 'unknown key (did you mean "release-age"?)' },
    ]);
    expect(issuesOf({ minReleaseAge: '7d' })[0]?.path).toBe('minReleaseAge');
    expect(issuesOf({ exeptions: [] })[0]).toEqual({ path: 'exeptions', message: 'unknown key (did you mean "exceptions"?)' });
  });

  test('every problem is reported, not just the first', () => {
    const issues = issuesOf({ rules: { 'new-publisher': { severity: 'deny', window: '3 months' }, bogus: {} } });
    expect(issues.map((issue) => issue.path)).toEqual(['rules.new-publisher.severity', 'rules.new-publisher.window', 'rules.bogus']);
    expect(issues[0]?.message).toBe('expected one of "block", "warn", "off", got "deny"');
  });

  test('a document that is not an object is rejected', () => {
    expect(issuesOf([])).toEqual([{ path: '(root)', message: 'expected an object, got an array' }]);
    expect(issuesOf({ rules: 'strict' })).toEqual([{ path: 'rules', message: 'expected an object, got "strict"' }]);
  });
});

describe('extends', () => {
  test.each(['default', 'strict', 'observe', './base.json', '../shared/policy.jsonc', 'policies/base.json'])('%s is accepted', (value) => {
    expect(layerOf({ extends: value }).extends).toBe(value);
  });

  test('a misspelt preset suggests the right one', () => {
    expect(issuesOf({ extends: 'stirct' })).toEqual([
      { path: 'extends', message: 'unknown preset (did you mean "strict"?); expected one of default, strict, observe or a relative path such as "./base.json", got "stirct"' },
    ]);
    expect(issuesOf({ extends: 'eslint:recommended' })[0]?.message).toMatch(/^expected a preset \(default, strict, observe\) or a relative path/);
  });
});

describe('overrides', () => {
  test('are read with their conditions; durations in ms, the registry with a trailing slash', () => {
    const layer = layerOf({
      overrides: [
        { packages: ['@myorg/*'], rules: { 'release-age': { severity: 'off' } } },
        { description: 'private registry', registry: 'https://npm.corp.example', dependencyType: 'dev', risk: ['install-scripts'], rules: { 'release-age': { minReleaseAge: '14d' } } },
      ],
    });
    expect(layer.overrides).toEqual([
      { source: 'p.json: overrides[0]', description: null, packages: ['@myorg/*'], dependencyType: null, registry: null, risk: null, rules: { 'release-age': { severity: 'off' } } },
      {
        source: 'p.json: overrides[1]',
        description: 'private registry',
        packages: null,
        dependencyType: 'dev',
        registry: 'https://npm.corp.example/',
        risk: ['install-scripts'],
        rules: { 'release-age': { minReleaseAge: 14 * DAY } },
      },
    ]);
  });

  test('override rules take no defaults: only what they set changes', () => {
    const policy = resolved({ rules: { 'release-age': { severity: 'warn' } }, overrides: [{ packages: ['x'], rules: { 'release-age': { minReleaseAge: '1d' } } }] });
    expect(policy.overrides[0]?.rules).toEqual({ 'release-age': { minReleaseAge: DAY } });
  });

  test('need rules and at least one condition', () => {
    expect(issuesOf({ overrides: [{ packages: ['x'] }] })).toEqual([{ path: 'overrides[0].rules', message: 'missing (required)' }]);
    expect(issuesOf({ overrides: [{ rules: {} }] })).toEqual([
      { path: 'overrides[0]', message: 'needs at least one condition: packages, dependencyType, registry, risk' },
    ]);
  });

  test('every condition is checked', () => {
    const issues = issuesOf({
      overrides: [
        {
          packages: [],
          dependencyType: 'devDependencies',
          registry: 'ftp://r.example',
          risk: ['scary'],
          rules: { 'release-age': { minReleaseAge: '2 weeks' } },
        },
        { packages: ['my org/*', 7], registry: 'https://user:secret@r.example/', rules: {} },
      ],
    });
    expect(issues).toEqual([
      { path: 'overrides[0].packages', message: 'expected at least 1 entry' },
      { path: 'overrides[0].dependencyType', message: 'expected one of "prod", "dev", got "devDependencies"' },
      { path: 'overrides[0].registry', message: 'expected an http(s) URL such as "https://npm.example.com/", got "ftp://r.example"' },
      { path: 'overrides[0].risk[0]', message: 'expected one of "install-scripts", "no-provenance", got "scary"' },
      { path: 'overrides[0].rules.release-age.minReleaseAge', message: 'expected a duration like "7d", "36h", "90m" or "2w", got "2 weeks"' },
      { path: 'overrides[1].packages[0]', message: 'expected a package name or a glob such as "@myorg/*", got "my org/*"' },
      { path: 'overrides[1].packages[1]', message: 'expected a string, got number 7' },
      { path: 'overrides[1].registry', message: 'a registry URL in a policy must not contain credentials, got "https://user:secret@r.example/"' },
    ]);
  });
});

describe('exceptions', () => {
  const valid = { package: 'left-pad@1.3.0', rules: ['release-age'], reason: ' Needed for a fix; diff reviewed. ', expires: '2026-12-31', ticket: 'SEC-1' };

  test('are read with the version split off and the expiry as the first instant after the day', () => {
    expect(layerOf({ exceptions: [valid, { package: '@myorg/*', reason: 'ours', expires: '2026-12-31T18:00:00Z' }] }).exceptions).toEqual([
      {
        source: 'p.json: exceptions[0]',
        package: 'left-pad@1.3.0',
        name: 'left-pad',
        version: '1.3.0',
        rules: ['release-age'],
        reason: 'Needed for a fix; diff reviewed.',
        expires: '2026-12-31',
        expiresAt: Date.parse('2027-01-01T00:00:00Z'),
        ticket: 'SEC-1',
      },
      {
        source: 'p.json: exceptions[1]',
        package: '@myorg/*',
        name: '@myorg/*',
        version: null,
        rules: null,
        reason: 'ours',
        expires: '2026-12-31T18:00:00Z',
        expiresAt: Date.parse('2026-12-31T18:00:00Z'),
        ticket: null,
      },
    ]);
  });

  test('reason and expiry are required; a blank reason is not a reason', () => {
    expect(issuesOf({ exceptions: [{ package: 'a@1.0.0' }] })).toEqual([
      { path: 'exceptions[0].reason', message: 'missing (required)' },
      { path: 'exceptions[0].expires', message: 'missing (required)' },
    ]);
    expect(issuesOf({ exceptions: [{ ...valid, reason: '  ' }] })).toEqual([{ path: 'exceptions[0].reason', message: 'must not be empty' }]);
  });

  test.each([
    ['2026-02-30', 'expected a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z", got "2026-02-30"'],
    ['31/12/2026', 'expected a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z", got "31/12/2026"'],
    ['2026-12-31T18:00', 'expected a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z", got "2026-12-31T18:00"'],
    ['30d', 'expected a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z", got "30d"'],
  ])('expires %s is rejected', (expires, message) => {
    expect(issuesOf({ exceptions: [{ ...valid, expires }] })).toEqual([{ path: 'exceptions[0].expires', message }]);
  });

  test.each([
    ['left-pad@^1.3.0', 'expected an exact version after "@" (a range or tag is not a reviewed version), got "left-pad@^1.3.0"'],
    ['left-pad@latest', 'expected an exact version after "@" (a range or tag is not a reviewed version), got "left-pad@latest"'],
    ['@myorg/*@1.0.0', 'a glob covers every version: write "@myorg/*" without a version, or name one package, got "@myorg/*@1.0.0"'],
    ['left pad', 'expected "name@version", a package name, or a glob such as "@myorg/*", got "left pad"'],
  ])('package %s is rejected', (spec, message) => {
    expect(issuesOf({ exceptions: [{ ...valid, package: spec }] })).toEqual([{ path: 'exceptions[0].package', message }]);
  });

  test('rules must be rule ids', () => {
    expect(issuesOf({ exceptions: [{ ...valid, rules: ['release-age', 'age'] }] })[0]?.path).toBe('exceptions[0].rules[1]');
    expect(issuesOf({ exceptions: [{ ...valid, rules: [] }] })[0]).toEqual({ path: 'exceptions[0].rules', message: 'expected at least 1 entry' });
  });

  test('parseExpiry: a date holds through its whole day (UTC)', () => {
    expect(parseExpiry('2026-11-30')).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parseExpiry('2028-02-29')).toBe(Date.parse('2028-03-01T00:00:00Z'));
    expect(parseExpiry('2027-02-29')).toBeNull();
    expect(parseExpiry('2026-12-01T10:00:00+02:00')).toBe(Date.parse('2026-12-01T08:00:00Z'));
  });
});

describe('resolvePolicy', () => {
  test('later layers win key by key; overrides and exceptions accumulate base first', () => {
    const base = layerOf(
      {
        rules: { 'release-age': { severity: 'block', minReleaseAge: '14d' }, 'install-script': { severity: 'block' } },
        overrides: [{ packages: ['a'], rules: {} }],
        exceptions: [{ package: 'a@1.0.0', reason: 'base', expires: '2026-12-31' }],
      },
      'base.json',
    );
    const project = layerOf(
      {
        rules: { 'release-age': { severity: 'warn' } },
        overrides: [{ packages: ['b'], rules: {} }],
        exceptions: [{ package: 'b@1.0.0', reason: 'project', expires: '2026-12-31' }],
      },
      'quarantine.json',
    );
    const policy = resolvePolicy([base, project]);
    expect(policy.rules['release-age']).toEqual({ severity: 'warn', minReleaseAge: 14 * DAY });
    expect(policy.rules['install-script'].severity).toBe('block');
    expect(policy.overrides.map((override) => override.source)).toEqual(['base.json: overrides[0]', 'quarantine.json: overrides[0]']);
    expect(policy.exceptions.map((exception) => exception.reason)).toEqual(['base', 'project']);
  });
});

describe('registries', () => {
  const MIRROR = 'https://mirror.example.com/api/npm/remote/';

  test('no section: every registry gets missingFacts "fail", no history registry, no cache lifetime', () => {
    expect(defaultPolicy().registries).toEqual({});
    expect(registryPolicyFor(defaultPolicy(), MIRROR)).toEqual({ missingFacts: 'fail', historyFrom: null, cacheMaxAge: null });
  });

  test('keys and historyFrom are normalised to end with "/"; durations are milliseconds; unset keys keep the defaults', () => {
    const policy = resolved({
      registries: {
        'https://mirror.example.com/api/npm/remote': { historyFrom: 'https://registry.npmjs.org', cacheMaxAge: '36h' },
        'https://npm.pkg.github.com': { missingFacts: 'acknowledge' },
      },
    });
    expect(policy.registries).toEqual({
      [MIRROR]: { missingFacts: 'fail', historyFrom: 'https://registry.npmjs.org/', cacheMaxAge: 36 * 3_600_000 },
      'https://npm.pkg.github.com/': { missingFacts: 'acknowledge', historyFrom: null, cacheMaxAge: null },
    });
    expect(registryPolicyFor(policy, 'https://npm.pkg.github.com/').missingFacts).toBe('acknowledge');
  });

  test('a later layer changes only the keys it sets, registry by registry', () => {
    const base = layerOf({ registries: { [MIRROR]: { missingFacts: 'acknowledge', cacheMaxAge: '1h' } } });
    const project = layerOf({ registries: { [MIRROR]: { historyFrom: 'https://registry.npmjs.org/' } } });
    expect(resolvePolicy([base, project]).registries[MIRROR]).toEqual({
      missingFacts: 'acknowledge',
      historyFrom: 'https://registry.npmjs.org/',
      cacheMaxAge: 3_600_000,
    });
  });

  test.each([
    [{ registries: [] }, 'registries', 'expected an object keyed by registry URL'],
    [{ registries: { 'not a url': {} } }, 'registries["not a url"]', 'key: expected an http(s) URL'],
    [{ registries: { 'https://u:p@mirror.example.com/': {} } }, 'registries["https://u:p@mirror.example.com/"]', 'must not contain credentials'],
    [{ registries: { [MIRROR]: { missingFacts: 'ignore' } } }, `registries["${MIRROR}"].missingFacts`, 'expected one of "fail", "acknowledge"'],
    [{ registries: { [MIRROR]: { missingFact: 'fail' } } }, `registries["${MIRROR}"].missingFact`, 'did you mean "missingFacts"?'],
    [{ registries: { [MIRROR]: { cacheMaxAge: '1 hour' } } }, `registries["${MIRROR}"].cacheMaxAge`, 'a duration like "7d"'],
    [{ registries: { [MIRROR]: { historyFrom: 'ftp://x/' } } }, `registries["${MIRROR}"].historyFrom`, 'expected an http(s) URL'],
    [{ registries: { [MIRROR]: { historyFrom: MIRROR.slice(0, -1) } } }, `registries["${MIRROR}"].historyFrom`, 'names the registry itself'],
    [{ registries: { [MIRROR]: {}, [MIRROR.slice(0, -1)]: {} } }, `registries["${MIRROR.slice(0, -1)}"]`, 'names the same registry as'],
  ])('%j is rejected at %s', (document, path, message) => {
    const issues = issuesOf(document);
    expect(issues).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});

describe('maxExceptionDays', () => {
  it('defaults to 90; a later layer wins, a layer without it inherits', () => {
    expect(defaultPolicy().maxExceptionDays).toBe(90);
    expect(resolved({ maxExceptionDays: 30 }).maxExceptionDays).toBe(30);
    expect(resolvePolicy([layerOf({ maxExceptionDays: 30 }), layerOf({})]).maxExceptionDays).toBe(30);
    expect(resolvePolicy([layerOf({ maxExceptionDays: 30 }), layerOf({ maxExceptionDays: 180 })]).maxExceptionDays).toBe(180);
  });

  it.each([['90'], [0], [2.5], [3651], [null]])('refuses %j', (value) => {
    expect(issuesOf({ maxExceptionDays: value })).toEqual([
      { path: 'maxExceptionDays', message: `expected a whole number from 1 to 3650, got ${typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : `number ${value}`}` },
    ]);
  });

  it('a typo gets a did-you-mean', () => {
    expect(issuesOf({ maxExceptionDay: 30 })).toEqual([{ path: 'maxExceptionDay', message: 'unknown key (did you mean "maxExceptionDays"?)' }]);
  });
});
