/** `ls`: the lockfiles as read, before any policy or registry is involved. */
import { readLockfiles } from '../lockfile/read-lockfile.js';
import type { Lockfile } from '../model/types.js';
import type { RunOptions } from './inputs.js';

/** The lockfiles `ls` and `check` see: the one given with --lockfile, or every one in dir. */
export async function runLs(options: Pick<RunOptions, 'dir' | 'lockfile' | 'lockfiles'>): Promise<Lockfile[]> {
  return readLockfiles({ dir: options.dir, lockfile: options.lockfile, lockfiles: options.lockfiles });
}
