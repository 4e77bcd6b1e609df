/**
 * new-publisher: the locked version was published by someone who joined the package less
 * than `window` ago, after somebody else had already published it.
 *
 * Why: takeovers (event-stream) come from a new hand that publishes clean releases first and
 * the payload weeks later, so every release of the newcomer inside the window is flagged, not
 * only the first. Tenure starts at the publisher's first publish or first appearance in a
 * maintainer snapshot, whichever is earlier, so a long-standing co-maintainer publishing for
 * the first time is not new; the first publisher of a package is never new. For a move to
 * trusted publishing the question is whether the humans changed: an unchanged maintainer
 * list clears it, an unknown one fails closed (`unverified`). A version without a publisher
 * while other versions have one is flagged as `(unknown)` within the window of its own
 * publish time; when the registry records no publishers at all, nothing is said.
 * Versions without a known publish time are ignored (unknown-publish-time covers them).
 */
import type { Duration, Instant, NewPublisherFinding, ReleaseHistory, Severity, VersionRecord } from '../model/types.js';
import { publishedBefore, publishedVersions, publisherIds } from './history-queries.js';
import { humanChangeAcross, tenureStartOf } from './publisher-tenure.js';
import type { Rule } from '../model/rule.js';

export const UNKNOWN_PUBLISHER = '(unknown)';

export const newPublisherRule: Rule<'new-publisher'> = {
  id: 'new-publisher',
  evaluate({ target, now }, { severity, window }) {
    if (severity === 'off' || !target) return [];
    const { history, record } = target;
    if (!record.publisher) return unknownPublisher(history, record, now, window, severity);

    const publisher = record.publisher;
    const tenureStart = tenureStartOf(history, publisher);
    if (tenureStart === null || now - tenureStart >= window) return [];
    const earlier = publishedBefore(history, tenureStart).filter(
      (v) => v.publisher !== null && v.publisher.id !== publisher.id,
    );
    if (earlier.length === 0) return [];

    let unverified = false;
    if (publisher.trustedPublisher) {
      const humans = humanChangeAcross(history, record, tenureStart);
      if (humans === 'unchanged') return [];
      unverified = humans === 'unknown';
    }
    const previousPublishers = publisherIds(earlier);
    return [
      {
        rule: 'new-publisher',
        severity,
        eligibleAt: tenureStart + window,
        publisher: publisher.id,
        firstSeenAt: tenureStart,
        previousPublishers,
        window,
        unverified,
      },
    ];
  },
};

function unknownPublisher(
  history: ReleaseHistory,
  record: VersionRecord,
  now: Instant,
  window: Duration,
  severity: Severity,
): NewPublisherFinding[] {
  const previousPublishers = publisherIds(publishedVersions(history));
  const { publishedAt } = record;
  if (previousPublishers.length === 0 || publishedAt === null || now - publishedAt >= window) return [];
  return [
    {
      rule: 'new-publisher',
      severity,
      eligibleAt: publishedAt + window,
      publisher: UNKNOWN_PUBLISHER,
      firstSeenAt: publishedAt,
      previousPublishers,
      window,
      unverified: true,
    },
  ];
}
