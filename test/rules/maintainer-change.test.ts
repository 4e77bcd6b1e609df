import type { RulePolicies } from '../../src/model/policy.js';
import type { ReleaseHistory } from '../../src/model/types.js';
import { maintainerChangeRule } from '../../src/rules/maintainer-change.js';
import { accountPublisher, days, daysAgo, makeHistory, makeVersion, NOW } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';
import { takeoverHistory } from '../support/scenarios.js';

const params: RulePolicies['maintainer-change'] = { severity: 'block', addedSeverity: 'warn', window: days(90) };

function evaluate(history: ReleaseHistory, locked: string, now = NOW, overrides: Partial<typeof params> = {}) {
  return maintainerChangeRule.evaluate(ruleContextFor(history, locked, now), { ...params, ...overrides });
}

/**
 * takeoverHistory's maintainer lists, but every release published by alice, an old hand: the
 * lists change under an existing publisher, which is this rule's business. (When the newcomer
 * publishes, new-publisher judges the change; see the last test.)
 */
function listsChangedUnderAlice(): ReleaseHistory {
  const history = takeoverHistory();
  return { ...history, versions: history.versions.map((v) => ({ ...v, publisher: accountPublisher('alice') })) };
}

describe('maintainer-change', () => {
  test("a newcomer's release is left to new-publisher (one handover is not counted twice)", () => {
    expect(evaluate(takeoverHistory(), '1.3.0')).toEqual([]);
    expect(evaluate(takeoverHistory(), '1.2.0')).toEqual([]);
  });

  test('every earlier maintainer gone is a replacement', () => {
    expect(evaluate(listsChangedUnderAlice(), '1.3.0')).toEqual([
      {
        rule: 'maintainer-change',
        severity: 'block',
        kind: 'replaced',
        added: ['mallory'],
        removed: ['alice'],
        baselineVersion: '1.1.0',
        // Lapses when 1.2.0 (which already lists mallory) becomes the baseline.
        eligibleAt: daysAgo(30) + days(90),
      },
    ]);
  });

  test('a newly added account is reported with addedSeverity', () => {
    expect(evaluate(listsChangedUnderAlice(), '1.2.0')).toEqual([
      {
        rule: 'maintainer-change',
        severity: 'warn',
        kind: 'added',
        added: ['mallory'],
        removed: [],
        baselineVersion: '1.1.0',
        eligibleAt: daysAgo(30) + days(90),
      },
    ]);
  });

  test('the change is old news once the baseline moves past it', () => {
    // The baseline is the latest version before now - window: once 1.2.0 (which already
    // lists mallory) becomes the baseline, 1.3.0 no longer adds anyone.
    const history = listsChangedUnderAlice();
    const mallorysFirstReleaseLeavesWindow = daysAgo(30) + days(90);
    expect(evaluate(history, '1.3.0', mallorysFirstReleaseLeavesWindow - 1)).toEqual([
      expect.objectContaining({ kind: 'replaced', eligibleAt: mallorysFirstReleaseLeavesWindow }),
    ]);
    expect(evaluate(history, '1.3.0', mallorysFirstReleaseLeavesWindow)).toEqual([]);
  });

  test('nothing is reported once the locked version is older than the window', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), maintainers: ['alice'] }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), maintainers: ['mallory'] }),
      ],
    });
    expect(evaluate(history, '1.1.0', daysAgo(200) + days(90) - 1)).toEqual([expect.objectContaining({ kind: 'replaced' })]);
    expect(evaluate(history, '1.1.0', daysAgo(200) + days(90))).toEqual([]);
  });

  test('the baseline is the latest version before the window, not the previous version', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), maintainers: ['alice'] }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(50), maintainers: ['alice', 'mallory'] }),
        makeVersion({ version: '1.2.0', publishedAt: daysAgo(5), maintainers: ['alice', 'mallory'] }),
      ],
    });
    expect(evaluate(history, '1.2.0')).toEqual([expect.objectContaining({ kind: 'added', baselineVersion: '1.0.0' })]);
  });

  test('a package younger than the window is compared with its first version', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '0.1.0', publishedAt: daysAgo(60), maintainers: ['alice'] }),
        makeVersion({ version: '0.2.0', publishedAt: daysAgo(30), maintainers: ['alice'] }),
        makeVersion({ version: '0.3.0', publishedAt: daysAgo(5), maintainers: ['alice', 'mallory'] }),
      ],
    });
    expect(evaluate(history, '0.3.0')).toEqual([expect.objectContaining({ kind: 'added', baselineVersion: '0.1.0' })]);
    expect(evaluate(history, '0.1.0')).toEqual([]);
  });

  test('a long-standing co-maintainer in the baseline produces nothing', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(700), maintainers: ['alice', 'bob'] }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(3), maintainers: ['alice', 'bob'] }),
      ],
    });
    expect(evaluate(history, '1.1.0')).toEqual([]);
  });

  test('unknown snapshots are skipped', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(700), maintainers: null }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(3), maintainers: ['mallory'] }),
      ],
    });
    expect(evaluate(history, '1.1.0')).toEqual([]);
  });

  test('addedSeverity off silences additions but not replacements', () => {
    const history = listsChangedUnderAlice();
    expect(evaluate(history, '1.2.0', NOW, { addedSeverity: 'off' })).toEqual([]);
    expect(evaluate(history, '1.3.0', NOW, { addedSeverity: 'off' })).toEqual([expect.objectContaining({ kind: 'replaced' })]);
  });

  describe('pending owners', () => {
    const versions = [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(700), maintainers: ['alice'] }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(400), maintainers: ['alice', 'bob'] }),
    ];

    test('an owner who is in no snapshot yet is reported, whatever the locked version', () => {
      const history = makeHistory({ versions, maintainers: ['alice', 'bob', 'mallory'] });
      const expected = {
        rule: 'maintainer-change',
        severity: 'warn',
        kind: 'pending',
        added: ['mallory'],
        removed: [],
        baselineVersion: null,
        eligibleAt: null,
      };
      expect(evaluate(history, '1.1.0')).toEqual([expected]);
      expect(evaluate(history, '1.0.0')).toEqual([expected]);
    });

    test('addedSeverity off silences pending owners', () => {
      const history = makeHistory({ versions, maintainers: ['alice', 'bob', 'mallory'] });
      expect(evaluate(history, '1.1.0', NOW, { addedSeverity: 'off' })).toEqual([]);
    });

    test('owners that appear in an older snapshot are not pending', () => {
      const history = makeHistory({ versions, maintainers: ['bob'] });
      expect(evaluate(history, '1.1.0')).toEqual([]);
    });

    test('nothing is said when the registry gives no snapshots', () => {
      const noSnapshots = versions.map((v) => ({ ...v, maintainers: null }));
      const history = makeHistory({ versions: noSnapshots, maintainers: ['alice', 'mallory'] });
      expect(evaluate(history, '1.1.0')).toEqual([]);
    });
  });
});
