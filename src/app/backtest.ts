/**
 * `backtest`: reads the project's lockfiles, fetches the history of every locked registry
 * package through the registry client the project really uses (its .npmrc, scopes and
 * credentials, the facts cache), and replays them (engine/backtest.ts). Returns data; prints
 * nothing. Every history stays in memory until the replay ends: cross-package signals judge
 * each release against the other packages as of the same instant.
 */
import { runBacktestReplay } from '../engine/backtest.js';
import { mergeLockfiles } from '../engine/merge-lockfiles.js';
import type { BacktestReport } from '../model/backtest.js';
import type { Instant, ReleaseHistory } from '../model/types.js';
import { readLockfiles } from '../lockfile/read-lockfile.js';
import { loadInputs, lockfileSummary, projectDirOf, type RunOptions } from './inputs.js';

export interface BacktestRunOptions extends RunOptions {
  /** Replay releases published from this instant on. */
  since: Instant;
}

export async function runBacktest(options: BacktestRunOptions): Promise<BacktestReport> {
  if (options.since > options.now) throw new RangeError('runBacktest: since is after now');
  const lockfiles = await readLockfiles({ dir: options.dir, lockfile: options.lockfile, lockfiles: options.lockfiles });
  const { policy, policySource, source } = await loadInputs(options, projectDirOf(options), lockfiles);
  const registryPackages = mergeLockfiles(lockfiles).packages.filter((pkg) => pkg.source === 'registry');
  // A name is a dev dependency when every locked version of it is.
  const dev = new Map<string, boolean>();
  for (const pkg of registryPackages) dev.set(pkg.name, (dev.get(pkg.name) ?? true) && pkg.dev);

  const names = [...dev.keys()].sort();
  const histories = new Map<string, ReleaseHistory>();
  const notFound: string[] = [];
  let done = 0;
  await Promise.all(
    names.map(async (name) => {
      const lookup = await source.fetchHistory(name);
      if (lookup.status === 'found') histories.set(name, lookup.history);
      else notFound.push(name);
      done += 1;
      options.onProgress?.(done, names.length);
    }),
  );
  // Insertion order follows arrival; the replay sorts by name, so the result does not depend on it.
  const result = runBacktestReplay({
    histories,
    notFound,
    policy,
    since: options.since,
    until: options.now,
    devOf: (name) => dev.get(name) === true,
  });
  return {
    ...result,
    now: options.now,
    lockfiles: lockfiles.map(lockfileSummary),
    policySource,
  };
}
