/** Since when a publisher has been part of a package, and whether a trusted-publishing move changed the humans. */
import type { Instant, Publisher, ReleaseHistory, VersionRecord } from '../model/types.js';
import { earliestOf, hasKnownTime, latestOf, publishedBefore, publishedVersions } from './history-queries.js';

/**
 * The start of `publisher`'s tenure: the earliest of its first publish of the package and,
 * for an account (not a trusted-publisher identity), the first version whose maintainer
 * snapshot lists it. Null when none of those versions has a known publish time.
 */
export function tenureStartOf(history: ReleaseHistory, publisher: Publisher): Instant | null {
  const isAccount = publisher.trustedPublisher === null;
  const evidence = publishedVersions(history)
    .filter(hasKnownTime)
    .filter(
      (v) =>
        v.publisher?.id === publisher.id || (isAccount && (v.maintainers ?? []).includes(publisher.id)),
    );
  return earliestOf(evidence)?.publishedAt ?? null;
}

export type HumanChange = 'unchanged' | 'changed' | 'unknown';

/**
 * For a move to trusted publishing first seen at `movedAt`: did the locked version's maintainer
 * snapshot add anyone to the snapshot of the latest version published before the move?
 * `unknown` when either snapshot is unknown (callers fail closed).
 */
export function humanChangeAcross(
  history: ReleaseHistory,
  locked: VersionRecord,
  movedAt: Instant,
): HumanChange {
  const before = latestOf(publishedBefore(history, movedAt))?.maintainers ?? null;
  if (before === null || locked.maintainers === null) return 'unknown';
  return locked.maintainers.every((name) => before.includes(name)) ? 'unchanged' : 'changed';
}

/**
 * Whether `record` was published by someone whose tenure is younger than `window` while
 * others published the package before (new-publisher's newcomer, without its trusted-publishing
 * refinements). A version without a publisher counts as a newcomer's.
 */
export function isNewcomer(history: ReleaseHistory, record: VersionRecord, now: Instant, window: number): boolean {
  const publisher = record.publisher;
  if (!publisher) return true;
  const tenureStart = tenureStartOf(history, publisher);
  if (tenureStart === null || now - tenureStart >= window) return false;
  return publishedBefore(history, tenureStart).some((v) => v.publisher !== null && v.publisher.id !== publisher.id);
}
