/** Telling lockfile formats apart by their text, for every folder that needs to (lockfile/, settings/, app/install/). */

/** True when a yarn.lock is a Yarn 2+ lockfile (it has a top-level `__metadata` key); false for Yarn classic v1. */
export function isYarnBerryLockfile(text: string): boolean {
  return /^(?:__metadata|"__metadata"|'__metadata'):/m.test(text);
}
