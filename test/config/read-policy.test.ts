import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import { describePolicySource, findPolicy, loadPolicy, parsePolicyText, readPolicyFile, readPreset } from '../../src/config/read-policy.js';
import { PRESET_NAMES, toJsonSchema } from '../../src/config/schema.js';
import { defaultPolicy, resolvePolicy } from '../../src/config/validate-policy.js';
import { RULE_IDS } from '../../src/model/constants.js';
import { makeTempDir } from '../support/temp.js';

const DAY = 86_400_000;
const repoFile = (path: string) => new URL(`../../${path}`, import.meta.url);

function project(files: Record<string, string | object>): string {
  const dir = makeTempDir('policy');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<QuarantineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QuarantineError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('parsePolicyText', () => {
  test('lists every problem with the file path', () => {
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
      'q.json: rules.x-rule: unknown key (expected one of: release-age, new-publisher, maintainer-change, trust-downgrade, install-script, unknown-publish-time, missing-version, non-registry-source, lockfile-binding)',
    ]);
  });

  test('comments and trailing commas are fine; broken JSON names the line', () => {
    const layer = parsePolicyText('{\n  // slower lane\n  "rules": { "release-age": { "minReleaseAge": "10d", }, },\n}\n', 'q.jsonc');
    expect(layer.rules['release-age']?.minReleaseAge).toBe(10 * DAY);
    expect(() => parsePolicyText('{\n  "rules": {\n    "release-age": ,\n  }\n}', 'p.json')).toThrow(/^p\.json: invalid JSON at line 3, column 20: expected a value$/);
    expect(() => parsePolicyText('   ', 'p.json')).toThrow('p.json: the file is empty');
  });
});

describe('findPolicy', () => {
  test.each(['quarantine.json', '.quarantine.json', 'quarantine.jsonc'])('finds %s', async (name) => {
    const dir = project({ [name]: {} });
    expect(await findPolicy(dir)).toEqual({ path: join(dir, name), kind: 'file' });
  });

  test('finds a "quarantine" key in package.json, and ignores a package.json without one', async () => {
    const withKey = project({ 'package.json': { name: 'app', quarantine: { extends: 'strict' } } });
    expect(await findPolicy(withKey)).toEqual({ path: join(withKey, 'package.json'), kind: 'package-json' });
    expect(await findPolicy(project({ 'package.json': { name: 'app' } }))).toBeNull();
    expect(await findPolicy(project({}))).toBeNull();
  });

  test('two policies at once are an error, never a silent pick', async () => {
    const dir = project({ 'quarantine.json': {}, 'package.json': { quarantine: {} } });
    const error = await errorOf(findPolicy(dir));
    expect(error.message).toBe(`${dir}: found 2 policies: ${join(dir, 'quarantine.json')}, ${join(dir, 'package.json')}#quarantine`);
    expect(error.hint).toBe('keep one of them, or pass --policy <file>');
  });

  test('a broken package.json is an error naming it (it might hold the policy)', async () => {
    const dir = project({ 'package.json': '{ "name": ' });
    expect((await errorOf(findPolicy(dir))).message).toMatch(/package\.json: invalid JSON at line 1/);
  });
});

