/**
 * The commands `quarantine install` runs, per package manager. Pure: given the detected
 * manager, the lockfiles present and the user's packages and arguments, returns what to
 * snapshot, what resolves without running anything, and what installs.
 *
 * Resolve-only (no dependency code is executed, nothing is linked into node_modules):
 * - npm   `install --package-lock-only --ignore-scripts --no-audit --no-fund [pkgs]`: manifests only.
 * - pnpm  `install|add [pkgs] --lockfile-only --ignore-scripts`: manifests only.
 * - Yarn Berry `install|add [pkgs] --mode=update-lockfile`: skips the link step (so no build
 *   script runs); it does fetch missing tarballs into the cache to record their checksums.
 * - Yarn classic has no lockfile-only mode: `install|add [pkgs] --ignore-scripts
 *   --modules-folder <scratch>` extracts into a scratch folder outside the project (deleted
 *   afterwards) with every script disabled.
 * - Bun `install|add [pkgs] --lockfile-only --ignore-scripts`: manifests only.
 *
 * The real install then installs exactly the gated lockfile: `npm install [args]`, and
 * `--frozen-lockfile` / `--immutable` for the others, so nothing resolved after the gate can
 * slip in. With packages, package.json was already edited by the resolving `add`, so for
 * pnpm, Yarn and Bun the user's arguments go to that `add` only (their `install` flags mean
 * other things: `pnpm install -D` installs only devDependencies).
 */
import type { PackageManager } from '../../model/types.js';
import type { DetectedPackageManager, PackageManagerName } from './detect.js';

/** The package manager with Yarn's flavor known: what decides the commands and the files to guard. */
export type InstallFlavor = PackageManager;

export interface InstallRequest {
  /** The manager; yarn's flavor must be known by now. */
  manager: DetectedPackageManager & { yarnFlavor?: 'classic' | 'berry' | 'unknown' };
  /** Lockfile names present before the resolution. */
  lockfiles: readonly string[];
  /** `quarantine install <pkg>...`: add semantics. */
  packages: readonly string[];
  /** Everything after `--`. */
  args: readonly string[];
  /** Yarn classic only: a folder outside the project for the resolving install. */
  scratchModulesFolder: string;
}

export interface InstallPlan {
  flavor: InstallFlavor;
  binary: PackageManagerName;
  /** Project files (relative) the resolve step may write: snapshotted, restored on a block. */
  projectFiles: string[];
  /** The lockfile the gate reads after resolving (relative). */
  lockfile: string;
  resolve: string[];
  install: string[];
}

export function flavorOf(manager: InstallRequest['manager']): InstallFlavor {
  if (manager.name !== 'yarn') return manager.name;
  return manager.yarnFlavor === 'classic' ? 'yarn-classic' : 'yarn-berry';
}

const PROJECT_FILES: Record<InstallFlavor, string[]> = {
  npm: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json'],
  pnpm: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'],
  'yarn-classic': ['package.json', 'yarn.lock'],
  'yarn-berry': ['package.json', 'yarn.lock', '.yarn/install-state.gz', '.pnp.cjs', '.pnp.loader.mjs'],
  bun: ['package.json', 'bun.lock', 'bun.lockb'],
};

function lockfileOf(flavor: InstallFlavor, present: readonly string[]): string {
  switch (flavor) {
    case 'npm':
      return present.includes('npm-shrinkwrap.json') ? 'npm-shrinkwrap.json' : 'package-lock.json';
    case 'pnpm':
      return 'pnpm-lock.yaml';
    case 'bun':
      return 'bun.lock';
    default:
      return 'yarn.lock';
  }
}

/** `add <pkgs> <flags>` with packages, `install <flags>` without. */
function verb(request: InstallRequest, addVerb: string, flags: readonly string[]): string[] {
  const { packages, args } = request;
  return packages.length > 0 ? [addVerb, ...packages, ...flags, ...args] : ['install', ...flags, ...args];
}

function resolveCommand(flavor: InstallFlavor, request: InstallRequest): string[] {
  switch (flavor) {
    case 'npm':
      return ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', ...request.packages, ...request.args];
    case 'pnpm':
      return verb(request, 'add', ['--lockfile-only', '--ignore-scripts']);
    case 'yarn-berry':
      return verb(request, 'add', ['--mode=update-lockfile']);
    case 'yarn-classic':
      return verb(request, 'add', ['--ignore-scripts', '--modules-folder', request.scratchModulesFolder, '--non-interactive']);
    case 'bun':
      return verb(request, 'add', ['--lockfile-only', '--ignore-scripts']);
  }
}

function installCommand(flavor: InstallFlavor, request: InstallRequest): string[] {
  const args = request.packages.length > 0 && flavor !== 'npm' ? [] : request.args;
  switch (flavor) {
    case 'npm':
      return ['install', ...args];
    case 'yarn-berry':
      return ['install', '--immutable', ...args];
    default:
      return ['install', '--frozen-lockfile', ...args];
  }
}

export function planInstall(request: InstallRequest): InstallPlan {
  const flavor = flavorOf(request.manager);
  return {
    flavor,
    binary: request.manager.name,
    projectFiles: PROJECT_FILES[flavor],
    lockfile: lockfileOf(flavor, request.lockfiles),
    resolve: resolveCommand(flavor, request),
    install: installCommand(flavor, request),
  };
}

/** `pnpm add canary --lockfile-only`, for messages. */
export function describeCommand(binary: string, args: readonly string[]): string {
  return [binary, ...args].map((part) => (/^[\w@./:=^~<>-]+$/.test(part) ? part : JSON.stringify(part))).join(' ');
}
