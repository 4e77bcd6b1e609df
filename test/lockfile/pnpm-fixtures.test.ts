/** The parser against lockfiles written by the real pnpm (see test/fixtures/lockfiles/pnpm/README.md). */
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { findPackage as find, readLockfileFixture, summary } from '../support/lockfile-fixtures.js';

const read = (variant: string): string => readLockfileFixture(`pnpm/${variant}/pnpm-lock.yaml`);
const parse = (variant: string): Lockfile => parsePnpmLockfile(read(variant), { path: 'pnpm-lock.yaml' });

const REGISTRY_SUMMARY = [
  'debug@2.6.9 registry',
  'is-buffer@1.1.6 registry',
  'is-even@1.0.0 registry optional',
  'is-number@3.0.0 registry', // reached from the dev is-odd and the optional is-even: neither
  'is-number@6.0.0 registry',
  'is-number@7.0.0 registry',
  'is-odd@0.1.2 registry',
  'js-tokens@4.0.0 registry',
  'kind-of@3.2.2 registry',
  'kind-of@6.0.3 registry dev',
  'loose-envify@1.4.0 registry',
  'ms@2.0.0 registry',
  'ms@2.1.3 registry',
  'react@18.2.0 registry',
  'to-regex-range@5.0.1 registry',
  'use-sync-external-store@1.2.0 registry',
];

