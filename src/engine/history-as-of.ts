/**
 * A release history as the registry served it at an earlier instant: the input of every
 * replay (`backtest`, `npm run backtest:real`). Pure; nothing is mutated, version records are
 * shared with the full history unless they have to change.
 *
 * A registry document only records the present, so the past is estimated, and each estimate
 * is stated here (docs/detection.md, "Measuring", repeats them):
 * - versions: those whose publish time is at or before `instant`. Versions without a known
 *   publish time are left out: nothing says the registry had them then.
 * - a version unpublished since (listed in `time`, gone from `versions`) is kept as published:
 *   the document does not say when it was removed, and it was served right after its publish.
 *   Its contents are lost, so it reads as a version with no publisher, no maintainer snapshot,
 *   no provenance and no install scripts, which is what the rules see of it (unknown, never
 *   "fine"). A package unpublished as a whole stays unpublished only from `unpublishedAt` on.
 * - `maintainers` (the owners then): the current list when nothing changed since (`instant` at
 *   or after `modified`), else the snapshot of the latest version published by then whose
 *   snapshot is known, else null (unknown). Owners added after that release and before the next
 *   cannot be seen, so the `pending` kind of maintainer-change never fires in a replay.
 * - `modified`: capped at `instant`; `created`: null when the package did not exist yet.
 * - `dist-tags`: tags pointing at versions that did not exist yet are dropped; when `modified`
 *   is after `instant`, `latest` is the highest non-prerelease version published by then
 *   (the newest version when all are prereleases), as `npm publish` would have left it.
 */
import semver from 'semver';
import type { Instant, ReleaseHistory, VersionRecord } from '../model/types.js';

/** A version the registry served at `instant` (see the file comment). */
function servedAt(record: VersionRecord, instant: Instant, packageGone: boolean): VersionRecord | null {
  if (record.publishedAt === null || record.publishedAt > instant) return null;
  if (!record.unpublished || packageGone) return record;
  return { ...record, unpublished: false };
}

function ownersAt(history: ReleaseHistory, versions: readonly VersionRecord[], instant: Instant): string[] | null {
  if (history.modified !== null && instant >= history.modified) return history.maintainers;
  for (let i = versions.length - 1; i >= 0; i -= 1) {
    const snapshot = (versions[i] as VersionRecord).maintainers;
    if (snapshot !== null) return snapshot;
  }
  return null;
}

/** The version `npm publish` would have tagged `latest` by then. */
function latestAt(versions: readonly VersionRecord[]): string | null {
  const live = versions.filter((v) => !v.unpublished);
  const stable = live.filter((v) => semver.valid(v.version) !== null && semver.prerelease(v.version) === null);
  if (stable.length > 0) {
    return stable.reduce((best, v) => (semver.gt(v.version, best.version) ? v : best)).version;
  }
  return live.at(-1)?.version ?? null;
}

function distTagsAt(history: ReleaseHistory, versions: readonly VersionRecord[], instant: Instant): Record<string, string> {
  const known = new Set(versions.map((v) => v.version));
  const tags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(history.distTags)) if (known.has(version)) tags[tag] = version;
  const unchangedSince = history.modified !== null && instant >= history.modified;
  if (!unchangedSince) {
    const latest = latestAt(versions);
    if (latest === null) delete tags['latest'];
    else tags['latest'] = latest;
  }
  return tags;
}

/**
 * `history` as the registry knew it at `instant` (at or before it). A history already as of
 * an earlier instant is returned unchanged in substance (the cut is idempotent).
 */
export function historyAsOf(history: ReleaseHistory, instant: Instant): ReleaseHistory {
  const packageGone = history.unpublishedAt !== null && history.unpublishedAt <= instant;
  const versions: VersionRecord[] = [];
  for (const record of history.versions) {
    const served = servedAt(record, instant, packageGone);
    if (served !== null) versions.push(served);
  }
  return {
    ...history,
    created: history.created !== null && history.created <= instant ? history.created : null,
    modified: history.modified === null ? null : Math.min(history.modified, instant),
    maintainers: ownersAt(history, versions, instant),
    distTags: distTagsAt(history, versions, instant),
    versions,
    unpublishedAt: packageGone ? history.unpublishedAt : null,
  };
}
