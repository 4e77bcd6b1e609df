/**
 * The pnpm hook with the real pnpm (devDependency) against a fixture registry on 127.0.0.1.
 * The project's `.pnpmfile.cjs` is examples/pnpm's, with `require('release-quarantine/pnpm')`
 * pointed at the absolute path of this repository's `hooks/pnpm.cjs` (what the export maps
 * to; a hand-made `node_modules/release-quarantine` link would be pruned by pnpm's first
 * install), which imports this repository's `dist/` build.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { canaryPackage, startInstallRegistry } from '../../scripts/lib/install-fixtures.mjs';
import { createInstallProject, REPO_ROOT, snapshotFiles, tarballRequests, type InstallProject, type InstallResult } from '../support/install-project.js';

const PNPM = join(REPO_ROOT, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const SHIM = join(REPO_ROOT, 'hooks', 'pnpm.cjs');
const EXAMPLE_PNPMFILE = readFileSync(join(REPO_ROOT, 'examples', 'pnpm', '.pnpmfile.cjs'), 'utf8');
const PNPMFILE = EXAMPLE_PNPMFILE.replace(`require('release-quarantine/pnpm')`, `require(${JSON.stringify(SHIM)})`);
const GUARDED = ['package.json', 'pnpm-lock.yaml'];

let registry: FixtureRegistry;
let project: InstallProject;

function writePackageJson(dependencies: Record<string, string>): void {
  project.write('package.json', `${JSON.stringify({ name: 'e2e-pnpm', version: '1.0.0', dependencies, pnpm: { onlyBuiltDependencies: ['canary'] } }, null, 2)}\n`);
}

const pnpm = (args: string[]) =>
  project.run(PNPM, [...args, `--config.store-dir=${join(project.scratch, 'store')}`, `--config.cache-dir=${join(project.scratch, 'cache')}`, '--config.update-notifier=false']);

/** Every way canary could have landed in the project: hoisted, in the virtual store, or its scripts. */
function expectNoCanary(): void {
  expect(existsSync(project.marker)).toBe(false);
  expect(existsSync(join(project.dir, 'node_modules', 'canary'))).toBe(false);
  const virtualStore = join(project.dir, 'node_modules', '.pnpm');
  const entries = existsSync(virtualStore) ? readdirSync(virtualStore) : [];
  expect(entries.filter((entry) => entry.startsWith('canary@'))).toEqual([]);
}

/** Refused with the explanation naming the version and rule; nothing of it anywhere; files byte-identical. */
function expectRefused(result: InstallResult, before: Record<string, string | null>, line: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.output).toContain('ERR_PNPM_RELEASE_QUARANTINE_BLOCKED');
  expect(result.output).toMatch(line);
  expectNoCanary();
  expect(snapshotFiles(project.dir, GUARDED)).toEqual(before);
}

beforeEach(async () => {
  expect(PNPMFILE).not.toBe(EXAMPLE_PNPMFILE);
  project = createInstallProject({ '.pnpmfile.cjs': PNPMFILE });
  // The marker path is baked into the canary's scripts, so each test gets its own registry.
  registry = await startInstallRegistry({ packages: canaryPackage(project.marker) });
  project.write('.npmrc', `registry=${registry.url}\n`);
  writePackageJson({});
});

afterEach(async () => {
  await registry.close();
  rmSync(project.scratch, { recursive: true, force: true });
});

describe('pnpm hook (.pnpmfile.cjs)', () => {
  it('refuses `pnpm add` of a version inside the window in afterAllResolved: no script, nothing linked, files unchanged', async () => {
    const before = snapshotFiles(project.dir, GUARDED);
    const result = await pnpm(['add', 'canary@1.1.0']);
    expectRefused(result, before, /BLOCK +canary@1\.1\.0 \(new\) +release-age/);
    // pnpm downloads tarballs while it resolves, before afterAllResolved runs (documented in
    // docs/pnpm-and-bun-hooks.md): the canary reaches pnpm's store, never the project.
    process.stdout.write(`pnpm add, blocked in ${Math.round(result.ms)} ms; canary tarballs requested: ${JSON.stringify(tarballRequests(registry.requests, 'canary'))}\n`);
  }, 120_000);

  it('refuses `pnpm install --frozen-lockfile` of a lockfile pinning it, in preResolution, before any download', async () => {
    writePackageJson({ canary: '1.1.0' });
    // The lockfile is written while a reviewed exception lets canary@1.1.0 through; the
    // exception is then gone (as on a branch that never had it).
    project.write('quarantine.json', JSON.stringify({ exceptions: [{ package: 'canary@1.1.0', reason: 'e2e setup', expires: '2099-12-31' }] }));
    const locked = await pnpm(['install', '--lockfile-only']);
    expect(locked.code).toBe(0);
    expect(project.read('pnpm-lock.yaml')).toContain('canary@1.1.0');
    rmSync(join(project.dir, 'quarantine.json'));
    registry.resetStats();

    const before = snapshotFiles(project.dir, GUARDED);
    const result = await pnpm(['install', '--frozen-lockfile']);
    expectRefused(result, before, /BLOCK +canary@1\.1\.0 +release-age/);
    expect(tarballRequests(registry.requests, 'canary')).toEqual([]);
    expect(tarballRequests(registry.requests, 'canary-dep')).toEqual([]);
  }, 120_000);

  it('control: `pnpm add` of the old version installs and its scripts really run', async () => {
    const result = await pnpm(['add', 'canary@1.0.0']);
    expect(result.code).toBe(0);
    expect(existsSync(join(project.dir, 'node_modules', 'canary', 'package.json'))).toBe(true);
    expect(project.read('pnpm-lock.yaml')).toContain('canary@1.0.0');
    expect(readFileSync(project.marker, 'utf8')).toBe('canary@1.0.0 preinstall\ncanary@1.0.0 postinstall\n');
  }, 120_000);
});
