/**
 * The root `preinstall` script as a real pre-install gate (issue 17): npm 12 and pnpm 12.6+
 * run it before they resolve or fetch anything, so `"preinstall": "quarantine check"` stops
 * an install of a blocked lockfile before any dependency code reaches the disk. Proven with the
 * real npm 12 and pnpm 12 (tools/package-managers) against a local registry whose canary
 * writes a marker from its install scripts. The canary's scripts are allowed (npm
 * `allowScripts`, pnpm `allowBuilds`), and the control shows they really run when the gate
 * passes, so a missing marker in a blocked run means the gate stopped them.
 *
 * The script runs this repository's build (`node dist/cli/main.js check`) instead of
 * `npx --yes release-quarantine@<version> check`, the form `quarantine init` writes: the tests
 * never download anything.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { canaryPackage, startInstallRegistry } from '../../scripts/lib/install-fixtures.mjs';
import { runCli } from '../support/cli.js';
import { createInstallProject, REPO_ROOT, tarballRequests, type InstallProject, type InstallResult } from '../support/install-project.js';
import { makeTempDir } from '../support/temp.js';
import { assertInstalled, NPM12, PNPM12, unavailable } from '../support/package-managers.js';

const NOW = '2026-12-01T12:00:00.000Z';
const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const TIMEOUT = 60_000;
const skip = unavailable();
const describeHere = skip === null ? describe : describe.skip;
if (skip !== null) process.stdout.write(`skipped: ${skip}\n`);

let registry: FixtureRegistry;
let marker: string;

beforeAll(async () => {
  if (skip !== null) return;
  assertInstalled();
  marker = join(makeTempDir('preinstall-marker'), 'marker.txt');
  registry = await startInstallRegistry({ now: Date.parse(NOW), packages: canaryPackage(marker) });
});

afterAll(async () => {
  await registry?.close();
});

beforeEach(() => {
  if (skip === null) rmSync(marker, { force: true });
});

const markerText = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

function gateScript(project: InstallProject): string {
  const cacheDir = join(project.scratch, 'quarantine-cache');
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check --now ${NOW} --cache-dir ${JSON.stringify(cacheDir)}`;
}

function newProject(extraFiles: Record<string, string>, manifest: (gate: string) => object): InstallProject {
  const project = createInstallProject({ '.npmrc': `registry=${registry.url}\n`, ...extraFiles });
  project.write('package.json', `${JSON.stringify(manifest(gateScript(project)), null, 2)}\n`);
  return project;
}

/** Nothing of the canary anywhere: no script ran, no tarball was fetched, nothing linked. */
function expectStoppedBeforeFetch(project: InstallProject, result: InstallResult): void {
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/BLOCK +canary@1\.1\.0 +release-age/);
  expect(markerText()).toBe('');
  expect(existsSync(join(project.dir, 'node_modules', 'canary'))).toBe(false);
  expect(tarballRequests(registry.requests, 'canary')).toEqual([]);
  expect(tarballRequests(registry.requests, 'canary-dep')).toEqual([]);
}

const SCRIPTS_RAN = (version: string) => `canary@${version} preinstall\ncanary@${version} postinstall\n`;

