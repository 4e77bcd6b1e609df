/**
 * historyFrom: a mirror's history taken from the registry it mirrors, while what is installed
 * stays the mirror's; the two must agree on the locked version's digests.
 */
import { mergeHistory, withHistoryFrom } from '../../src/engine/history-from.js';
import { evaluatePackage } from '../../src/engine/evaluate.js';
import { remediesFor } from '../../src/engine/remedy.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, daysAgo, found, makeHistory, makeLockedPackage, makeUnpublishedVersion, makeVersion, notFound, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

const MIRROR = 'https://mirror.example.com/npm/';
const UPSTREAM = 'https://registry.npmjs.org/';
const A = 'sha512-AAAAAAAAAAAAAAAA';
const B = 'sha512-BBBBBBBBBBBBBBBB';

/** What a stripping mirror serves: its own times (when it cached them), no publishers, lists or provenance. */
function mirrorHistory(versions: Array<{ version: string; integrity?: string | null; publishedAt?: number | null }>): ReleaseHistory {
  return makeHistory({
    name: 'pkg',
    registry: MIRROR,
    maintainers: null,
    versions: versions.map((v) => makeVersion({
      version: v.version, publishedAt: v.publishedAt === undefined ? daysAgo(1) : v.publishedAt, publisher: null, maintainers: null,
      integrity: v.integrity === undefined ? A : v.integrity, tarball: `${MIRROR}pkg/-/pkg-${v.version}.tgz`, installScripts: ['postinstall'],
    })),
  });
}

function upstreamHistory(): ReleaseHistory {
  return makeHistory({
    name: 'pkg',
    registry: UPSTREAM,
    maintainers: ['alice', 'bob'],
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), publisher: accountPublisher('alice'), maintainers: ['alice'], integrity: A }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), publisher: accountPublisher('bob'), maintainers: ['alice', 'bob'], provenance: true, integrity: A }),
      makeVersion({ version: '2.0.0', publishedAt: daysAgo(2), integrity: A }),
      makeUnpublishedVersion('1.2.0', daysAgo(100)),
    ],
  });
}

describe('mergeHistory', () => {
  test("times, publishers, account lists and provenance are the history registry's; bytes, scripts and tags the mirror's", () => {
    // The mirror's own times (when it cached each version) put 1.1.0 first.
    const mirror = mirrorHistory([{ version: '1.0.0', publishedAt: daysAgo(1) }, { version: '1.1.0', publishedAt: daysAgo(5) }]);
    expect(mirror.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
    const merged = mergeHistory(mirror, upstreamHistory());
    expect(merged.registry).toBe(MIRROR);
    expect(merged.historyFrom).toEqual({ registry: UPSTREAM, status: 'found' });
    expect(merged.maintainers).toEqual(['alice', 'bob']);
    const byVersion = Object.fromEntries(merged.versions.map((v) => [v.version, v]));
    expect(byVersion['1.1.0']).toMatchObject({
      publishedAt: daysAgo(200), publisher: accountPublisher('bob'), maintainers: ['alice', 'bob'], provenance: true,
      tarball: `${MIRROR}pkg/-/pkg-1.1.0.tgz`, installScripts: ['postinstall'], integrity: A,
    });
    expect(byVersion['1.1.0']?.historyMismatch).toBeUndefined();
    // 2.0.0 only upstream: the mirror does not serve it, so it is not offered; 1.2.0 was unpublished upstream: history.
    expect(Object.keys(byVersion).sort()).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    expect(merged.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
  });

  test('a version the history registry does not have, or has with other digests, is marked', () => {
    const merged = mergeHistory(mirrorHistory([{ version: '1.0.0', integrity: B }, { version: '1.2.0' }, { version: '9.9.9' }]), upstreamHistory());
    const byVersion = Object.fromEntries(merged.versions.map((v) => [v.version, v]));
    expect(byVersion['1.0.0']?.historyMismatch).toEqual({ registry: UPSTREAM, kind: 'integrity', published: A });
    expect(byVersion['1.2.0']?.historyMismatch).toEqual({ registry: UPSTREAM, kind: 'missing', published: null });
    expect(byVersion['9.9.9']?.historyMismatch).toEqual({ registry: UPSTREAM, kind: 'missing', published: null });
  });

  test("a mirror that publishes no digest is bound by the history registry's", () => {
    const merged = mergeHistory(mirrorHistory([{ version: '1.0.0', integrity: null }]), upstreamHistory());
    expect(merged.versions.find((v) => v.version === '1.0.0')).toMatchObject({ integrity: A });
  });
});

describe('evaluating a merged history', () => {
  const policy = makePolicy();
  const lookup = (history: ReleaseHistory): HistoryResult => found(history);

  test('an old version passes on the history registry\'s time although the mirror says it is a day old', () => {
    const merged = mergeHistory(mirrorHistory([{ version: '1.0.0' }, { version: '1.1.0' }]), upstreamHistory());
    const verdict = evaluatePackage(makeLockedPackage({ version: '1.0.0', integrity: A, resolved: `${MIRROR}pkg/-/pkg-1.0.0.tgz`, copies: [] }), lookup(merged), policy, NOW);
    expect(verdict.findings).toEqual([]);
  });

  test.each([
    ['other digests upstream', [{ version: '1.0.0', integrity: B }], 'history-integrity'],
    ['not upstream', [{ version: '1.0.0' }, { version: '9.9.9', publishedAt: daysAgo(300) }], 'history-missing'],
  ] as const)('%s: lockfile-binding blocks, with no relock remedy', (_label, versions, kind) => {
    const merged = mergeHistory(mirrorHistory([...versions]), upstreamHistory());
    const version = versions.at(-1)!.version;
    const integrity = versions.at(-1)!.version === '1.0.0' ? B : A;
    const verdict = evaluatePackage(makeLockedPackage({ version, integrity, resolved: `${MIRROR}pkg/-/pkg-${version}.tgz`, copies: [] }), lookup(merged), policy, NOW);
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'lockfile-binding', kind, historyRegistry: UPSTREAM, registry: MIRROR })]));
    const pkg = makeLockedPackage({ version });
    const remedies = remediesFor({ pkg, findings: verdict.findings, eligibleAt: verdict.eligibleAt, move: null, packageManagers: ['npm'], maxExceptionDays: 90 }, NOW);
    expect(remedies.map((remedy) => remedy.kind)).toEqual(['exception']);
  });
});

