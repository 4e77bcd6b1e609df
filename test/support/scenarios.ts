/** Named histories that several test files use: real-world shapes, relative to NOW. */
import type { ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, daysAgo, makeHistory, makeVersion } from './history.js';

/**
 * event-stream-like takeover: alice maintained the package for years; mallory was added 35
 * days ago, published a clean 1.2.0 30 days ago, removed alice and published the payload
 * 1.3.0 5 days ago.
 */
export function takeoverHistory(): ReleaseHistory {
  const alice = accountPublisher('alice');
  const mallory = accountPublisher('mallory');
  return makeHistory({
    name: 'event-stream-like',
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(900), publisher: alice, maintainers: ['alice'] }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(400), publisher: alice, maintainers: ['alice'] }),
      makeVersion({ version: '1.2.0', publishedAt: daysAgo(30), publisher: mallory, maintainers: ['alice', 'mallory'] }),
      makeVersion({ version: '1.3.0', publishedAt: daysAgo(5), publisher: mallory, maintainers: ['mallory'] }),
    ],
  });
}
