/** `quarantine allow` through the built binary: what it writes, and what it refuses. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, isolatedEnv, runCli } from '../support/cli.js';
import { DEMO_NOW, demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();

function project(files: Record<string, string> = {}): string {
  const dir = makeTempDir('allow');
  cpSync(join(REPO_ROOT, 'examples', 'demo'), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const allow = (dir: string, ...args: string[]) => runCli(['allow', ...args, '--now', DEMO_NOW], { cwd: dir, env: isolatedEnv() });

test('without a policy: creates quarantine.json, and check then lets the version through', async () => {
  const dir = project();
  const result = await allow(dir, 'quick-format@3.1.1', '--rule', 'release-age', '--reason', 'hotfix; diff reviewed', '--expires', '14d', '--ticket', 'SEC-9');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain('Created quarantine.json with an exception: quick-format@3.1.1 for release-age, through 2026-12-04 (UTC, in 14 days).');
  expect(JSON.parse(read(dir, 'quarantine.json'))).toEqual({
    $schema: './node_modules/release-quarantine/policies/schema.json',
    extends: 'default',
    exceptions: [{ package: 'quick-format@3.1.1', rules: ['release-age'], reason: 'hotfix; diff reviewed', expires: '2026-12-04', ticket: 'SEC-9' }],
  });
  const check = await runCli(['check', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(check.stdout).not.toMatch(/^BLOCK {2}quick-format/m);
  expect(check.stdout).toMatch(/^EXCEPT quick-format@3\.1\.1/m);
});

test('edits an existing JSONC policy in place: comments and indentation survive, the same exception is updated', async () => {
  const original = [
    '// Reviewed by the platform team.',
    '{',
    '    "extends": "strict", // slow lane',
    '    "exceptions": [',
    '        /* keep: vendored */',
    '        { "package": "tiny-utils", "reason": "vendored copy", "expires": "2026-12-31" }',
    '    ]',
    '}',
    '',
  ].join('\n');
  const dir = project({ 'quarantine.jsonc': original });
  const first = await allow(dir, 'quick-format@3.1.1', '--reason', 'first', '--expires', '2026-12-01');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('Added an exception to quarantine.jsonc');
  const afterFirst = read(dir, 'quarantine.jsonc');
  expect(afterFirst).toContain('// Reviewed by the platform team.');
  expect(afterFirst).toContain('"extends": "strict", // slow lane');
  expect(afterFirst).toContain('        /* keep: vendored */\n        { "package": "tiny-utils", "reason": "vendored copy", "expires": "2026-12-31" },\n        {\n            "package": "quick-format@3.1.1",');

  const second = await allow(dir, 'quick-format@3.1.1', '--reason', 'second', '--expires', '2026-12-02');
  expect(second.stdout).toContain('Updated the exception in quarantine.jsonc');
  const afterSecond = read(dir, 'quarantine.jsonc');
  expect(afterSecond.match(/quick-format/g)).toHaveLength(1);
  expect(afterSecond).toContain('"reason": "second"');
  expect(afterSecond).toContain('"expires": "2026-12-02"');
});

test('a policy in package.json is edited there, leaving the rest of package.json alone', async () => {
  const manifest = '{\n  "name": "demo-app",\n  "version": "1.0.0",\n  "quarantine": {\n    "extends": "default"\n  }\n}\n';
  const dir = project({ 'package.json': manifest });
  const result = await allow(dir, '@acme/*', '--reason', 'our scope', '--expires', '2026-12-31', '--json');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    schemaVersion: 1,
    file: 'package.json',
    kind: 'package-json',
    action: 'added',
    exception: { package: '@acme/*', rules: null, reason: 'our scope', expires: '2026-12-31', expiresAt: '2027-01-01T00:00:00.000Z', ticket: null },
  });
  expect(read(dir, 'package.json')).toBe(
    '{\n  "name": "demo-app",\n  "version": "1.0.0",\n  "quarantine": {\n    "extends": "default",\n    "exceptions": [\n      {\n        "package": "@acme/*",\n        "reason": "our scope",\n        "expires": "2026-12-31"\n      }\n    ]\n  }\n}\n',
  );
});

