/** Each change-of-hands signal and discount alone: when it fires, with which evidence. */
import { buildPublisherIndex } from '../../src/engine/publisher-index.js';
import type { TimedVersion } from '../../src/model/types.js';
import { dormantSignal } from '../../src/rules/signal-dormant.js';
import { newDependencySignal } from '../../src/rules/signal-new-dependency.js';
import { ownersSignal } from '../../src/rules/signal-owners.js';
import { previousPublishersSignal } from '../../src/rules/signal-previous-publishers.js';
import { projectPublisherDiscount } from '../../src/rules/signal-project-publisher.js';
import { describeDiscount } from '../../src/report/describe-finding.js';
import { accountPublisher, days, daysAgo, makeHistory, makeVersion, NOW, trustedPublisher } from '../support/history.js';

const alice = accountPublisher('alice');
const bob = accountPublisher('bob');
const timed = (record: ReturnType<typeof makeVersion>) => record as TimedVersion;

describe('previous-publishers-gone', () => {
  const before = makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), publisher: alice, maintainers: ['alice'] });
  test('fires when the earlier publisher is neither listed nor publishing since', () => {
    const locked = timed(makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['bob'] }));
    const history = makeHistory({ versions: [before, locked] });
    expect(previousPublishersSignal(history, locked, ['alice'], daysAgo(10))).toEqual({ signal: { signal: 'previous-publishers-gone', previousPublishers: ['alice'] }, discount: null });
  });
  test('an earlier publisher still listed is a discount, not a signal', () => {
    const locked = timed(makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['alice', 'bob'] }));
    const history = makeHistory({ versions: [before, locked] });
    expect(previousPublishersSignal(history, locked, ['alice'], daysAgo(10))).toEqual({ signal: null, discount: { discount: 'previous-publishers-stay', publishers: ['alice'], publishedSince: false } });
  });
  test('an earlier publisher who published since the newcomer came stays, even off the list', () => {
    const mid = makeVersion({ version: '1.0.1', publishedAt: daysAgo(20), publisher: alice, maintainers: ['bob'] });
    const locked = timed(makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['bob'] }));
    const history = makeHistory({ versions: [before, mid, locked] });
    expect(previousPublishersSignal(history, locked, ['alice'], daysAgo(30)).discount).toMatchObject({ publishedSince: true });
  });
  test('an unknown snapshot says nothing', () => {
    const locked = timed(makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: null }));
    expect(previousPublishersSignal(makeHistory({ versions: [before, locked] }), locked, ['alice'], daysAgo(10))).toEqual({ signal: null, discount: null });
  });
});

describe('owners', () => {
  const before = makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), maintainers: ['alice', 'carol'] });
  test('replaced: nobody from before', () => {
    const locked = makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['bob'] });
    expect(ownersSignal(makeHistory({ versions: [before, locked] }), locked, daysAgo(10)).signal).toEqual({ signal: 'owners-replaced', added: ['bob'], removed: ['alice', 'carol'], baselineVersion: '1.0.0' });
  });
  test('grew: everyone from before, and more', () => {
    const locked = makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['alice', 'carol', 'bob'] });
    expect(ownersSignal(makeHistory({ versions: [before, locked] }), locked, daysAgo(10))).toEqual({ signal: null, discount: { discount: 'owners-grew', added: ['bob'] } });
  });
  test('partly changed: neither', () => {
    const locked = makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), publisher: bob, maintainers: ['alice', 'bob'] });
    expect(ownersSignal(makeHistory({ versions: [before, locked] }), locked, daysAgo(10))).toEqual({ signal: null, discount: null });
  });
});

describe('new-dependency', () => {
  const old = makeVersion({ version: '1.0.0', publishedAt: daysAgo(300), dependencies: ['through'] });
  const helper = makeHistory({ name: 'helper', versions: [makeVersion({ version: '0.1.0', publishedAt: daysAgo(12) })] });
  test('a patch release adding a package first published days before: new, patch, young', () => {
    const locked = timed(makeVersion({ version: '1.0.1', publishedAt: daysAgo(10), dependencies: ['helper', 'through'] }));
    const history = makeHistory({ versions: [old, locked] });
    expect(newDependencySignal(history, locked, buildPublisherIndex([history, helper]), days(30))).toEqual({
      signal: 'new-dependency', names: ['helper'], patch: true, young: [{ name: 'helper', firstPublishedAt: daysAgo(12) }],
    });
  });
  test('without the project graph youth is unknown (not young); a minor release is no patch', () => {
    const locked = timed(makeVersion({ version: '1.1.0', publishedAt: daysAgo(10), dependencies: ['helper', 'through'] }));
    expect(newDependencySignal(makeHistory({ versions: [old, locked] }), locked, null, days(30))).toMatchObject({ patch: false, young: [] });
  });
  test('a dependency any earlier release had is not new; no earlier release, nothing to compare', () => {
    const again = timed(makeVersion({ version: '1.0.1', publishedAt: daysAgo(10), dependencies: ['through'] }));
    expect(newDependencySignal(makeHistory({ versions: [old, again] }), again, null, days(30))).toBeNull();
    expect(newDependencySignal(makeHistory({ versions: [old] }), timed(old), null, days(30))).toBeNull();
  });
});

describe('dormant-revived', () => {
  test('the first release after a year of silence, not the next one', () => {
    const history = makeHistory({
      versions: [
        makeVersion({ version: '1.0.0', publishedAt: daysAgo(800) }),
        makeVersion({ version: '1.1.0', publishedAt: daysAgo(40) }),
        makeVersion({ version: '1.1.1', publishedAt: daysAgo(30) }),
      ],
    });
    expect(dormantSignal(history, timed(history.versions[1]!), days(365))).toEqual({ signal: 'dormant-revived', previousReleaseAt: daysAgo(800), silence: days(760) });
    expect(dormantSignal(history, timed(history.versions[2]!), days(365))).toBeNull();
  });
});

describe('publishes-in-project', () => {
  const project = [
    makeHistory({ name: 'a', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(2000), publisher: bob })] }),
    makeHistory({ name: 'b', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(900), publisher: bob })] }),
    makeHistory({ name: 'c', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(20), publisher: bob })] }),
    makeHistory({ name: 'ci', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(2000), publisher: trustedPublisher() })] }),
  ];
  const graph = buildPublisherIndex(project);
  test('counts other packages first published at least `establishedAfter` before the release', () => {
    const discount = projectPublisherDiscount(graph, 'bob', 'pkg', daysAgo(10), days(180));
    expect(discount).toEqual({ discount: 'publishes-in-project', packages: 2, since: daysAgo(2000), examples: ['a', 'b'] });
    expect(describeDiscount(discount!)).toBe(`publishes 2 other packages in this project since ${new Date(daysAgo(2000)).getUTCFullYear()} (a, b): 2 points off`);
  });
  test('a fresh helper package, the package itself, or a trusted-publishing identity give no standing', () => {
    expect(projectPublisherDiscount(graph, 'bob', 'a', daysAgo(10), days(3000))).toBeNull();
    expect(projectPublisherDiscount(buildPublisherIndex(project.slice(2)), 'bob', 'pkg', daysAgo(10), days(180))).toBeNull();
    expect(projectPublisherDiscount(graph, 'trusted:github', 'pkg', NOW, days(180))).toBeNull();
    expect(projectPublisherDiscount(null, 'bob', 'pkg', NOW, days(180))).toBeNull();
  });
});
