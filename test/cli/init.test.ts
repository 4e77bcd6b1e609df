import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

const STARTER = '{\n  "$schema": "./node_modules/release-quarantine/policies/schema.json",\n  "extends": "default"\n}\n';
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'native');

function project(files: Record<string, string>): string {
  const dir = makeTempDir('init');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(dir, path)).isFile());
}

const NPM_AND_PNPM = {
  'package.json': '{\n  "name": "app"\n}\n',
  'package-lock.json': '{"lockfileVersion": 3}\n',
  'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
};

test('without --write: writes the starter policy, prints each setting, touches no tool config', async () => {
  const dir = project(NPM_AND_PNPM);
  const result = await runCli(['init', '--dir', dir]);
  expect(result.code).toBe(0);
  expect(read(dir, 'quarantine.json')).toBe(STARTER);
  expect(existsSync(join(dir, '.npmrc'))).toBe(false);
  expect(read(dir, 'pnpm-workspace.yaml')).toBe('packages:\n  - apps/*\n');
  expect(result.stdout).toContain('Policy: created quarantine.json');
  expect(result.stdout).toContain('.npmrc: min-release-age=7 (days)  not set');
  expect(result.stdout).toContain('pnpm-workspace.yaml: minimumReleaseAge: 10080 (minutes)  not set');
  expect(result.stdout).toContain('Run `quarantine init --write` to apply 2 settings.');
});

test('--write applies the settings; a second run changes nothing and says so', async () => {
  const dir = project(NPM_AND_PNPM);
  const first = await runCli(['init', '--dir', dir, '--write']);
  expect(first.code).toBe(0);
  expect(read(dir, '.npmrc')).toBe('min-release-age=7\n');
  expect(read(dir, 'pnpm-workspace.yaml')).toBe('packages:\n  - apps/*\nminimumReleaseAge: 10080\n');
  expect(first.stdout).toContain('.npmrc: min-release-age=7 (days)  created .npmrc');
  expect(first.stdout).toContain('minimumReleaseAge: 10080 (minutes)  added');

  const before = Object.fromEntries(filesUnder(dir).map((file) => [file, read(dir, file)]));
  const second = await runCli(['init', '--dir', dir, '--write']);
  expect(second.code).toBe(0);
  expect(Object.fromEntries(filesUnder(dir).map((file) => [file, read(dir, file)]))).toEqual(before);
  expect(second.stdout).toContain('Policy: quarantine.json already exists; left unchanged');
  expect(second.stdout).toContain('Nothing to change: every native setting already matches the 7d window.');
});

test('--write on a real-looking project changes only the age settings, keeping comments and formatting', async () => {
  const dir = makeTempDir('init-mixed');
  cpSync(join(FIXTURES, 'mixed'), dir, { recursive: true });
  const result = await runCli(['init', '--dir', dir, '--write']);
  expect(result.code).toBe(0);
  const expectedDir = join(FIXTURES, 'mixed-written');
  for (const file of filesUnder(expectedDir)) {
    expect([relative(dir, join(dir, file)), read(dir, file)]).toEqual([file, read(expectedDir, file)]);
  }
  expect(read(dir, 'package.json')).toBe(read(join(FIXTURES, 'mixed'), 'package.json'));
  expect(result.stdout).toContain('.yarnrc.yml: npmMinimalAgeGate: 10080 (minutes)  changed from "3d"');
  expect(result.stdout).toContain('note: Yarn 4.10 and 4.11 read a value with a unit suffix');
  expect(result.stdout).toContain('Dependabot   .github/dependabot.yml: cooldown: { default-days: 7 } on each npm and bun entry (days)  changed from 2');
});

test('an existing policy file is never overwritten, and no second one is added', async () => {
  const policy = '{ "rules": { "release-age": { "minReleaseAge": "3d" } } }\n';
  const dir = project({ '.quarantine.json': policy, 'package-lock.json': '{}' });
  const result = await runCli(['init', '--dir', dir]);
  expect(result.code).toBe(0);
  expect(read(dir, '.quarantine.json')).toBe(policy);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
  expect(result.stdout).toContain('Policy: .quarantine.json already exists; left unchanged');
});

test('a policy in package.json counts as existing', async () => {
  const dir = project({ 'package.json': '{"name": "app", "quarantine": {}}\n' });
  const result = await runCli(['init', '--dir', dir]);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
  expect(result.stdout).toContain('Policy: package.json already has a "quarantine" policy; left unchanged');
});

