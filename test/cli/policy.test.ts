/**
 * The policy end to end: discovery, presets, overrides, exceptions and remedies, through the
 * built binary against the demo's registry snapshot at the demo's fixed instant.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, isolatedEnv, runCli } from '../support/cli.js';
import { demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();

/** A copy of examples/demo with the given extra files. */
function demoProject(files: Record<string, unknown> = {}): string {
  const dir = makeTempDir('policy');
  cpSync(join(REPO_ROOT, 'examples', 'demo'), dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

interface JsonPackage {
  name: string;
  version: string;
  verdict: string;
  findings: Array<{ rule: string; severity: string }>;
  excepted: Array<{ rule: string; exception: string }>;
  exceptions: string[];
  expiredExceptions: string[];
  overrides: string[];
  remedies: Array<Record<string, unknown>>;
}

interface JsonReport {
  policy: string;
  minReleaseAge: string;
  summary: Record<string, number>;
  packages: JsonPackage[];
  exceptions: Array<{ package: string; state: string; matched: string[]; applied: string[] }>;
}

async function check(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['check', dir, ...demoArgs(registryOf(), ...args)], { env: isolatedEnv() });
}

async function checkJson(dir: string): Promise<JsonReport> {
  const result = await check(dir, '--json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as JsonReport;
}

const pkg = (report: JsonReport, name: string): JsonPackage => {
  const found = report.packages.find((entry) => entry.name === name);
  if (!found) throw new Error(`${name} not in the report`);
  return found;
};

const QUICK_FORMAT_EXCEPTION = { package: 'quick-format@3.1.1', rules: ['release-age'], reason: 'hotfix we need; diff reviewed', expires: '2026-12-01', ticket: 'SEC-9' };

describe('discovery and presets', () => {
  test('without a policy the defaults apply', async () => {
    const result = await check(demoProject());
    expect(result.stdout).toContain('policy default, window 7d.');
  });

  test('quarantine.json extending strict: a 14-day window, and warnings become blocks', async () => {
    const dir = demoProject({ 'quarantine.json': { extends: 'strict' } });
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`policy ${join(dir, 'quarantine.json')} (extends preset strict, preset default), window 14d.`);
    expect(result.stdout).toMatch(/^BLOCK {2}native-thing@1\.4\.0 {2}install-script: adds postinstall script/m);
  });

  test('the "quarantine" key in package.json is found', async () => {
    const dir = demoProject();
    const manifest = { name: 'demo-app', version: '1.0.0', quarantine: { extends: 'observe' } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    const result = await check(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`policy ${join(dir, 'package.json')}#quarantine (extends preset observe, preset default)`);
    expect(result.stdout).toContain('0 blocked.');
  });

  test('two policies at once: exit 2, one line naming both', async () => {
    const dir = demoProject({ 'quarantine.json': {}, 'quarantine.jsonc': '{}' });
    const result = await check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`found 2 policies: ${join(dir, 'quarantine.json')}, ${join(dir, 'quarantine.jsonc')}`);
    expect(result.stdout).toBe('');
  });

  test('a bad policy: exit 2, every problem with its key path, no stack trace', async () => {
    const dir = demoProject({ 'quarantine.json': { extends: 'stirct', exceptions: [{ package: 'quick-format@^3', reason: '', expires: 'soon' }] } });
    const result = await check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('quarantine.json: 4 problems in the policy');
    expect(result.stderr).toContain('extends: unknown preset (did you mean "strict"?)');
    expect(result.stderr).toContain('exceptions[0].package: expected an exact version');
    expect(result.stderr).toContain('exceptions[0].reason: must not be empty');
    expect(result.stderr).toContain('exceptions[0].expires: expected a date');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('overrides', () => {
  test('by package name: safe-parse only warns, and why names the override', async () => {
    const policy = { overrides: [{ description: 'vendored fork', packages: ['safe-*'], rules: { 'trust-downgrade': { severity: 'warn' } } }] };
    const dir = demoProject({ 'quarantine.json': policy });
    const report = await checkJson(dir);
    expect(pkg(report, 'safe-parse')).toMatchObject({ verdict: 'warn', overrides: [`${join(dir, 'quarantine.json')}: overrides[0]`] });
    expect(pkg(report, 'event-pipe').overrides).toEqual([]);
    const why = await runCli(['why', 'safe-parse', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
    expect(why.stdout).toContain(`policy: override ${join(dir, 'quarantine.json')}: overrides[0] (vendored fork): packages safe-* -> trust-downgrade`);
  });

  test('by registry: the registry the package really came from', async () => {
    const registryUrl = registryOf().url;
    const dir = demoProject({ 'quarantine.json': { overrides: [{ registry: registryUrl, rules: { 'release-age': { severity: 'off' } } }] } });
    expect(pkg(await checkJson(dir), 'quick-format').verdict).toBe('allow');
    const other = demoProject({ 'quarantine.json': { overrides: [{ registry: 'https://npm.other.example/', rules: { 'release-age': { severity: 'off' } } }] } });
    expect(pkg(await checkJson(other), 'quick-format').verdict).toBe('block');
  });

  test('by dependency type: only the dev dependency gets the dev settings', async () => {
    const dir = demoProject({ 'quarantine.json': { overrides: [{ dependencyType: 'prod', rules: { 'release-age': { minReleaseAge: '1h' } } }] } });
    const report = await checkJson(dir);
    expect(pkg(report, 'quick-format').verdict).toBe('allow');
    expect(pkg(report, 'test-kit').overrides).toEqual([]);
  });
});

describe('exceptions', () => {
  test('an active exception lets the version through, visibly, with its reason', async () => {
    const dir = demoProject({ 'quarantine.json': { exceptions: [QUICK_FORMAT_EXCEPTION] } });
    const result = await check(dir);
    expect(result.stdout).not.toMatch(/^BLOCK {2}quick-format/m);
    expect(result.stdout).toContain('EXCEPT quick-format@3.1.1  set aside release-age: published 2026-11-18 (2 days ago), inside the 7d quarantine window');
    expect(result.stdout).toContain('"hotfix we need; diff reviewed", applies through 2026-12-01 (UTC, in 11 days), ticket SEC-9');
    expect(result.stdout).toContain('5 allowed (1 through an exception)');
    const report = await checkJson(dir);
    expect(pkg(report, 'quick-format')).toMatchObject({ verdict: 'allow', findings: [], excepted: [expect.objectContaining({ rule: 'release-age' })] });
    expect(report.exceptions).toEqual([expect.objectContaining({ package: 'quick-format@3.1.1', state: 'active', applied: ['quick-format@3.1.1'] })]);
  });

  test('why names the exception that applied, and what it set aside', async () => {
    const dir = demoProject({ 'quarantine.json': { exceptions: [QUICK_FORMAT_EXCEPTION] } });
    const why = await runCli(['why', 'quick-format', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
    expect(why.stdout).toContain('quick-format@3.1.1  ALLOW  (locked)');
    expect(why.stdout).toContain('  excepted release-age: published 2026-11-18 (2 days ago), inside the 7d quarantine window');
    expect(why.stdout).toContain(`  exception quick-format@3.1.1 (${join(dir, 'quarantine.json')}: exceptions[0]) for release-age: "hotfix we need; diff reviewed", applies through 2026-12-01 (UTC, in 11 days), ticket SEC-9`);
    const json = JSON.parse((await runCli(['why', 'quick-format', dir, '--json', ...demoArgs(registryOf())], { env: isolatedEnv() })).stdout) as { versions: JsonPackage[] };
    expect(json.versions[0]).toMatchObject({ verdict: 'allow', exceptions: [`${join(dir, 'quarantine.json')}: exceptions[0]`], excepted: [expect.objectContaining({ rule: 'release-age' })] });
  });

  test('an expired exception no longer applies and is reported', async () => {
    const dir = demoProject({ 'quarantine.json': { exceptions: [{ ...QUICK_FORMAT_EXCEPTION, expires: '2026-11-19' }] } });
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^BLOCK {2}quick-format@3\.1\.1 .*exception quick-format@3\.1\.1 \(.*exceptions\[0\]\) expired after 2026-11-19 and no longer applies$/m);
    expect(result.stdout).toMatch(/^EXPIRED {2}exception quick-format@3\.1\.1 .* renew it with a new date or remove it$/m);
    expect((await checkJson(dir)).exceptions[0]?.state).toBe('expired');
  });

  test('exceptions that are no longer needed, or match nothing, are reported for removal', async () => {
    const dir = demoProject({
      'quarantine.json': {
        exceptions: [
          { package: 'str-pad@1.2.0', reason: 'was new once', expires: '2026-12-31' },
          { package: 'left-pad', reason: 'gone from the tree', expires: '2026-12-31' },
        ],
      },
    });
    const result = await check(dir);
    expect(result.stdout).toMatch(/^REMOVE {3}exception str-pad@1\.2\.0 \(.*\) is no longer needed: str-pad@1\.2\.0 passes without it$/m);
    expect(result.stdout).toMatch(/^REMOVE {3}exception left-pad \(.*\) matches no locked package/m);
    expect((await checkJson(dir)).exceptions.map((status) => status.state)).toEqual(['not-needed', 'unmatched']);
  });
});

describe('remedies', () => {
  test('a blocked direct dependency: the install command and the exact allow line', async () => {
    const result = await check(demoProject());
    expect(result.stdout).toContain('       fix: npm install event-pipe@2.3.1\n');
    expect(result.stdout).toContain(
      '       or, after reviewing the release: quarantine allow event-pipe@2.4.0 --rule new-publisher --reason "<why this release is safe>" --expires 2026-12-24\n',
    );
    const report = await checkJson(demoProject());
    expect(pkg(report, 'event-pipe').remedies).toEqual([
      { kind: 'install', packageManager: 'npm', command: 'npm install event-pipe@2.3.1', version: '2.3.1', fit: 'in-range' },
      expect.objectContaining({ kind: 'exception', rules: ['new-publisher'], expires: '2026-12-24' }),
    ]);
    expect(pkg(report, 'str-pad').remedies).toEqual([]);
  });
});
