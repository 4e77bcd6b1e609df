/**
 * A registry's history taken from another registry (policy `registries[url].historyFrom`):
 * behind a mirror that strips publishers, account lists and provenance, those facts (and
 * publish times) come from the registry it mirrors, while what is installed (the versions,
 * tarball URLs and digests, dependencies, scripts, dist-tags) stays the install registry's.
 * The two must agree on what they share: a locked version the history registry does not have,
 * or whose digests differ there, carries a HistoryMismatch that lockfile-binding blocks.
 * Pure apart from the injected HistorySource.
 */
import semver from 'semver';
import { compareIntegrity } from '../model/integrity.js';
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import { registryPolicyFor, type Policy } from '../model/policy.js';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { HistoryMismatch, ReleaseHistory, VersionRecord } from '../model/types.js';

function mismatchOf(own: VersionRecord, theirs: VersionRecord | undefined, registry: string): HistoryMismatch | null {
  if (theirs === undefined || theirs.unpublished) return { registry, kind: 'missing', published: null };
  if (own.integrity === null || theirs.integrity === null) return null;
  const comparison = compareIntegrity(own.integrity, theirs.integrity);
  return comparison.status === 'match' ? null : { registry, kind: 'integrity', published: theirs.integrity };
}

/**
 * One installable version: the install registry's bytes and manifest, the history registry's
 * facts (the install registry's own only where the history registry gives none).
 */
function mergeVersion(own: VersionRecord, theirs: VersionRecord | undefined, registry: string): VersionRecord {
  if (own.unpublished) return theirs?.unpublished ? theirs : own;
  const mismatch = mismatchOf(own, theirs, registry);
  if (theirs === undefined || theirs.unpublished) return { ...own, ...(mismatch ? { historyMismatch: mismatch } : {}) };
  return {
    ...own,
    publishedAt: theirs.publishedAt ?? own.publishedAt,
    publisher: theirs.publisher ?? own.publisher,
    maintainers: theirs.maintainers ?? own.maintainers,
    provenance: theirs.provenance || own.provenance,
    // A mirror that publishes no digest binds nothing by itself: the history registry's binds the lockfile.
    integrity: own.integrity ?? theirs.integrity,
    ...(mismatch ? { historyMismatch: mismatch } : {}),
  };
}

/** Publish time ascending, unknown times last; ties by semver, then by text (as the projection orders them). */
function byPublishTime(a: VersionRecord, b: VersionRecord): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt - b.publishedAt;
  }
  const [sa, sb] = [semver.valid(a.version), semver.valid(b.version)];
  if (sa && sb) return semver.compare(sa, sb);
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

/**
 * `own` (the install registry's history) with times, publishers, account lists and provenance
 * from `theirs` (the history registry's) for every version both have. Versions only the
 * history registry has are left out (the install registry does not serve them); versions only
 * the install registry has keep its facts and are marked `missing`.
 */
export function mergeHistory(own: ReleaseHistory, theirs: ReleaseHistory): ReleaseHistory {
  const byVersion = new Map(theirs.versions.map((record) => [record.version, record]));
  const versions = own.versions.map((record) => mergeVersion(record, byVersion.get(record.version), theirs.registry));
  const ownVersions = new Set(own.versions.map((record) => record.version));
  // Versions the history registry saw unpublished stay part of the history (time-only records).
  const unpublished = theirs.versions.filter((record) => record.unpublished && !ownVersions.has(record.version));
  const all = [...versions, ...unpublished].sort(byPublishTime);
  return {
    ...own,
    created: theirs.created,
    modified: theirs.modified,
    maintainers: theirs.maintainers ?? own.maintainers,
    versions: all,
    unpublishedAt: theirs.unpublishedAt,
    historyFrom: { registry: theirs.registry, status: 'found' },
  };
}

/**
 * `source` with the policy's `historyFrom` applied: each package found on a registry whose
 * policy names a history registry is looked up there too and merged (mergeHistory). A package
 * the history registry does not have keeps its own facts (`historyFrom.status: 'not-found'`);
 * any other failure there is the check's failure (could not decide). The identity when no
 * registry names one.
 */
export function withHistoryFrom(source: HistorySource, policy: Pick<Policy, 'registries'>): HistorySource {
  if (!Object.values(policy.registries).some((entry) => entry.historyFrom !== null)) return source;
  const fetchHistory = async (name: string): Promise<HistoryResult> => {
    const answer = await source.fetchHistory(name);
    if (answer.status !== 'found') return answer;
    const from = registryPolicyFor(policy, answer.history.registry).historyFrom;
    if (from === null) return answer;
    if (!source.fetchHistoryFrom) {
      throw new QuarantineError(ERROR_CODES.registryResponse, `${name}: the policy takes its history from ${from}, but this source cannot read another registry`);
    }
    const theirs = await source.fetchHistoryFrom(name, from);
    const history: ReleaseHistory = theirs.status === 'found'
      ? mergeHistory(answer.history, theirs.history)
      : { ...answer.history, historyFrom: { registry: theirs.registry, status: 'not-found' } };
    return { ...answer, history };
  };
  return {
    fetchHistory,
    ...(source.registryHostsOf ? { registryHostsOf: source.registryHostsOf.bind(source) } : {}),
    ...(source.fetchHistoryFrom ? { fetchHistoryFrom: source.fetchHistoryFrom.bind(source) } : {}),
  };
}