describeHere('npm 12: "preinstall": "quarantine check"', () => {
  const npm = (project: InstallProject, args: string[]) => project.run(NPM12.node, [NPM12.cli, ...args, '--no-audit', '--no-fund']);

  /** A project locking canary@version, its lockfile written without running any script. */
  async function lockedProject(version: string): Promise<InstallProject> {
    const project = newProject({}, (gate) => ({
      name: 'e2e-npm12',
      version: '1.0.0',
      private: true,
      dependencies: { canary: version },
      allowScripts: { canary: true },
      scripts: { preinstall: gate },
    }));
    const locked = await npm(project, ['install', '--package-lock-only', '--ignore-scripts']);
    expect({ code: locked.code, output: locked.output }).toMatchObject({ code: 0 });
    expect(project.read('package-lock.json')).toContain(`"version": "${version}"`);
    expect(markerText()).toBe('');
    registry.resetStats();
    return project;
  }

  it('runs this npm 12 under Node.js 22', async () => {
    const project = newProject({}, () => ({ name: 'e2e-npm12', version: '1.0.0' }));
    const result = await project.run(NPM12.node, [NPM12.cli, '--version']);
    expect(result.output.trim()).toMatch(/^12\./);
  });

  it('control: the gate passes a 60-day-old release, `npm ci` installs it and its install scripts run', async () => {
    const project = await lockedProject('1.0.0');
    const result = await npm(project, ['ci']);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(existsSync(join(project.dir, 'node_modules', 'canary', 'package.json'))).toBe(true);
    expect(markerText()).toBe(SCRIPTS_RAN('1.0.0'));
  }, TIMEOUT);

  it('`npm ci` of a lockfile locking a 1-day-old release: blocked before any tarball is fetched or script runs', async () => {
    const project = await lockedProject('1.1.0');
    expectStoppedBeforeFetch(project, await npm(project, ['ci']));
  }, TIMEOUT);

  it('a bare `npm install` with that lockfile: blocked the same way', async () => {
    const project = await lockedProject('1.1.0');
    expectStoppedBeforeFetch(project, await npm(project, ['install']));
  }, TIMEOUT);

  it('limit: `npm install <pkg>` does not run the root preinstall, so only `quarantine install <pkg>` gates it', async () => {
    const project = await lockedProject('1.0.0');
    const result = await npm(project, ['install', 'canary@1.1.0']);
    expect(result.code).toBe(0);
    expect(markerText()).toBe(SCRIPTS_RAN('1.1.0'));
  }, TIMEOUT);
});

describeHere('pnpm 12: "preinstall": "quarantine check"', () => {
  const pnpm = (project: InstallProject, args: string[]) =>
    project.run(PNPM12, [...args, `--config.store-dir=${join(project.scratch, 'store')}`, `--config.cache-dir=${join(project.scratch, 'cache')}`]);
  // pnpm's own age gate is off so that the block below is quarantine's; the canary may build.
  const WORKSPACE = 'minimumReleaseAge: 0\nallowBuilds:\n  canary: true\n';

  async function lockedProject(version: string): Promise<InstallProject> {
    const project = newProject({ 'pnpm-workspace.yaml': WORKSPACE }, (gate) => ({
      name: 'e2e-pnpm12',
      version: '1.0.0',
      private: true,
      dependencies: { canary: version },
      scripts: { preinstall: gate },
    }));
    const locked = await pnpm(project, ['install', '--lockfile-only', '--ignore-scripts']);
    expect({ code: locked.code, output: locked.output }).toMatchObject({ code: 0 });
    expect(project.read('pnpm-lock.yaml')).toContain(`canary@${version}`);
    expect(markerText()).toBe('');
    registry.resetStats();
    return project;
  }

  it('runs pnpm 12.6 or later (the first to run the root preinstall before resolution)', async () => {
    const project = newProject({}, () => ({ name: 'e2e-pnpm12', version: '1.0.0' }));
    const [major, minor] = (await project.run(PNPM12, ['--version'])).output.trim().split('.').map(Number);
    expect(major === 12 && (minor ?? 0) >= 6).toBe(true);
  });

  it('control: the gate passes a 60-day-old release, `pnpm install --frozen-lockfile` installs it and its scripts run', async () => {
    const project = await lockedProject('1.0.0');
    const result = await pnpm(project, ['install', '--frozen-lockfile']);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(existsSync(join(project.dir, 'node_modules', 'canary', 'package.json'))).toBe(true);
    expect(markerText()).toBe(SCRIPTS_RAN('1.0.0'));
  }, TIMEOUT);

  it('`pnpm install --frozen-lockfile` of a lockfile locking a 1-day-old release: blocked before any tarball is fetched', async () => {
    const project = await lockedProject('1.1.0');
    expectStoppedBeforeFetch(project, await pnpm(project, ['install', '--frozen-lockfile']));
    expect(existsSync(join(project.dir, 'node_modules', '.pnpm'))).toBe(false);
  }, TIMEOUT);

  it('a plain `pnpm install` with that lockfile: blocked the same way', async () => {
    const project = await lockedProject('1.1.0');
    expectStoppedBeforeFetch(project, await pnpm(project, ['install']));
  }, TIMEOUT);

  it('limit: `pnpm add <pkg>` does not run the root preinstall, so only `quarantine install <pkg>` gates it', async () => {
    const project = await lockedProject('1.0.0');
    const result = await pnpm(project, ['add', 'canary@1.1.0']);
    expect(result.code).toBe(0);
    expect(markerText()).toBe(SCRIPTS_RAN('1.1.0'));
  }, TIMEOUT);
});

