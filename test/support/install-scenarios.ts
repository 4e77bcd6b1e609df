/**
 * The three end-to-end scenarios every package manager must pass under `quarantine install`
 * (issue 6, "Proof"), against a local registry whose canary leaves a marker when any of its
 * install scripts runs:
 * 1. `quarantine install canary@1.1.0` (1 day old): refused, no script ran, nothing of the
 *    canary in node_modules, package.json and the lockfile byte-for-byte unchanged;
 * 3. package.json edited to want `canary@^1.1.0`, then `quarantine install`: refused, restored;
 * 2. `quarantine install canary@1.0.0` (60 days old): installed, and its scripts really ran
 *    (the control that shows the refusals above prevented something real).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectSuccess,
  markerText,
  readBytes,
  runPackageManager,
  runQuarantine,
  startCanaryWorld,
  writeProject,
  type CanaryWorld,
} from './install-world.js';

export interface InstallHookCase {
  /** Test title. */
  title: string;
  /** The package manager to set the project up with (binary or JS entry point). */
  binary: string;
  /** Project files besides package.json, given the registry URL and a scratch root for caches. */
  files: (registryUrl: string, root: string) => Record<string, string>;
  /** Extra package.json fields (e.g. allowing the canary's scripts, for the control). */
  manifest?: Record<string, unknown>;
  /** The command that writes the initial lockfile. */
  setup: string[];
  lockfile: string;
  /** Extra `quarantine install` arguments (e.g. --registry when the manager's config is not .npmrc). */
  quarantineArgs?: (registryUrl: string) => string[];
  env?: Record<string, string>;
  /**
   * The resolving step downloads the refused version's tarball (to the package manager's
   * cache, never executed): Yarn Berry records checksums, Yarn classic has no lockfile-only
   * mode. npm, pnpm and Bun resolve from registry documents alone.
   */
  resolveFetchesTarballs?: boolean;
}

const TIMEOUT = 120_000;

export function describeInstallHook(hook: InstallHookCase): void {
  describe(hook.title, () => {
    let world: CanaryWorld;
    let dir: string;
    let env: Record<string, string>;
    const watched = () => ['package.json', hook.lockfile];
    const quarantine = (args: string[]) => runQuarantine(['install', ...args, ...(hook.quarantineArgs?.(world.registry.url) ?? [])], dir, env);
    const canaryInstalled = () => existsSync(join(dir, 'node_modules', 'canary'));

    beforeAll(async () => {
      world = await startCanaryWorld();
      env = { ...world.env, ...hook.env };
      const manifest = { name: 'e2e-project', version: '1.0.0', private: true, dependencies: { 'canary-dep': '1.0.0' }, ...hook.manifest };
      dir = writeProject(world, 'project', { 'package.json': manifest, ...hook.files(world.registry.url, world.root) });
      expectSuccess(await runPackageManager(hook.binary, hook.setup, dir, env), `${hook.title}: initial install`);
      expect(existsSync(join(dir, hook.lockfile))).toBe(true);
    }, TIMEOUT);

    afterAll(async () => {
      await world?.close();
    });

    it('refuses `quarantine install canary@1.1.0`: no script ran, nothing installed, files unchanged', async () => {
      const before = readBytes(dir, watched());
      world.registry.resetStats();
      const result = await quarantine(['canary@1.1.0']);
      const tarballs = world.registry.requests.filter((request) => request.path.endsWith('canary-1.1.0.tgz'));
      expect(tarballs.length > 0).toBe(hook.resolveFetchesTarballs === true);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
      expect(result.stdout).toMatch(/BLOCK\s+canary@1\.1\.0\b.*release-age/);
      expect(markerText(world)).toBe('');
      expect(canaryInstalled()).toBe(false);
      expect(readBytes(dir, watched())).toEqual(before);
    }, TIMEOUT);

    it('refuses `quarantine install` after package.json was edited to want canary@^1.1.0, and restores it', async () => {
      const original = readFileSync(join(dir, 'package.json'));
      const manifest = JSON.parse(original.toString('utf8')) as { dependencies: Record<string, string> };
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, canary: '^1.1.0' } }, null, 2)}\n`);
      const before = readBytes(dir, watched());
      const result = await quarantine([]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
      expect(result.stdout).toMatch(/BLOCK\s+canary@1\.1\.0\b.*release-age/);
      expect(markerText(world)).toBe('');
      expect(canaryInstalled()).toBe(false);
      expect(readBytes(dir, watched())).toEqual(before);
      writeFileSync(join(dir, 'package.json'), original);
    }, TIMEOUT);

    it('installs `quarantine install canary@1.0.0` for real: the canary lands and its scripts run', async () => {
      const result = await quarantine(['canary@1.0.0']);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(canaryInstalled()).toBe(true);
      expect(markerText(world)).toContain('canary@1.0.0 postinstall');
      expect(readFileSync(join(dir, hook.lockfile), 'utf8')).toMatch(/canary@?[\s\S]*1\.0\.0/);
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ dependencies: { canary: expect.stringContaining('1.0.0') } });
    }, TIMEOUT);
  });
}
