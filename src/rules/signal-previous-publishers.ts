/**
 * Signal `previous-publishers-gone`: nobody who published the package before the newcomer
 * is still in the locked version's maintainer list or has published since the newcomer came.
 *
 * Why: in a takeover the previous owner hands over and leaves (event-stream: dominictarr
 * stopped publishing and the stranger published alone). When a team grows or a package moves
 * into an organisation, the original author stays and keeps publishing (accepts 2014:
 * jongleberry stayed and released 1.0.4 a month later). At attack time "keeps publishing" is
 * often not yet visible, so staying on the maintainer list counts too. Unknown snapshots say
 * nothing either way (no signal, no discount).
 */
import type { ChangeDiscount, ChangeSignal, Instant, ReleaseHistory, VersionRecord } from '../model/types.js';
import { publishedBefore } from './history-queries.js';

export function previousPublishersSignal(
  history: ReleaseHistory,
  record: VersionRecord & { publishedAt: Instant },
  previousPublishers: readonly string[],
  tenureStart: Instant,
): { signal: ChangeSignal | null; discount: ChangeDiscount | null } {
  if (previousPublishers.length === 0) return { signal: null, discount: null };
  const since = publishedBefore(history, record.publishedAt + 1).filter((v) => v.publishedAt >= tenureStart);
  const publishing = previousPublishers.filter((id) => since.some((v) => v.publisher?.id === id));
  const listed = record.maintainers === null ? [] : previousPublishers.filter((id) => record.maintainers!.includes(id));
  const staying = [...new Set([...publishing, ...listed])];
  if (staying.length > 0) {
    return { signal: null, discount: { discount: 'previous-publishers-stay', publishers: staying, publishedSince: publishing.length > 0 } };
  }
  if (record.maintainers === null) return { signal: null, discount: null };
  return { signal: { signal: 'previous-publishers-gone', previousPublishers: [...previousPublishers] }, discount: null };
}