describeHere('`quarantine init --write` writes settings npm 12 and a pinned pnpm 12 accept', () => {
  const init = (project: InstallProject) => runCli(['init', '--write', '--dir', project.dir], { cwd: project.dir, env: project.env });

  it('npm 12 with strict-npmrc (unknown keys are errors) reads min-release-age; the preinstall gate is written', async () => {
    const project = createInstallProject({ 'package-lock.json': '{}\n', '.npmrc': 'min-release-age=7\n', 'renovate.json': '{ "minimumReleaseAge": "1 day" }\n' });
    project.write('package.json', `${JSON.stringify({ name: 'e2e-init', version: '1.0.0', packageManager: 'npm@12.2.2' }, null, 2)}\n`);
    const before = await runCli(['init', '--dir', project.dir], { cwd: project.dir, env: project.env });
    expect(before.stdout).toMatch(/Renovate has a 1d window, shorter than npm's 7d/);
    const result = await init(project);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).not.toMatch(/shorter than/);
    const manifest = JSON.parse(project.read('package.json') ?? '{}') as { scripts?: Record<string, string> };
    expect(manifest.scripts?.['preinstall']).toMatch(/^npx --yes release-quarantine@\d+\.\d+\.\d+\S* check$/);
    const strict = { ...project.env, npm_config_strict_npmrc: 'true' };
    const config = await runIn(project, strict, NPM12.node, [NPM12.cli, 'config', 'get', 'min-release-age']);
    expect(config).toEqual({ code: 0, output: '7\n' });
    // The control: strict-npmrc really rejects a key npm 12 does not know.
    project.write('.npmrc', `${project.read('.npmrc') ?? ''}minimum-release-age=7\n`);
    const rejected = await runIn(project, strict, NPM12.node, [NPM12.cli, 'install', '--ignore-scripts']);
    expect(rejected.output).toContain('EUNKNOWNCONFIG');
  }, TIMEOUT);

  it('pnpm 12 pinned in packageManager (unknown workspace settings are errors) reads minimumReleaseAge', async () => {
    const project = createInstallProject({ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    project.write('package.json', `${JSON.stringify({ name: 'e2e-init', version: '1.0.0', packageManager: 'pnpm@12.23.0' }, null, 2)}\n`);
    expect((await init(project)).code).toBe(0);
    expect(project.read('pnpm-workspace.yaml')).toBe('minimumReleaseAge: 10080\n');
    const config = await project.run(PNPM12, ['config', 'get', 'minimumReleaseAge']);
    expect({ code: config.code, output: config.output.trim() }).toEqual({ code: 0, output: '10080' });
    // The control: the same pinned pnpm refuses a setting it does not know.
    project.write('pnpm-workspace.yaml', 'minimumReleaseAge: 10080\nmadeUpSetting: true\n');
    const rejected = await project.run(PNPM12, ['install', '--lockfile-only', `--config.store-dir=${join(project.scratch, 'store')}`]);
    expect(rejected.output).toContain('ERR_PNPM_UNRECOGNIZED_WORKSPACE_SETTINGS');
  }, TIMEOUT);
});

/** Runs a command in the project with another environment. */
function runIn(project: InstallProject, env: Record<string, string>, file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: project.dir, env }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }));
  });
}
