/**
 * Signal `new-dependency`: the release installs a package that no earlier release of this
 * package installed; `patch` when it is a patch release, and `young` lists the new
 * dependencies that were first published shortly (`youngDependency`) before the release.
 *
 * Why: event-stream 3.3.6 was a patch release that added flatmap-stream, published by the
 * same stranger days before. Features bring dependencies in minor and major releases; a
 * patch that pulls in a package nobody has heard of is rarer, and one that is days old is
 * the payload's hiding place. Youth is known only for packages of the project's graph (the
 * new dependency is installed, so it is in the lockfile); unknown means not young. Earlier
 * means published before, in any release line; versions with unknown lists are skipped.
 */
import semver from 'semver';
import type { ChangeSignal, Duration, Instant, PublisherIndex, ReleaseHistory, VersionRecord } from '../model/types.js';
import { previousBySemver, publishedBefore } from './history-queries.js';

export function newDependencySignal(
  history: ReleaseHistory,
  record: VersionRecord & { publishedAt: Instant },
  graph: PublisherIndex | null,
  youngDependency: Duration,
): ChangeSignal | null {
  if (record.dependencies === null || record.dependencies.length === 0) return null;
  const earlier = publishedBefore(history, record.publishedAt);
  if (earlier.length === 0) return null;
  const seen = new Set<string>();
  for (const list of new Set(earlier.map((v) => v.dependencies))) for (const name of list ?? []) seen.add(name);
  const names = record.dependencies.filter((name) => !seen.has(name));
  if (names.length === 0) return null;
  const young = names.flatMap((name) => {
    const firstPublishedAt = graph?.firstPublished.get(name);
    return firstPublishedAt !== undefined && firstPublishedAt <= record.publishedAt && record.publishedAt - firstPublishedAt < youngDependency ? [{ name, firstPublishedAt }] : [];
  });
  return { signal: 'new-dependency', names, patch: isPatchRelease(history, record.version), young };
}

/** A release whose previous version by semver has the same major and minor. */
function isPatchRelease(history: ReleaseHistory, version: string): boolean {
  const previous = previousBySemver(history, version);
  const current = semver.parse(version);
  const before = previous ? semver.parse(previous.version) : null;
  return current !== null && before !== null && current.major === before.major && current.minor === before.minor;
}
