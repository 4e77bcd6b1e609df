/**
 * `quarantine install` hands the policy window to the package manager's own age setting, with
 * the real npm, pnpm, Yarn Berry and Bun against a local registry at a fixed --now (the package managers'
 * window is widened to match it). The project was locked without any age gate, so it already
 * holds blocked versions: direct-lib@2.1.0, and young-lib@1.2.0 deeper in the tree.
 * - `install postlike`: its newest release (8.6.0) is 3 days old; the package manager picks
 *   8.5.0 (30 days old) instead of the gate refusing, and the blocked versions the install
 *   keeps are named;
 * - `install young-lib@1.2.0`: the named version is blocked but already locked under parent, so
 *   nothing changes in the lockfile: the install is refused all the same, saying why;
 * - `install fresh-only`: nothing is old enough, so the package manager's setting finds nothing;
 *   it resolves again without it and the gate explains the block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectSuccess, readBytes, runPackageManager, runQuarantine, startPackageWorld, writeProject, type CanaryWorld } from '../support/install-world.js';
import { PACKAGE_MANAGER_PROJECTS, type PackageManagerProject } from '../support/package-manager-projects.js';

const NOW = '2026-06-01T00:00:00.000Z';
const TIMEOUT = 120_000;

const v = (version: string, ageDays: number, extra: object = {}) => ({ version, ageDays, ...extra });
const PACKAGES = [
  { name: 'parent', versions: [v('1.0.0', 90, { dependencies: { 'young-lib': '^1.0.0' } })] },
  { name: 'young-lib', versions: [v('1.1.0', 20), v('1.2.0', 1)] },
  { name: 'direct-lib', versions: [v('2.0.0', 30), v('2.1.0', 2)] },
  { name: 'postlike', versions: [v('8.4.0', 90), v('8.5.0', 30), v('8.6.0', 3)] },
  { name: 'fresh-only', versions: [v('1.0.0', 1)] },
];
const MANIFEST = { name: 'install-age-project', version: '1.0.0', private: true, dependencies: { parent: '^1.0.0', 'direct-lib': '^2.0.0' } };

interface JsonReport {
  packages: Array<{ name: string; version: string; verdict: string }>;
}

describe.each(['npm', 'pnpm', 'yarn-berry', 'bun'] as const)('quarantine install with the %s age setting', (name) => {
  const pm: PackageManagerProject = PACKAGE_MANAGER_PROJECTS[name];
  let world: CanaryWorld;
  let dir: string;
  let env: Record<string, string>;
  const watched = () => ['package.json', pm.lockfile, 'pnpm-workspace.yaml'];
  const install = (args: string[]) => runQuarantine(['install', '--now', NOW, ...pm.quarantineArgs(world.registry.url), ...args], dir, env);

  beforeAll(async () => {
    world = await startPackageWorld(() => PACKAGES, Date.parse(NOW));
    env = { ...world.env, ...pm.env };
    dir = writeProject(world, 'project', { 'package.json': MANIFEST, ...pm.files(world.registry.url, world.root) });
    expectSuccess(await runPackageManager(pm.binary, pm.setup, dir, env), `${name}: writing the lockfile`);
  }, TIMEOUT);

  afterAll(async () => {
    await world?.close();
  });

  it('`install postlike` resolves the newest version old enough, and names the blocked versions it keeps', async () => {
    const before = readBytes(dir, watched());
    const result = await install(['--dry-run', '--json', 'postlike']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.packages.filter((pkg) => pkg.name === 'postlike')).toEqual([expect.objectContaining({ version: '8.5.0', verdict: 'allow' })]);
    expect(result.stderr).toMatch(/2 blocked versions were already in the lockfile and this install keeps them: direct-lib@2\.1\.0, young-lib@1\.2\.0\b/);
    expect(readBytes(dir, watched())).toEqual(before);
  }, TIMEOUT);

  it('`install young-lib@1.2.0` is refused although the lockfile already holds it deeper in the tree', async () => {
    const before = readBytes(dir, watched());
    const result = await install(['young-lib@1.2.0']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(/^BLOCK\s+young-lib@1\.2\.0\b.*release-age/m);
    expect(result.stdout).toMatch(/1 blocked version was already in the lockfile and this install keeps it: direct-lib@2\.1\.0\./);
    expect(result.stdout).not.toMatch(/\b0 packages\b/);
    expect(readBytes(dir, watched())).toEqual(before);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).not.toContain('young-lib');
  }, TIMEOUT);

  it('`install fresh-only`: nothing old enough, so it resolves without the setting and the gate says why', async () => {
    const before = readBytes(dir, watched());
    const result = await install(['fresh-only']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1, stderr: expect.stringContaining('resolving again without the age setting') });
    expect(result.stdout).toMatch(/^BLOCK\s+fresh-only@1\.0\.0 \(new\).*release-age/m);
    expect(readBytes(dir, watched())).toEqual(before);
  }, TIMEOUT);
});
