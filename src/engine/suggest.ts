/**
 * Suggests a version that would pass the gate: the newest version that is published, not a
 * prerelease, not deprecated (a deprecated version is a poor thing to recommend even when it
 * passes), and whose verdict is allow or warn. `inRange` must also satisfy every requested
 * range that is a valid semver range (tags such as `latest`, URLs and `workspace:` specs are
 * ignored; with no valid range, inRange equals anyRange). `anyRange` ignores the ranges.
 */
import semver from 'semver';
import { isVersionBlocked } from './evaluate.js';
import type { Policy } from '../model/policy.js';
import type { Suggestion } from '../model/report.js';
import type { Instant, PublisherIndex, ReleaseHistory } from '../model/types.js';

export function newestAllowed(
  history: ReleaseHistory,
  requestedRanges: readonly string[],
  policy: Policy,
  now: Instant,
  /** Whether the dependents only need it for development (dev overrides apply then). */
  dev = false,
  graph: PublisherIndex | null = null,
): Suggestion {
  const ranges = requestedRanges.filter((range) => semver.validRange(range) !== null);
  const candidates = history.versions
    .filter((v) => !v.unpublished && v.deprecated === null)
    .map((v) => v.version)
    .filter((version) => semver.valid(version) !== null && semver.prerelease(version) === null)
    .sort(semver.rcompare);

  const suggestion: Suggestion = { inRange: null, anyRange: null };
  for (const version of candidates) {
    const inRange = ranges.every((range) => semver.satisfies(version, range, { includePrerelease: false }));
    if (!inRange && suggestion.anyRange !== null) continue;
    if (isVersionBlocked(history, version, policy, now, dev, graph)) continue;
    suggestion.anyRange ??= version;
    if (inRange) suggestion.inRange = version;
    if (suggestion.inRange !== null) break;
  }
  return suggestion;
}
