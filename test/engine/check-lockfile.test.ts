import { checkLockfile } from '../../src/engine/check-lockfile.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, days, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW } from '../support/history.js';
import { makeOverride, makePolicy } from '../support/policy.js';

function sourceOf(histories: ReleaseHistory[]): HistorySource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetchHistory(name: string): Promise<HistoryResult> {
      calls.push(name);
      const history = histories.find((entry) => entry.name === name);
      return history ? found(history) : notFound(name);
    },
  };
}

const policy = makePolicy({ 'install-script': { severity: 'warn' }, 'non-registry-source': { severity: 'warn' } });

describe('checkLockfile', () => {
  const lib = makeHistory({
    name: 'lib',
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(100) }),
      makeVersion({ version: '1.2.0', publishedAt: daysAgo(1) }),
    ],
  });

  test('fetches each name once, evaluates every locked version, suggests for blocked ones', async () => {
    const source = sourceOf([lib]);
    const progress: Array<[number, number]> = [];
    const result = await checkLockfile(
      [
        makeLockedPackage({ name: 'lib', version: '1.2.0', requestedRanges: ['^1.0.0'] }),
        makeLockedPackage({ name: 'lib', version: '1.0.0' }),
        makeLockedPackage({ name: 'gone', version: '2.0.0' }),
        makeLockedPackage({ name: 'forked', version: '0.1.0', source: 'git', resolved: 'git+https://example.com/forked.git' }),
      ],
      { source, policy, now: NOW, onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(source.calls.sort()).toEqual(['gone', 'lib']);
    expect(progress.map(([, total]) => total)).toEqual([2, 2]);
    expect(progress.map(([done]) => done).sort()).toEqual([1, 2]);
    expect(result.packages.map((entry) => [`${entry.name}@${entry.version}`, entry.verdict])).toEqual([
      ['forked@0.1.0', 'warn'],
      ['gone@2.0.0', 'block'],
      ['lib@1.0.0', 'allow'],
      ['lib@1.2.0', 'block'],
    ]);
    const young = result.packages.find((entry) => entry.version === '1.2.0');
    expect(young?.suggestion).toEqual({ inRange: '1.1.0', anyRange: '1.1.0' });
    expect(young?.eligibleAt).toBe(daysAgo(1) + days(7));
    expect(result.packages.find((entry) => entry.version === '1.0.0')?.suggestion).toBeNull();
    expect(result.packages.find((entry) => entry.name === 'gone')?.findings.map((f) => f.rule)).toEqual(['missing-version']);
    expect(result.dataGaps).toEqual([]);
  });

  test('a registry without publisher or maintainer data is reported as a gap, not silently passed', async () => {
    const bare = makeHistory({
      name: 'bare',
      registry: 'https://npm.internal.example/',
      maintainers: null,
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(30), publisher: null, maintainers: null })],
    });
    const result = await checkLockfile([makeLockedPackage({ name: 'bare', version: '1.0.0' })], { source: sourceOf([bare]), policy, now: NOW });
    expect(result.dataGaps).toEqual([{
      registry: 'https://npm.internal.example/',
      looked: 1,
      missing: [
        { fact: 'publishers', packages: ['bare'], rules: ['new-publisher'] },
        { fact: 'accounts', packages: ['bare'], rules: ['maintainer-change'] },
      ],
      missingFacts: 'fail',
      historyFrom: null,
      notOnHistory: [],
    }]);
  });

  test('a gap for a rule that is off, globally or by an override for that registry, is not reported', async () => {
    const bare = makeHistory({
      name: 'bare',
      registry: 'https://npm.internal.example/',
      maintainers: null,
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(30), publisher: null, maintainers: null })],
    });
    const locked = [makeLockedPackage({ name: 'bare', version: '1.0.0' })];
    const off = makePolicy({ 'new-publisher': { severity: 'off' }, 'maintainer-change': { severity: 'off' } });
    expect((await checkLockfile(locked, { source: sourceOf([bare]), policy: off, now: NOW })).dataGaps).toEqual([]);
    const forRegistry = makePolicy({}, {
      overrides: [makeOverride({ registry: 'https://npm.internal.example/', rules: { 'new-publisher': { severity: 'off' } } })],
    });
    const gaps = (await checkLockfile(locked, { source: sourceOf([bare]), policy: forRegistry, now: NOW })).dataGaps;
    expect(gaps.map((gap) => gap.missing.map((entry) => entry.fact))).toEqual([['accounts']]);
  });

  test('a registry error is not swallowed', async () => {
    const failing: HistorySource = { fetchHistory: () => Promise.reject(new Error('registry down')) };
    await expect(checkLockfile([makeLockedPackage()], { source: failing, policy, now: NOW })).rejects.toThrow('registry down');
  });
});

