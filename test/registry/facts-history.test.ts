/** The compact stored form of a release history: a lossless round trip, and fail closed. */
import { abbreviate } from '../../scripts/lib/fixture-registry.mjs';
import { decodeHistory, encodeHistory } from '../../src/registry/facts-history.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { FIXTURE_NOW, daysBefore, makePackument, stagedPublisher, trustedPublisher } from '../support/packument.js';

const t = (days: number) => daysBefore(FIXTURE_NOW, days);
const history = projectPackument(makePackument({
  name: 'demo',
  maintainers: ['alice', 'bob'],
  distTags: { latest: '1.3.0', next: '2.0.0-rc.1' },
  versions: [
    { version: '1.0.0', publishedAt: t(90), publisher: 'alice', maintainers: ['alice'], dependencies: { 'left-pad': '1' } },
    { version: '1.1.0', publishedAt: t(60), publisher: 'alice', maintainers: ['alice'], scripts: { postinstall: 'x', install: 'y' } },
    { version: '1.2.0', publishedAt: t(30), publisher: stagedPublisher('bob', 'alice'), maintainers: ['alice', 'bob'], deprecated: 'use 1.3' },
    { version: '1.3.0', publishedAt: t(5), publisher: trustedPublisher(), provenance: true, scripts: { preinstall: 'z' } },
    { version: '1.4.0', publishedAt: t(4), unpublished: true },
    { version: '2.0.0-rc.1', publishedAt: null, publisher: null, maintainers: null },
  ],
}), 'https://r.example/', 'demo');

/** Through JSON, as stored. */
const roundTrip = (value: unknown) => decodeHistory(JSON.parse(JSON.stringify(value)));

describe('compact facts history', () => {
  test('round trip is lossless (publishers, trusted publishing, scripts, nulls, unpublished)', () => {
    expect(history.versions.some((v) => v.installScripts.length === 2)).toBe(true);
    expect(history.versions.some((v) => v.publisher?.trustedPublisher)).toBe(true);
    expect(history.versions.some((v) => v.publisher?.approver)).toBe(true);
    expect(roundTrip(encodeHistory(history))).toEqual(history);
  });

  test('round trip keeps dependency names, empty lists and unknown (null) ones apart', () => {
    expect(history.versions.map((v) => v.dependencies)).toContainEqual(['left-pad']);
    expect(history.versions.map((v) => v.dependencies)).toContainEqual([]);
    expect(history.versions.map((v) => v.dependencies)).toContainEqual(null);
    expect(roundTrip(encodeHistory(history))!.versions.map((v) => v.dependencies)).toEqual(history.versions.map((v) => v.dependencies));
  });

  test('each distinct name list (maintainers, dependencies) and publisher is stored once', () => {
    const stored = encodeHistory(history);
    const distinct = new Set(history.versions.flatMap((v) => [v.maintainers, v.dependencies]).filter((l) => l !== null).map((l) => JSON.stringify(l)));
    expect(stored.lists).toHaveLength(distinct.size);
    expect(stored.publishers.length).toBeLessThan(history.versions.length);
  });

  test('each version keeps its published digests and tarball URL; usual URLs store only their base, once', () => {
    expect(history.versions.filter((v) => v.integrity !== null)).toHaveLength(5);
    const odd = { ...history, versions: history.versions.map((v, i) => (i === 0 ? { ...v, tarball: 'https://npm.pkg.github.com/download/demo/1.0.0/abc' } : v)) };
    const stored = encodeHistory(odd);
    expect(stored.tarballBases).toEqual(['https://registry.npmjs.org/']);
    expect(stored.dists[0]).toEqual([odd.versions[0]!.integrity, -1, 'https://npm.pkg.github.com/download/demo/1.0.0/abc']);
    expect(stored.dists[1]![2]).toBeNull();
    expect(roundTrip(stored)).toEqual(odd);
  });

  test('shared values are frozen: nothing can change one version through another', () => {
    const decoded = roundTrip(encodeHistory(history))!;
    const [first, second] = decoded.versions;
    expect(first!.maintainers).toBe(second!.maintainers);
    expect(() => first!.maintainers!.push('mallory')).toThrow(TypeError);
    expect(() => Object.assign(first!.publisher!, { id: 'mallory' })).toThrow(TypeError);
  });

  test("an abbreviated document's history keeps its flag and each version's hasInstallScript", () => {
    const raw = makePackument({ name: 'demo', versions: [
      { version: '1.0.0', publishedAt: t(90) },
      { version: '1.1.0', publishedAt: t(60), scripts: { postinstall: 'x' } },
    ] });
    const abbreviated = projectPackument(JSON.parse(abbreviate(JSON.stringify(raw))), 'https://r.example/', 'demo', true);
    expect(abbreviated.abbreviated).toBe(true);
    expect(abbreviated.versions.map((v) => v.hasInstallScript)).toEqual([undefined, true]);
    expect(roundTrip(encodeHistory(abbreviated))).toEqual(abbreviated);
    const partial = { ...abbreviated, versions: [], partial: true as const };
    expect(roundTrip(encodeHistory(partial))).toEqual(partial);
    expect(decodeHistory({ ...JSON.parse(JSON.stringify(encodeHistory(abbreviated))), partial: true })).toBeNull();
    // The flag is an abbreviated document's only: in a full history's entry it is damage.
    const stored = encodeHistory(abbreviated);
    delete stored.abbreviated;
    expect(decodeHistory(JSON.parse(JSON.stringify(stored)))).toBeNull();
  });

  test.each([
    ['a publisher index out of range', (s: Stored) => { s.versions[0]![2] = 99; }],
    ['a maintainer list index out of range', (s: Stored) => { s.versions[0]![3] = 99; }],
    ['a dependency list index out of range', (s: Stored) => { s.versions[0]![8] = 99; }],
    ['a dependency list index that is not a number', (s: Stored) => { (s.versions[0] as unknown[])[8] = 'left-pad'; }],
    ['an unknown install script', (s: Stored) => { s.versions[0]![5] = 'prepare'; }],
    ['a repeated install script', (s: Stored) => { s.versions[0]![5] = 'install install'; }],
    ['a short version tuple', (s: Stored) => { s.versions[0]!.pop(); }],
    ['a publish time that is text', (s: Stored) => { (s.versions[0] as unknown[])[1] = '2026-01-01'; }],
    ['a publisher of the wrong shape', (s: Stored) => { (s.publishers as unknown[])[0] = { id: 'alice' }; }],
    ['a configId without a provider', (s: Stored) => { s.publishers[0]![4] = 'oidc:1'; }],
    ['a maintainer list with a number', (s: Stored) => { (s.lists[0] as unknown[]).push(7); }],
    ['no versions', (s: Stored) => { delete (s as Partial<Stored>).versions; }],
    ['a dist missing for a version', (s: Stored) => { s.dists.pop(); }],
    ['a tarball base index out of range', (s: Stored) => { s.dists[0]![1] = 9; }],
    ['a tarball both at a base and written out', (s: Stored) => { s.dists[0]![2] = 'https://evil.example/x.tgz'; }],
    ['digests that are not in compact form', (s: Stored) => { s.dists[0]![0] = `sha512-${'A'.repeat(88)}`; }],
    ['digests of an unknown algorithm', (s: Stored) => { s.dists[0]![0] = 'md5-AAAA'; }],
  ])('%s makes the whole history null', (_, spoil) => {
    const stored = JSON.parse(JSON.stringify(encodeHistory(history))) as Stored;
    spoil(stored);
    expect(decodeHistory(stored)).toBeNull();
  });
});

type Stored = ReturnType<typeof encodeHistory>;
