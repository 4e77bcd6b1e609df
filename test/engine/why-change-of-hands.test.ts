/**
 * `why` on a change of hands: which signals fired, which discounts spoke and why, and when the
 * finding lapses; and for a newcomer the signals let through, what was weighed (issue 14).
 */
import { explainPackage } from '../../src/engine/why.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { ReleaseHistory } from '../../src/model/types.js';
import { formatWhyText } from '../../src/report/why-text.js';
import { whyReportToJson } from '../../src/report/why-json.js';
import { createStyle } from '../../src/report/style.js';
import { accountPublisher, days, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

function sourceOf(histories: ReleaseHistory[]): HistorySource {
  return {
    async fetchHistory(name: string): Promise<HistoryResult> {
      const history = histories.find((entry) => entry.name === name);
      return history ? found(history) : notFound(name);
    },
  };
}

const policy = makePolicy({ 'new-publisher': { alone: 'off' }, 'release-age': { severity: 'off' }, 'lockfile-binding': { severity: 'off' } });
// dave takes `moved` over from alice (the old hands gone: 2 points)...
const moved = makeHistory({
  name: 'moved',
  versions: [
    makeVersion({ version: '1.0.0', publishedAt: daysAgo(200), publisher: accountPublisher('alice'), maintainers: ['alice'] }),
    makeVersion({ version: '1.0.1', publishedAt: daysAgo(20), publisher: accountPublisher('dave'), maintainers: ['dave'] }),
  ],
});
// ...while he has published two other packages of the project since 2019.
const neighbours = ['left', 'right'].map((name, i) => makeHistory({
  name,
  versions: [makeVersion({ version: '1.0.0', publishedAt: Date.parse(`2019-0${i + 3}-01T00:00:00Z`), publisher: accountPublisher('dave'), maintainers: ['dave'] })],
}));
const locked = [makeLockedPackage({ name: 'moved', version: '1.0.1' }), ...neighbours.map((h) => makeLockedPackage({ name: h.name, version: '1.0.0' }))];

async function why(histories: ReleaseHistory[]) {
  const core = await explainPackage({ name: 'moved', locked, source: sourceOf(histories), policy, now: NOW });
  return { ...core, now: NOW, lockfiles: [], policySource: 'test', minReleaseAge: days(7) };
}

test('a handover to an account established in the project: no finding, and why says what was weighed', async () => {
  const report = await why([moved, ...neighbours]);
  const [entry] = report.versions;
  expect(entry?.findings).toEqual([]);
  expect(entry?.quietChangeOfHands).toMatchObject({ severity: 'off', score: 0, publisher: 'dave' });
  const text = formatWhyText(report, createStyle(false));
  expect(text).toContain('  note new-publisher (no finding: score 0, below 2): published by dave');
  expect(text).toContain('    signal (strong, 2 points): previous publishers gone: alice no longer maintains it or publishes since');
  expect(text).toContain('    discounted: publishes 2 other packages in this project since 2019 (left, right): 2 points off');
  const json = JSON.parse(JSON.stringify(whyReportToJson(report))) as { versions: Array<{ quietChangeOfHands: { discounts: Array<{ since: string }> } }> };
  expect(json.versions[0]?.quietChangeOfHands.discounts[0]?.since).toBe('2019-03-01T00:00:00.000Z');
});

test('the same handover by a stranger warns, with its signals and the instant it lapses', async () => {
  const report = await why([moved]);
  const [entry] = report.versions;
  expect(entry?.quietChangeOfHands).toBeNull();
  const text = formatWhyText(report, createStyle(false));
  expect(text).toContain('  warn new-publisher: published by dave');
  expect(text).toContain('    score 2 (4 blocks, 2 warns; a handover counts once)');
  expect(text).toContain(`    lapses ${new Date(daysAgo(20) + days(90)).toISOString().slice(0, 16).replace('T', ' ')} UTC (in 2 months)`);
});
