/**
 * Settled packages: judged from what an abbreviated document gives, on every path. Pure.
 *
 * Write `M` for a package document's `modified` and `W` for the longest window any rule of the
 * policy can look back (release-age's `minReleaseAge`, new-publisher's and maintainer-change's
 * `window`, trust-downgrade's `hold`, over the base rules and every override). Every publish,
 * owner change and deprecation of the package happened at or before `M`, so at `now >= M + W`
 * none of them is inside a window: release-age, new-publisher, maintainer-change (added,
 * replaced) and trust-downgrade have nothing left to report, and unknown-publish-time has its
 * answer (published before `M`, old enough). Such a package is *settled*, and is judged from
 * its settled view, which keeps only what the abbreviated document has (versions, `dist`,
 * dependency names, `deprecated`), by the rules that read only that: lockfile-binding,
 * missing-version and non-registry-source.
 *
 * Both paths build the same view: the abbreviated path from the abbreviated document, the full
 * path by dropping what the full document has beyond it. So a report does not depend on which
 * document was read (decision 0051). Never settled:
 * - a package without `modified`, or whose history comes from another registry (`historyFrom`),
 *   or that was unpublished;
 * - a package one of whose locked versions the document does not list (missing-version needs
 *   the full document's `time` to tell an unpublished version from one that never existed);
 * - a package one of whose locked versions has install scripts: install-script and the
 *   install-scripts risk never lapse, and the abbreviated document does not name the scripts;
 * - any package while maintainer-change's `addedSeverity` is on anywhere in the policy: its
 *   `pending` finding (owners that never published) has no lapse instant.
 */
import type { Duration, Instant, ReleaseHistory, VersionRecord } from '../model/types.js';
import type { Policy } from '../model/policy.js';
import { RULE_IDS, type RuleId } from '../model/constants.js';

/** The rules that judge a settled view: they read only what an abbreviated document gives. */
const SETTLED_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['lockfile-binding', 'missing-version', 'non-registry-source']);

/** Every other rule: turned off for a settled view (evaluate.ts). */
export const UNSETTLED_RULES: readonly RuleId[] = RULE_IDS.filter((id) => !SETTLED_RULES.has(id));

/**
 * `W`: the longest a rule of the policy looks back, over the base rules and every override;
 * null when nothing can settle (maintainer-change `pending` is on somewhere).
 */
export function settlingWindow(policy: Pick<Policy, 'rules' | 'overrides'>): Duration | null {
  const layers = [policy.rules, ...policy.overrides.map((override) => override.rules)];
  let longest = 0;
  for (const rules of layers) {
    const addedSeverity = rules['maintainer-change']?.addedSeverity;
    if (addedSeverity !== undefined && addedSeverity !== 'off') return null;
    longest = Math.max(
      longest,
      rules['release-age']?.minReleaseAge ?? 0,
      rules['new-publisher']?.window ?? 0,
      rules['maintainer-change']?.window ?? 0,
      rules['trust-downgrade']?.hold ?? 0,
    );
  }
  return longest;
}

const hasInstallScript = (record: VersionRecord): boolean => record.installScripts.length > 0 || record.hasInstallScript === true;

/** Whether `history` is settled at `now` for the locked `versions` (see the module comment). */
export function isSettled(history: ReleaseHistory, versions: readonly string[], window: Duration | null, now: Instant): boolean {
  if (window === null || history.modified === null || history.historyFrom !== undefined || history.unpublishedAt !== null || history.partial) return false;
  if (now < history.modified + window) return false;
  return versions.every((version) => {
    const record = history.versions.find((candidate) => candidate.version === version && !candidate.unpublished);
    return record !== undefined && !hasInstallScript(record);
  });
}

/**
 * One order for both documents (the full one lists versions by publish time, the abbreviated
 * one as written): by the version's text. Nothing that judges a settled view reads its order,
 * so a semver sort (a parse per comparison, seconds over the benchmark) would buy nothing.
 */
const byText = (a: VersionRecord, b: VersionRecord): number => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0);

/**
 * The settled view of a history, full or abbreviated: the published versions in one order,
 * each with its `dist`, dependency names and deprecation only. Call only when isSettled.
 */
export function settledView(history: ReleaseHistory): ReleaseHistory {
  const modified = history.modified;
  if (modified === null) throw new TypeError(`settledView: ${history.name} has no modified instant`);
  const versions = history.versions
    .filter((record) => !record.unpublished)
    .map((record): VersionRecord => ({
      version: record.version,
      publishedAt: null,
      publisher: null,
      maintainers: null,
      provenance: false,
      integrity: record.integrity,
      tarball: record.tarball,
      installScripts: [],
      dependencies: record.dependencies,
      deprecated: record.deprecated,
      unpublished: false,
    }))
    .sort(byText);
  return {
    name: history.name,
    registry: history.registry,
    created: null,
    modified,
    maintainers: null,
    distTags: history.distTags,
    versions,
    unpublishedAt: null,
    settled: { before: modified },
  };
}
