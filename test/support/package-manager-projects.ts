/**
 * How to point each real package manager (devDependencies) at the local registry, with its
 * caches in the scratch root: the project files, the command that writes the first lockfile,
 * and the extra `quarantine` arguments (a registry named only in .yarnrc.yml or bunfig.toml).
 */
import { join } from 'node:path';
import { PACKAGE_MANAGER_BINARIES } from './install-world.js';

/**
 * A Yarn Berry project's `.yarnrc.yml` against a local registry: over http, its own cache
 * folder under `root`, a node_modules linker, no telemetry, then `extra` lines.
 */
export function yarnBerryRc(registry: string, root: string, extra: readonly string[]): string {
  return [
    `npmRegistryServer: "${registry.replace(/\/$/, '')}"`,
    'unsafeHttpWhitelist: ["127.0.0.1"]',
    'enableGlobalCache: false',
    `cacheFolder: "${join(root, 'yarn-berry-cache')}"`,
    'nodeLinker: node-modules',
    'enableTelemetry: false',
    ...extra,
    '',
  ].join('\n');
}

export interface PackageManagerProject {
  name: 'npm' | 'pnpm' | 'yarn-berry' | 'bun';
  binary: string;
  lockfile: string;
  files: (registry: string, root: string) => Record<string, string>;
  setup: string[];
  quarantineArgs: (registry: string) => string[];
  env: Record<string, string>;
}

export const PACKAGE_MANAGER_PROJECTS: Record<PackageManagerProject['name'], PackageManagerProject> = {
  npm: {
    name: 'npm',
    binary: 'npm',
    lockfile: 'package-lock.json',
    files: (registry) => ({ '.npmrc': `registry=${registry}\n` }),
    setup: ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
    quarantineArgs: () => [],
    env: {},
  },
  pnpm: {
    name: 'pnpm',
    binary: PACKAGE_MANAGER_BINARIES.pnpm,
    lockfile: 'pnpm-lock.yaml',
    files: (registry, root) => ({ '.npmrc': `registry=${registry}\nstore-dir=${join(root, 'pnpm-store')}\ncache-dir=${join(root, 'pnpm-cache')}\n` }),
    setup: ['install', '--lockfile-only', '--ignore-scripts'],
    quarantineArgs: () => [],
    env: {},
  },
  'yarn-berry': {
    name: 'yarn-berry',
    binary: PACKAGE_MANAGER_BINARIES.yarnBerry,
    lockfile: 'yarn.lock',
    files: (registry, root) => ({
      // Yarn 4.18 holds back versions younger than a day by default: the first lockfile takes the newest.
      '.yarnrc.yml': yarnBerryRc(registry, root, ['npmMinimalAgeGate: 0']),
    }),
    setup: ['install', '--mode=update-lockfile'],
    quarantineArgs: (registry) => ['--registry', registry],
    env: { QUARANTINE_YARN: PACKAGE_MANAGER_BINARIES.yarnBerry },
  },
  bun: {
    name: 'bun',
    binary: PACKAGE_MANAGER_BINARIES.bun,
    lockfile: 'bun.lock',
    files: (registry) => ({ 'bunfig.toml': `[install]\nregistry = "${registry}"\n` }),
    setup: ['install', '--lockfile-only', '--ignore-scripts'],
    quarantineArgs: (registry) => ['--registry', registry],
    env: {},
  },
};
