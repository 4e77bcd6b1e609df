import type { VersionRecord } from '../../src/model/types.js';
import { trustDowngradeRule } from '../../src/rules/trust-downgrade.js';
import { accountPublisher, days, daysAgo, makeHistory, makeVersion, trustedPublisher } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';

const params = { severity: 'block', hold: days(30) } as const;

type Level = 'none' | 'provenance' | 'trusted';

function release(version: string, level: Level, ageDays: number | null): VersionRecord {
  return makeVersion({
    version,
    publishedAt: ageDays === null ? null : daysAgo(ageDays),
    publisher: level === 'trusted' ? trustedPublisher() : accountPublisher('alice'),
    provenance: level !== 'none',
  });
}

function evaluate(versions: VersionRecord[], locked: string) {
  return trustDowngradeRule.evaluate(ruleContextFor(makeHistory({ versions }), locked), params);
}

describe('trust-downgrade', () => {
  test('a release without the trust its line had is reported against the newest evidence', () => {
    const versions = [release('2.0.0', 'provenance', 60), release('2.1.0', 'trusted', 40), release('2.1.1', 'trusted', 20), release('2.2.0', 'none', 1)];
    expect(evaluate(versions, '2.2.0')).toEqual([
      {
        rule: 'trust-downgrade',
        severity: 'block',
        eligibleAt: daysAgo(1) + days(30),
        line: '2',
        expected: 'trusted-publisher',
        actual: 'none',
        evidenceVersion: '2.1.1',
      },
    ]);
  });

  test('provenance without trusted publishing is a downgrade from trusted publishing', () => {
    const versions = [release('2.1.0', 'trusted', 40), release('2.2.0', 'provenance', 1)];
    expect(evaluate(versions, '2.2.0')).toEqual([expect.objectContaining({ expected: 'trusted-publisher', actual: 'provenance' })]);
  });

  test('an old maintenance line without provenance is not a downgrade because a newer major has it', () => {
    const versions = [release('1.9.4', 'none', 500), release('3.0.0', 'trusted', 100), release('3.1.0', 'trusted', 30), release('1.9.5', 'none', 1)];
    expect(evaluate(versions, '1.9.5')).toEqual([]);
  });

  test('0.x minors are separate lines', () => {
    const versions = [release('0.4.0', 'provenance', 50), release('0.5.0', 'none', 10), release('0.4.1', 'none', 1)];
    expect(evaluate(versions, '0.5.0')).toEqual([]);
    expect(evaluate(versions, '0.4.1')).toEqual([expect.objectContaining({ line: '0.4', evidenceVersion: '0.4.0' })]);
  });

  test('only earlier versions count', () => {
    const versions = [release('2.0.0', 'none', 30), release('2.1.0', 'trusted', 10)];
    expect(evaluate(versions, '2.0.0')).toEqual([]);
  });

  test('more trust, or the same, is not a downgrade', () => {
    const versions = [release('2.0.0', 'none', 30), release('2.1.0', 'provenance', 20), release('2.2.0', 'provenance', 1)];
    expect(evaluate(versions, '2.1.0')).toEqual([]);
    expect(evaluate(versions, '2.2.0')).toEqual([]);
  });

  test('versions with unknown publish times are not compared', () => {
    expect(evaluate([release('2.1.0', 'trusted', null), release('2.2.0', 'none', 1)], '2.2.0')).toEqual([]);
    expect(evaluate([release('2.1.0', 'trusted', 10), release('2.2.0', 'none', null)], '2.2.0')).toEqual([]);
  });

  test('lapses `hold` after the release was published: a slow lane, not a ban', () => {
    const versions = [release('2.1.0', 'trusted', 60), release('2.2.0', 'none', 29)];
    expect(evaluate(versions, '2.2.0')).toEqual([expect.objectContaining({ eligibleAt: daysAgo(29) + days(30) })]);
    const lapsed = [release('2.1.0', 'trusted', 60), release('2.2.0', 'none', 30)];
    expect(evaluate(lapsed, '2.2.0')).toEqual([]);
  });

  test('staged publishing ranks with trusted publishing, with or without provenance', () => {
    const staged = (version: string, ageDays: number, provenance: boolean) =>
      makeVersion({ version, publishedAt: daysAgo(ageDays), publisher: accountPublisher('alice', 'alice'), provenance });
    // trusted -> staged (provenance lost to npm/cli#9397): no downgrade.
    expect(evaluate([release('2.1.0', 'trusted', 40), staged('2.2.0', 1, false)], '2.2.0')).toEqual([]);
    // staged -> trusted: no downgrade either.
    expect(evaluate([staged('2.1.0', 40, false), release('2.2.0', 'trusted', 1)], '2.2.0')).toEqual([]);
    // staged -> a plain token publish: a downgrade.
    expect(evaluate([staged('2.1.0', 40, false), release('2.2.0', 'none', 1)], '2.2.0')).toEqual([
      expect.objectContaining({ expected: 'staged', actual: 'none', evidenceVersion: '2.1.0' }),
    ]);
  });
});
