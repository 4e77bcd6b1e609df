import { checkLockfile } from '../../src/engine/check-lockfile.js';
import { evaluatePackage } from '../../src/engine/evaluate.js';
import { createRegistryFactsBuilder, factsOf, PROVENANCE_SAMPLE, withoutAcknowledgedRules } from '../../src/engine/registry-facts.js';
import type { RuleId } from '../../src/model/constants.js';
import type { ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, NOW, trustedPublisher } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

const MIRROR = 'https://mirror.example.com/';
const ALL_ON = new Set<RuleId>(['release-age', 'unknown-publish-time', 'new-publisher', 'maintainer-change', 'trust-downgrade']);

/** What a stripping mirror serves: times, nothing else. */
function strippedHistory(name: string, registry = MIRROR): ReleaseHistory {
  return makeHistory({
    name, registry, maintainers: null,
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), publisher: null, maintainers: null }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(200), publisher: null, maintainers: null }),
    ],
  });
}

describe('factsOf', () => {
  test('a fact counts as given when any published version carries it', () => {
    expect(factsOf(strippedHistory('a'))).toEqual({ times: true, publishers: false, accounts: false, provenance: false });
    const mixed = makeHistory({ versions: [makeVersion({ version: '1.0.0', publisher: null, maintainers: null }), makeVersion({ version: '1.1.0', publisher: trustedPublisher() })] });
    expect(factsOf(mixed)).toEqual({ times: true, publishers: true, accounts: true, provenance: true });
  });
});

describe('the registry facts builder', () => {
  test('one gap per registry, naming the facts and the rules in force that need them', () => {
    const builder = createRegistryFactsBuilder(makePolicy());
    for (let i = 0; i < PROVENANCE_SAMPLE; i++) builder.add(strippedHistory(`p${i}`), ALL_ON);
    builder.add(makeHistory({ name: 'fine', versions: [makeVersion({ version: '1.0.0' })] }), ALL_ON);
    const gaps = builder.gaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.missing.map((entry) => [entry.fact, entry.packages.length, entry.rules])).toEqual([
      ['publishers', PROVENANCE_SAMPLE, ['new-publisher']],
      ['accounts', PROVENANCE_SAMPLE, ['maintainer-change']],
      ['provenance', PROVENANCE_SAMPLE, ['trust-downgrade']],
    ]);
  });

  test('no provenance from a few packages, or from a registry that gives it for some, is not a gap', () => {
    const few = createRegistryFactsBuilder(makePolicy());
    few.add(makeHistory({ name: 'a', registry: MIRROR, versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(10) })] }), ALL_ON);
    expect(few.gaps()).toEqual([]);
    const some = createRegistryFactsBuilder(makePolicy());
    for (let i = 0; i < PROVENANCE_SAMPLE + 5; i++) some.add(makeHistory({ name: `p${i}`, registry: MIRROR, versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(10) })] }), ALL_ON);
    some.add(makeHistory({ name: 'attested', registry: MIRROR, versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(10), provenance: true })] }), ALL_ON);
    expect(some.gaps()).toEqual([]);
  });

  test('a rule that is off needs nothing', () => {
    const builder = createRegistryFactsBuilder(makePolicy());
    builder.add(strippedHistory('a'), new Set<RuleId>(['release-age']));
    expect(builder.gaps()).toEqual([]);
  });
});

describe('missingFacts: acknowledge', () => {
  const acknowledge = makePolicy({}, { registries: { [MIRROR]: { missingFacts: 'acknowledge', historyFrom: null, cacheMaxAge: null } } });

  test('turns off, for a package, the rules needing facts its document does not give; never release-age', () => {
    const rules = withoutAcknowledgedRules(acknowledge.rules, acknowledge, strippedHistory('a'), null);
    expect(rules['new-publisher'].severity).toBe('off');
    expect(rules['maintainer-change'].severity).toBe('off');
    expect(rules['trust-downgrade'].severity).toBe('off');
    expect(rules['release-age'].severity).toBe('block');
    expect(withoutAcknowledgedRules(acknowledge.rules, makePolicy(), strippedHistory('a'), null)).toBe(acknowledge.rules);
  });

  test('a version without a publisher among versions that have one: judged as an unknown newcomer under fail, skipped when acknowledged', () => {
    const history = makeHistory({
      name: 'pkg', registry: MIRROR,
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(400), publisher: accountPublisher('alice') }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(20), publisher: null, installScripts: ['postinstall'], dependencies: ['fresh-dep'] }),
      ],
    });
    const pkg = makeLockedPackage({ name: 'pkg', version: '1.1.0', copies: [] });
    const rules = (policy: typeof acknowledge) => evaluatePackage(pkg, found(history), policy, NOW).findings.map((f) => f.rule);
    const failing = makePolicy({}, { registries: { [MIRROR]: { missingFacts: 'fail', historyFrom: null, cacheMaxAge: null } } });
    expect(rules(failing)).toContain('new-publisher');
    expect(rules(acknowledge)).not.toContain('new-publisher');
  });

  test('the gap is still reported once for the registry, as acknowledged', async () => {
    const histories = [strippedHistory('a'), strippedHistory('b')];
    const source = { fetchHistory: async (name: string) => found(histories.find((h) => h.name === name)!) };
    const result = await checkLockfile([makeLockedPackage({ name: 'a', version: '1.1.0' }), makeLockedPackage({ name: 'b', version: '1.1.0' })], { source, policy: acknowledge, now: NOW });
    expect(result.dataGaps).toEqual([expect.objectContaining({ registry: MIRROR, looked: 2, missingFacts: 'acknowledge' })]);
    expect(result.packages.every((entry) => entry.findings.length === 0)).toBe(true);
  });
});
