/**
 * Suggests a version that would pass the gate: the newest version that is published, not a
 * prerelease, not deprecated (a deprecated version is a poor thing to recommend even when it
 * passes), and whose verdict is allow or warn. `inRange` must also satisfy every requested
 * range that is a valid semver range (tags such as `latest`, URLs and `workspace:` specs are
 * ignored; with no valid range, inRange equals anyRange). `anyRange` ignores the ranges.
 * `versionPicker` is the same search for any constraint, for the remedy plan (plan.ts).
 */
import semver from 'semver';
import { isVersionBlocked } from './evaluate.js';
import type { Policy } from '../model/policy.js';
import type { Suggestion } from '../model/report.js';
import type { Instant, PublisherIndex, ReleaseHistory } from '../model/types.js';

/** The newest version `accept` takes that passes the gate, or null; cheap checks first, verdicts remembered. */
export type VersionPicker = (accept: (version: string) => boolean) => string | null;

export function versionPicker(
  history: ReleaseHistory,
  policy: Policy,
  now: Instant,
  /** Whether the dependents only need it for development (dev overrides apply then). */
  dev = false,
  graph: PublisherIndex | null = null,
): VersionPicker {
  const candidates = history.versions
    .filter((v) => !v.unpublished && v.deprecated === null)
    .map((v) => v.version)
    .filter((version) => semver.valid(version) !== null && semver.prerelease(version) === null)
    .sort(semver.rcompare);
  const blocked = new Map<string, boolean>();
  const isBlocked = (version: string): boolean => {
    let known = blocked.get(version);
    if (known === undefined) {
      known = isVersionBlocked(history, version, policy, now, dev, graph);
      blocked.set(version, known);
    }
    return known;
  };
  return (accept) => candidates.find((version) => accept(version) && !isBlocked(version)) ?? null;
}

/** Whether `version` satisfies every valid range (invalid ones, tags and URLs, are ignored). */
export function satisfiesAll(version: string, ranges: readonly string[]): boolean {
  return ranges.every((range) => semver.validRange(range) === null || semver.satisfies(version, range, { includePrerelease: false }));
}

export function newestAllowed(
  history: ReleaseHistory,
  requestedRanges: readonly string[],
  policy: Policy,
  now: Instant,
  /** Whether the dependents only need it for development (dev overrides apply then). */
  dev = false,
  graph: PublisherIndex | null = null,
): Suggestion {
  const pick = versionPicker(history, policy, now, dev, graph);
  const inRange = pick((version) => satisfiesAll(version, requestedRanges));
  return { inRange, anyRange: pick(() => true) };
}