describe('lockfileVersion 9.0 (pnpm 9 to 12)', () => {
  const lockfile = parse('v9.0-pnpm10');

  test('header: the version as written', () => {
    expect(lockfile).toMatchObject({ path: 'pnpm-lock.yaml', packageManager: 'pnpm', formatVersion: '9.0' });
  });

  test('every distinct package, with real names, source kinds and flags', () => {
    expect(lockfile.packages.map(summary)).toEqual(
      [
        ...REGISTRY_SUMMARY,
        'dir-copy@0.0.0 link', // file:<directory>; 9.0 does not record its version
        'git-dep@1.0.0 git',
        'local-thing@0.0.0 link',
        'packages/ws-b@0.0.0 workspace', // nothing links ws-b: named after its directory
        'packed-dep@1.0.0 file',
        'tarball-dep@2.0.0 tarball',
        'ws-a@0.0.0 workspace', // named as ws-b links it
      ].sort(),
    );
  });

  test('an npm alias is reported under its real name', () => {
    const aliased = find(lockfile, 'is-number', '6.0.0');
    expect(aliased.aliases).toEqual(['my-alias']);
    expect(aliased.requestedRanges).toEqual(['6.0.0']);
    expect(aliased.paths).toEqual([['is-number@6.0.0']]);
    expect(find(lockfile, 'is-number', '7.0.0').aliases).toEqual([]);
  });

  test('peer-suffixed snapshot keys resolve to the plain name@version', () => {
    const store = find(lockfile, 'use-sync-external-store', '1.2.0');
    expect(store.integrity).toMatch(/^sha512-/);
    expect(store.paths).toEqual([['use-sync-external-store@1.2.0']]);
    // The peer range is the only range a snapshot's dependency map tells us.
    expect(find(lockfile, 'react', '18.2.0').requestedRanges).toEqual(['18.2.0', '^16.8.0 || ^17.0.0 || ^18.0.0']);
    expect(find(lockfile, 'packed-dep', '1.0.0').paths).toEqual([['packed-dep@1.0.0']]);
  });

  test('paths start at root dependencies or workspace importers, shortest first', () => {
    expect(find(lockfile, 'is-number', '7.0.0').paths).toEqual([
      ['is-number@7.0.0'],
      ['ws-a@0.0.0', 'is-number@7.0.0'],
      ['packed-dep@1.0.0', 'is-number@7.0.0'], // a peer dependency
      ['to-regex-range@5.0.1', 'is-number@7.0.0'],
      ['packages/ws-b@0.0.0', 'ws-a@0.0.0', 'is-number@7.0.0'],
    ]);
    expect(find(lockfile, 'ms', '2.0.0').paths).toEqual([
      ['ws-a@0.0.0', 'ms@2.0.0'],
      ['debug@2.6.9', 'ms@2.0.0'],
      ['packages/ws-b@0.0.0', 'ws-a@0.0.0', 'ms@2.0.0'],
    ]);
    const isBuffer = find(lockfile, 'is-buffer', '1.1.6');
    expect(isBuffer.paths.slice(0, 2)).toEqual([
      ['packages/ws-b@0.0.0', 'is-buffer@1.1.6'], // a workspace devDependency
      ['git-dep@1.0.0', 'is-buffer@1.1.6'],
    ]);
    expect(isBuffer.pathCount).toBe(5);
    expect(isBuffer.requestedRanges).toEqual(['^1.1.6']);
  });

  test('workspaces are importers and can depend on each other', () => {
    const wsA = find(lockfile, 'ws-a', '0.0.0');
    expect(wsA.paths).toEqual([['ws-a@0.0.0'], ['packages/ws-b@0.0.0', 'ws-a@0.0.0']]);
    expect(wsA.requestedRanges).toEqual(['workspace:*']);
    expect(find(lockfile, 'packages/ws-b', '0.0.0').paths).toEqual([['packages/ws-b@0.0.0']]);
  });

  test('non-registry sources keep the lockfile claim in resolved', () => {
    expect(find(lockfile, 'git-dep', '1.0.0').resolved).toMatch(/^git\+file:\/\/\/tmp\/rq-pnpm-fixture-git\/git-dep#[0-9a-f]{40}$/);
    expect(find(lockfile, 'tarball-dep', '2.0.0').resolved).toBe('http://127.0.0.1:47139/tarball-dep-2.0.0.tgz');
    expect(find(lockfile, 'packed-dep', '1.0.0').resolved).toBe('file:vendor/packed-dep-1.0.0.tgz');
    expect(find(lockfile, 'dir-copy', '0.0.0').resolved).toBe('file:local/dir-copy');
    const link = find(lockfile, 'local-thing', '0.0.0');
    expect([link.resolved, link.requestedRanges]).toEqual(['link:local/thing', ['link:local/thing']]);
    for (const p of lockfile.packages.filter((p) => p.source === 'registry')) expect(p.resolved).toBeNull();
  });

  test('pnpm 9 and 12 write the same project the same way', () => {
    // pnpm 9 records no integrity for a tarball URL.
    const withoutTarballIntegrity = lockfile.packages.map((p) =>
      p.source === 'tarball' ? { ...p, integrity: null, copies: p.copies.map((copy) => ({ ...copy, integrity: null })) } : p,
    );
    expect(parse('v9.0-pnpm9').packages).toEqual(withoutTarballIntegrity);
    // pnpm 12 also locks the config dependency ms@2.1.2 (its env document); the project is the same.
    expect(parse('v9.0-pnpm12').packages.filter((p) => p.configDependency !== true)).toEqual(lockfile.packages);
  });
});

describe('two YAML documents (pnpm 11 env lockfile first)', () => {
  test('the file really holds two documents, the first with a config dependency', () => {
    const documents = parseAllDocuments(read('v9.0-pnpm11'));
    expect(Array.isArray(documents) && documents.length).toBe(2);
    expect(read('v9.0-pnpm11')).toContain('configDependencies');
  });

  test.each(['v9.0-pnpm11', 'v9.0-pnpm12'])('%s: the main document is the project; the env document adds its config dependency', (variant) => {
    const lockfile = parse(variant);
    expect(lockfile.formatVersion).toBe('9.0');
    expect(lockfile.packages.filter((p) => p.configDependency !== true)).toEqual(parse('v9.0-pnpm10').packages);
    const config = lockfile.packages.filter((p) => p.configDependency === true);
    expect(config).toEqual([
      {
        name: 'ms',
        version: '2.1.2',
        source: 'registry',
        aliases: [],
        resolved: null,
        integrity: 'sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w==',
        copies: [{ location: 'ms@2.1.2', resolved: null, integrity: 'sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w==', recordsIntegrity: true }],
        dev: false,
        optional: false,
        direct: true,
        paths: [['ms@2.1.2']],
        pathCount: 1,
        requestedRanges: [],
        dependents: [{ dependent: null, range: null }],
        configDependency: true,
      },
    ]);
  });

  test('a config dependency the project also installs at that version is one package, flagged, with both claims', () => {
    const [env, main] = read('v9.0-pnpm12').split(/^---\n/m).filter((part) => part.trim() !== '');
    // The env document locks ms@2.1.3 (the project's own ms) under another integrity.
    const envText = (env as string).replaceAll('2.1.2', '2.1.3').replace(/integrity: sha512-[^}]+/, 'integrity: sha512-b3RoZXI=');
    const lockfile = parsePnpmLockfile(`---\n${envText}---\n${main as string}`, { path: 'pnpm-lock.yaml' });
    const ms = lockfile.packages.filter((p) => p.name === 'ms' && p.version === '2.1.3');
    expect(ms).toHaveLength(1);
    expect(ms[0]?.configDependency).toBe(true);
    expect(ms[0]?.copies.map((copy) => copy.integrity)).toEqual([expect.stringMatching(/^sha512-6Flz/), 'sha512-b3RoZXI=']);
    expect(ms[0]?.paths).toContainEqual(['ms@2.1.3']);
    expect(ms[0]?.paths).toContainEqual(['tarball-dep@2.0.0', 'ms@2.1.3']);
  });

  test('pnpm itself (packageManagerDependencies) is not a config dependency; a broken env entry is one clear error', () => {
    const env = [
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    configDependencies:',
      '      pnpm-plugin-x:',
      '        specifier: 1.0.0',
      '        version: 1.0.0',
      '    packageManagerDependencies:',
      '      pnpm:',
      '        specifier: 12.23.0',
      '        version: 12.23.0',
      'packages:',
      '  pnpm-plugin-x@1.0.0:',
      '    resolution: {integrity: sha512-eA==}',
      '  pnpm@12.23.0:',
      '    resolution: {integrity: sha512-cA==}',
      'snapshots:',
      '  pnpm-plugin-x@1.0.0: {}',
      '  pnpm@12.23.0: {}',
      '',
    ].join('\n');
    const main = read('v9.0-pnpm12').split(/^---\n/m).filter((part) => part.trim() !== '')[1] as string;
    const lockfile = parsePnpmLockfile(`${env}---\n${main}`, { path: 'pnpm-lock.yaml' });
    expect(lockfile.packages.filter((p) => p.configDependency === true).map(summary)).toEqual(['pnpm-plugin-x@1.0.0 registry']);
    expect(lockfile.packages.some((p) => p.name === 'pnpm')).toBe(false);
    const future = env.replace("lockfileVersion: '9.0'", "lockfileVersion: '10.0'");
    expect(() => parsePnpmLockfile(`${future}---\n${main}`, { path: 'pnpm-lock.yaml' })).toThrow(
      'pnpm-lock.yaml: the env document\'s lockfileVersion "10.0" is not supported (supported: 5.x, 6.x, 9.x)',
    );
    const broken = env.replace('        version: 1.0.0\n', '');
    expect(() => parsePnpmLockfile(`${broken}---\n${main}`, { path: 'pnpm-lock.yaml' })).toThrow(
      'pnpm-lock.yaml: env importers["."].configDependencies["pnpm-plugin-x"]: has no "version" string',
    );
  });
});

