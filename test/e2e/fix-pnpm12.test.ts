/**
 * `quarantine fix` with the real pnpm 12 (tools/package-managers) on a lockfile of two YAML
 * documents: the project has a config dependency, so pnpm writes its env lockfile first. Against
 * a local registry, judged at a fixed --now; the project was locked without any age gate:
 * - direct-lib@2.1.0 (direct, 2 days old; 2.0.0 is 30 days old) and young-lib@1.2.0 (under
 *   parent, 1 day old; 1.1.0 is 20 days old): `fix` moves both to the older version in range;
 * - steady@1.0.0: an old-enough 1.1.0 appears after locking; only the blocked entries are
 *   resolved again, so steady stays where it is;
 * - cfg-lib@1.1.0, the config dependency, is a day old: the gate blocks it like any package, and
 *   `fix` never moves it (pnpm installs exactly what pnpm-workspace.yaml pins): it is listed as
 *   PIN and stays blocked (exit 1). pnpm applies its age setting to config dependencies when it
 *   installs them (node_modules is gone, as in a fresh clone), so `fix` excludes it at exactly
 *   its locked version; the env lockfile comes out byte for byte. With an exception for it,
 *   `quarantine install` passes the same exclusion to its resolving step.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildInstallRegistry, type InstallPackageSpec } from '../../scripts/lib/install-fixtures.mjs';
import { REPO_ROOT } from '../support/cli.js';
import { expectSuccess, readBytes, runPackageManager, runQuarantine, startPackageWorld, writeProject, type CanaryWorld } from '../support/install-world.js';
import { assertInstalled, PNPM12, unavailable } from '../support/package-managers.js';

const NOW = '2026-06-01T00:00:00.000Z';
const TIMEOUT = 60_000;
const skip = unavailable();
const describeHere = skip === null ? describe : describe.skip;
if (skip !== null) process.stdout.write(`skipped: ${skip}\n`);

const v = (version: string, ageDays: number, extra: object = {}) => ({ version, ageDays, ...extra });
const PACKAGES: InstallPackageSpec[] = [
  { name: 'parent', versions: [v('1.0.0', 90, { dependencies: { 'young-lib': '^1.0.0' } })] },
  { name: 'young-lib', versions: [v('1.0.0', 60), v('1.1.0', 20), v('1.2.0', 1)] },
  { name: 'direct-lib', versions: [v('2.0.0', 30), v('2.1.0', 2)] },
  { name: 'steady', versions: [v('1.0.0', 100)] },
  { name: 'cfg-lib', versions: [v('1.0.0', 100), v('1.1.0', 1)] },
];
const STEADY_LATER: InstallPackageSpec = { name: 'steady', versions: [v('1.0.0', 100), v('1.1.0', 50)] };
const MANIFEST = { name: 'fix-pnpm12', version: '1.0.0', private: true, dependencies: { parent: '^1.0.0', 'direct-lib': '^2.0.0', steady: '^1.0.0' } };
const WORKSPACE = '# shared settings come from a config dependency\nconfigDependencies:\n  cfg-lib: 1.1.0\n';
const WATCHED = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];

/** The env lockfile: everything before the second document's `---`. */
const envDocument = (text: string) => text.slice(0, text.indexOf('\n---\n') + 1);

