/**
 * `check`: wires the lockfiles, the policy and the registry into the engine and returns a
 * report. Prints nothing and never exits: that is the shells' job.
 */
import { DEFAULT_LOOKAHEAD, checkLockfile } from '../engine/check-lockfile.js';
import { changeSet, diffLockfile, type ChangeSet, type LockfileDiff } from '../engine/lockfile-diff.js';
import { mergeLockfiles, packageKey } from '../engine/merge-lockfiles.js';
import { registryHostBinder } from '../engine/registry-hosts.js';
import { isYarnBerryInput, parseLockfile } from '../lockfile/formats.js';
import { readLockfileInputs } from '../lockfile/read-lockfile.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import type { CheckReport } from '../model/report.js';
import type { LockedPackage, Lockfile } from '../model/types.js';
import { loadInputs, lockfileSummary, projectDirOf, type Inputs, type RunOptions } from './inputs.js';
import { mayReuse, prepareReuse } from './reuse.js';

/** Kept so callers that import them from here keep working; their home is app/inputs.ts. */
export { projectDirOf, type RunOptions };

/** Diffs every head lockfile (and every deleted one) against the base. */
async function changesSince(base: BaseLockfiles, lockfiles: readonly Lockfile[], bindHosts: (lockfile: Lockfile) => Lockfile): Promise<ChangeSet> {
  const readBase = async (path: string): Promise<Lockfile | null> => {
    const lockfile = await base.read(path);
    return lockfile === null ? null : bindHosts(lockfile);
  };
  const diffs: LockfileDiff[] = [];
  for (const head of lockfiles) diffs.push(diffLockfile(head.path, await readBase(head.path), head));
  for (const path of base.removed ?? []) diffs.push(diffLockfile(path, await readBase(path), null));
  return changeSet(diffs);
}

export async function runCheck(options: RunOptions): Promise<CheckReport> {
  // A change that deletes every lockfile leaves nothing to read, only removals to report.
  const onlyRemovals = options.lockfiles?.length === 0 && (options.base?.removed?.length ?? 0) > 0;
  if (onlyRemovals) return checkLockfiles([], options);
  const texts = await readLockfileInputs({ dir: options.dir, lockfile: options.lockfile, lockfiles: options.lockfiles });
  if (!mayReuse(options)) return checkLockfiles(texts.map(parseLockfile), options);
  // The policy and the registry configuration, read before any lockfile is parsed: with them
  // and the lockfiles' bytes, a stored verdict may answer at once (app/reuse.ts). Only whether
  // a lockfile is Yarn Berry's matters to the configuration (its .yarnrc.yml).
  const unparsed = texts.map((input) => ({ path: input.path, packageManager: isYarnBerryInput(input) ? 'yarn-berry' as const : 'npm' as const, formatVersion: '', packages: [] }));
  const inputs = await loadInputs(options, projectDirOf(options), unparsed);
  const reuse = prepareReuse(texts, inputs, options);
  if (reuse?.report) return reuse.report;
  const report = await checkLockfiles(texts.map(parseLockfile), options, inputs);
  reuse?.save(report);
  return report;
}

/**
 * `check` on lockfiles already parsed: the package-manager hooks pass what the package manager
 * holds in memory (pnpm's new resolution, the packages Bun is about to install). The project
 * directory (policy, .npmrc) is `projectDirOf(options)`.
 */
export async function checkLockfiles(read: readonly Lockfile[], options: RunOptions, loaded?: Inputs): Promise<CheckReport> {
  const { policy, policySource, source } = loaded ?? (await loadInputs(options, projectDirOf(options), read));
  // Tarball URLs on a registry host the configuration names are registry packages.
  const bindHosts = registryHostBinder(source);
  const lockfiles = read.map(bindHosts);
  const merged = mergeLockfiles(lockfiles);
  const changes = options.base ? await changesSince(options.base, lockfiles, bindHosts) : null;
  const toCheck = changes ? merged.packages.filter((pkg) => changes.changes.has(packageKey(pkg))) : merged.packages;
  const checked = await checkLockfile(toCheck, {
    source,
    policy,
    now: options.now,
    lockfilesOf: merged.lockfilesOf,
    packageManagersOf: merged.packageManagersOf,
    ...(changes ? { changeOf: (pkg: LockedPackage) => changes.changes.get(packageKey(pkg)) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    // Never fewer lookups at once than the requests the client may keep in flight.
    ...(options.concurrency !== undefined ? { lookahead: Math.max(DEFAULT_LOOKAHEAD, 2 * options.concurrency) } : {}),
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