describe('lockfileVersion 5.4 (pnpm 7) and 6.0 (pnpm 8)', () => {
  test('formatVersion as written', () => {
    expect(parse('v5.4').formatVersion).toBe('5.4');
    expect(parse('v6.0').formatVersion).toBe('6.0');
  });

  test('5.4 reads the same packages; dir-copy has its version; git-dep has none', () => {
    const v54 = parse('v5.4');
    expect(v54.packages.map(summary)).toEqual(
      [
        ...REGISTRY_SUMMARY,
        'dir-copy@0.2.0 link',
        'git-dep@0.0.0-git git', // pnpm 7 wrote neither name nor version for git+file (README)
        'local-thing@0.0.0 link',
        'packages/ws-b@0.0.0 workspace',
        'packed-dep@1.0.0 file',
        'tarball-dep@2.0.0 tarball',
        'ws-a@0.0.0 workspace',
      ].sort(),
    );
    expect(find(v54, 'git-dep', '0.0.0-git').paths).toEqual([['git-dep@0.0.0-git']]);
    expect(find(v54, 'is-number', '6.0.0').aliases).toEqual(['my-alias']);
    expect(find(v54, 'use-sync-external-store', '1.2.0').paths).toEqual([['use-sync-external-store@1.2.0']]);
  });

  test('6.0 equals 9.0 without the git dependency', () => {
    const v9 = parse('v9.0-pnpm10').packages.filter((p) => p.name !== 'git-dep');
    const strip = (packages: LockedPackage[]): LockedPackage[] =>
      packages.map((p) => ({ ...p, paths: p.paths.filter((path) => !path.includes('git-dep@1.0.0')) }));
    const v6 = parse('v6.0').packages;
    expect(v6.map(summary)).toEqual(v9.map(summary));
    expect(strip(v6).map((p) => [p.name, p.paths, p.aliases, p.requestedRanges])).toEqual(
      strip(v9).map((p) => [p.name, p.paths, p.aliases, p.requestedRanges]),
    );
  });

  test('single projects (no importers) read their top-level dependencies', () => {
    for (const variant of ['v5.4-single', 'v6.0-single']) {
      const lockfile = parse(variant);
      expect(lockfile.packages.filter((p) => p.source === 'workspace')).toEqual([]);
      expect(find(lockfile, 'kind-of', '6.0.3')).toMatchObject({ dev: true, paths: [['kind-of@6.0.3']], requestedRanges: ['6.0.3'] });
      expect(find(lockfile, 'is-number', '6.0.0').aliases).toEqual(['my-alias']);
      expect(find(lockfile, 'is-even', '1.0.0').optional).toBe(true);
    }
  });

  test.each(['v5.4', 'v5.4-single', 'v6.0', 'v6.0-single'])('%s: computed flags agree with pnpm own dev/optional fields', (variant) => {
    const packages = (parseYaml(read(variant)) as { packages: Record<string, { dev?: boolean; optional?: boolean; name?: string }> }).packages;
    const lockfile = parse(variant);
    let checked = 0;
    for (const [key, entry] of Object.entries(packages)) {
      const match = /^\/((?:@[^/]+\/)?[^/@]+)[/@](\d+\.\d+\.\d+)/.exec(key);
      if (match === null) continue;
      const p = find(lockfile, match[1] as string, match[2] as string);
      expect([key, p.dev, p.optional]).toEqual([key, entry.dev === true, entry.optional === true]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(16);
  });
});
