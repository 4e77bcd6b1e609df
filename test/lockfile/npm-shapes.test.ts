/** Hand-written lockfile shapes the generated fixtures cannot produce here (no network git, etc.). */
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { classifyResolved, classifyV1Spec, versionOfV1Spec } from '../../src/lockfile/source-kind.js';
import { onlyPackageNamed as one } from '../support/lockfile-fixtures.js';

const REG = 'https://registry.npmjs.org';
const v3 = (packages: Record<string, unknown>): Lockfile =>
  parseNpmLockfile(JSON.stringify({ lockfileVersion: 3, packages }), { path: 'package-lock.json' });
const v1 = (dependencies: Record<string, unknown>, packageJson?: object): Lockfile =>
  parseNpmLockfile(
    JSON.stringify({ lockfileVersion: 1, requires: true, dependencies }),
    packageJson === undefined ? { path: 'package-lock.json' } : { path: 'package-lock.json', packageJson: JSON.stringify(packageJson) },
  );
const byName = (lockfile: Lockfile, name: string): LockedPackage[] => lockfile.packages.filter((p) => p.name === name);

describe('source kinds', () => {
  test.each([
    [null, 'registry'],
    [`${REG}/lodash/-/lodash-4.17.21.tgz`, 'registry'],
    ['https://npm.example.com/repository/npm/lodash/-/lodash-4.17.21.tgz', 'registry'],
    [`${REG}/evil/-/evil-4.17.21.tgz`, 'tarball'], // registry-shaped, but not this package
    [`${REG}/lodash/-/lodash-4.17.20.tgz`, 'tarball'], // nor this version
    ['https://example.com/lodash.tgz', 'tarball'],
    ['git+ssh://git@github.com/lodash/lodash.git#2da024c3b4f9947a48517639de7560457cd4ec6c', 'git'],
    ['git+https://github.com/lodash/lodash.git#2da024c', 'git'],
    ['github:lodash/lodash#2da024c', 'git'],
    ['file:vendor/lodash-4.17.21.tgz', 'file'],
  ])('%s -> %s', (resolved, kind) => {
    expect(classifyResolved(resolved, 'lodash', '4.17.21')).toBe(kind);
  });

  test('scoped registry tarballs, encoded or not', () => {
    expect(classifyResolved(`${REG}/@types/node/-/node-20.1.0.tgz`, '@types/node', '20.1.0')).toBe('registry');
    expect(classifyResolved(`${REG}/@types%2fnode/-/node-20.1.0.tgz`, '@types/node', '20.1.0')).toBe('registry');
    expect(classifyResolved(`${REG}/@evil/node/-/node-20.1.0.tgz`, '@types/node', '20.1.0')).toBe('tarball');
  });

  test('v1 version specs', () => {
    expect(classifyV1Spec('github:user/repo#0123abc')).toBe('git');
    expect(classifyV1Spec('user/repo#0123abc')).toBe('git');
    expect(classifyV1Spec('git+https://github.com/user/repo.git#0123abc')).toBe('git');
    expect(classifyV1Spec('https://example.com/x/-/x-1.2.3.tgz')).toBe('tarball');
    expect(classifyV1Spec('file:vendor/x-1.2.3.tgz')).toBe('file');
    expect(classifyV1Spec('file:../x')).toBe('link');
    expect(versionOfV1Spec('https://example.com/x-1.2.3-beta.1.tgz', 'tarball')).toBe('1.2.3-beta.1');
    expect(versionOfV1Spec('github:user/repo#0123abc', 'git')).toBe('0.0.0-git');
  });
});

test('v3: a scoped alias, git from GitHub, and bundled dependencies', () => {
  const lockfile = v3({
    '': { dependencies: { '@my/alias': 'npm:@real/pkg@^2.0.0', gh: 'github:user/gh', host: '1.0.0' } },
    'node_modules/@my/alias': { name: '@real/pkg', version: '2.1.0', resolved: `${REG}/@real/pkg/-/pkg-2.1.0.tgz` },
    'node_modules/gh': { version: '3.0.0', resolved: 'git+ssh://git@github.com/user/gh.git#2da024c3b4f9947a48517639de7560457cd4ec6c' },
    'node_modules/host': { version: '1.0.0', bundleDependencies: ['inner'], dependencies: { inner: '^1.0.0' } },
    'node_modules/host/node_modules/inner': { version: '1.5.0', inBundle: true },
  });
  expect(one(lockfile, '@real/pkg')).toMatchObject({ aliases: ['@my/alias'], requestedRanges: ['^2.0.0'], source: 'registry' });
  expect(one(lockfile, 'gh')).toMatchObject({ source: 'git', requestedRanges: ['github:user/gh'] });
  expect(one(lockfile, 'inner')).toMatchObject({ source: 'registry', resolved: null, paths: [['host@1.0.0', 'inner@1.5.0']] });
});

test('v3: Node lookup prefers the nearest node_modules', () => {
  const lockfile = v3({
    '': { dependencies: { a: '1', c: '1' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '2' } },
    'node_modules/a/node_modules/b': { version: '2.0.0', dependencies: { c: '^2.0.0' } },
    'node_modules/a/node_modules/c': { version: '2.0.0' },
    'node_modules/c': { version: '1.0.0' },
  });
  expect(byName(lockfile, 'c').map((p) => [p.version, p.paths])).toEqual([
    ['1.0.0', [['c@1.0.0']]],
    ['2.0.0', [['a@1.0.0', 'b@2.0.0', 'c@2.0.0']]],
  ]);
});

