/**
 * Settled packages (src/engine/settled.ts, decision 0051): when a package is settled, and that
 * checkLockfile reports the same whether it read abbreviated documents first or full ones only,
 * over generated histories that sit on every boundary of the settling window.
 */
import { abbreviate } from '../../scripts/lib/fixture-registry.mjs';
import { defaultPolicy } from '../../src/config/validate-policy.js';
import { checkLockfile } from '../../src/engine/check-lockfile.js';
import { isSettled, settledView, settlingWindow } from '../../src/engine/settled.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { Policy } from '../../src/model/policy.js';
import type { LockedPackage } from '../../src/model/types.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { DAY, days, makeHistory, makeLockedPackage, makeVersion, NOW, TEST_REGISTRY } from '../support/history.js';
import { makeOverride, makePolicy } from '../support/policy.js';
import { makePackument, type RawPackument } from '../support/packument.js';
import { boundaryCorpus, locked } from '../support/boundary-corpus.js';

const POLICY = defaultPolicy();
const W = settlingWindow(POLICY) as number;

describe('settlingWindow', () => {
  test('the longest look-back of the default policy is the 90-day change-of-hands windows', () => {
    expect(W).toBe(days(90));
  });

  test('the longest window over the base rules and every override, whatever its severity', () => {
    const policy = makePolicy({ 'maintainer-change': { addedSeverity: 'off' } }, {
      overrides: [makeOverride({ rules: { 'trust-downgrade': { severity: 'off', hold: days(400) } } })],
    });
    expect(settlingWindow(policy)).toBe(days(400));
  });

  test('nothing settles while maintainer-change pending (addedSeverity) is on anywhere: it never lapses', () => {
    expect(settlingWindow(makePolicy({ 'maintainer-change': { addedSeverity: 'warn' } }))).toBeNull();
    const override = makeOverride({ rules: { 'maintainer-change': { addedSeverity: 'block' } } });
    expect(settlingWindow(makePolicy({ 'maintainer-change': { addedSeverity: 'off' } }, { overrides: [override] }))).toBeNull();
  });
});

