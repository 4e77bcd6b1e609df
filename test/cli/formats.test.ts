/** Detection: check and ls find every lockfile by themselves and say which and for which manager. */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/lockfiles');

/** A project folder holding the given fixture files under their real names. */
function project(files: Record<string, string>): string {
  const dir = makeTempDir('formats');
  for (const [name, fixture] of Object.entries(files)) copyFileSync(join(FIXTURES, fixture), join(dir, name));
  return dir;
}

interface LsJson {
  lockfile: string;
  packageManager: string;
  packages: Array<{ name: string; version: string; source: string }>;
}

test.each([
  ['pnpm-lock.yaml', 'pnpm/v9.0-pnpm10/pnpm-lock.yaml', 'pnpm'],
  ['pnpm-lock.yaml', 'pnpm/v5.4/pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn-classic/v1/yarn.lock', 'yarn-classic'],
  ['yarn.lock', 'yarn-berry/yarn4/yarn.lock', 'yarn-berry'],
  ['bun.lock', 'bun/v2/bun.lock', 'bun'],
  ['package-lock.json', 'npm/v3/package-lock.json', 'npm'],
])('ls finds %s (%s) and names its package manager', async (name, fixture, manager) => {
  const dir = project({ [name]: fixture });
  const result = await runCli(['ls', dir, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const listing = JSON.parse(result.stdout) as LsJson;
  expect(listing.lockfile).toBe(join(dir, name));
  expect(listing.packageManager).toBe(manager);
  expect(listing.packages.some((pkg) => pkg.source === 'registry')).toBe(true);
});

test('a project with a pnpm and a Yarn lockfile: ls lists both, never silently picking one', async () => {
  const dir = project({ 'pnpm-lock.yaml': 'pnpm/v9.0-pnpm9/pnpm-lock.yaml', 'yarn.lock': 'yarn-berry/yarn4/yarn.lock' });
  const result = await runCli(['ls', dir]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^${join(dir, 'pnpm-lock.yaml')} \\(pnpm lockfile v9\\.0\\): \\d+ packages`, 'm'));
  expect(result.stdout).toMatch(new RegExp(`^${join(dir, 'yarn.lock')} \\(yarn-berry lockfile v\\d+\\): \\d+ packages`, 'm'));
});

test('--lockfile takes one of several, and reads a lockfile under another name by its content', async () => {
  const dir = project({ 'pnpm-lock.yaml': 'pnpm/v9.0-pnpm9/pnpm-lock.yaml', 'old.lock': 'yarn-classic/v1/yarn.lock' });
  const result = await runCli(['ls', dir, '--lockfile', join(dir, 'old.lock'), '--json']);
  expect(result.code).toBe(0);
  expect((JSON.parse(result.stdout) as LsJson).packageManager).toBe('yarn-classic');
});

test('a binary bun.lockb alone stops with the command that writes a text lockfile', async () => {
  const dir = project({ 'bun.lockb': 'bun/lockb/bun.lockb' });
  const result = await runCli(['check', dir]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`${join(dir, 'bun.lockb')}: bun.lockb is Bun's binary lockfile and cannot be read`);
  expect(result.stderr).toContain('bun install --save-text-lockfile --frozen-lockfile --lockfile-only');
});

test('bun.lockb beside bun.lock: the text lockfile is read', async () => {
  const dir = project({ 'bun.lockb': 'bun/lockb/bun.lockb', 'bun.lock': 'bun/v2/bun.lock' });
  const result = await runCli(['ls', dir, '--json']);
  expect(result.code).toBe(0);
  expect((JSON.parse(result.stdout) as LsJson).lockfile).toBe(join(dir, 'bun.lock'));
});

test.each([
  ['pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: [\n", /pnpm-lock\.yaml: invalid YAML.*\(line \d+\)/],
  ['pnpm-lock.yaml', "lockfileVersion: '4.0'\n", /pnpm-lock\.yaml: .*4\.0.*(line 1)/],
  ['yarn.lock', '__metadata:\n  version: 8\n\n"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0\n', /yarn\.lock: .*line \d+/],
  ['bun.lock', '{\n  "lockfileVersion": 1,\n  "workspaces": {\n', /bun\.lock: .*line \d+/],
])('a malformed %s stops with exit 2 naming the file and line', async (name, text, pattern) => {
  const dir = makeTempDir('bad');
  writeFileSync(join(dir, name), text);
  const result = await runCli(['check', dir, '--registry', 'http://127.0.0.1:9/']);
  expect(result.code).toBe(2);
  expect(result.stderr.split('\n')[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