test('v3: a dependency cycle yields simple paths', () => {
  const lockfile = v3({
    '': { dependencies: { a: '1' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '1' } },
    'node_modules/b': { version: '1.0.0', dependencies: { a: '1' } },
  });
  expect(one(lockfile, 'a')).toMatchObject({ paths: [['a@1.0.0']], pathCount: 1, requestedRanges: ['1'] });
  expect(one(lockfile, 'b')).toMatchObject({ paths: [['a@1.0.0', 'b@1.0.0']], pathCount: 1 });
});

test('v3: workspaces from an object form, nested installs, and a link outside the project', () => {
  const lockfile = v3({
    '': { workspaces: { packages: ['apps/**', '!apps/legacy'] } },
    'node_modules/web': { resolved: 'apps/web', link: true },
    'node_modules/legacy': { resolved: 'apps/legacy', link: true },
    'node_modules/shared': { resolved: '../shared', link: true },
    'apps/web': { name: 'web', version: '0.1.0', dependencies: { x: '^1', shared: 'file:../../shared' }, devDependencies: { y: '*' } },
    'apps/web/node_modules/x': { version: '1.2.0' },
    'node_modules/x': { version: '0.9.0' },
    'node_modules/y': { version: '5.0.0', dev: true },
    'apps/legacy': { name: 'legacy', version: '0.0.1' },
    '../shared': { name: 'shared', version: '3.0.0' },
  });
  expect(one(lockfile, 'web')).toMatchObject({ source: 'workspace', paths: [['web@0.1.0']] });
  expect(one(lockfile, 'legacy')).toMatchObject({ source: 'link', paths: [] });
  expect(one(lockfile, 'shared')).toMatchObject({ source: 'link', paths: [['web@0.1.0', 'shared@3.0.0']] });
  expect(byName(lockfile, 'x').map((p) => [p.version, p.paths.length])).toEqual([['0.9.0', 0], ['1.2.0', 1]]);
  expect(one(lockfile, 'y')).toMatchObject({ dev: true, paths: [['web@0.1.0', 'y@5.0.0']] });
});

test('v3: flags merge over installs; sources never merge', () => {
  const lockfile = v3({
    '': { dependencies: { p: '1', q: '1', g: 'github:u/g' }, devDependencies: { d: '1' } },
    'node_modules/p': { version: '1.0.0', dependencies: { shared: '2' } },
    'node_modules/p/node_modules/shared': { version: '2.0.0' },
    'node_modules/d': { version: '1.0.0', dev: true, dependencies: { shared: '2' } },
    'node_modules/d/node_modules/shared': { version: '2.0.0', dev: true },
    'node_modules/q': { version: '1.0.0', optional: true, dependencies: { o: '1', missing: '1' }, optionalDependencies: { gone: '1' }, peerDependencies: { absent: '1' } },
    'node_modules/q/node_modules/o': { version: '1.0.0', optional: true },
    'node_modules/d/node_modules/o': { version: '1.0.0', dev: true, optional: true },
    'node_modules/g': { name: 'p', version: '1.0.0', resolved: 'git+ssh://git@github.com/u/g.git#abc' },
    'node_modules/dv': { version: '1.0.0', devOptional: true },
  });
  expect(one(lockfile, 'shared')).toMatchObject({ dev: false, optional: false, pathCount: 2 });
  expect(one(lockfile, 'o')).toMatchObject({ dev: false, optional: true });
  expect(one(lockfile, 'dv')).toMatchObject({ dev: false, optional: false });
  expect(byName(lockfile, 'p').map((p) => `${p.source} ${p.aliases.join(',')}`)).toEqual(['git g', 'registry ']);
});

test('v1: aliases, GitHub shorthand, bundled entries and the no-package.json fallback', () => {
  const lockfile = v1({
    'my-alias': { version: 'npm:@real/pkg@2.1.0', resolved: `${REG}/@real/pkg/-/pkg-2.1.0.tgz` },
    gh: { version: 'github:user/gh#2da024c3b4f9947a48517639de7560457cd4ec6c', from: 'github:user/gh', requires: { dep: '^1.0.0' } },
    dep: { version: '1.0.0', bundled: true },
  });
  expect(one(lockfile, '@real/pkg')).toMatchObject({ version: '2.1.0', aliases: ['my-alias'], source: 'registry' });
  expect(one(lockfile, 'gh')).toMatchObject({ version: '0.0.0-git', source: 'git', paths: [['gh@0.0.0-git']] });
  expect(one(lockfile, 'dep')).toMatchObject({ requestedRanges: ['^1.0.0'], paths: [['gh@0.0.0-git', 'dep@1.0.0']] });
});

test('v1: an alias spec in package.json records its range', () => {
  const lockfile = v1({ 'my-alias': { version: 'npm:real@1.4.0' } }, { dependencies: { 'my-alias': 'npm:real@^1.2.0' } });
  expect(one(lockfile, 'real')).toMatchObject({ requestedRanges: ['^1.2.0'], paths: [['real@1.4.0']] });
});
