/**
 * Signal `dormant-revived`: the release is the first after `dormantAfter` (a year by
 * default) or more without any release of the package.
 *
 * Why: abandoned packages are what people ask to take over, and what attackers buy or
 * claim; the first release after years of silence by someone new is that story. A
 * maintainer coming back is common, so this only counts together with a new publisher.
 */
import type { ChangeSignal, Duration, Instant, ReleaseHistory, VersionRecord } from '../model/types.js';
import { latestOf, publishedBefore } from './history-queries.js';

export function dormantSignal(
  history: ReleaseHistory,
  record: VersionRecord & { publishedAt: Instant },
  dormantAfter: Duration,
): ChangeSignal | null {
  const previous = latestOf(publishedBefore(history, record.publishedAt));
  if (!previous) return null;
  const silence = record.publishedAt - previous.publishedAt;
  return silence >= dormantAfter ? { signal: 'dormant-revived', previousReleaseAt: previous.publishedAt, silence } : null;
}
