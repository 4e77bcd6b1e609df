/**
 * What the use cases share: their options, and the wiring of the adapters (policy file, npm
 * config, registry client) that every one of check, why and ls reads before the engine runs.
 */
import { dirname, resolve } from 'node:path';
import { describePolicySource, loadPolicy } from '../config/read-policy.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import type { ConfigFiles } from '../model/config-files.js';
import type { HistorySource } from '../model/history-source.js';
import type { Host } from '../model/host.js';
import type { Policy } from '../model/policy.js';
import type { LockfileSummary } from '../model/report.js';
import type { Instant, Lockfile } from '../model/types.js';
import { createRegistryClient, defaultCacheDir } from '../registry/client.js';
import { readNpmConfig } from '../registry/npm-config.js';

export interface RunOptions {
  /** Project directory (where the lockfile and project .npmrc are). */
  dir: string;
  lockfile?: string | undefined;
  /** Several lockfiles, possibly in different directories (the Action in a monorepo); wins over `lockfile`. */
  lockfiles?: readonly string[] | undefined;
  /** Check only what changed since this base (see engine/lockfile-diff.ts). */
  base?: BaseLockfiles | undefined;
  /** Overrides the default registry (not @scope mappings). */
  registry?: string | undefined;
  policy?: string | undefined;
  now: Instant;
  cacheDir?: string | undefined;
  concurrency?: number | undefined;
  /** Revalidate every cached registry fact, however fresh (--prefer-online). */
  preferOnline?: boolean | undefined;
  /** The world the run reads: environment, home directory, platform, wall clock (HTTP freshness). */
  host: Host;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Where the trust inputs are read from (default: the disk). The Action on a pull request
   * reads the registry configuration, and unless it opts in the policy, at the base commit.
   */
  trustedFiles?: { policy?: ConfigFiles | undefined; registry?: ConfigFiles | undefined } | undefined;
  /** Replaces the registry client (tests, offline snapshots). */
  source?: HistorySource | undefined;
}

export interface Inputs {
  policy: Policy;
  policySource: string;
  source: HistorySource;
}

/** The folder of the first Yarn Berry lockfile, whose `.yarnrc.yml` names Yarn's registries. */
function yarnProjectDirOf(lockfiles: readonly Lockfile[]): string | undefined {
  const berry = lockfiles.find((lockfile) => lockfile.packageManager === 'yarn-berry');
  // Lockfile paths are as read: relative to the working directory, like every file reader's.
  return berry === undefined ? undefined : dirname(resolve(berry.path));
}

export async function loadInputs(options: RunOptions, projectDir: string, lockfiles: readonly Lockfile[]): Promise<Inputs> {
  const loaded = await loadPolicy({ dir: projectDir, policy: options.policy, files: options.trustedFiles?.policy });
  const policy = loaded.policy;
  const policySource = describePolicySource(loaded);
  if (options.source) return { policy, policySource, source: options.source };
  const { host } = options;
  const config = await readNpmConfig({
    projectDir,
    yarnProjectDir: yarnProjectDirOf(lockfiles),
    env: host.env,
    homeDir: host.homeDir,
    execPath: host.execPath,
    platform: host.platform,
    files: options.trustedFiles?.registry,
  });
  const source = createRegistryClient({
    config,
    registry: options.registry,
    cacheDir: options.cacheDir ?? defaultCacheDir(host.env, host.platform, host.homeDir),
    clock: () => host.now(),
    userAgent: host.userAgent,
    env: host.env,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    preferOnline: options.preferOnline === true,
  });
  return { policy, policySource, source };
}

export function lockfileSummary(lockfile: Lockfile): LockfileSummary {
  return { path: lockfile.path, packageManager: lockfile.packageManager, formatVersion: lockfile.formatVersion };
}

export function projectDirOf(options: Pick<RunOptions, 'dir' | 'lockfile' | 'lockfiles'>): string {
  if (options.lockfiles && options.lockfiles.length > 0) return resolve(options.dir);
  return options.lockfile ? dirname(resolve(options.lockfile)) : resolve(options.dir);
}
