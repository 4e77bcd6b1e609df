/**
 * `quarantine fix` with the real npm, pnpm, Yarn Berry and Bun (devDependencies) against a
 * local registry, judged at a fixed --now. The project was locked without any age gate, so it
 * holds the newest versions:
 * - direct-lib@2.1.0 (direct, 2 days old; 2.0.0 is 30 days old) and young-lib@1.2.0 (under
 *   parent, 1 day old; 1.1.0 is 20 days old): `fix` moves both to the older version in range;
 * - handed@3.0.3 (2 days old, published by a newcomer after alice's releases): a change of
 *   hands under this policy: listed for review, never moved;
 * - fresh-only@1.0.0: its only version is a day old: nothing in range, said per package.
 * --dry-run changes no file. The package managers measure age from the wall clock: `fix`
 * widens their window by the distance to --now, so the fixed instant holds. An npm lockfile v1
 * is refused (by --dry-run too) with the command that writes a current one. pnpm 12 with a
 * config dependency (a lockfile of two YAML documents): test/e2e/fix-pnpm12.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectSuccess, readBytes, runPackageManager, runQuarantine, startPackageWorld, writeProject, type CanaryWorld } from '../support/install-world.js';
import { PACKAGE_MANAGER_PROJECTS, type PackageManagerProject } from '../support/package-manager-projects.js';

const NOW = '2026-06-01T00:00:00.000Z';
const TIMEOUT = 120_000;

const v = (version: string, ageDays: number, extra: object = {}) => ({ version, ageDays, ...extra });
const FIX_PACKAGES = [
  { name: 'parent', versions: [v('1.0.0', 90, { dependencies: { 'young-lib': '^1.0.0', handed: '^3.0.0' } })] },
  { name: 'young-lib', versions: [v('1.0.0', 60), v('1.1.0', 20), v('1.2.0', 1)] },
  { name: 'direct-lib', versions: [v('2.0.0', 30), v('2.1.0', 2)] },
  { name: 'handed', versions: [v('3.0.0', 200), v('3.0.1', 150), v('3.0.2', 100), v('3.0.3', 2, { publisher: 'mallory' })] },
  { name: 'fresh-only', versions: [v('1.0.0', 1)] },
];

// A newcomer's release blocks (the default weighs it as a warning).
const POLICY = `${JSON.stringify({ rules: { 'new-publisher': { severity: 'block', alone: 'block' } } })}\n`;
const MANIFEST = { name: 'fix-project', version: '1.0.0', private: true, dependencies: { parent: '^1.0.0', 'direct-lib': '^2.0.0', 'fresh-only': '^1.0.0' } };

describe.each(['npm', 'pnpm', 'yarn-berry', 'bun'] as const)('quarantine fix with %s', (name) => {
  const pm: PackageManagerProject = PACKAGE_MANAGER_PROJECTS[name];
  let world: CanaryWorld;
  let dir: string;
  let env: Record<string, string>;
  const watched = () => ['package.json', pm.lockfile, 'pnpm-workspace.yaml'];
  const fix = (args: string[] = []) => runQuarantine(['fix', '--now', NOW, ...args, ...pm.quarantineArgs(world.registry.url)], dir, env);
  const lockfile = () => readFileSync(join(dir, pm.lockfile), 'utf8');

  beforeAll(async () => {
    world = await startPackageWorld(() => FIX_PACKAGES, Date.parse(NOW));
    env = { ...world.env, ...pm.env };
    dir = writeProject(world, 'project', { 'package.json': MANIFEST, 'quarantine.json': POLICY, ...pm.files(world.registry.url, world.root) });
    expectSuccess(await runPackageManager(pm.binary, pm.setup, dir, env), `${name}: writing the lockfile`);
    expect(lockfile()).toMatch(/young-lib@?[\s\S]*1\.2\.0/);
  }, TIMEOUT);

  afterAll(async () => {
    await world?.close();
  });

  it('--dry-run shows the plan and changes nothing', async () => {
    const before = readBytes(dir, watched());
    const result = await fix(['--dry-run']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(/MOVE\s+direct-lib@2\.1\.0 -> 2\.0\.0/);
    expect(result.stdout).toMatch(/MOVE\s+young-lib@1\.2\.0 -> 1\.1\.0/);
    expect(result.stdout).toMatch(/REVIEW\s+handed@3\.0\.3\b.*new-publisher/);
    expect(result.stdout).toMatch(/CANNOT\s+fresh-only@1\.0\.0\b/);
    expect(result.stdout).toContain('Would run: ');
    expect(readBytes(dir, watched())).toEqual(before);
  }, TIMEOUT);

  it('moves the age-blocked entries to the passing version in range, and leaves the change of hands for review', async () => {
    const manifest = readFileSync(join(dir, 'package.json'), 'utf8');
    const result = await fix();
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(/^ {2}direct-lib: 2\.1\.0 -> 2\.0\.0$/m);
    expect(result.stdout).toMatch(/^ {2}young-lib: 1\.2\.0 -> 1\.1\.0$/m);
    expect(result.stdout).not.toMatch(/^ {2}handed:/m);
    expect(result.stdout).toMatch(/Still blocked: 2 packages: fresh-only@1\.0\.0, handed@3\.0\.3\./);
    const text = lockfile();
    expect(text).not.toMatch(/young-lib@?[^\n]*1\.2\.0|direct-lib@?[^\n]*2\.1\.0/);
    expect(text).toMatch(/handed@?[^\n]*3\.0\.3/);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(manifest);
    expect(existsSync(join(dir, 'pnpm-workspace.yaml'))).toBe(false);

    const check = await runQuarantine(['check', '--now', NOW, ...pm.quarantineArgs(world.registry.url)], dir, env);
    expect(check.stdout.match(/^BLOCK\s+\S+/gm)?.map((line) => line.split(/\s+/)[1])).toEqual(['fresh-only@1.0.0', 'handed@3.0.3']);
  }, TIMEOUT);
});

describe('quarantine fix with an npm lockfile v1 (npm 6)', () => {
  let world: CanaryWorld;

  beforeAll(async () => {
    world = await startPackageWorld(() => FIX_PACKAGES.filter((pkg) => pkg.name === 'direct-lib'), Date.parse(NOW));
  }, TIMEOUT);

  afterAll(async () => {
    await world?.close();
  });

  it.each([[['--dry-run']], [[]]])('is refused %j with the npm command that writes a current lockfile; nothing is touched', async (args) => {
    const response = await fetch(`${world.registry.url}direct-lib`);
    const dist = ((await response.json()) as { versions: Record<string, { dist: { tarball: string; integrity: string } }> }).versions['2.1.0']?.dist;
    const lock = { name: 'fix-v1', version: '1.0.0', lockfileVersion: 1, requires: true, dependencies: { 'direct-lib': { version: '2.1.0', resolved: dist?.tarball, integrity: dist?.integrity } } };
    const dir = writeProject(world, `v1-${args.length}`, {
      'package.json': { name: 'fix-v1', version: '1.0.0', private: true, dependencies: { 'direct-lib': '^2.0.0' } },
      'package-lock.json': lock,
      '.npmrc': `registry=${world.registry.url}\n`,
    });
    const before = readBytes(dir, ['package.json', 'package-lock.json']);
    const result = await runQuarantine(['fix', '--now', NOW, ...args], dir, world.env);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^quarantine: .*package-lock\.json: an npm lockfile v1 \(lockfileVersion 1, written by npm 6 or older\) cannot be fixed in place\n {2}hint: run `npm install --package-lock-only --ignore-scripts` once with npm 7 or later/);
    expect(readBytes(dir, ['package.json', 'package-lock.json'])).toEqual(before);
  }, TIMEOUT);
});
