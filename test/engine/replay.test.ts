import { evaluatePackage } from '../../src/engine/evaluate.js';
import { historyAsOf } from '../../src/engine/history-as-of.js';
import { judgeRelease, judgeReleaseAlone, projectAsOf } from '../../src/engine/replay.js';
import { accountPublisher, DAY, daysAgo, found, makeHistory, makeLockedPackage, makeUnpublishedVersion, makeVersion } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

const policy = makePolicy({ 'install-script': { severity: 'warn' } });

// alice published for years; bob took over 200 days ago and published 1.1.0 at once.
const takeover = makeHistory({
  name: 'pkg',
  versions: [
    makeVersion({ version: '1.0.0', publishedAt: daysAgo(700) }),
    makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), publisher: accountPublisher('bob'), maintainers: ['bob'] }),
    makeVersion({ version: '1.2.0', publishedAt: daysAgo(50), publisher: accountPublisher('bob'), maintainers: ['bob'] }),
  ],
});

const rules = (verdict: { findings: { rule: string }[] }) => verdict.findings.map((f) => f.rule);

describe('judgeRelease', () => {
  test('judges a release as the gate would have a day after it was published', () => {
    const then = judgeReleaseAlone(takeover, '1.1.0', daysAgo(199), policy);
    expect(then.verdict).toBe('block');
    // maintainer-change leaves bob's own release to new-publisher (issue 14).
    expect(rules(then)).toEqual(['release-age', 'new-publisher']);
    // Today the same release is old news: the cut is what makes the replay differ.
    expect(judgeReleaseAlone(takeover, '1.1.0', daysAgo(0), policy).verdict).toBe('allow');
  });

  test("the project's publisher index reaches the judge: an account established in the project is discounted", () => {
    const defaults = makePolicy({ 'new-publisher': { alone: 'off' }, 'release-age': { severity: 'off' } });
    // alice released 100 days before bob took over (no dormancy); bob has published `neighbour`
    // for years, so the handover scores 2 - 2 = 0.
    const handover = makeHistory({
      name: 'pkg',
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), publisher: accountPublisher('bob'), maintainers: ['bob'] }),
      ],
    });
    const neighbour = makeHistory({ name: 'neighbour', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(1500), publisher: accountPublisher('bob'), maintainers: ['bob'] })] });
    const withNeighbour = projectAsOf(new Map([['pkg', handover], ['neighbour', neighbour]]), daysAgo(199));
    expect(judgeRelease({ name: 'pkg', version: '1.1.0' }, withNeighbour, defaults).findings).toEqual([]);
    // Alone, the same handover warns.
    expect(judgeReleaseAlone(handover, '1.1.0', daysAgo(199), defaults).findings).toEqual([expect.objectContaining({ rule: 'new-publisher', severity: 'warn' })]);
  });

  test('owners added since are not seen then (no pending owners leak back in time)', () => {
    const ownedToday = { ...takeover, maintainers: ['bob', 'mallory'], modified: daysAgo(5) };
    const uncut = evaluatePackage(makeLockedPackage({ version: '1.2.0' }), found(ownedToday), policy, daysAgo(49));
    expect(uncut.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'maintainer-change', kind: 'pending' })]));
    expect(rules(judgeReleaseAlone(ownedToday, '1.2.0', daysAgo(49), policy))).toEqual(['release-age']);
  });

  test('gives exactly what evaluatePackage gives on the history as of that instant', () => {
    const at = daysAgo(49);
    const replayed = judgeReleaseAlone(takeover, '1.2.0', at, policy);
    const direct = evaluatePackage(makeLockedPackage({ version: '1.2.0', resolved: null, paths: [['pkg@1.2.0']] }), found(historyAsOf(takeover, at)), policy, at);
    expect(replayed).toEqual(direct);
  });

  test('a release not published yet at the instant is missing, and a package not created yet is unknown', () => {
    expect(rules(judgeReleaseAlone(takeover, '1.2.0', daysAgo(100), policy))).toEqual(['missing-version']);
    const project = projectAsOf(new Map([['pkg', takeover]]), daysAgo(800));
    const verdict = judgeRelease({ name: 'pkg', version: '1.0.0' }, project, policy, 'https://r.example/');
    expect(verdict.findings).toEqual([expect.objectContaining({ rule: 'missing-version', kind: 'package', registry: 'https://r.example/' })]);
  });

  test('a release unpublished hours later is judged as served: its publisher unknown', () => {
    const incident = makeHistory({
      versions: [
        makeVersion({ version: '3.7.1', publishedAt: daysAgo(500) }),
        makeUnpublishedVersion('3.7.2', daysAgo(100)),
        makeVersion({ version: '3.7.3', publishedAt: daysAgo(100) + DAY / 4 }),
      ],
    });
    const verdict = judgeReleaseAlone(incident, '3.7.2', daysAgo(99), policy);
    expect(verdict.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'new-publisher', publisher: '(unknown)' })]));
  });
});

describe('projectAsOf', () => {
  test('every history of the project, cut at the same instant, once', () => {
    const other = makeHistory({ name: 'other', versions: [makeVersion({ version: '0.1.0', publishedAt: daysAgo(10) })] });
    const view = projectAsOf(new Map([['pkg', takeover], ['other', other]]), daysAgo(100));
    expect(view.names).toEqual(['other', 'pkg']);
    expect(view.historyOf('other')).toBeNull();
    expect(view.historyOf('pkg')?.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(view.historyOf('pkg')).toBe(view.historyOf('pkg'));
    expect(view.historyOf('absent')).toBeNull();
  });
});
