/** The parser against lockfiles written by the real npm (see test/fixtures/lockfiles/npm/README.md). */
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { findPackage as find, readLockfileFixture, summary } from '../support/lockfile-fixtures.js';

const read = (variant: string, file = 'package-lock.json'): string => readLockfileFixture(`npm/${variant}/${file}`);
const parse = (variant: string, file = 'package-lock.json', withManifest = true): Lockfile =>
  parseNpmLockfile(read(variant, file), withManifest ? { path: file, packageJson: read(variant, 'project-package.json') } : { path: file });

describe('lockfileVersion 3 (npm 11)', () => {
  const lockfile = parse('v3');

  test('header', () => {
    expect(lockfile).toMatchObject({ path: 'package-lock.json', packageManager: 'npm', formatVersion: '3' });
  });

  test('every distinct install, with real names, source kinds and flags', () => {
    expect(lockfile.packages.map(summary)).toEqual([
      'debug@2.6.9 registry',
      'git-dep@1.0.0 git',
      'is-buffer@1.1.6 registry',
      'is-even@1.0.0 registry optional',
      'is-number@3.0.0 registry', // devOptional: neither flag
      'is-number@6.0.0 registry',
      'is-number@7.0.0 registry',
      'is-odd@0.1.2 registry', // devOptional
      'kind-of@3.2.2 registry',
      'kind-of@6.0.3 registry dev',
      'local-thing@0.1.0 link',
      'ms@2.0.0 registry',
      'ms@2.1.3 registry',
      'packed-dep@1.0.0 file',
      'tarball-dep@2.0.0 tarball',
      'to-regex-range@5.0.1 registry',
      'ws-a@1.0.0 workspace',
      'ws-b@0.3.0 workspace',
    ]);
  });

  test('an npm alias is reported under its real name', () => {
    const aliased = find(lockfile, 'is-number', '6.0.0');
    expect(aliased.aliases).toEqual(['my-alias']);
    expect(aliased.requestedRanges).toEqual(['6.0.0']);
    expect(aliased.paths).toEqual([['is-number@6.0.0']]);
    expect(find(lockfile, 'is-number', '7.0.0').aliases).toEqual([]);
  });

  test('the same version installed at two locations merges into one package', () => {
    // node_modules/debug/node_modules/ms and packages/ws-a/node_modules/ms
    const ms = find(lockfile, 'ms', '2.0.0');
    expect(ms.paths).toEqual([
      ['debug@2.6.9', 'ms@2.0.0'],
      ['ws-a@1.0.0', 'ms@2.0.0'],
      ['ws-b@0.3.0', 'ws-a@1.0.0', 'ms@2.0.0'],
    ]);
    expect(ms.pathCount).toBe(3);
    expect(ms.requestedRanges).toEqual(['2.0.0']);
    expect(ms.integrity).toMatch(/^sha512-/);
  });

  test('paths start at root dependencies or workspace importers, shortest first', () => {
    expect(find(lockfile, 'is-number', '7.0.0').paths).toEqual([
      ['is-number@7.0.0'],
      ['packed-dep@1.0.0', 'is-number@7.0.0'], // a peer dependency present in the tree
      ['to-regex-range@5.0.1', 'is-number@7.0.0'],
      ['ws-a@1.0.0', 'is-number@7.0.0'],
      ['ws-b@0.3.0', 'ws-a@1.0.0', 'is-number@7.0.0'],
    ]);
    // Nested installs resolve to the nearest node_modules: is-odd -> its own is-number@3.0.0.
    expect(find(lockfile, 'kind-of', '3.2.2').paths).toEqual([
      ['is-odd@0.1.2', 'is-number@3.0.0', 'kind-of@3.2.2'],
      ['is-even@1.0.0', 'is-odd@0.1.2', 'is-number@3.0.0', 'kind-of@3.2.2'],
    ]);
    // Workspace devDependencies and dependencies of linked folders count.
    const isBuffer = find(lockfile, 'is-buffer', '1.1.6');
    expect(isBuffer.paths.slice(0, 3)).toEqual([
      ['git-dep@1.0.0', 'is-buffer@1.1.6'],
      ['local-thing@0.1.0', 'is-buffer@1.1.6'],
      ['ws-b@0.3.0', 'is-buffer@1.1.6'],
    ]);
    expect(isBuffer.pathCount).toBe(5);
    expect(isBuffer.requestedRanges).toEqual(['1.1.6', '^1.1.5', '^1.1.6']);
  });

  test('workspaces are importers and can depend on each other', () => {
    const wsA = find(lockfile, 'ws-a', '1.0.0');
    expect(wsA.paths).toEqual([['ws-a@1.0.0'], ['ws-b@0.3.0', 'ws-a@1.0.0']]);
    expect(wsA.requestedRanges).toEqual(['^1.0.0']);
    expect(find(lockfile, 'ws-b', '0.3.0').paths).toEqual([['ws-b@0.3.0']]);
  });

  test('non-registry sources keep the lockfile claim in resolved', () => {
    expect(find(lockfile, 'git-dep', '1.0.0').resolved).toMatch(/^git\+file:\/\/.*#[0-9a-f]{40}$/);
    expect(find(lockfile, 'tarball-dep', '2.0.0').resolved).toBe('http://127.0.0.1:47123/tarball-dep-2.0.0.tgz');
    expect(find(lockfile, 'packed-dep', '1.0.0').resolved).toBe('file:vendor/packed-dep-1.0.0.tgz');
    expect(find(lockfile, 'local-thing', '0.1.0').requestedRanges).toEqual(['file:local/thing']);
  });
});

describe('other shapes of the same project', () => {
  const v3 = parse('v3');
  const strip = (packages: LockedPackage[]): unknown[] =>
    packages.map(({ resolved: _resolved, copies, ...rest }) => ({ ...rest, copies: copies.map(({ resolved: _r, ...copy }) => copy) }));

  test('v3 without registry `resolved` (omit-lockfile-registry-resolved) reads the same', () => {
    const omitted = parse('v3-omit-resolved');
    expect(strip(omitted.packages)).toEqual(strip(v3.packages));
    for (const p of omitted.packages.filter((p) => p.source === 'registry')) expect(p.resolved).toBeNull();
  });

  test('npm 12 writes the same v3 lockfile as npm 11 and it reads the same', () => {
    const npm12 = parse('v3-npm12');
    expect(npm12.formatVersion).toBe('3');
    expect(npm12.packages).toEqual(v3.packages);
  });

  test('v2 reads `packages` and equals v3', () => {
    const v2 = parse('v2');
    expect(v2.formatVersion).toBe('2');
    expect(v2.packages).toEqual(v3.packages);
  });

  test('npm-shrinkwrap.json is the same format', () => {
    const shrinkwrap = parse('shrinkwrap', 'npm-shrinkwrap.json');
    expect(shrinkwrap.path).toBe('npm-shrinkwrap.json');
    expect(shrinkwrap.packages).toEqual(v3.packages);
  });
});

describe('lockfileVersion 1 (npm 6)', () => {
  const v1 = parse('v1');

  test('the nested tree, aliases and non-registry versions', () => {
    expect(v1.formatVersion).toBe('1');
    expect(v1.packages.map(summary)).toEqual([
      'debug@2.6.9 registry',
      'git-dep@0.0.0-git git', // v1 does not record a git package's version
      'is-buffer@1.1.6 registry',
      'is-even@1.0.0 registry optional',
      'is-number@3.0.0 registry',
      'is-number@6.0.0 registry',
      'is-number@7.0.0 registry',
      'is-odd@0.1.2 registry',
      'kind-of@3.2.2 registry',
      'kind-of@6.0.3 registry dev',
      'local-thing@0.0.0-link link', // file:<directory> is a symlink
      'ms@2.0.0 registry',
      'ms@2.1.3 registry',
      'packed-dep@1.0.0 file', // version from the tarball's file name
      'tarball-dep@2.0.0 tarball',
      'to-regex-range@5.0.1 registry',
    ]);
    expect(find(v1, 'is-number', '6.0.0').aliases).toEqual(['my-alias']);
    expect(find(v1, 'git-dep', '0.0.0-git').resolved).toMatch(/^git\+file:.*#[0-9a-f]{40}$/);
  });

  test('root edges come from package.json; nested requires resolve like Node', () => {
    expect(find(v1, 'is-odd', '0.1.2').paths).toEqual([['is-odd@0.1.2'], ['is-even@1.0.0', 'is-odd@0.1.2']]);
    expect(find(v1, 'ms', '2.0.0').paths).toEqual([['debug@2.6.9', 'ms@2.0.0']]);
    expect(find(v1, 'is-number', '7.0.0').requestedRanges).toEqual(['^7.0.0']);
  });

  test('without package.json, top-level entries nothing requires are the roots', () => {
    const bare = parse('v1', 'package-lock.json', false);
    // is-odd is required by is-even, so without package.json it is not a direct dependency.
    expect(find(bare, 'is-odd', '0.1.2').paths).toEqual([['is-even@1.0.0', 'is-odd@0.1.2']]);
    expect(find(bare, 'debug', '2.6.9').paths).toEqual([['debug@2.6.9']]);
    expect(find(bare, 'debug', '2.6.9').requestedRanges).toEqual([]);
  });
});
