import type { VersionRecord } from '../../src/model/types.js';
import { newPublisherRule, UNKNOWN_PUBLISHER } from '../../src/rules/new-publisher.js';
import { accountPublisher, days, daysAgo, makeHistory, makeVersion, NOW, trustedPublisher } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';
import { takeoverHistory } from '../support/scenarios.js';
import { NEW_PUBLISHER_DEFAULTS } from '../support/policy.js';

// A newcomer blocks whatever the signals say: these tests are about who counts as new.
const params = { ...NEW_PUBLISHER_DEFAULTS, alone: 'block' } as const;
const alice = accountPublisher('alice');
const bob = accountPublisher('bob');
const mallory = accountPublisher('mallory');

function evaluate(versions: VersionRecord[], locked: string, now = NOW) {
  return newPublisherRule.evaluate(ruleContextFor(makeHistory({ versions }), locked, now), params);
}

describe('new-publisher', () => {
  test('a takeover flags the clean release and the payload alike, until the window ends', () => {
    const history = takeoverHistory();
    const expected = {
      rule: 'new-publisher',
      severity: 'block',
      publisher: 'mallory',
      firstSeenAt: daysAgo(30),
      previousPublishers: ['alice'],
      window: days(90),
      unverified: false,
      eligibleAt: daysAgo(30) + days(90),
    };
    expect(newPublisherRule.evaluate(ruleContextFor(history, '1.2.0'), params)).toMatchObject([expected]);
    expect(newPublisherRule.evaluate(ruleContextFor(history, '1.3.0'), params)).toMatchObject([expected]);

    const justBefore = daysAgo(30) + days(90) - 1;
    expect(newPublisherRule.evaluate(ruleContextFor(history, '1.3.0', justBefore), params)).toHaveLength(1);
    const after = daysAgo(30) + days(90);
    expect(newPublisherRule.evaluate(ruleContextFor(history, '1.3.0', after), params)).toEqual([]);
  });

  test('tenure starts when the newcomer first appears in a snapshot, if that is earlier than their first publish', () => {
    const versions = [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), publisher: alice, maintainers: ['alice'] }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(60), publisher: alice, maintainers: ['alice', 'mallory'] }),
      makeVersion({ version: '1.2.0', publishedAt: daysAgo(3), publisher: mallory, maintainers: ['alice', 'mallory'] }),
    ];
    expect(evaluate(versions, '1.2.0')).toEqual([
      expect.objectContaining({ publisher: 'mallory', firstSeenAt: daysAgo(60), eligibleAt: daysAgo(60) + days(90) }),
    ]);
  });

  test('a long-standing co-maintainer publishing for the first time is not new', () => {
    const versions = [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(1000), publisher: alice, maintainers: ['alice', 'bob'] }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(300), publisher: alice, maintainers: ['alice', 'bob'] }),
      makeVersion({ version: '1.2.0', publishedAt: daysAgo(2), publisher: bob, maintainers: ['alice', 'bob'] }),
    ];
    expect(evaluate(versions, '1.2.0')).toEqual([]);
  });

  test('the first publisher of a brand-new package is never new', () => {
    const versions = [
      makeVersion({ version: '0.1.0', publishedAt: daysAgo(10), publisher: alice }),
      makeVersion({ version: '0.1.1', publishedAt: daysAgo(2), publisher: alice }),
    ];
    expect(evaluate(versions, '0.1.0')).toEqual([]);
    expect(evaluate(versions, '0.1.1')).toEqual([]);
  });

  test('a publisher who joined before the window is not new', () => {
    const versions = [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), publisher: alice, maintainers: ['alice'] }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(91), publisher: mallory, maintainers: ['alice', 'mallory'] }),
      makeVersion({ version: '1.2.0', publishedAt: daysAgo(1), publisher: mallory, maintainers: ['alice', 'mallory'] }),
    ];
    expect(evaluate(versions, '1.2.0')).toEqual([]);
  });

  describe('a move to trusted publishing', () => {
    function moveHistory(lockedMaintainers: string[] | null, beforeMaintainers: string[] | null = ['alice', 'bob']) {
      return [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(500), publisher: alice, maintainers: ['alice'] }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(100), publisher: bob, maintainers: beforeMaintainers }),
        makeVersion({ version: '2.0.0', publishedAt: daysAgo(10), publisher: trustedPublisher(), maintainers: lockedMaintainers }),
      ];
    }

    test('with unchanged maintainers is not new', () => {
      expect(evaluate(moveHistory(['alice', 'bob']), '2.0.0')).toEqual([]);
    });

    test('that drops a maintainer is not new (nobody was added)', () => {
      expect(evaluate(moveHistory(['alice']), '2.0.0')).toEqual([]);
    });

    test('that adds a human is new', () => {
      expect(evaluate(moveHistory(['alice', 'bob', 'mallory']), '2.0.0')).toEqual([
        expect.objectContaining({
          publisher: 'trusted:github',
          firstSeenAt: daysAgo(10),
          previousPublishers: ['alice', 'bob'],
          unverified: false,
          eligibleAt: daysAgo(10) + days(90),
        }),
      ]);
    });

    test('fails closed when the locked snapshot is unknown', () => {
      expect(evaluate(moveHistory(null), '2.0.0')).toEqual([expect.objectContaining({ severity: 'block', unverified: true })]);
    });

    test('fails closed when the snapshot before the move is unknown', () => {
      expect(evaluate(moveHistory(['alice', 'bob'], null), '2.0.0')).toEqual([expect.objectContaining({ unverified: true })]);
    });

    test('a package published through trusted publishing from the start is not new', () => {
      const versions = [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(20), publisher: trustedPublisher(), maintainers: null }),
        makeVersion({ version: '1.0.1', publishedAt: daysAgo(2), publisher: trustedPublisher(), maintainers: null }),
      ];
      expect(evaluate(versions, '1.0.1')).toEqual([]);
    });
  });

  describe('a version without publisher data', () => {
    test('is flagged as unknown when other versions have publishers', () => {
      const versions = [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: alice }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(4), publisher: null }),
      ];
      expect(evaluate(versions, '1.1.0')).toMatchObject([
        {
          rule: 'new-publisher',
          severity: 'block',
          publisher: UNKNOWN_PUBLISHER,
          firstSeenAt: daysAgo(4),
          previousPublishers: ['alice'],
          window: days(90),
          unverified: true,
          eligibleAt: daysAgo(4) + days(90),
        },
      ]);
    });

    test('is not flagged when it is older than the window', () => {
      const versions = [
        makeVersion({ version: '0.0.1', publishedAt: daysAgo(3000), publisher: null }),
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: alice }),
      ];
      expect(evaluate(versions, '0.0.1')).toEqual([]);
    });

    test('is not flagged when the registry records no publishers at all', () => {
      const versions = [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: null }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(4), publisher: null }),
      ];
      expect(evaluate(versions, '1.1.0')).toEqual([]);
    });
  });

  test('the configured severity is used', () => {
    const findings = newPublisherRule.evaluate(ruleContextFor(takeoverHistory(), '1.3.0'), { ...params, severity: 'warn' });
    expect(findings).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });
});
