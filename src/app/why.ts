/** `why`: everything known about one package name, from the lockfiles (if any), the policy and the registry. */
import { explainPackage } from '../engine/why.js';
import { mergeLockfiles } from '../engine/merge-lockfiles.js';
import { registryHostBinder } from '../engine/registry-hosts.js';
import { readLockfiles } from '../lockfile/read-lockfile.js';
import { ERROR_CODES } from '../model/constants.js';
import { isQuarantineError } from '../model/errors.js';
import type { WhyReport } from '../model/report.js';
import type { Lockfile } from '../model/types.js';
import { loadInputs, lockfileSummary, projectDirOf, type RunOptions } from './inputs.js';

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
    // As check: tarball URLs on a registry host the configuration names are registry packages.
    locked: mergeLockfiles(lockfiles.map(registryHostBinder(source))).packages,
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
