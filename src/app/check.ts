/**
 * Wires the adapters (lockfile reader, policy file, npm config, registry client) into the
 * core and returns a report. Prints nothing and never exits: that is the CLI's job.
 */
import { dirname, resolve } from 'node:path';
import { describePolicySource, loadPolicy } from '../config/read-policy.js';
import { checkLockfile } from '../engine/check-lockfile.js';
import type { ConfigFiles } from '../model/config-files.js';
import { ERROR_CODES } from '../model/constants.js';
import { isQuarantineError } from '../model/errors.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import type { HistorySource } from '../model/history-source.js';
import type { Policy } from '../model/policy.js';
import type { CheckReport, LockfileSummary, WhyReport } from '../model/report.js';
import type { Instant, LockedPackage, Lockfile } from '../model/types.js';
import { explainPackage } from '../engine/why.js';
import { changeSet, diffLockfile, type ChangeSet, type LockfileDiff } from '../engine/lockfile-diff.js';
import { mergeLockfiles, packageKey } from '../engine/merge-lockfiles.js';
import { readLockfiles } from '../lockfile/read-lockfile.js';
import { createRegistryClient, defaultCacheDir } from '../registry/client.js';
import { readNpmConfig } from '../registry/npm-config.js';

export interface RunOptions {
  /** Project directory (where the lockfile and project .npmrc are). */
  dir: string;
  lockfile?: string | undefined;
  /** Several lockfiles, possibly in different directories (the Action in a monorepo); wins over `lockfile`. */
  lockfiles?: readonly string[] | undefined;
  /** Check only what changed since this base (see core/lockfile-diff.ts). */
  base?: BaseLockfiles | undefined;
  /** Overrides the default registry (not @scope mappings). */
  registry?: string | undefined;
  policy?: string | undefined;
  now: Instant;
  cacheDir?: string | undefined;
  concurrency?: number | undefined;
  /** Revalidate every cached registry fact, however fresh (--prefer-online). */
  preferOnline?: boolean | undefined;
  env: Record<string, string | undefined>;
  homeDir: string;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Where the trust inputs are read from (default: the disk). The Action on a pull request
   * reads the registry configuration, and unless it opts in the policy, at the base commit.
   */
  trustedFiles?: { policy?: ConfigFiles | undefined; registry?: ConfigFiles | undefined } | undefined;
  /** Replaces the registry client (tests, offline snapshots). */
  source?: HistorySource | undefined;
}

