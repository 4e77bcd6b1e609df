/**
 * Wires the adapters (lockfile reader, policy file, npm config, registry client) into the
 * core and returns a report. Prints nothing and never exits: that is the CLI's job.
 */
import { dirname, resolve } from 'node:path';
import { describePolicySource, loadPolicy } from './config/read-policy.js';
import { checkLockfile } from './core/check-lockfile.js';
import { ERROR_CODES } from './core/constants.js';
import { isQuarantineError } from './core/errors.js';
import type { HistorySource } from './core/history-source.js';
import type { Policy } from './core/policy.js';
import type { CheckReport, LockfileSummary, WhyReport } from './core/report.js';
import type { Instant, Lockfile } from './core/types.js';
import { explainPackage } from './core/why.js';
import { mergeLockfiles } from './core/merge-lockfiles.js';
import { readLockfiles } from './lockfile/read-lockfile.js';
import { createRegistryClient, defaultCacheDir } from './registry/client.js';
import { readNpmConfig } from './registry/npm-config.js';

export interface RunOptions {
  /** Project directory (where the lockfile and project .npmrc are). */
  dir: string;
  lockfile?: string | undefined;
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
  /** Replaces the registry client (tests, offline snapshots). */
  source?: HistorySource | undefined;
}

interface Inputs {
  policy: Policy;
  policySource: string;
  source: HistorySource;
}

async function loadInputs(options: RunOptions, projectDir: string): Promise<Inputs> {
  const loaded = await loadPolicy({ dir: projectDir, policy: options.policy });
  const policy = loaded.policy;
  const policySource = describePolicySource(loaded);
  if (options.source) return { policy, policySource, source: options.source };
  const config = await readNpmConfig({ projectDir, env: options.env, homeDir: options.homeDir });
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

function projectDirOf(options: Pick<RunOptions, 'dir' | 'lockfile'>): string {
  return options.lockfile ? dirname(resolve(options.lockfile)) : resolve(options.dir);
}

/** The lockfiles `ls` and `check` see: the one given with --lockfile, or every one in dir. */
export async function runLs(options: Pick<RunOptions, 'dir' | 'lockfile'>): Promise<Lockfile[]> {
  return readLockfiles({ dir: options.dir, lockfile: options.lockfile });
}

export async function runCheck(options: RunOptions): Promise<CheckReport> {
  const lockfiles = await readLockfiles({ dir: options.dir, lockfile: options.lockfile });
  const { policy, policySource, source } = await loadInputs(options, projectDirOf(options));
  const merged = mergeLockfiles(lockfiles);
  const { packages, dataGaps, exceptions } = await checkLockfile(merged.packages, {
    source,
    policy,
    now: options.now,
    lockfilesOf: merged.lockfilesOf,
    packageManagersOf: merged.packageManagersOf,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    now: options.now,
    lockfiles: lockfiles.map(lockfileSummary),
    policySource,
    minReleaseAge: policy.rules['release-age'].minReleaseAge,
    packages,
    dataGaps,
    exceptions,
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
  const { policy, policySource, source } = await loadInputs(options, projectDirOf(options));
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