describe('isSettled', () => {
  const M = NOW - W;
  const history = (fields: Partial<Parameters<typeof makeHistory>[0]> = {}) => makeHistory({
    name: 'lib', modified: M,
    versions: [makeVersion({ version: '1.0.0', publishedAt: M - DAY }), makeVersion({ version: '1.1.0', publishedAt: M })],
    ...fields,
  } as Parameters<typeof makeHistory>[0]);

  test('from modified + W on, not a millisecond before', () => {
    expect(isSettled(history(), ['1.1.0'], W, NOW)).toBe(true);
    expect(isSettled(history(), ['1.1.0'], W, NOW - 1)).toBe(false);
    expect(isSettled(history({ modified: M + 1 }), ['1.1.0'], W, NOW)).toBe(false);
  });

  test('never without modified, with historyFrom, when unpublished, or when nothing can settle', () => {
    expect(isSettled(history({ modified: null }), ['1.1.0'], W, NOW)).toBe(false);
    expect(isSettled({ ...history(), historyFrom: { registry: TEST_REGISTRY, status: 'found' } }, ['1.1.0'], W, NOW)).toBe(false);
    expect(isSettled(history({ unpublishedAt: M }), ['1.1.0'], W, NOW)).toBe(false);
    expect(isSettled(history(), ['1.1.0'], null, NOW)).toBe(false);
  });

  test('never when a locked version is not listed, or has install scripts (named or flagged)', () => {
    expect(isSettled(history(), ['1.1.0', '2.0.0'], W, NOW)).toBe(false);
    const scripts = history({ versions: [makeVersion({ version: '1.1.0', publishedAt: M, installScripts: ['postinstall'] })] });
    expect(isSettled(scripts, ['1.1.0'], W, NOW)).toBe(false);
    const flagged = history({ versions: [makeVersion({ version: '1.1.0', publishedAt: null, hasInstallScript: true })] });
    expect(isSettled(flagged, ['1.1.0'], W, NOW)).toBe(false);
    // Another version's scripts do not matter: only the locked ones are judged.
    const older = history({ versions: [makeVersion({ version: '1.0.0', publishedAt: M - DAY }), makeVersion({ version: '1.1.0', publishedAt: M, installScripts: ['postinstall'] })] });
    expect(isSettled(older, ['1.0.0'], W, NOW)).toBe(true);
  });

  test('the view of a full document and of its abbreviated form are the same', () => {
    const raw = makePackument({
      name: 'lib',
      versions: [
        { version: '1.1.0', publishedAt: NOW - W - days(10), publisher: 'bob', provenance: true, dependencies: { b: '1', a: '2' } },
        { version: '1.0.0', publishedAt: NOW - W - days(20), deprecated: 'use 1.1' },
        { version: '0.9.0', publishedAt: NOW - W - days(30), unpublished: true },
      ],
    });
    const full = projectPackument(raw, TEST_REGISTRY, 'lib');
    const abbreviated = projectPackument(JSON.parse(abbreviate(JSON.stringify(raw)) as string), TEST_REGISTRY, 'lib', true);
    expect(abbreviated.abbreviated).toBe(true);
    expect(settledView(abbreviated)).toEqual(settledView(full));
    expect(settledView(full).versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(settledView(full).versions.every((v) => v.publishedAt === null && v.publisher === null && v.maintainers === null && !v.provenance)).toBe(true);
    expect(settledView(full).settled).toEqual({ before: full.modified });
  });
});

type Form = 'abbreviated' | 'full';

/** One registry's documents, served full only, or abbreviated first as a registry client does. */
function sources(documents: Map<string, RawPackument>) {
  const calls: string[] = [];
  const answer = (name: string, abbreviated: boolean): Promise<HistoryResult> => {
    calls.push(`${abbreviated ? 'abbreviated' : 'full'} ${name}`);
    const raw = documents.get(name);
    if (raw === undefined) return Promise.resolve({ status: 'not-found', name, registry: TEST_REGISTRY });
    const text = JSON.stringify(raw);
    const history = abbreviated
      ? projectPackument(JSON.parse(abbreviate(text) as string), TEST_REGISTRY, name, true)
      : projectPackument(JSON.parse(text), TEST_REGISTRY, name);
    return Promise.resolve({ status: 'found', history });
  };
  const full: HistorySource = { fetchHistory: (name) => answer(name, false) };
  const first: HistorySource = { fetchHistory: (name) => answer(name, false), fetchAbbreviated: (name) => answer(name, true) };
  /** The names asked for in `form` since the calls were last cleared, in order. */
  const asked = (form: Form): string[] => calls.filter((call) => call.startsWith(`${form} `)).map((call) => call.slice(form.length + 1));
  return { full, first, calls, asked };
}

/** `count` packages `old-<i>`, each one version published 400 days ago by `publisherOf(i)`, added to a corpus. */
function addOldPackages(documents: Map<string, RawPackument>, packages: LockedPackage[], count: number, publisherOf: (i: number) => string): void {
  for (let i = 0; i < count; i++) {
    const name = `old-${i}`;
    documents.set(name, makePackument({ name, versions: [{ version: '1.0.0', publishedAt: NOW - days(400), publisher: publisherOf(i) }] }));
    packages.push(locked(name, '1.0.0'));
  }
}

describe('checkLockfile over abbreviated documents first', () => {
  const run = (source: HistorySource, packages: LockedPackage[], policy: Policy = POLICY) => checkLockfile(packages, { source, policy, now: NOW });

  /**
   * The report from full documents only, checked equal to the one from abbreviated documents
   * first (through `adapt` when given), and what the second run asked for.
   */
  async function bothPaths(documents: Map<string, RawPackument>, packages: LockedPackage[], adapt = (source: HistorySource) => source) {
    const { full, first, calls, asked } = sources(documents);
    const reference = await run(full, packages);
    calls.length = 0;
    expect(await run(adapt(first), packages)).toEqual(reference);
    return { reference, asked };
  }

  test.each([[true], [false]])('identical reports on both paths at every boundary (newcomers in the graph: %s)', async (withNewcomers) => {
    const { documents, packages } = boundaryCorpus(withNewcomers);
    const { reference: report, asked } = await bothPaths(documents, packages);

    const byName = new Map(report.packages.map((entry) => [entry.name, entry]));
    const settled = report.packages.filter((entry) => entry.publishedBefore !== undefined).map((entry) => entry.name).sort();
    // Settled on the boundary and before it, for the plain, handover, deprecated and forged shapes only.
    const handovers = withNewcomers ? ['handover-before', 'handover-on'] : [];
    expect(settled).toEqual(['deprecated-before', 'deprecated-on', 'forged-before', 'forged-on', ...handovers, 'plain-before', 'plain-on'].sort());
    expect(byName.get('plain-on')).toMatchObject({ verdict: 'allow', publishedAt: null, publishedBefore: NOW - W, eligibleAt: null, findings: [] });
    // Settled is no pass for a lockfile entry the registry did not publish.
    expect(byName.get('forged-on')?.findings.map((f) => f.rule)).toEqual(['lockfile-binding']);
    expect(byName.get('missing-on')?.findings.map((f) => f.rule)).toEqual(['missing-version']);
    expect(byName.get('scripts-on')?.publishedBefore).toBeUndefined();
    if (withNewcomers) expect(byName.get('handover-after')?.findings.map((f) => f.rule)).toEqual(['new-publisher']);
    expect(byName.get('timeless-on')?.findings.map((f) => f.rule)).toContain('unknown-publish-time');

    const fullAfterAbbreviated = asked('full').sort();
    if (withNewcomers) {
      // The newcomers need the index: every package's full document was read for it.
      expect(fullAfterAbbreviated).toEqual([...documents.keys()].filter((name) => packages.some((pkg) => pkg.name === name)).sort());
      const adopted = byName.get('adopted')?.findings[0];
      expect(adopted).toMatchObject({ rule: 'new-publisher', discounts: [expect.objectContaining({ discount: 'publishes-in-project', examples: ['plain-before'] })] });
      expect(byName.get('taken')?.verdict).toBe('block');
    } else {
      // Only the packages that are not settled were read in full.
      expect(fullAfterAbbreviated).toEqual(packages.map((pkg) => pkg.name).filter((name) => !settled.includes(name)).sort());
    }
  });

  test('once a newcomer needs the index, the packages looked up after it skip their abbreviated documents', async () => {
    const documents = new Map<string, RawPackument>();
    const packages: LockedPackage[] = [];
    documents.set('taken', makePackument({ name: 'taken', versions: [
      { version: '1.0.0', publishedAt: NOW - days(500), publisher: 'alice' },
      { version: '1.0.1', publishedAt: NOW - days(20), publisher: 'mallory' },
    ] }));
    packages.push(locked('taken', '1.0.1'));
    addOldPackages(documents, packages, 1200, (i) => (i === 7 ? 'mallory' : 'alice'));
    const { reference, asked } = await bothPaths(documents, packages);
    // Mallory published old-7 long ago: the index has it on both paths.
    expect(reference.packages.find((entry) => entry.name === 'taken')?.findings[0]).toMatchObject({ discounts: [expect.objectContaining({ examples: ['old-7'] })] });
    const abbreviated = new Set(asked('abbreviated'));
    const fullyRead = new Set(asked('full'));
    expect(fullyRead.size).toBe(1201);
    // The packages looked up before the newcomer was known (a few lookaheads of 64 here) asked abbreviated first; the rest went to their full documents.
    expect(abbreviated.size).toBeGreaterThan(0);
    expect(abbreviated.size).toBeLessThan(800);
  });

  test('a newcomer whose release no graph could make a finding does not send the settled packages to their full documents', async () => {
    const documents = new Map<string, RawPackument>();
    const packages: LockedPackage[] = [];
    // Dave joins and publishes; alice, who published before, stays a maintainer: no signal, no finding, whatever the graph.
    documents.set('grown', makePackument({ name: 'grown', versions: [
      { version: '1.0.0', publishedAt: NOW - days(100), publisher: 'alice', maintainers: ['alice'] },
      { version: '1.1.0', publishedAt: NOW - days(20), publisher: 'dave', maintainers: ['alice', 'dave'] },
    ] }));
    packages.push(locked('grown', '1.1.0'));
    addOldPackages(documents, packages, 20, (i) => (i === 3 ? 'dave' : 'alice'));
    const { reference, asked } = await bothPaths(documents, packages);
    expect(reference.packages.find((entry) => entry.name === 'grown')).toMatchObject({ verdict: 'allow', findings: [] });
    // Only the newcomer's own package was read in full.
    expect(asked('full')).toEqual(['grown']);
  });

  test('a registry whose abbreviated documents have no modified: every package is read in full, with the same report', async () => {
    const { documents, packages } = boundaryCorpus(false);
    const withoutModified = (first: HistorySource): HistorySource => ({
      fetchHistory: first.fetchHistory,
      fetchAbbreviated: async (name) => {
        const answer = await (first.fetchAbbreviated as (n: string) => Promise<HistoryResult>)(name);
        return answer.status === 'found' ? { ...answer, history: { ...answer.history, modified: null } } : answer;
      },
    });
    const { asked } = await bothPaths(documents, packages, withoutModified);
    expect(new Set(asked('full'))).toEqual(new Set(packages.map((pkg) => pkg.name)));
  });

  test('with pending owners on (addedSeverity), nothing settles and every document is read in full', async () => {
    const { documents, packages } = boundaryCorpus(false);
    const { first, calls } = sources(documents);
    const policy: Policy = { ...POLICY, rules: { ...POLICY.rules, 'maintainer-change': { ...POLICY.rules['maintainer-change'], addedSeverity: 'warn' } } };
    const result = await run(first, packages, policy);
    expect(result.packages.every((entry) => entry.publishedBefore === undefined)).toBe(true);
    expect(calls.every((call) => call.startsWith('full '))).toBe(true);
  });
});