describeHere('quarantine fix with pnpm 12 and a config dependency (two-document lockfile)', () => {
  let world: CanaryWorld;
  let dir: string;
  let env: Record<string, string>;
  const lockfile = () => readFileSync(join(dir, 'pnpm-lock.yaml'), 'utf8');
  // The gate's cache is named, so that one run can give pnpm a cache of its own (XDG_CACHE_HOME).
  const gate = () => ['--now', NOW, '--cache-dir', join(world.root, 'quarantine-cache')];
  const fix = (extraEnv: Record<string, string> = {}) => runQuarantine(['fix', ...gate()], dir, { ...env, ...extraEnv });
  /** Replaces these packages' documents and tarballs on the registry. */
  const serve = (packages: InstallPackageSpec[]) => {
    const built = buildInstallRegistry({ registryUrl: world.registry.url, now: Date.parse(NOW), packages });
    for (const [name, document] of built.documents) world.registry.setDocument(name, document);
    for (const [path, bytes] of built.tarballs) world.registry.setTarball(path, bytes);
  };
  const pnpmAskedFor = (name: string) => world.registry.requestsFor(name).filter((request) => String(request.headers['user-agent'] ?? '').startsWith('pnpm/'));

  beforeAll(async () => {
    assertInstalled();
    world = await startPackageWorld(() => PACKAGES, Date.parse(NOW));
    env = { ...world.env, QUARANTINE_PNPM: PNPM12 };
    dir = writeProject(world, 'project', { 'package.json': MANIFEST, '.npmrc': `registry=${world.registry.url}\n`, 'pnpm-workspace.yaml': WORKSPACE });
    expectSuccess(await runPackageManager(PNPM12, ['install', '--lockfile-only', '--ignore-scripts'], dir, env), 'pnpm 12: writing the lockfile');
    expect(lockfile()).toMatch(/^---\nlockfileVersion: '9\.0'\n\nimporters:\n\n {2}\.:\n {4}configDependencies:\n {6}cfg-lib:/);
    expect(lockfile()).toMatch(/young-lib@1\.2\.0/);
    // A fresh clone: pnpm has to install the config dependency again during `fix`.
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    serve([STEADY_LATER]);
    // The gate's own reads come from its cache from here on (the registry allows 300 s), so the
    // routes below reach only pnpm.
    expect((await runQuarantine(['check', ...gate()], dir, env)).code).toBe(1);
  }, TIMEOUT);

  afterAll(async () => {
    await world?.close();
  });

  it('pnpm fails while resolving: every file is put back byte for byte', async () => {
    const before = readBytes(dir, WATCHED);
    // Only pnpm reads the registry now: every young-lib it is shown is too young, so it finds
    // no version. pnpm keeps what it read in its cache for later runs: this run gets its own.
    const allYoung = buildInstallRegistry({ registryUrl: world.registry.url, now: Date.parse(NOW), packages: [{ name: 'young-lib', versions: [v('1.0.0', 1), v('1.1.0', 1), v('1.2.0', 1)] }] });
    world.registry.setRoute('young-lib', { body: allYoung.documents.get('young-lib') ?? {} });
    try {
      const result = await fix({ XDG_CACHE_HOME: join(world.root, 'pnpm-cache-of-a-failing-run') });
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(/`pnpm install --lockfile-only .*` failed \(exit \d+\); the lockfile is restored/) });
      expect(result.stderr).toContain('young-lib');
    } finally {
      world.registry.setRoute('young-lib', null);
    }
    expect(readBytes(dir, WATCHED)).toEqual(before);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  }, TIMEOUT);

  it('Ctrl-C while pnpm resolves: every file is put back byte for byte', async () => {
    const before = readBytes(dir, WATCHED);
    world.registry.resetStats();
    world.registry.setRoute('young-lib', { delayMs: 30_000 });
    try {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'fix', ...gate()], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let running = true;
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, signal) => {
          running = false;
          resolve(signal);
        }),
      );
      // pnpm asks for young-lib only after `fix` edited the lockfile and the workspace settings.
      while (running && pnpmAskedFor('young-lib').length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      expect({ running, stderr }).toEqual({ running: true, stderr: expect.any(String) });
      expect(readBytes(dir, WATCHED)).not.toEqual(before);
      child.kill('SIGINT');
      expect(await exited).toBe('SIGINT');
    } finally {
      world.registry.setRoute('young-lib', null);
    }
    expect(readBytes(dir, WATCHED)).toEqual(before);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  }, TIMEOUT);

  it('moves the age-blocked entries, keeps the config dependency (still blocked: PIN) and every other entry', async () => {
    const before = lockfile();
    const untouched = readBytes(dir, ['package.json', 'pnpm-workspace.yaml']);
    const result = await fix();
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(/^ {2}direct-lib: 2\.1\.0 -> 2\.0\.0$/m);
    expect(result.stdout).toMatch(/^ {2}young-lib: 1\.2\.0 -> 1\.1\.0$/m);
    expect(result.stdout).toMatch(/^PIN +cfg-lib@1\.1\.0 .*a config dependency of pnpm-workspace\.yaml: `fix` does not move it .*pnpm add --config cfg-lib@1\.0\.0/m);
    expect(result.stdout).toContain('Still blocked: 1 package: cfg-lib@1.1.0.');

    const after = lockfile();
    expect(envDocument(after)).toBe(envDocument(before));
    expect(envDocument(after)).toContain('cfg-lib@1.1.0');
    const main = after.slice(envDocument(after).length);
    expect(main).toMatch(/\n {2}parent@1\.0\.0:\n {4}dependencies:\n {6}young-lib: 1\.1\.0\n/);
    expect(main).toMatch(/\n {6}steady:\n {8}specifier: \^1\.0\.0\n {8}version: 1\.0\.0\n/);
    expect(main).not.toMatch(/young-lib@1\.2\.0|direct-lib@2\.1\.0|steady@1\.1\.0/);
    expect(readBytes(dir, ['package.json', 'pnpm-workspace.yaml'])).toEqual(untouched);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);

    const check = await runQuarantine(['check', ...gate()], dir, env);
    expect({ code: check.code, stderr: check.stderr }).toMatchObject({ code: 1 });
    expect(check.stdout.split('\n').filter((line) => line.startsWith('BLOCK'))).toEqual([
      expect.stringMatching(/^BLOCK +cfg-lib@1\.1\.0 \(config dependency of pnpm-workspace\.yaml\) +release-age:/),
    ]);
  }, TIMEOUT);

  // Last: `install` leaves pnpm's node_modules/.pnpm-config behind, as pnpm itself does.
  it('`quarantine install --dry-run` keeps its age setting too: the young config dependency is let through at its locked version', async () => {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    // Reviewed: the gate lets it through; pnpm's own age setting must still be told to.
    const allow = await runQuarantine(['allow', 'cfg-lib@1.1.0', '--rule', 'release-age', '--reason', 'reviewed config dependency', '--expires', '2026-06-07', '--now', NOW], dir, env);
    expect({ code: allow.code, stderr: allow.stderr }).toMatchObject({ code: 0 });
    const before = readBytes(dir, WATCHED);
    const result = await runQuarantine(['install', '--dry-run', ...gate()], dir, env);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining('--dry-run: nothing installed') });
    expect(result.stderr).not.toContain('resolving again without the age setting');
    expect(result.stderr).not.toContain('ERR_PNPM_BAD_CONFIG_DEP');
    expect(readBytes(dir, WATCHED)).toEqual(before);
  }, TIMEOUT);

  it('the remedy `check` prints for the config dependency works: `pnpm add --config cfg-lib@1.0.0` pins it, and check passes', async () => {
    rmSync(join(dir, 'quarantine.json'), { force: true });
    const blocked = await runQuarantine(['check', ...gate()], dir, env);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('pnpm add --config cfg-lib@1.0.0');
    expectSuccess(await runPackageManager(PNPM12, ['add', '--config', 'cfg-lib@1.0.0'], dir, env), 'pnpm 12: pinning the config dependency');
    expect(readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8')).toMatch(/cfg-lib: 1\.0\.0/);
    expect(envDocument(lockfile())).toContain('cfg-lib@1.0.0');
    const check = await runQuarantine(['check', ...gate()], dir, env);
    expect({ code: check.code, stderr: check.stderr }).toMatchObject({ code: 0 });
  }, TIMEOUT);
});
