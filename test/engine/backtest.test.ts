import { holdStats, replayDay, runBacktestReplay, signalOf } from '../../src/engine/backtest.js';
import { judgeRelease, type ProjectView } from '../../src/engine/replay.js';
import type { Finding, ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, DAY, days, daysAgo, makeHistory, makeVersion, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

const policy = makePolicy({ 'install-script': { severity: 'warn' } });

// quiet: alice alone, three releases in the last year, nothing but their age to say.
const quiet = makeHistory({
  name: 'quiet',
  versions: [
    makeVersion({ version: '1.0.0', publishedAt: daysAgo(900) }),
    makeVersion({ version: '1.1.0', publishedAt: daysAgo(300) }),
    makeVersion({ version: '1.2.0', publishedAt: daysAgo(100) }),
  ],
});
// taken: alice for years; bob joined the snapshots 200 days ago and published 40 days later.
const taken = makeHistory({
  name: 'taken',
  versions: [
    makeVersion({ version: '2.0.0', publishedAt: daysAgo(800) }),
    makeVersion({ version: '2.1.0', publishedAt: daysAgo(200), maintainers: ['alice', 'bob'] }),
    makeVersion({ version: '2.2.0', publishedAt: daysAgo(160), publisher: accountPublisher('bob'), maintainers: ['alice', 'bob'] }),
    makeVersion({ version: '2.3.0', publishedAt: daysAgo(20), installScripts: ['postinstall'], maintainers: ['alice', 'bob'] }),
  ],
});
const histories = new Map<string, ReleaseHistory>([['quiet', quiet], ['taken', taken]]);

describe('runBacktestReplay', () => {
  const result = runBacktestReplay({ histories, policy, since: daysAgo(365), until: NOW, notFound: ['ghost'] });

  test('judges every release of the period a day after its publish time', () => {
    expect(result).toMatchObject({ packages: 2, releases: 5, untimed: 0, notFound: ['ghost'], since: daysAgo(365), until: NOW, delay: DAY });
    // release-age holds every release judged a day after publish.
    expect(result.blocked).toBe(5);
    expect(result.holds).toEqual({ median: days(7), max: days(50), endless: 0 });
  });

  test('counts per rule and signal, with holds from the publish time', () => {
    expect(result.groups).toEqual([
      { rule: 'release-age', signal: null, part: 'finding', changeOfHands: false, blocked: 5, warned: 0, holds: { median: days(7), max: days(7), endless: 0 } },
      // bob's tenure starts with 2.1.0's snapshot (200 days ago): 2.2.0 is held until 110 days ago.
      { rule: 'new-publisher', signal: null, part: 'finding', changeOfHands: true, blocked: 1, warned: 0, holds: { median: days(50), max: days(50), endless: 0 } },
      // The evidence it carried (the test policy blocks every newcomer: alice stayed, the owners grew).
      { rule: 'new-publisher', signal: 'owners-grew', part: 'discount', changeOfHands: true, blocked: 1, warned: 0, holds: { median: days(50), max: days(50), endless: 0 } },
      { rule: 'new-publisher', signal: 'previous-publishers-stay', part: 'discount', changeOfHands: true, blocked: 1, warned: 0, holds: { median: days(50), max: days(50), endless: 0 } },
      // 2.1.0 adds bob to the snapshot of 2.0.0; 2.2.0 is bob's own, judged by new-publisher alone (issue 14).
      { rule: 'maintainer-change', signal: 'added', part: 'finding', changeOfHands: true, blocked: 0, warned: 1, holds: { median: null, max: null, endless: 0 } },
      { rule: 'install-script', signal: null, part: 'finding', changeOfHands: false, blocked: 0, warned: 1, holds: { median: null, max: null, endless: 0 } },
    ]);
    expect(result.changeOfHandsBlocked).toBe(1);
    expect(result.changeOfHandsWarned).toBe(1);
  });

  test('lists every change-of-hands finding with the release and the instant it was judged at', () => {
    expect(result.alerts.map((alert) => [`${alert.name}@${alert.version}`, alert.finding.rule, alert.severity, alert.judgedAt])).toEqual([
      ['taken@2.1.0', 'maintainer-change', 'warn', daysAgo(199)],
      ['taken@2.2.0', 'new-publisher', 'block', daysAgo(159)],
    ]);
  });

  test('only releases published since `since`; a release younger than the delay is judged at `until`', () => {
    const judged: string[] = [];
    const judge: typeof judgeRelease = (release, project, p, registry) => {
      judged.push(`${release.name}@${release.version} ${project.instant - NOW}`);
      return judgeRelease(release, project, p, registry);
    };
    const recent = runBacktestReplay({ histories, policy, since: daysAgo(150), until: daysAgo(20) + DAY / 2, judge });
    expect(recent.releases).toBe(2);
    expect(judged).toEqual([`quiet@1.2.0 ${-days(99)}`, `taken@2.3.0 ${-days(20) + DAY / 2}`]);
    expect(recent.alerts).toEqual([]);
  });

  test('each release is judged with every history of the project cut at the same instant', () => {
    const seen: ProjectView[] = [];
    const judge: typeof judgeRelease = (release, project, p, registry) => {
      if (release.name === 'taken' && release.version === '2.2.0') seen.push(project);
      return judgeRelease(release, project, p, registry);
    };
    runBacktestReplay({ histories, policy, since: daysAgo(170), until: NOW, judge });
    const [project] = seen;
    expect(project?.instant).toBe(daysAgo(159));
    expect(project?.names).toEqual(['quiet', 'taken']);
    expect(project?.historyOf('quiet')?.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(project?.historyOf('taken')?.versions.map((v) => v.version)).toEqual(['2.0.0', '2.1.0', '2.2.0']);
  });
});

describe('runBacktestReplay: signals and discounts a finding carries', () => {
  // A finding shaped like issue 14's new-publisher: the signals that fired and the discounts applied.
  const withSignals = (severity: 'block' | 'warn', signals: string[], discounts: string[], eligibleAt: number) => ({
    rule: 'new-publisher', severity, eligibleAt, publisher: 'bob', firstSeenAt: 0, previousPublishers: ['alice'], window: days(90), unverified: false,
    signals: signals.map((signal) => ({ signal, points: 1 })), discounts: discounts.map((discount) => ({ discount })),
  }) as unknown as Finding;

  test('break the rule down: a release counts under every signal and discount its finding carried', () => {
    const judge: typeof judgeRelease = (release, project, p, registry) => {
      const verdict = judgeRelease(release, project, p, registry);
      const extra = release.version === '2.2.0'
        ? withSignals('block', ['owners-replaced', 'new-dependency', 'new-dependency'], [], project.instant + days(30))
        : release.version === '2.3.0'
          ? withSignals('warn', ['new-dependency'], ['publishes-in-project'], project.instant)
          : null;
      if (extra === null) return verdict;
      return { ...verdict, findings: [...verdict.findings.filter((f) => f.rule !== 'new-publisher'), extra] };
    };
    const result = runBacktestReplay({ histories: new Map([['taken', taken]]), policy, since: daysAgo(170), until: NOW, judge });
    const rows = result.groups.filter((g) => g.rule === 'new-publisher').map((g) => [g.part, g.signal, g.blocked, g.warned, g.holds.max]);
    expect(rows).toEqual([
      ['finding', null, 1, 1, days(31)],
      ['signal', 'new-dependency', 1, 1, days(31)],
      ['signal', 'owners-replaced', 1, 0, days(31)],
      ['discount', 'publishes-in-project', 0, 1, null],
    ]);
  });
});

describe('replayDay', () => {
  test('locks every package that existed at its latest then and judges it that day', () => {
    const verdicts = replayDay(histories, daysAgo(150), policy);
    expect(verdicts.map(({ name, version, verdict }) => [name, version, verdict.verdict])).toEqual([
      ['quiet', '1.1.0', 'allow'],
      ['taken', '2.2.0', 'block'],
    ]);
    expect(replayDay(histories, daysAgo(950), policy).map(({ name }) => name)).toEqual([]);
  });
});

describe('holdStats and signalOf', () => {
  test('median of the holds that end, and how many do not', () => {
    expect(holdStats([3, null, 1, 2])).toEqual({ median: 2, max: 3, endless: 1 });
    expect(holdStats([4, 1])).toEqual({ median: 2.5, max: 4, endless: 0 });
    expect(holdStats([null])).toEqual({ median: null, max: null, endless: 1 });
  });

  test('a signal id wins over a kind', () => {
    expect(signalOf({ rule: 'maintainer-change', severity: 'warn', eligibleAt: null, kind: 'added', added: [], removed: [], baselineVersion: null })).toBe('added');
    const withSignal = { rule: 'new-publisher', severity: 'block', eligibleAt: null, signal: 'known-elsewhere', kind: 'x' } as never;
    expect(signalOf(withSignal)).toBe('known-elsewhere');
  });
});
