import { summariseMaintainerChanges, summarisePublishers } from '../../src/engine/history-summary.js';
import { accountPublisher, daysAgo, makeHistory, makeUnpublishedVersion, makeVersion, trustedPublisher } from '../support/history.js';

const history = makeHistory({
  versions: [
    makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: accountPublisher('ann'), maintainers: ['ann'] }),
    makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), publisher: accountPublisher('ann'), maintainers: ['ann', 'bo'] }),
    makeUnpublishedVersion('1.1.1', daysAgo(150)),
    makeVersion({ version: '1.2.0', publishedAt: daysAgo(100), publisher: trustedPublisher(), maintainers: ['ann', 'bo'] }),
    makeVersion({ version: '1.3.0', publishedAt: daysAgo(10), publisher: accountPublisher('cy'), maintainers: ['cy'] }),
  ],
});

test('publishers in order of first appearance with their versions', () => {
  expect(summarisePublishers(history)).toEqual([
    { publisher: 'ann', trusted: false, firstPublishedAt: daysAgo(300), lastPublishedAt: daysAgo(200), versions: ['1.0.0', '1.1.0'] },
    { publisher: 'GitHub Actions', trusted: true, firstPublishedAt: daysAgo(100), lastPublishedAt: daysAgo(100), versions: ['1.2.0'] },
    { publisher: 'cy', trusted: false, firstPublishedAt: daysAgo(10), lastPublishedAt: daysAgo(10), versions: ['1.3.0'] },
  ]);
});

test('maintainer changes between consecutive known snapshots', () => {
  expect(summariseMaintainerChanges(history)).toEqual([
    { version: '1.1.0', at: daysAgo(200), added: ['bo'], removed: [] },
    { version: '1.3.0', at: daysAgo(10), added: ['cy'], removed: ['ann', 'bo'] },
  ]);
});
