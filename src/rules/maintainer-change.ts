/**
 * maintainer-change: the maintainer list changed shortly before the locked version.
 *
 * - `replaced` (severity): the locked version's snapshot shares nobody with the baseline.
 * - `added` (addedSeverity): the snapshot adds accounts to the baseline.
 * - `pending` (addedSeverity): the package's current owners include accounts that appear in
 *   no version's snapshot: someone was given the keys and has not published yet.
 *
 * Why: event-stream was handed to a stranger weeks before the payload. Only locked versions
 * published less than `window` ago are compared (older changes are old news) against the
 * baseline: the latest version published before `now - window`, else the package's first
 * version. A co-maintainer already in the baseline produces nothing. `added`/`replaced`
 * lapse when the baseline, moving with time, already contains the change (at the latest when
 * the locked version leaves the window); `pending` only when the history moves,
 * and is checked whatever the locked version's age, because it describes the package now.
 * Unknown snapshots are skipped; registries that never give snapshots produce nothing.
 *
 * A version published by a newcomer (tenure younger than `window`) is new-publisher's to judge,
 * where a replaced list is one signal among others (signal-owners.ts): reporting it here too
 * would count one handover twice. So this rule speaks about lists that changed under an
 * existing publisher, and about pending owners.
 */
import type { Duration, Instant, MaintainerChangeFinding, ReleaseHistory, Severity } from '../model/types.js';
import { earliestOf, latestOf, publishedBefore, publishedVersions } from './history-queries.js';
import type { Rule, RuleTarget } from '../model/rule.js';
import { isNewcomer } from './publisher-tenure.js';

export const maintainerChangeRule: Rule<'maintainer-change'> = {
  id: 'maintainer-change',
  evaluate({ target, now }, { severity, addedSeverity, window }) {
    if (severity === 'off' || !target) return [];
    const change = snapshotChange(target, now, window, severity, addedSeverity);
    const pending = addedSeverity === 'off' ? null : pendingOwners(target.history, addedSeverity);
    return [change, pending].filter((f): f is MaintainerChangeFinding => f !== null);
  },
};

type Change = Pick<MaintainerChangeFinding, 'kind' | 'added' | 'removed'> & { severity: Severity };

/** What the locked snapshot changed relative to `baseline`, when that change is reported. */
function compare(locked: string[], previous: string[], severity: Severity, addedSeverity: Severity | 'off'): Change | null {
  const added = locked.filter((name) => !previous.includes(name));
  const removed = previous.filter((name) => !locked.includes(name));
  const replaced = locked.length > 0 && previous.length > 0 && removed.length === previous.length;
  const findingSeverity = replaced ? severity : addedSeverity;
  if (findingSeverity === 'off' || added.length === 0) return null;
  return { kind: replaced ? 'replaced' : 'added', severity: findingSeverity, added, removed };
}

function snapshotChange(
  { history, record }: RuleTarget,
  now: Instant,
  window: Duration,
  severity: Severity,
  addedSeverity: Severity | 'off',
): MaintainerChangeFinding | null {
  const { publishedAt } = record;
  const locked = record.maintainers;
  if (publishedAt === null || now - publishedAt >= window || locked === null) return null;
  if (isNewcomer(history, record, now, window)) return null;
  const before = publishedBefore(history, publishedAt);
  const baseline = latestOf(before.filter((v) => v.publishedAt <= now - window)) ?? earliestOf(before);
  if (!baseline || baseline.maintainers === null) return null;
  const change = compare(locked, baseline.maintainers, severity, addedSeverity);
  if (!change) return null;
  // The baseline moves forward as time passes: when version b leaves the window (at
  // b.publishedAt + window) it becomes the baseline. The finding lapses at the first such
  // moment whose baseline already contains the change, and at the latest when the locked
  // version itself leaves the window.
  let eligibleAt = publishedAt + window;
  for (const candidate of before) {
    if (candidate.publishedAt <= baseline.publishedAt || candidate.maintainers === null) continue;
    if (!compare(locked, candidate.maintainers, severity, addedSeverity)) {
      eligibleAt = Math.min(eligibleAt, candidate.publishedAt + window);
    }
  }
  return { rule: 'maintainer-change', eligibleAt, ...change, baselineVersion: baseline.version };
}

function pendingOwners(history: ReleaseHistory, severity: Severity): MaintainerChangeFinding | null {
  if (history.maintainers === null) return null;
  const snapshots = publishedVersions(history).flatMap((v) => (v.maintainers ? [v.maintainers] : []));
  if (snapshots.length === 0) return null;
  // Versions often share one snapshot array (facts-history.ts): read each distinct one once.
  const seen = new Set<string>();
  for (const snapshot of new Set(snapshots)) for (const name of snapshot) seen.add(name);
  const added = history.maintainers.filter((name) => !seen.has(name));
  if (added.length === 0) return null;
  return { rule: 'maintainer-change', severity, eligibleAt: null, kind: 'pending', added, removed: [], baselineVersion: null };
}
