import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../src/core/constants.js';
import { QuarantineError } from '../../src/core/errors.js';
import { parsePolicyText, readPolicyFile } from '../../src/config/read-policy.js';
import { toJsonSchema } from '../../src/config/schema.js';
import { defaultPolicy, validatePolicy } from '../../src/config/validate-policy.js';

const DAY = 86_400_000;
const repoFile = (path: string) => new URL(`../../${path}`, import.meta.url);

function issuesOf(document: unknown) {
  const result = validatePolicy(document);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.issues;
}

describe('validatePolicy', () => {
  test('an empty policy takes every default', () => {
    const result = validatePolicy({});
    expect(result).toEqual({ ok: true, policy: defaultPolicy() });
    expect(defaultPolicy().rules['release-age']).toEqual({ severity: 'block', minReleaseAge: 7 * DAY });
    expect(defaultPolicy().rules['new-publisher'].window).toBe(90 * DAY);
    expect(defaultPolicy().rules['maintainer-change']).toEqual({ severity: 'block', addedSeverity: 'warn', window: 90 * DAY });
    expect(defaultPolicy().rules['install-script'].severity).toBe('warn');
    expect(defaultPolicy().rules['non-registry-source'].severity).toBe('warn');
  });

  test('partial rule settings keep the other defaults', () => {
    const result = validatePolicy({ rules: { 'release-age': { minReleaseAge: '36h' }, 'install-script': { severity: 'off' } } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.rules['release-age']).toEqual({ severity: 'block', minReleaseAge: 36 * 3_600_000 });
    expect(result.policy.rules['install-script'].severity).toBe('off');
    expect(result.policy.rules['trust-downgrade'].severity).toBe('block');
  });

  test.each([
    ['90m', 90 * 60_000],
    ['2w', 14 * DAY],
    ['0d', 0],
  ])('duration %s', (text, ms) => {
    const result = validatePolicy({ rules: { 'release-age': { minReleaseAge: text } } });
    expect(result.ok && result.policy.rules['release-age'].minReleaseAge).toBe(ms);
  });

  test('a duration typo names the key instead of disabling the gate', () => {
    expect(issuesOf({ rules: { 'release-age': { minReleaseAge: '7 days' } } })).toEqual([
      { path: 'rules.release-age.minReleaseAge', message: 'expected a duration like "7d", "36h", "90m" or "2w", got "7 days"' },
    ]);
    expect(issuesOf({ rules: { 'release-age': { minReleaseAge: 7 } } })[0]?.message).toBe('expected a string, got number 7');
  });

  test('unknown keys are errors with a suggestion', () => {
    expect(issuesOf({ rules: { 'release-agee': { severity: 'warn' } } })).toEqual([
      { path: 'rules.release-agee', message: 'unknown key (did you mean "release-age"?)' },
    ]);
    expect(issuesOf({ minReleaseAge: '7d' })[0]?.path).toBe('minReleaseAge');
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

describe('policy files', () => {
  test('parsePolicyText lists every problem with the file path', () => {
    const text = JSON.stringify({ rules: { 'release-age': { minReleaseAge: '1 week' }, 'x-rule': {} } });
    let error: unknown;
    try {
      parsePolicyText(text, 'q.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QuarantineError);
    const quarantineError = error as QuarantineError;
    expect(quarantineError.code).toBe(ERROR_CODES.policyInvalid);
    expect(quarantineError.message).toBe('q.json: 2 problems in the policy');
    expect(quarantineError.details).toEqual([
      'q.json: rules.release-age.minReleaseAge: expected a duration like "7d", "36h", "90m" or "2w", got "1 week"',
      'q.json: rules.x-rule: unknown key (expected one of: release-age, new-publisher, maintainer-change, trust-downgrade, install-script, unknown-publish-time, missing-version, non-registry-source)',
    ]);
  });

  test('broken JSON names the line', () => {
    expect(() => parsePolicyText('{\n  "rules": {\n    "release-age": ,\n  }\n}', 'p.json')).toThrow(/^p\.json: invalid JSON at line 3/);
  });

  test('a missing file is a clear error', async () => {
    await expect(readPolicyFile('/nonexistent/policy.json')).rejects.toThrow('/nonexistent/policy.json: no such file');
  });

  test('policies/default.json spells out exactly the schema defaults', () => {
    const preset = parsePolicyText(readFileSync(repoFile('policies/default.json'), 'utf8'), 'default.json');
    expect(preset).toEqual(defaultPolicy());
  });

  test('policies/schema.json is generated from the schema (run `npm run schema` when this fails)', () => {
    const committed: unknown = JSON.parse(readFileSync(repoFile('policies/schema.json'), 'utf8'));
    expect(committed).toEqual(toJsonSchema());
  });
});
