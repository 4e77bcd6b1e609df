import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();

interface LsJson {
  schemaVersion: number;
  lockfile: string;
  packageManager: string;
  packages: Array<{ name: string; version: string; source: string; dev: boolean; optional: boolean; configDependency: boolean; paths: number }>;
}

test('ls --json lists what the gate sees, without any network', async () => {
  const result = await runCli(['ls', 'examples/demo', '--json']);
  expect(result.code).toBe(0);
  const listing = JSON.parse(result.stdout) as LsJson;
  expect(listing).toMatchObject({ schemaVersion: 1, lockfile: join('examples', 'demo', 'package-lock.json'), packageManager: 'npm' });
  expect(listing.packages).toHaveLength(9);
  expect(listing.packages.find((pkg) => pkg.name === 'test-kit')).toEqual({ name: 'test-kit', version: '0.9.4', source: 'registry', dev: true, optional: false, configDependency: false, paths: 1 });
  expect(listing.packages.find((pkg) => pkg.name === 'my-fork')?.source).toBe('git');
  expect(listing.packages.find((pkg) => pkg.name === 'str-pad')?.paths).toBe(2);
});

test('ls: a pnpm 12 lockfile\'s config dependency is listed and flagged (--json and text)', async () => {
  const fixture = 'test/fixtures/lockfiles/pnpm/v9.0-pnpm12/pnpm-lock.yaml';
  const json = await runCli(['ls', '--lockfile', fixture, '--json']);
  expect(json.code).toBe(0);
  const listing = JSON.parse(json.stdout) as LsJson;
  expect(listing.packages.filter((pkg) => pkg.configDependency).map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual(['ms@2.1.2']);
  const text = await runCli(['ls', '--lockfile', fixture]);
  expect(text.stdout).toContain('  ms@2.1.2  registry, config dependency; 1 path');
});

test('ls text groups by lockfile', async () => {
  const result = await runCli(['ls', 'examples/demo']);
  expect(result.stdout.split('\n')[0]).toBe(`${join('examples', 'demo', 'package-lock.json')} (npm lockfile v3): 9 packages (8 registry, 1 git)`);
  expect(result.stdout).toContain('  test-kit@0.9.4  registry, dev; 1 path');
});

describe('a project with more than one lockfile', () => {
  function twoLockfiles(): string {
    const dir = makeTempDir('two');
    copyFileSync(join(REPO_ROOT, 'examples/demo/package-lock.json'), join(dir, 'package-lock.json'));
    copyFileSync(join(REPO_ROOT, 'examples/demo/package-lock.json'), join(dir, 'npm-shrinkwrap.json'));
    copyFileSync(join(REPO_ROOT, 'examples/demo/package.json'), join(dir, 'package.json'));
    return dir;
  }

  test('check reads every lockfile, says which, and names the lockfiles on each line', async () => {
    const dir = twoLockfiles();
    const result = await runCli(['check', dir, ...demoArgs(registryOf())]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toContain(`Checked ${join(dir, 'npm-shrinkwrap.json')} (npm lockfile v3), ${join(dir, 'package-lock.json')} (npm lockfile v3)`);
    expect(result.stdout).toContain(`BLOCK  quick-format@3.1.1 [${join(dir, 'npm-shrinkwrap.json')}, ${join(dir, 'package-lock.json')}]`);
    expect(result.stdout).toContain('9 packages: 4 allowed, 2 warned, 3 blocked.');
  });

  test('check --json lists the lockfiles and where each package is', async () => {
    const dir = twoLockfiles();
    const result = await runCli(['check', dir, '--json', ...demoArgs(registryOf())]);
    const report = JSON.parse(result.stdout) as { lockfiles: Array<{ path: string }>; packages: Array<{ name: string; lockfiles: string[] }> };
    expect(report.lockfiles.map((lockfile) => lockfile.path)).toEqual([join(dir, 'npm-shrinkwrap.json'), join(dir, 'package-lock.json')]);
    expect(report.packages.find((pkg) => pkg.name === 'str-pad')?.lockfiles).toHaveLength(2);
  });

  test('ls --json gives one document per lockfile', async () => {
    const result = await runCli(['ls', twoLockfiles(), '--json']);
    const listing = JSON.parse(result.stdout) as LsJson[];
    expect(listing.map((entry) => entry.lockfile.split('/').pop())).toEqual(['npm-shrinkwrap.json', 'package-lock.json']);
  });
});