test('--json lists the policy action and every setting (schemaVersion 1)', async () => {
  const dir = project({ 'yarn.lock': '# yarn lockfile v1\n', 'bun.lock': '{}', '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n' });
  const result = await runCli(['init', '--dir', dir, '--json', '--write']);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(report).toMatchObject({ schemaVersion: 1, dir, minReleaseAge: '7d', write: true, policy: { file: 'quarantine.json', action: 'created' } });
  expect(report['tools']).toEqual([
    { tool: 'yarn-classic', evidence: ['yarn.lock'], supported: false },
    { tool: 'bun', evidence: ['bun.lock'], supported: true },
    { tool: 'dependabot', evidence: ['.github/dependabot.yml'], supported: true },
  ]);
  expect(report['settings']).toEqual([
    { tool: 'bun', file: 'bunfig.toml', key: '[install].minimumReleaseAge', value: 604800, unit: 'seconds', status: 'missing', current: null, written: true, createsFile: true, notes: [] },
    { tool: 'dependabot', file: '.github/dependabot.yml', key: 'cooldown.default-days', value: 7, unit: 'days', status: 'missing', current: null, written: true, createsFile: false, notes: [] },
  ]);
  expect(read(dir, 'bunfig.toml')).toBe('[install]\nminimumReleaseAge = 604800\n');
});

test('Yarn classic is named with what to do instead', async () => {
  const result = await runCli(['init', '--dir', project({ 'yarn.lock': '# yarn lockfile v1\n' })]);
  expect(result.stdout).toContain('Yarn classic yarn.lock: no minimum release age setting in Yarn 1');
  expect(result.stdout).toContain('gate installs with `quarantine check` before `yarn install`, or move to Yarn 4.10+');
  expect(result.stdout).toContain('No native setting to apply.');
});

test('a config file that cannot be parsed: exit 2, one line naming the file, nothing written', async () => {
  const broken = 'version: 2\nupdates:\n  - package-ecosystem: npm\n   directory: [\n';
  const dir = project({ 'package-lock.json': '{}', '.github/dependabot.yml': broken });
  const result = await runCli(['init', '--dir', dir, '--write']);
  expect(result.code).toBe(2);
  const [first, ...rest] = result.stderr.trimEnd().split('\n');
  expect(first).toMatch(/^quarantine: \.github\/dependabot\.yml: invalid YAML at line \d+, column \d+: /);
  expect(rest).toEqual(['  hint: fix .github/dependabot.yml (init never rewrites a file it cannot read), then run quarantine init again']);
  expect(result.stdout).toBe('');
  expect(read(dir, '.github/dependabot.yml')).toBe(broken);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
  expect(existsSync(join(dir, '.npmrc'))).toBe(false);
});

test('a directory that does not exist is a usage error', async () => {
  const result = await runCli(['init', '--dir', join(tmpdir(), 'quarantine-no-such-dir-xyz')]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('no such directory');
});

test('--preset strict: the starter policy extends it, and its 14-day window is what every layer gets', async () => {
  const dir = project(NPM_AND_PNPM);
  const result = await runCli(['init', '--dir', dir, '--preset', 'strict']);
  expect(result.code).toBe(0);
  expect(JSON.parse(read(dir, 'quarantine.json'))).toEqual({ $schema: './node_modules/release-quarantine/policies/schema.json', extends: 'strict' });
  expect(result.stdout).toContain('.npmrc: min-release-age=14 (days)  not set');
  expect(result.stdout).toContain('pnpm-workspace.yaml: minimumReleaseAge: 20160 (minutes)  not set');
});

test("an existing policy's window wins over the preset, wherever the policy lives", async () => {
  const dir = project({
    ...NPM_AND_PNPM,
    'package.json': JSON.stringify({ name: 'app', quarantine: { extends: 'default', rules: { 'release-age': { minReleaseAge: '36h' } } } }),
  });
  const result = await runCli(['init', '--dir', dir, '--preset', 'strict']);
  expect(result.code).toBe(0);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
  expect(result.stdout).toContain('pnpm-workspace.yaml: minimumReleaseAge: 2160 (minutes)  not set');
  expect(result.stdout).toContain('.npmrc: min-release-age=2 (days)');
});

test('a broken existing policy stops init with exit 2 and writes nothing', async () => {
  const dir = project({ ...NPM_AND_PNPM, 'quarantine.json': '{ "rules": { "release-age": { "minReleaseAge": "a week" } } }' });
  const result = await runCli(['init', '--dir', dir, '--write']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('rules.release-age.minReleaseAge: expected a duration');
  expect(existsSync(join(dir, '.npmrc'))).toBe(false);
});