describe('loadPolicy', () => {
  test('no policy: the defaults', async () => {
    const loaded = await loadPolicy({ dir: project({}) });
    expect(loaded).toEqual({ policy: defaultPolicy(), location: null, chain: [] });
    expect(describePolicySource(loaded)).toBe('default');
  });

  test('extends a preset: the preset first, then the project file on top', async () => {
    const dir = project({ 'quarantine.json': { extends: 'strict', rules: { 'install-script': { severity: 'warn' } } } });
    const loaded = await loadPolicy({ dir });
    expect(loaded.chain).toEqual([join(dir, 'quarantine.json'), 'preset strict', 'preset default']);
    expect(describePolicySource(loaded)).toBe(`${join(dir, 'quarantine.json')} (extends preset strict, preset default)`);
    expect(loaded.policy.rules['release-age'].minReleaseAge).toBe(14 * DAY);
    expect(loaded.policy.rules['install-script'].severity).toBe('warn');
    expect(loaded.policy.overrides.map((override) => override.source)).toEqual(['preset strict: overrides[0]']);
  });

  test('extends a file relative to the extending file; the package.json key works the same way', async () => {
    const dir = project({
      'config/base.jsonc': '{ /* shared */ "rules": { "release-age": { "minReleaseAge": "3d" } } }',
      'package.json': { name: 'app', quarantine: { extends: './config/base.jsonc', exceptions: [{ package: 'a', reason: 'ours', expires: '2026-12-31' }] } },
    });
    const loaded = await loadPolicy({ dir });
    expect(loaded.policy.rules['release-age'].minReleaseAge).toBe(3 * DAY);
    expect(loaded.policy.exceptions[0]?.source).toBe(`${join(dir, 'package.json')}#quarantine: exceptions[0]`);
    expect(loaded.chain[1]).toBe('./config/base.jsonc (extended by ' + join(dir, 'package.json') + '#quarantine)');
  });

  test('--policy wins over discovery', async () => {
    const dir = project({ 'quarantine.json': { rules: { 'release-age': { minReleaseAge: '1d' } } }, 'other.json': { rules: { 'release-age': { minReleaseAge: '2d' } } } });
    const loaded = await loadPolicy({ dir, policy: join(dir, 'other.json') });
    expect(loaded.policy.rules['release-age'].minReleaseAge).toBe(2 * DAY);
  });

  test('a problem in an extended file names that file', async () => {
    const dir = project({ 'base.json': { rules: { 'release-age': { minReleaseAge: 'a week' } } }, 'quarantine.json': { extends: './base.json' } });
    const error = await errorOf(loadPolicy({ dir }));
    expect(error.details).toEqual([`./base.json (extended by ${join(dir, 'quarantine.json')}): rules.release-age.minReleaseAge: expected a duration like "7d", "36h", "90m" or "2w", got "a week"`]);
  });

  test('a missing extended file, and an extends loop, are errors', async () => {
    const missing = project({ 'quarantine.json': { extends: './nope.json' } });
    expect((await errorOf(loadPolicy({ dir: missing }))).message).toBe(`./nope.json (extended by ${join(missing, 'quarantine.json')}): no such file`);
    const loop = project({ 'a.json': { extends: './b.json' }, 'b.json': { extends: './a.json' } });
    expect((await errorOf(loadPolicy({ dir: loop, policy: join(loop, 'a.json') }))).message).toMatch(/"extends" loops back to .*a\.json/);
  });

  test('readPolicyFile reports a missing file clearly', async () => {
    await expect(readPolicyFile('/nonexistent/policy.json')).rejects.toThrow('/nonexistent/policy.json: no such file');
  });
});

describe('presets', () => {
  test('default spells out exactly the schema defaults', async () => {
    const text = readFileSync(repoFile('policies/default.json'), 'utf8');
    expect(resolvePolicy([parsePolicyText(text, 'default.json')])).toEqual(defaultPolicy());
    expect(await readPreset('default')).toEqual(defaultPolicy());
  });

  test('strict: longer windows, every rule blocks, every newcomer is listed', async () => {
    const strict = await readPreset('strict');
    const defaults = defaultPolicy();
    expect(strict.rules['release-age'].minReleaseAge).toBeGreaterThan(defaults.rules['release-age'].minReleaseAge);
    expect(strict.rules['new-publisher'].window).toBeGreaterThan(defaults.rules['new-publisher'].window);
    expect(strict.rules['maintainer-change'].window).toBeGreaterThan(defaults.rules['maintainer-change'].window);
    for (const id of RULE_IDS) expect(strict.rules[id].severity).toBe('block');
    // Added maintainers warn even in strict: blocking them held 14% of real releases (issue 14,
    // docs/detection.md); strict lists every newcomer instead.
    expect(strict.rules['maintainer-change'].addedSeverity).toBe('warn');
    expect(strict.rules['new-publisher'].alone).toBe('warn');
    expect(strict.overrides).toEqual([expect.objectContaining({ risk: ['install-scripts'], rules: { 'release-age': { minReleaseAge: 30 * DAY } } })]);
  });

  test('observe: the same checks as default, but nothing blocks', async () => {
    const observe = await readPreset('observe');
    for (const id of RULE_IDS) expect(observe.rules[id].severity).toBe('warn');
    expect(observe.rules['maintainer-change'].addedSeverity).toBe('warn');
    expect(observe.rules['release-age'].minReleaseAge).toBe(defaultPolicy().rules['release-age'].minReleaseAge);
  });

  test('there is a file for every preset name, and every example policy is valid', async () => {
    const files = readdirSync(repoFile('policies')).filter((name) => name !== 'schema.json');
    expect(files.sort()).toEqual(PRESET_NAMES.map((name) => `${name}.json`).sort());
    const examples = readdirSync(repoFile('examples/policies'));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      await expect(readPolicyFile(new URL(`examples/policies/${name}`, repoFile('')).pathname)).resolves.toBeDefined();
    }
  });

  test('policies/schema.json is generated from the schema (run `npm run schema` when this fails)', () => {
    const committed: unknown = JSON.parse(readFileSync(repoFile('policies/schema.json'), 'utf8'));
    expect(committed).toEqual(toJsonSchema());
  });
});
