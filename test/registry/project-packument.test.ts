import { ERROR_CODES } from '../../src/model/constants.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import {
  FIXTURE_NOW,
  daysBefore,
  makePackument,
  stagedPublisher,
  trustedPublisher,
} from '../support/packument.js';

const REGISTRY = 'https://registry.npmjs.org/';
const t = (days: number) => daysBefore(FIXTURE_NOW, days);

describe('projectPackument', () => {
  it('keeps publish times from `time`, publishers, snapshots, provenance, scripts and tags', () => {
    const raw = makePackument({
      name: 'demo',
      versions: [
        { version: '1.0.0', publishedAt: t(30), publisher: 'alice', maintainers: ['alice', 'bob'], dependencies: { 'b-dep': '^1', 'a-dep': '2' } },
        {
          version: '1.1.0',
          publishedAt: t(2),
          publisher: 'mallory',
          scripts: { postinstall: 'node steal.js', preinstall: '', test: 'x' },
          deprecated: 'use 1.2.0',
        },
        { version: '1.2.0', publishedAt: t(1), publisher: trustedPublisher(), provenance: true },
      ],
      maintainers: ['alice', 'mallory'],
      distTags: { latest: '1.2.0', next: '2.0.0-rc.1' },
    });
    const history = projectPackument(raw, REGISTRY, 'demo');
    // What the registry published for each tarball has a test of its own below.
    const withoutDist = history.versions.map(({ integrity: _integrity, tarball: _tarball, ...rest }) => rest);
    expect({ ...history, versions: withoutDist }).toEqual({
      name: 'demo',
      registry: REGISTRY,
      created: t(30),
      modified: t(1),
      maintainers: ['alice', 'mallory'],
      distTags: { latest: '1.2.0', next: '2.0.0-rc.1' },
      unpublishedAt: null,
      versions: [
        {
          version: '1.0.0', publishedAt: t(30), maintainers: ['alice', 'bob'], provenance: false,
          publisher: { id: 'alice', name: 'alice', trustedPublisher: null, approver: null },
          installScripts: [], dependencies: ['a-dep', 'b-dep'], deprecated: null, unpublished: false,
        },
        {
          version: '1.1.0', publishedAt: t(2), maintainers: ['mallory'], provenance: false,
          publisher: { id: 'mallory', name: 'mallory', trustedPublisher: null, approver: null },
          installScripts: ['postinstall'], dependencies: [], deprecated: 'use 1.2.0', unpublished: false,
        },
        {
          version: '1.2.0', publishedAt: t(1), maintainers: ['alice'], provenance: true,
          publisher: {
            id: 'trusted:github', name: 'GitHub Actions',
            trustedPublisher: { provider: 'github', configId: 'oidc:6f1c2b3a' }, approver: null,
          },
          installScripts: [], dependencies: [], deprecated: null, unpublished: false,
        },
      ],
    });
  });

  it('keeps the names of dependencies and optional dependencies, not dev or peer ones; a list that is not an object is unknown', () => {
    const raw = makePackument({
      name: 'deps',
      versions: [
        { version: '1.0.0', publishedAt: t(3) },
        { version: '1.0.1', publishedAt: t(2) },
        { version: '1.0.2', publishedAt: t(1) },
      ],
    });
    const versions = raw.versions as Record<string, Record<string, unknown>>;
    Object.assign(versions['1.0.0']!, { dependencies: { zed: '1' }, optionalDependencies: { fsevents: '2', zed: '1' }, devDependencies: { jest: '1' }, peerDependencies: { react: '18' } });
    Object.assign(versions['1.0.1']!, { dependencies: ['zed'] });
    Object.assign(versions['1.0.2']!, { dependencies: null });
    const history = projectPackument(raw, REGISTRY);
    expect(history.versions.map((v) => v.dependencies)).toEqual([['fsevents', 'zed'], null, []]);
  });

  it('shares one array between versions with the same dependency names', () => {
    const raw = makePackument({
      name: 'deps',
      versions: [
        { version: '1.0.0', publishedAt: t(2), dependencies: { a: '1', b: '1' } },
        { version: '1.0.1', publishedAt: t(1), dependencies: { b: '2', a: '2' } },
      ],
    });
    const [first, second] = projectPackument(raw, REGISTRY).versions;
    expect(first!.dependencies).toBe(second!.dependencies);
  });

  it('keeps each version\'s tarball URL and digests (integrity and shasum) in compact form', () => {
    const sha512 = Buffer.alloc(64, 7).toString('base64');
    const shasum = 'ab'.repeat(20);
    const raw = makePackument({ name: '@scope/demo', versions: [{ version: '1.0.0', publishedAt: t(3) }, { version: '1.1.0', publishedAt: t(2) }] });
    const versions = raw.versions as Record<string, { dist: Record<string, unknown> }>;
    versions['1.0.0']!.dist = { integrity: `sha512-${sha512}`, shasum, tarball: 'https://npm.pkg.github.com/download/@scope/demo/1.0.0/abc' };
    versions['1.1.0']!.dist = { integrity: 42, shasum: 'not hex', tarball: '' };
    const [first, second] = projectPackument(raw, REGISTRY, '@scope/demo').versions;
    expect(first).toMatchObject({
      integrity: `sha512-${sha512.slice(0, 16)} sha1-${Buffer.from(shasum, 'hex').toString('base64').slice(0, 16)}`,
      tarball: 'https://npm.pkg.github.com/download/@scope/demo/1.0.0/abc',
    });
    expect(second).toMatchObject({ integrity: null, tarball: null });
  });

  it('records the approver of a staged release', () => {
    const raw = makePackument({
      name: 'staged',
      versions: [{ version: '1.0.0', publishedAt: t(1), publisher: stagedPublisher(trustedPublisher(), 'carol') }],
    });
    expect(projectPackument(raw, REGISTRY).versions[0]?.publisher).toEqual({
      id: 'trusted:github',
      name: 'GitHub Actions',
      trustedPublisher: { provider: 'github', configId: 'oidc:6f1c2b3a' },
      approver: 'carol',
    });
  });

  it('never takes a publish time from the version manifest itself', () => {
    const raw = makePackument({ name: 'liar', versions: [{ version: '1.0.0', publishedAt: null }] });
    const versions = raw.versions as Record<string, Record<string, unknown>>;
    Object.assign(versions['1.0.0'] ?? {}, { time: '2001-01-01T00:00:00.000Z', publishedAt: '2001-01-01' });
    expect(projectPackument(raw, REGISTRY).versions[0]?.publishedAt).toBeNull();
  });

  it('treats missing maintainers and _npmUser as unknown (null), not empty', () => {
    const raw = makePackument({
      name: 'private',
      versions: [{ version: '1.0.0', publishedAt: t(5), publisher: null, maintainers: null }],
      maintainers: null,
    });
    const history = projectPackument(raw, REGISTRY);
    expect(history.maintainers).toBeNull();
    expect(history.versions[0]).toMatchObject({ maintainers: null, publisher: null });
  });

  it('gives every version a null publish time when the registry has no `time`', () => {
    const raw = makePackument({
      name: 'gh-packages',
      omitTime: true,
      versions: [{ version: '1.0.0', publishedAt: t(9) }, { version: '0.9.0', publishedAt: t(10) }],
    });
    const history = projectPackument(raw, 'https://npm.pkg.github.com/');
    expect(history.created).toBeNull();
    expect(history.modified).toBeNull();
    expect(history.versions.map((v) => [v.version, v.publishedAt])).toEqual([['0.9.0', null], ['1.0.0', null]]);
  });

  it.each(['1', '0', 'Jan 1', '2021', '2021-02-30T00:00:00Z', '2021-01-01T24:00:00Z', '2021-01-01 00:00:00', '2021-01-01T00:00:00', '+002021-01-01T00:00:00Z', ' 2021-01-01T00:00:00Z'])(
    'a `time` of %j is not an ISO 8601 instant: unknown (fails closed), never a date', (value) => {
      const raw = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: t(400) }] });
      (raw as { time: Record<string, unknown> }).time = { created: value, modified: value, '1.0.0': value };
      const history = projectPackument(raw, REGISTRY, 'demo');
      expect([history.created, history.modified, history.versions[0]?.publishedAt]).toEqual([null, null, null]);
    });

  it('accepts the ISO 8601 instants registries write, with or without fractions and offsets', () => {
    const raw = makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: t(400) }] });
    const time = (raw as { time: Record<string, unknown> }).time;
    for (const [value, expected] of [
      ['2011-08-11T18:02:45.524Z', Date.UTC(2011, 7, 11, 18, 2, 45, 524)],
      ['2011-08-11T18:02:45Z', Date.UTC(2011, 7, 11, 18, 2, 45)],
      ['2011-08-11T20:02:45+02:00', Date.UTC(2011, 7, 11, 18, 2, 45)],
      ['2024-02-29T00:00:00.000Z', Date.UTC(2024, 1, 29)],
    ] as const) {
      time['1.0.0'] = value;
      expect(projectPackument(raw, REGISTRY, 'demo').versions[0]?.publishedAt).toBe(expected);
    }
  });

  it('lists versions only in `time` as unpublished, and orders by publish time, unknown last', () => {
    const raw = makePackument({
      name: 'gone',
      versions: [
        { version: '2.0.0', publishedAt: t(3) },
        { version: '1.0.0', publishedAt: t(10) },
        { version: '1.0.1', publishedAt: t(4), unpublished: true },
        { version: '3.0.0', publishedAt: null },
      ],
    });
    const history = projectPackument(raw, REGISTRY);
    expect(history.versions.map((v) => [v.version, v.unpublished])).toEqual([
      ['1.0.0', false], ['1.0.1', true], ['2.0.0', false], ['3.0.0', false],
    ]);
    expect(history.versions[1]).toMatchObject({ publishedAt: t(4), publisher: null, maintainers: null });
  });

  it('reports a wholly unpublished package', () => {
    const raw = makePackument({
      name: 'unpublished-pkg',
      versions: [{ version: '1.0.0', publishedAt: t(20) }],
      unpublishedAt: t(2),
    });
    const history = projectPackument(raw, REGISTRY, 'unpublished-pkg');
    expect(history.unpublishedAt).toBe(t(2));
    expect(history.versions).toEqual([expect.objectContaining({ version: '1.0.0', unpublished: true })]);
    expect(history.distTags).toEqual({});
  });

  it('handles scoped names and legacy string maintainers', () => {
    const raw = makePackument({ name: '@corp/tool', versions: [{ version: '1.0.0', publishedAt: t(1) }] });
    raw.maintainers = ['alice <alice@example.com>', { name: 'bob' }, 42];
    const history = projectPackument(raw, REGISTRY, '@corp/tool');
    expect(history.name).toBe('@corp/tool');
    expect(history.maintainers).toEqual(['alice', 'bob']);
  });

  it("reads package.json's own maintainers (people with names and web pages) as no account list: unknown", () => {
    const raw = makePackument({
      name: 'acorn',
      versions: [
        { version: '5.0.1', publishedAt: t(400), maintainers: ['marijn'] },
        { version: '8.19.0', publishedAt: t(40) },
        { version: '8.19.1', publishedAt: t(30) },
        { version: '8.19.2', publishedAt: t(20) },
        { version: '8.19.3', publishedAt: t(10) },
      ],
    });
    const versions = raw['versions'] as Record<string, Record<string, unknown>>;
    versions['8.19.0']!['maintainers'] = [{ name: 'Marijn Haverbeke', email: 'marijnh@gmail.com', web: 'https://marijnhaverbeke.nl' }, { name: 'Adrian Heine', web: 'http://adrianheine.de' }];
    versions['8.19.1']!['maintainers'] = [{ name: 'marijn', email: 'm@example.com', url: 'https://marijnhaverbeke.nl' }];
    versions['8.19.2']!['maintainers'] = ['Marijn Haverbeke <marijnh@gmail.com>'];
    versions['8.19.3']!['maintainers'] = ['marijn <m@example.com> (https://marijnhaverbeke.nl)'];
    raw['maintainers'] = [{ name: 'Marijn Haverbeke', email: 'marijnh@gmail.com' }];
    const history = projectPackument(raw, REGISTRY, 'acorn');
    expect(history.versions.map((v) => [v.version, v.maintainers])).toEqual([
      ['5.0.1', ['marijn']],
      ['8.19.0', null],
      ['8.19.1', null],
      ['8.19.2', null],
      ['8.19.3', null],
    ]);
    expect(history.maintainers).toBeNull();
  });

  it('keeps legacy accounts from before npm wanted lower case', () => {
    const raw = makePackument({ name: 'bindings', versions: [{ version: '1.0.0', publishedAt: t(1) }] });
    raw['maintainers'] = [{ name: 'TooTallNate', email: 'nathan@tootallnate.net' }, 'V1 <info@3rd-Eden.com>'];
    expect(projectPackument(raw, REGISTRY, 'bindings').maintainers).toEqual(['TooTallNate', 'V1']);
  });

  it('holds no reference to the raw document', () => {
    const raw = makePackument({
      name: 'copy',
      versions: [{ version: '1.0.0', publishedAt: t(1), maintainers: ['a'] }],
      distTags: { latest: '1.0.0' },
    });
    const history = projectPackument(raw, REGISTRY);
    const rawObjects = new Set<unknown>();
    const collect = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || rawObjects.has(value)) return;
      rawObjects.add(value);
      Object.values(value).forEach(collect);
    };
    collect(raw);
    const shared: unknown[] = [];
    const check = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      if (rawObjects.has(value)) shared.push(value);
      Object.values(value).forEach(check);
    };
    check(history);
    expect(shared).toEqual([]);
  });

  it.each([
    ['a string', '<html>Sign in</html>'],
    ['an array', []],
    ['an error body', { error: 'Not found' }],
    ['versions of the wrong type', { name: 'demo', versions: 'nope' }],
    ['time of the wrong type', { name: 'demo', versions: {}, time: [] }],
    ['a version that is not an object', { name: 'demo', versions: { '1.0.0': 'x' } }],
    ['another package', { name: 'other', versions: {} }],
  ])('refuses %s as a registryResponse error naming package and registry', (_label, raw) => {
    let caught: unknown;
    try {
      projectPackument(raw, REGISTRY, 'demo');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: ERROR_CODES.registryResponse });
    expect((caught as Error).message).toContain('demo');
    expect((caught as Error).message).toContain(REGISTRY);
  });
});