describe('checkLockfile: the project-wide publisher index', () => {
  const defaults = makePolicy({ 'new-publisher': { alone: 'off' }, 'release-age': { severity: 'off' } });
  const handedOver = (name: string, newcomer: string) => makeHistory({
    name,
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(200), publisher: accountPublisher('alice'), maintainers: ['alice'] }),
      makeVersion({ version: '1.0.1', publishedAt: daysAgo(20), publisher: accountPublisher(newcomer), maintainers: [newcomer] }),
    ],
  });
  const neighbour = (name: string, publisher: string, ageDays: number) => makeHistory({
    name,
    versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(ageDays), publisher: accountPublisher(publisher), maintainers: [publisher] })],
  });

  test('a handover to an account that long publishes other packages of the project is discounted', async () => {
    const locked = [makeLockedPackage({ name: 'moved', version: '1.0.1' }), makeLockedPackage({ name: 'sibling', version: '1.0.0' })];
    const withNeighbour = await checkLockfile(locked, { source: sourceOf([handedOver('moved', 'dave'), neighbour('sibling', 'dave', 1000)]), policy: defaults, now: NOW });
    expect(withNeighbour.packages.find((p) => p.name === 'moved')?.findings).toEqual([]);
    // The same handover by a stranger warns (previous owner gone, owners replaced: 2 points).
    const stranger = await checkLockfile(locked, { source: sourceOf([handedOver('moved', 'mallory'), neighbour('sibling', 'dave', 1000)]), policy: defaults, now: NOW });
    expect(stranger.packages.find((p) => p.name === 'moved')?.findings).toEqual([
      expect.objectContaining({ rule: 'new-publisher', severity: 'warn', graphKnown: true, discounts: [] }),
    ]);
  });

  test("a young dependency is known from the other package's history, whatever order they arrive in", async () => {
    const payload = makeHistory({
      name: 'moved',
      versions: [
        ...handedOver('moved', 'mallory').versions,
        makeVersion({ version: '1.0.2', publishedAt: daysAgo(10), publisher: accountPublisher('mallory'), maintainers: ['mallory'], dependencies: ['helper'] }),
      ],
    });
    const locked = [makeLockedPackage({ name: 'moved', version: '1.0.2' }), makeLockedPackage({ name: 'helper', version: '1.0.0' })];
    const result = await checkLockfile(locked, { source: sourceOf([payload, neighbour('helper', 'mallory', 11)]), policy: defaults, now: NOW });
    expect(result.packages.find((p) => p.name === 'moved')).toMatchObject({ verdict: 'block', findings: [expect.objectContaining({ rule: 'new-publisher', severity: 'block' })] });
  });
});

describe('checkLockfile lookahead', () => {
  test('looks up at most `lookahead` packages at once (64 by default), and every one of them', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `pkg-${i}`);
    let inFlight = 0;
    let most = 0;
    const source: HistorySource = {
      async fetchHistory(name) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return found(makeHistory({ name, versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) })] }));
      },
    };
    const packages = names.map((name) => makeLockedPackage({ name, version: '1.0.0' }));
    const small = await checkLockfile(packages, { source, policy, now: NOW, lookahead: 5 });
    expect(most).toBe(5);
    expect(small.packages).toHaveLength(150);
    most = 0;
    await checkLockfile(packages, { source, policy, now: NOW });
    expect(most).toBe(64);
  });
});
