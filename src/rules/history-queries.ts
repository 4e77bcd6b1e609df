/** Pure questions about a release history that several rules ask. */
import semver from 'semver';
import type { Instant, ReleaseHistory, TrustLevel, VersionRecord } from '../model/types.js';

/** A version record whose publish time the registry gave. */
export type TimedRecord = VersionRecord & { publishedAt: Instant };

export function hasKnownTime(record: VersionRecord): record is TimedRecord {
  return record.publishedAt !== null;
}

/** Versions still published (unpublished ones carry no publisher, snapshot or dist data). */
export function publishedVersions(history: ReleaseHistory): VersionRecord[] {
  return history.versions.filter((v) => !v.unpublished);
}

/** Published versions with a known publish time strictly before `instant`. */
export function publishedBefore(history: ReleaseHistory, instant: Instant): TimedRecord[] {
  return publishedVersions(history)
    .filter(hasKnownTime)
    .filter((v) => v.publishedAt < instant);
}

export function earliestOf(records: readonly TimedRecord[]): TimedRecord | null {
  return records.reduce<TimedRecord | null>(
    (best, v) => (best === null || v.publishedAt < best.publishedAt ? v : best),
    null,
  );
}

export function latestOf(records: readonly TimedRecord[]): TimedRecord | null {
  return records.reduce<TimedRecord | null>(
    (best, v) => (best === null || v.publishedAt >= best.publishedAt ? v : best),
    null,
  );
}

/** Distinct publisher ids of the given versions, in the order first met. */
export function publisherIds(records: readonly VersionRecord[]): string[] {
  const ids = records.flatMap((v) => (v.publisher ? [v.publisher.id] : []));
  return [...new Set(ids)];
}

/** Release line a version belongs to: the major for >=1.0.0, `0.<minor>` for 0.x; null if not semver. */
export function releaseLine(version: string): string | null {
  const parsed = semver.parse(version);
  if (!parsed) return null;
  return parsed.major > 0 ? String(parsed.major) : `0.${parsed.minor}`;
}

/** staged (a human approved with 2FA) ranks with trusted publishing: moving between them is no downgrade. */
export const TRUST_RANK: Record<TrustLevel, number> = {
  none: 0,
  provenance: 1,
  'trusted-publisher': 2,
  staged: 2,
};

export function trustLevelOf(record: VersionRecord): TrustLevel {
  if (record.publisher?.approver) return 'staged';
  if (record.publisher?.trustedPublisher) return 'trusted-publisher';
  return record.provenance ? 'provenance' : 'none';
}

/** The highest published version lower than `version` by semver; null when there is none. */
export function previousBySemver(history: ReleaseHistory, version: string): VersionRecord | null {
  if (!semver.valid(version)) return null;
  return publishedVersions(history)
    .filter((v) => semver.valid(v.version) !== null && semver.lt(v.version, version))
    .reduce<VersionRecord | null>(
      (best, v) => (best === null || semver.gt(v.version, best.version) ? v : best),
      null,
    );
}
