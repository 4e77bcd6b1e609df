import { historyAsOf } from '../../src/engine/history-as-of.js';
import { accountPublisher, daysAgo, makeHistory, makeUnpublishedVersion, makeVersion } from '../support/history.js';

const v1 = makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), maintainers: ['alice'] });
const v2 = makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), maintainers: ['alice', 'bob'] });
const v3 = makeVersion({ version: '2.0.0-rc.1', publishedAt: daysAgo(150), maintainers: ['alice', 'bob'] });
const v4 = makeVersion({ version: '2.0.0', publishedAt: daysAgo(100), publisher: accountPublisher('bob'), maintainers: ['bob'] });
const history = makeHistory({
  versions: [v1, v2, v3, v4],
  created: daysAgo(300),
  modified: daysAgo(10),
  maintainers: ['bob', 'carol'],
  distTags: { latest: '2.0.0', next: '2.0.0-rc.1', legacy: '1.1.0' },
});

describe('historyAsOf', () => {
  test('keeps the versions published at or before the instant, in order', () => {
    expect(historyAsOf(history, daysAgo(200)).versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(historyAsOf(history, daysAgo(400)).versions).toEqual([]);
  });

  test('leaves out versions without a known publish time', () => {
    const withUnknown = makeHistory({ versions: [v1, makeVersion({ version: '0.9.0', publishedAt: null })] });
    expect(historyAsOf(withUnknown, daysAgo(1)).versions.map((v) => v.version)).toEqual(['1.0.0']);
  });

  test('caps modified at the instant and forgets a creation that had not happened', () => {
    const then = historyAsOf(history, daysAgo(250));
    expect(then.modified).toBe(daysAgo(250));
    expect(then.created).toBe(daysAgo(300));
    expect(historyAsOf(history, daysAgo(301)).created).toBeNull();
    expect(historyAsOf(history, daysAgo(1)).modified).toBe(daysAgo(10));
  });

  test('owners then: the latest known snapshot before the last change, today\'s owners after it', () => {
    expect(historyAsOf(history, daysAgo(150)).maintainers).toEqual(['alice', 'bob']);
    expect(historyAsOf(history, daysAgo(100)).maintainers).toEqual(['bob']);
    expect(historyAsOf(history, daysAgo(10)).maintainers).toEqual(['bob', 'carol']);
    const unknownSnapshots = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), maintainers: null })], modified: daysAgo(1), maintainers: ['x'] });
    expect(historyAsOf(unknownSnapshots, daysAgo(200)).maintainers).toBeNull();
  });

  test('a version unpublished later was still served: present, its contents unknown', () => {
    const gone = makeUnpublishedVersion('1.0.1', daysAgo(250));
    const cut = historyAsOf(makeHistory({ versions: [v1, gone, v2] }), daysAgo(249));
    expect(cut.versions.map((v) => [v.version, v.unpublished, v.publisher])).toEqual([['1.0.0', false, v1.publisher], ['1.0.1', false, null]]);
    // Its missing snapshot does not hide the owners of the version before it.
    expect(cut.maintainers).toEqual(['alice']);
  });

  test('a package unpublished as a whole is unpublished only from that instant on', () => {
    const removed = makeHistory({ versions: [makeUnpublishedVersion('1.0.0', daysAgo(30))], unpublishedAt: daysAgo(20) });
    const before = historyAsOf(removed, daysAgo(25));
    expect(before.unpublishedAt).toBeNull();
    expect(before.versions.map((v) => v.unpublished)).toEqual([false]);
    const after = historyAsOf(removed, daysAgo(5));
    expect(after.unpublishedAt).toBe(daysAgo(20));
    expect(after.versions.map((v) => v.unpublished)).toEqual([true]);
  });

  test('dist-tags: drops tags of versions not yet published and moves latest to the highest stable version then', () => {
    expect(historyAsOf(history, daysAgo(150)).distTags).toEqual({ latest: '1.1.0', next: '2.0.0-rc.1', legacy: '1.1.0' });
    expect(historyAsOf(history, daysAgo(290)).distTags).toEqual({ latest: '1.0.0' });
    expect(historyAsOf(history, daysAgo(1)).distTags).toEqual(history.distTags);
    const onlyPre = makeHistory({ versions: [v3], modified: daysAgo(1) });
    expect(historyAsOf(onlyPre, daysAgo(100)).distTags).toEqual({ latest: '2.0.0-rc.1' });
  });

  test('cutting twice at the same instant changes nothing, and the input is not mutated', () => {
    const copy = structuredClone(history);
    const once = historyAsOf(history, daysAgo(150));
    expect(historyAsOf(once, daysAgo(150))).toEqual(once);
    expect(history).toEqual(copy);
  });
});