test.each([
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '2026-11-01'], '--expires: 2026-11-01 is already past'],
  [['quick-format@^3.1.1', '--reason', 'x', '--expires', '7d'], '<package>: expected an exact version after "@"'],
  [['quick-format@3.1.1', '--reason', '  ', '--expires', '7d'], '--reason: must not be empty'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', 'next week'], '--expires: expected a date (2026-12-31), an instant (2026-12-31T18:00:00Z) or a duration from now in minutes, hours, days or weeks (90m, 36h, 30d, 12w), got "next week"'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '5y'], 'a duration from now in minutes, hours, days or weeks (90m, 36h, 30d, 12w), got "5y"'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '2027-02-30'], '--expires: 2027-02-30 is not a calendar date'],
  [['**', '--reason', 'make CI green', '--expires', '2099-12-31'], '<package>: "**" matches every package'],
  [['*', '--reason', 'x', '--expires', '7d', '--force-long-expiry'], '<package>: "*" matches every package'],
  [['@*/*', '--reason', 'x', '--expires', '7d', '--rule', 'release-age'], '<package>: "@*/*" matches every package'],
  [['*-*', '--reason', 'x', '--expires', '7d'], '<package>: "*-*" matches every package'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '91d'], '--expires: 2027-02-19 is more than 90 days away, the longest an exception may run (maxExceptionDays in the default policy)'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '2099-12-31'], '--expires: 2099-12-31 is more than 90 days away'],
  [['quick-format@3.1.1', '--expires', '7d'], 'Missing required argument: reason'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '7d', '--rule', 'age'], 'Invalid values'],
])('refuses %j with exit 2 and one clear line, writing nothing', async (args, message) => {
  const dir = project();
  const result = await allow(dir, ...args);
  expect(result.code).toBe(2);
  expect(result.stderr.split('\n')[0]).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
});

test('never writes on top of a broken policy', async () => {
  const broken = '{ "rules": { "release-age": { "minReleaseAge": "1 week" } } }\n';
  const dir = project({ 'quarantine.json': broken });
  const result = await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '7d');
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('quarantine.json: 1 problem in the policy');
  expect(read(dir, 'quarantine.json')).toBe(broken);
});

test('an expiry up to maxExceptionDays is recorded; past it only with --force-long-expiry', async () => {
  const dir = project();
  // DEMO_NOW is 2026-11-20T12:00Z: 90 days on is 2027-02-18, which may be named as a plain date.
  expect((await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '2027-02-18')).code).toBe(0);
  expect((await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '90d')).code).toBe(0);
  const refused = await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '2027-02-19');
  expect(refused.stderr).toBe(
    `quarantine: --expires: 2027-02-19 is more than 90 days away, the longest an exception may run (maxExceptionDays in ${join(dir, 'quarantine.json')} (extends preset default))\n` +
      '  hint: give 2027-02-18 or sooner (renew it then if it is still needed), or pass --force-long-expiry to record it anyway\n',
  );
  expect(read(dir, 'quarantine.json')).toContain('"expires": "2027-02-18"');
  const forced = await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '2027-06-30', '--force-long-expiry');
  expect(forced.code).toBe(0);
  expect(read(dir, 'quarantine.json')).toContain('"expires": "2027-06-30"');
});

test('maxExceptionDays comes from the policy, including what it extends', async () => {
  const dir = project({ 'base.json': '{ "maxExceptionDays": 14 }\n', 'quarantine.json': '{ "extends": "./base.json" }\n' });
  expect((await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '14d')).code).toBe(0);
  const refused = await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '15d');
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('is more than 14 days away');
  const wider = project({ 'quarantine.json': '{ "maxExceptionDays": 365 }\n' });
  expect((await allow(wider, 'quick-format@3.1.1', '--reason', 'x', '--expires', '300d')).code).toBe(0);
});

