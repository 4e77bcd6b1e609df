/**
 * The Bun Security Scanner with the real Bun (devDependency, native binary) against a fixture
 * registry on 127.0.0.1. The project uses examples/bun's bunfig.toml unchanged
 * (`scanner = "release-quarantine/bun-scanner"`), and `node_modules/release-quarantine` is a
 * symlink to this repository, so Bun resolves the scanner through the package's `exports`
 * exactly as after `bun add -d release-quarantine`, and runs this repository's `dist/` build.
 * (Bun leaves that link alone on later installs.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { canaryPackage, startInstallRegistry } from '../../scripts/lib/install-fixtures.mjs';
import { createInstallProject, REPO_ROOT, snapshotFiles, tarballRequests, type InstallProject, type InstallResult } from '../support/install-project.js';

const BUN = join(REPO_ROOT, 'node_modules', 'bun', 'bin', 'bun.exe');
const BUNFIG = readFileSync(join(REPO_ROOT, 'examples', 'bun', 'bunfig.toml'), 'utf8');
const GUARDED = ['package.json', 'bun.lock'];

let registry: FixtureRegistry;
let project: InstallProject;

function writePackageJson(dependencies: Record<string, string>): void {
  project.write('package.json', `${JSON.stringify({ name: 'e2e-bun', version: '1.0.0', dependencies, trustedDependencies: ['canary'] }, null, 2)}\n`);
}

const bun = (args: string[]) => project.run(BUN, args);

function expectNoCanary(): void {
  expect(existsSync(project.marker)).toBe(false);
  const modules = join(project.dir, 'node_modules');
  expect(readdirSync(modules).filter((entry) => entry.startsWith('canary'))).toEqual([]);
  expect(existsSync(join(modules, '.bun'))).toBe(false);
  expect(tarballRequests(registry.requests, 'canary')).toEqual([]);
}

/** Refused with the explanation naming the version and rule; nothing of it anywhere; files byte-identical. */
function expectRefused(result: InstallResult, before: Record<string, string | null>, line: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.output).toContain('FATAL: canary');
  expect(result.output).toMatch(line);
  expectNoCanary();
  expect(snapshotFiles(project.dir, GUARDED)).toEqual(before);
}

beforeEach(async () => {
  expect(BUNFIG).toContain('scanner = "release-quarantine/bun-scanner"');
  project = createInstallProject({ 'bunfig.toml': BUNFIG });
  project.env['BUN_INSTALL_CACHE_DIR'] = join(project.scratch, 'bun-cache');
  registry = await startInstallRegistry({ packages: canaryPackage(project.marker) });
  project.write('.npmrc', `registry=${registry.url}\n`);
  writePackageJson({});
  mkdirSync(join(project.dir, 'node_modules'));
  symlinkSync(REPO_ROOT, join(project.dir, 'node_modules', 'release-quarantine'), 'dir');
});

afterEach(async () => {
  await registry.close();
  rmSync(project.scratch, { recursive: true, force: true });
});

describe('Bun security scanner (bunfig.toml)', () => {
  it('cancels `bun add` of a version inside the window: no download, no script, nothing installed, files unchanged', async () => {
    const before = snapshotFiles(project.dir, GUARDED);
    const result = await bun(['add', 'canary@1.1.0']);
    expectRefused(result, before, /BLOCK +canary@1\.1\.0 +release-age/);
  }, 120_000);

  it('cancels `bun install --frozen-lockfile` of a bun.lock pinning it', async () => {
    writePackageJson({ canary: '1.1.0' });
    // bun.lock is written while a reviewed exception lets canary@1.1.0 through; then it is gone.
    project.write('quarantine.json', JSON.stringify({ exceptions: [{ package: 'canary@1.1.0', reason: 'e2e setup', expires: '2099-12-31' }] }));
    const locked = await bun(['install', '--lockfile-only']);
    expect(locked.code).toBe(0);
    expect(project.read('bun.lock')).toContain('canary@1.1.0');
    rmSync(join(project.dir, 'quarantine.json'));
    registry.resetStats();

    const before = snapshotFiles(project.dir, GUARDED);
    const result = await bun(['install', '--frozen-lockfile']);
    expectRefused(result, before, /BLOCK +canary@1\.1\.0 +release-age/);
  }, 120_000);

  it('control: `bun add` of the old version installs and its scripts really run', async () => {
    const result = await bun(['add', 'canary@1.0.0']);
    expect(result.code).toBe(0);
    expect(existsSync(join(project.dir, 'node_modules', 'canary', 'package.json'))).toBe(true);
    expect(project.read('bun.lock')).toContain('canary@1.0.0');
    expect(readFileSync(project.marker, 'utf8')).toBe('canary@1.0.0 preinstall\ncanary@1.0.0 postinstall\n');
  }, 120_000);
});