interface Inputs {
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

async function loadInputs(options: RunOptions, projectDir: string, lockfiles: readonly Lockfile[]): Promise<Inputs> {
  const loaded = await loadPolicy({ dir: projectDir, policy: options.policy, files: options.trustedFiles?.policy });
  const policy = loaded.policy;
  const policySource = describePolicySource(loaded);
  if (options.source) return { policy, policySource, source: options.source };
  const config = await readNpmConfig({
    projectDir,
    yarnProjectDir: yarnProjectDirOf(lockfiles),
    env: options.env,
    homeDir: options.homeDir,
    files: options.trustedFiles?.registry,
  });
  const source = createRegistryClient({
    config,
    registry: options.registry,
    cacheDir: options.cacheDir ?? defaultCacheDir(options.env, process.platform, options.homeDir),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    preferOnline: options.preferOnline === true,
  });
  return { policy, policySource, source };
}

function lockfileSummary(lockfile: Lockfile): LockfileSummary {
  return { path: lockfile.path, packageManager: lockfile.packageManager, formatVersion: lockfile.formatVersion };
}

export function projectDirOf(options: Pick<RunOptions, 'dir' | 'lockfile' | 'lockfiles'>): string {
  if (options.lockfiles && options.lockfiles.length > 0) return resolve(options.dir);
  return options.lockfile ? dirname(resolve(options.lockfile)) : resolve(options.dir);
}

/** Diffs every head lockfile (and every deleted one) against the base. */
async function changesSince(base: BaseLockfiles, lockfiles: readonly Lockfile[]): Promise<ChangeSet> {
  const diffs: LockfileDiff[] = [];
  for (const head of lockfiles) diffs.push(diffLockfile(head.path, await base.read(head.path), head));
  for (const path of base.removed ?? []) diffs.push(diffLockfile(path, await base.read(path), null));
  return changeSet(diffs);
}

/** The lockfiles `ls` and `check` see: the one given with --lockfile, or every one in dir. */
export async function runLs(options: Pick<RunOptions, 'dir' | 'lockfile' | 'lockfiles'>): Promise<Lockfile[]> {
  return readLockfiles({ dir: options.dir, lockfile: options.lockfile, lockfiles: options.lockfiles });
}

export async function runCheck(options: RunOptions): Promise<CheckReport> {
  // A change that deletes every lockfile leaves nothing to read, only removals to report.
  const onlyRemovals = options.lockfiles?.length === 0 && (options.base?.removed?.length ?? 0) > 0;
  const lockfiles = onlyRemovals ? [] : await readLockfiles({ dir: options.dir, lockfile: options.lockfile, lockfiles: options.lockfiles });
  return checkLockfiles(lockfiles, options);
}

/**
 * `check` on lockfiles already parsed: the package-manager hooks pass what the package manager
 * holds in memory (pnpm's new resolution, the packages Bun is about to install). The project
 * directory (policy, .npmrc) is `projectDirOf(options)`.
 */
export async function checkLockfiles(lockfiles: readonly Lockfile[], options: RunOptions): Promise<CheckReport> {
  const { policy, policySource, source } = await loadInputs(options, projectDirOf(options), lockfiles);
  const merged = mergeLockfiles(lockfiles);
  const changes = options.base ? await changesSince(options.base, lockfiles) : null;
  const toCheck = changes ? merged.packages.filter((pkg) => changes.changes.has(packageKey(pkg))) : merged.packages;
  const checked = await checkLockfile(toCheck, {
    source,
    policy,
    now: options.now,
    lockfilesOf: merged.lockfilesOf,
    packageManagersOf: merged.packageManagersOf,
    ...(changes ? { changeOf: (pkg: LockedPackage) => changes.changes.get(packageKey(pkg)) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const report: CheckReport = {
    now: options.now,
    lockfiles: lockfiles.map(lockfileSummary),
    policySource,
    minReleaseAge: policy.rules['release-age'].minReleaseAge,
    packages: checked.packages,
    dataGaps: checked.dataGaps,
    exceptions: checked.exceptions,
  };
  if (!changes || !options.base) return report;
  return {
    ...report,
    // Only part of the tree was evaluated: "matches nothing" would be a false alarm.
    exceptions: checked.exceptions.filter((status) => status.matched.length > 0),
    base: { label: options.base.label, lockfiles: changes.lockfiles },
  };
}

/** Reads the lockfiles when there are any; `why` also works for a project without one. */
async function readLockfilesIfAny(options: RunOptions): Promise<Lockfile[]> {
  try {
    return await readLockfiles({ dir: options.dir, lockfile: options.lockfile });
  } catch (error) {
    const noLockfileHere = !options.lockfile && isQuarantineError(error) && error.code === ERROR_CODES.lockfileNotFound;
    if (noLockfileHere) return [];
    throw error;
  }
}

export async function runWhy(options: RunOptions & { name: string; version?: string | undefined }): Promise<WhyReport> {
  const lockfiles = await readLockfilesIfAny(options);
  const { policy, policySource, source } = await loadInputs(options, projectDirOf(options), lockfiles);
  const explained = await explainPackage({
    name: options.name,
    ...(options.version ? { version: options.version } : {}),
    locked: mergeLockfiles(lockfiles).packages,
    packageManagers: [...new Set(lockfiles.map((lockfile) => lockfile.packageManager))],
    source,
    policy,
    now: options.now,
  });
  return {
    ...explained,
    now: options.now,
    lockfiles: lockfiles.map(lockfileSummary),
    policySource,
    minReleaseAge: policy.rules['release-age'].minReleaseAge,
  };
}
