/** The interface between the use cases and whatever supplies the old lockfiles (git/, a snapshot). */
import type { Lockfile } from './types.js';

/** The "before" side of a change: a git commit, or a snapshot taken before a resolution. */
export interface BaseLockfiles {
  /** How reports name the base: `origin/main (3f2c1aa)`, `before install`. */
  label: string;
  /** The lockfile at `path` as it was in the base, or null when it did not exist there. */
  read(path: string): Promise<Lockfile | null>;
  /** Lockfiles the base had that the head deleted: reported, nothing to evaluate. */
  removed?: readonly string[];
}