/** The `quarantine allow` commands `check` suggests, as printed (after "or, after reviewing the release...: "). */
const suggestedAllows = (stdout: string): string[] => [...stdout.matchAll(/^ +or, after reviewing the release.*?: (quarantine allow .*)$/gm)].map((match) => match[1] as string);

test.each([
  ['a window longer than maxExceptionDays (120d against the default 90)', '{ "rules": { "release-age": { "minReleaseAge": "120d" } } }\n', '2027-02-18'],
  ['a maxExceptionDays shorter than the window', '{ "maxExceptionDays": 3 }\n', '2026-11-23'],
])("check's suggested allow never runs past maxExceptionDays, and runs as printed: %s", async (_name, policy, latest) => {
  const dir = project({ 'quarantine.json': policy });
  const check = await runCli(['check', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(check.code).toBe(1);
  const commands = suggestedAllows(check.stdout);
  expect(commands.length).toBeGreaterThan(2);
  const expiries = commands.map((command) => /--expires (\S+)$/.exec(command)?.[1]);
  expect(expiries).toContain(latest);
  for (const expires of expiries) expect(expires! <= latest).toBe(true);
  expect(check.stdout).toContain("or, after reviewing the release (capped at the policy's maxExceptionDays; renew it then if it is still blocked): quarantine allow");
  // why builds the same remedy.
  const why = await runCli(['why', 'quick-format@3.1.1', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(suggestedAllows(why.stdout).map((command) => /--expires (\S+)$/.exec(command)?.[1])).toEqual([latest]);
  // Each command exactly as printed, by a shell in which `quarantine` is the built CLI at the same instant.
  const cli = join(REPO_ROOT, 'dist', 'cli', 'main.js');
  for (const command of commands) {
    const script = `quarantine() { "$NODE" "$CLI" "$@" --now "$NOW"; }\n${command}\n`;
    const out = execFileSync('sh', ['-c', script], { cwd: dir, env: { ...isolatedEnv(), NODE: process.execPath, CLI: cli, NOW: DEMO_NOW }, encoding: 'utf8' });
    expect(out).toMatch(/an exception/);
  }
  const after = await runCli(['check', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(after.stdout).not.toMatch(/^BLOCK/m);
  expect(after.stdout).not.toMatch(/more than maxExceptionDays/);
});

test('check warns about exceptions already in the policy that allow would refuse, and lists the limits in --json', async () => {
  const policy = {
    maxExceptionDays: 30,
    exceptions: [
      { package: '**', rules: ['release-age'], reason: 'make CI green', expires: '2026-12-01' },
      { package: 'quick-format@3.1.1', reason: 'reviewed', expires: '2099-12-31' },
      { package: 'tiny-utils', reason: 'vendored', expires: '2026-12-10' },
    ],
  };
  const dir = project({ 'quarantine.json': JSON.stringify(policy) });
  const text = await runCli(['check', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(text.stdout).toContain(
    `WARN     exception ** (${join(dir, 'quarantine.json')}: exceptions[0]) matches every package: it lets release-age through for the whole project; set that in "rules" instead, or name the packages`,
  );
  expect(text.stdout).toContain(
    `WARN     exception quick-format@3.1.1 (${join(dir, 'quarantine.json')}: exceptions[1]) runs until 2099-12-31, more than maxExceptionDays (30) from now: shorten it and renew it when it is due`,
  );
  expect(text.stdout).not.toMatch(/WARN +exception tiny-utils/);
  const json = await runCli(['check', dir, ...demoArgs(registryOf()), '--json'], { env: isolatedEnv() });
  const limits = (JSON.parse(json.stdout) as { exceptions: { package: string; limits: string[] }[] }).exceptions.map((entry) => [entry.package, entry.limits]);
  expect(limits).toEqual([['**', ['catch-all']], ['quick-format@3.1.1', ['too-long']], ['tiny-utils', []]]);
});