describe('withHistoryFrom', () => {
  function source(answers: Record<string, HistoryResult>, calls: string[]): HistorySource {
    return {
      fetchHistory: async (name) => {
        calls.push(`own ${name}`);
        return answers[`${MIRROR} ${name}`] ?? notFound(name, MIRROR);
      },
      fetchHistoryFrom: async (name, registry) => {
        calls.push(`${registry} ${name}`);
        return answers[`${registry} ${name}`] ?? notFound(name, registry);
      },
    };
  }
  const policy = makePolicy({}, { registries: { [MIRROR]: { missingFacts: 'fail', historyFrom: UPSTREAM, cacheMaxAge: null } } });

  test('asks the history registry for packages of the named registry and merges', async () => {
    const calls: string[] = [];
    const wrapped = withHistoryFrom(source({ [`${MIRROR} pkg`]: found(mirrorHistory([{ version: '1.0.0' }])), [`${UPSTREAM} pkg`]: found(upstreamHistory()) }, calls), policy);
    const answer = await wrapped.fetchHistory('pkg');
    expect(calls).toEqual(['own pkg', `${UPSTREAM} pkg`]);
    expect(answer.status === 'found' && answer.history.versions[0]?.publisher).toEqual(accountPublisher('alice'));
  });

  test("a package the history registry does not have keeps the mirror's own facts, marked not-found", async () => {
    const wrapped = withHistoryFrom(source({ [`${MIRROR} pkg`]: found(mirrorHistory([{ version: '1.0.0' }])) }, []), policy);
    const answer = await wrapped.fetchHistory('pkg');
    expect(answer.status === 'found' && answer.history.historyFrom).toEqual({ registry: UPSTREAM, status: 'not-found' });
    expect(answer.status === 'found' && answer.history.versions[0]?.publishedAt).toBe(daysAgo(1));
  });

  test('a failure on the history registry is the check\'s failure (could not decide)', async () => {
    const failing: HistorySource = {
      fetchHistory: async () => found(mirrorHistory([{ version: '1.0.0' }])),
      fetchHistoryFrom: async () => Promise.reject(new Error('401')),
    };
    await expect(withHistoryFrom(failing, policy).fetchHistory('pkg')).rejects.toThrow('401');
  });

  test('packages of other registries, and a policy without historyFrom, are left alone', async () => {
    const calls: string[] = [];
    const other = makeHistory({ name: 'pkg', registry: 'https://other.example.com/', versions: [makeVersion({ version: '1.0.0' })] });
    const plain = source({}, calls);
    expect(withHistoryFrom(plain, makePolicy())).toBe(plain);
    const wrapped = withHistoryFrom({ fetchHistory: async () => found(other), fetchHistoryFrom: plain.fetchHistoryFrom! }, policy);
    expect(await wrapped.fetchHistory('pkg')).toEqual(found(other));
    expect(calls).toEqual([]);
  });
});
