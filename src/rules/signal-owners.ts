/**
 * Signal `owners-replaced`: the locked version's maintainer list shares nobody with the list
 * of the last version published before the newcomer arrived. Its opposite, `owners-grew`
 * (everyone from before is still listed), is a discount.
 *
 * Why: `is` (2025) and event-stream ended with the old owners removed; teams and
 * organisations add people and keep the old ones (accepts 2014 went from 1 to 7 owners).
 * Lists that shrink or partly change are neither. Unknown snapshots say nothing.
 */
import type { ChangeDiscount, ChangeSignal, Instant, ReleaseHistory, VersionRecord } from '../model/types.js';
import { latestOf, publishedBefore } from './history-queries.js';

export function ownersSignal(
  history: ReleaseHistory,
  record: VersionRecord,
  tenureStart: Instant,
): { signal: ChangeSignal | null; discount: ChangeDiscount | null } {
  const baseline = latestOf(publishedBefore(history, tenureStart));
  const before = baseline?.maintainers ?? null;
  const now = record.maintainers;
  if (!baseline || before === null || now === null || before.length === 0 || now.length === 0) return { signal: null, discount: null };
  const added = now.filter((name) => !before.includes(name));
  const removed = before.filter((name) => !now.includes(name));
  if (removed.length === before.length) {
    return { signal: { signal: 'owners-replaced', added, removed, baselineVersion: baseline.version }, discount: null };
  }
  if (removed.length === 0 && added.length > 0) return { signal: null, discount: { discount: 'owners-grew', added } };
  return { signal: null, discount: null };
}
