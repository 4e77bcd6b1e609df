/**
 * End-to-end support for `quarantine install`: a local registry serving the canary (see
 * scripts/lib/install-fixtures.mjs), a scratch project per test, an isolated HOME and caches
 * for every package manager, and the devDependency copies of the package managers.
 * Everything runs asynchronously: the registry lives in this process, so a synchronous child
 * process would deadlock it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { REPO_ROOT, runCli, type CliResult } from './cli.js';
import { makeTempDir } from './temp.js';

const MODULES = join(REPO_ROOT, 'node_modules');
export const PACKAGE_MANAGER_BINARIES = {
  npm: 'npm',
  pnpm: join(MODULES, 'pnpm', 'bin', 'pnpm.cjs'),
  yarnClassic: join(MODULES, 'yarn', 'bin', 'yarn.js'),
  yarnBerry: join(MODULES, '@yarnpkg', 'cli-dist', 'bin', 'yarn.js'),
  bun: join(MODULES, 'bun', 'bin', 'bun.exe'),
} as const;

export interface InstallFixtures {
  canaryPackage(markerPath: string): object[];
  startInstallRegistry(options: { now?: number; packages: object[] }): Promise<FixtureRegistry>;
}

export interface CanaryWorld {
  root: string;
  registry: FixtureRegistry;
  /** Written by the canary's install scripts, and only by them. */
  marker: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A registry serving canary 1.0.0 (60 days old) and 1.1.0 (1 day old), and an isolated environment. */
export async function startCanaryWorld(): Promise<CanaryWorld> {
  return startPackageWorld((fixtures, marker) => fixtures.canaryPackage(marker));
}

/**
 * A registry serving `packages` (see scripts/lib/install-fixtures.mjs; publish times relative
 * to `now`, default the clock) and an isolated environment for every package manager.
 */
export async function startPackageWorld(packages: (fixtures: InstallFixtures, marker: string) => object[], now?: number): Promise<CanaryWorld> {
  const fixtures = (await import(join(REPO_ROOT, 'scripts', 'lib', 'install-fixtures.mjs'))) as InstallFixtures;
  const root = makeTempDir('install');
  const marker = join(root, 'marker.txt');
  const registry = await fixtures.startInstallRegistry({ ...(now === undefined ? {} : { now }), packages: packages(fixtures, marker) });
  const home = join(root, 'home');
  mkdirSync(home);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_globalconfig: join(home, 'global-npmrc'),
    npm_config_cache: join(root, 'npm-cache'),
    npm_config_update_notifier: 'false',
    YARN_CACHE_FOLDER: join(root, 'yarn-classic-cache'),
    YARN_GLOBAL_FOLDER: join(root, 'yarn-berry-global'),
    YARN_ENABLE_TELEMETRY: '0',
    BUN_INSTALL_CACHE_DIR: join(root, 'bun-cache'),
    BUN_INSTALL: join(root, 'bun-home'),
    DO_NOT_TRACK: '1',
    QUARANTINE_PNPM: PACKAGE_MANAGER_BINARIES.pnpm,
    QUARANTINE_BUN: PACKAGE_MANAGER_BINARIES.bun,
  };
  return { root, registry, marker, env, close: () => registry.close() };
}

/** A project directory with these files (package.json as an object). */
export function writeProject(world: CanaryWorld, name: string, files: Record<string, string | object>): string {
  const dir = join(world.root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

export interface CommandResult extends CliResult {
  ms: number;
}

/** Runs a package manager (a binary, or a JS entry point with this Node.js). */
export function runPackageManager(binary: string, args: string[], cwd: string, env: Record<string, string>): Promise<CommandResult> {
  const js = /\.[cm]?js$/.test(binary);
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(js ? process.execPath : binary, js ? [binary, ...args] : args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export async function runQuarantine(args: string[], cwd: string, env: Record<string, string>): Promise<CommandResult> {
  const started = Date.now();
  const result = await runCli(args, { cwd, env });
  return { ...result, ms: Date.now() - started };
}

/** The bytes of the files that must not change, to compare after a refused install. */
export function readBytes(dir: string, files: readonly string[]): Record<string, string | null> {
  const bytes: Record<string, string | null> = {};
  for (const file of files) bytes[file] = existsSync(join(dir, file)) ? readFileSync(join(dir, file)).toString('base64') : null;
  return bytes;
}

export function markerText(world: CanaryWorld): string {
  return existsSync(world.marker) ? readFileSync(world.marker, 'utf8') : '';
}

/** Fails with the command's output, so a broken setup says why. */
export function expectSuccess(result: CommandResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
}
