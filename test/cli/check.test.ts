/**
 * End to end: the built binary against a fixture registry on 127.0.0.1 serving the demo's
 * registry snapshot, at the demo's fixed instant.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, runCli } from '../support/cli.js';
import { DEMO_NOW, demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();
const demo = (...args: string[]) => demoArgs(registryOf(), ...args);

interface JsonPackage {
  name: string;
  version: string;
  verdict: string;
  eligibleAt: string | null;
  newestAllowed: { inRange: string | null; anyRange: string | null } | null;
  findings: Array<{ rule: string; severity: string; message: string }>;
}

function byName(packages: JsonPackage[], name: string): JsonPackage {
  const found = packages.find((entry) => entry.name === name);
  if (!found) throw new Error(`${name} not in report`);
  return found;
}

describe('quarantine check on the demo project', () => {
  test('text: one line per blocked or warned package, then a summary; exit 1', async () => {
    const result = await runCli(['check', 'examples/demo', ...demo()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    const line = (prefix: string) => lines.find((text) => text.startsWith(prefix)) ?? '';
    expect(line('BLOCK  quick-format@3.1.1')).toMatch(/release-age: published 2026-11-18 .* -> eligible on 2026-11-25 \(in 5 days\); newest allowed: 3\.1\.0$/);
    expect(line('BLOCK  event-pipe@2.4.0')).toMatch(/new-publisher: published by right9.*signals: previous-publishers-gone, owners-replaced, install-script; score 4.*install-script: adds postinstall/);
    expect(line('BLOCK  safe-parse@5.2.1')).toMatch(/trust-downgrade: .*5\.2\.0.*-> eligible on 2026-12-01.*newest allowed: 5\.2\.0/);
    expect(line('WARN   native-thing@1.4.0')).toContain('install-script: adds postinstall script that 1.3.0 did not have');
    expect(line('WARN   my-fork@1.0.0')).toContain('non-registry-source: installed from git');
    for (const clean of ['tiny-utils', 'deep-merge', 'str-pad', 'test-kit']) {
      expect(result.stdout).not.toContain(`${clean}@`);
    }
    expect(lines).toContain('9 packages: 4 allowed, 2 warned, 3 blocked.');
    expect(result.stdout).not.toContain('\u001b[');
  });

  test('--json follows schemaVersion 2', async () => {
    const result = await runCli(['check', 'examples/demo', '--json', ...demo()]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      schemaVersion: number;
      now: string;
      lockfile: string;
      summary: Record<string, number>;
      packages: JsonPackage[];
    };
    expect(report.schemaVersion).toBe(2);
    expect(report.now).toBe('2026-11-20T12:00:00.000Z');
    expect(report.lockfile).toBe(join('examples', 'demo', 'package-lock.json'));
    expect(report.summary).toEqual({ packages: 9, allowed: 4, warned: 2, blocked: 3, excepted: 0 });
    const quick = byName(report.packages, 'quick-format');
    expect(quick).toMatchObject({ version: '3.1.1', verdict: 'block', eligibleAt: '2026-11-25T12:00:00.000Z', newestAllowed: { inRange: '3.1.0' } });
    expect(quick.findings.map((finding) => finding.rule)).toEqual(['release-age']);
    const takeover = byName(report.packages, 'event-pipe');
    expect(takeover.findings.map((finding) => `${finding.rule}:${finding.severity}`).sort()).toEqual(['install-script:warn', 'new-publisher:block']);
    // 2.3.1, right9's first release while dom stayed an owner, is a team growing: allowed.
    expect(takeover.newestAllowed?.inRange).toBe('2.3.1');
    // A trust downgrade is held for 30 days after its publish time, not for ever.
    expect(byName(report.packages, 'safe-parse')).toMatchObject({ verdict: 'block', eligibleAt: '2026-12-01T12:00:00.000Z', newestAllowed: { inRange: '5.2.0' } });
    expect(byName(report.packages, 'tiny-utils').verdict).toBe('allow');
    expect(byName(report.packages, 'deep-merge').verdict).toBe('allow');
  });

  test('--warn-only reports blocks but exits 0', async () => {
    const result = await runCli(['check', 'examples/demo', '--warn-only', ...demo()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 blocked');
  });

  test('--now later: time-bound blocks lapse, a trust downgrade too once its hold ends (issue 14)', async () => {
    const result = await runCli(['check', 'examples/demo', '--json', '--registry', registryOf().url, '--now', '2027-03-01T00:00:00Z']);
    const report = JSON.parse(result.stdout) as { packages: JsonPackage[] };
    expect(byName(report.packages, 'quick-format').verdict).toBe('allow');
    // The change of hands lapsed; the added install script still warns.
    expect(byName(report.packages, 'event-pipe').verdict).toBe('warn');
    expect(byName(report.packages, 'safe-parse').verdict).toBe('allow');
    expect(result.code).toBe(0);
  });

  test('--policy changes the window', async () => {
    const dir = makeTempDir('policy');
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ rules: { 'release-age': { minReleaseAge: '1d' }, 'trust-downgrade': { severity: 'warn' }, 'new-publisher': { severity: 'off' }, 'maintainer-change': { severity: 'warn' } } }));
    const result = await runCli(['check', 'examples/demo', '--json', '--policy', policy, ...demo()]);
    const report = JSON.parse(result.stdout) as { summary: Record<string, number>; packages: JsonPackage[] };
    expect(byName(report.packages, 'quick-format').verdict).toBe('allow');
    expect(byName(report.packages, 'safe-parse').verdict).toBe('warn');
    expect(byName(report.packages, 'event-pipe').findings.map((finding) => finding.rule)).toEqual(['install-script']);
    expect(report.summary['blocked']).toBe(0);
    expect(result.code).toBe(0);
  });

  test('a project .npmrc registry is used when --registry is not given', async () => {
    const dir = makeTempDir('npmrc');
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({
      name: 'x', lockfileVersion: 3,
      packages: { '': { dependencies: { 'str-pad': '^1.0.0' } }, 'node_modules/str-pad': { version: '1.2.0' } },
    }));
    writeFileSync(join(dir, '.npmrc'), `registry=${registryOf().url}\n`);
    registryOf().resetStats();
    const result = await runCli(['check', dir, '--now', DEMO_NOW], { env: isolatedEnv() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 package: 1 allowed, 0 warned, 0 blocked.');
    expect(registryOf().requestsFor('str-pad').length).toBeGreaterThan(0);
  });
});

describe('the facts cache between runs', () => {
  test('a second run within max-age asks the registry nothing; --prefer-online asks again (check and why)', async () => {
    const registry = registryOf();
    const cacheDir = makeTempDir('fresh');
    const run = (...args: string[]) => runCli([...args, ...demo('--json', '--cache-dir', cacheDir)]);
    const first = await run('check', 'examples/demo');
    registry.resetStats();
    const second = await run('check', 'examples/demo');
    expect(registry.requests).toEqual([]);
    expect(second.stdout).toBe(first.stdout);

    const revalidated = await run('check', 'examples/demo', '--prefer-online');
    expect(revalidated.stdout).toBe(first.stdout);
    expect(registry.requests.length).toBeGreaterThan(0);
    expect(registry.requests.every((r) => r.status === 304 || r.status === 404)).toBe(true);

    registry.resetStats();
    await run('why', 'quick-format', 'examples/demo');
    expect(registry.requests).toEqual([]);
    await run('why', 'quick-format', 'examples/demo', '--prefer-online');
    expect(registry.requests.map((r) => r.status)).toEqual([304]);
  });
});
