/**
 * The bun.lock files under test/fixtures/lockfiles/bun were written by real Bun releases
 * (see the README there): v0 by Bun 1.1.45, v1 by Bun 1.2.0, v2 by Bun 1.4.5 (which also has
 * a git dependency the older releases could not fetch), v3 by Bun 1.4.5 for the same project
 * with a nested override.
 */
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseBunLockfile } from '../../src/lockfile/bun.js';
import { findPackage as find, readLockfileFixture } from '../support/lockfile-fixtures.js';

const parse = (variant: string): Lockfile => parseBunLockfile(readLockfileFixture(`bun/${variant}/bun.lock`), { path: `${variant}/bun.lock` });

describe.each([
  ['v0', '0'],
  ['v1', '1'],
  ['v2', '2'],
])('%s', (variant, formatVersion) => {
  const lockfile = parse(variant);

  test('format and package manager', () => {
    expect(lockfile).toMatchObject({ path: `${variant}/bun.lock`, packageManager: 'bun', formatVersion });
  });

  test('every registry package, each name@version once, duplicates merged', () => {
    const registry = lockfile.packages.filter((p) => p.source === 'registry').map((p) => `${p.name}@${p.version}`);
    expect(registry).toEqual([
      'debug@2.6.9',
      'is-buffer@1.1.6',
      'is-even@1.0.0',
      'is-number@3.0.0',
      'is-number@6.0.0',
      'is-number@7.0.0',
      'is-odd@0.1.2',
      'kind-of@3.2.2',
      'kind-of@6.0.3',
      'ms@2.0.0',
      'ms@2.1.3',
      'to-regex-range@5.0.1',
    ]);
    for (const p of lockfile.packages.filter((q) => q.source === 'registry')) {
      expect(p.integrity).toMatch(/^sha512-/);
      expect(p.resolved).toBeNull(); // "" in the tuple: the default registry
    }
  });

  test('an alias is read under its real name', () => {
    expect(find(lockfile, 'is-number', '6.0.0')).toMatchObject({ aliases: ['my-alias'], requestedRanges: ['6.0.0'], paths: [['is-number@6.0.0']] });
    expect(lockfile.packages.some((p) => p.name === 'my-alias')).toBe(false);
  });

  test('dev and optional come from how the root and workspaces reach a package', () => {
    expect(find(lockfile, 'kind-of', '6.0.3')).toMatchObject({ dev: true, optional: false });
    expect(find(lockfile, 'is-even', '1.0.0')).toMatchObject({ dev: false, optional: true });
    // Reached through the dev dependency is-odd and the optional is-even: neither flag.
    for (const [name, version] of [['is-odd', '0.1.2'], ['is-number', '3.0.0'], ['kind-of', '3.2.2']] as const) {
      expect(find(lockfile, name, version)).toMatchObject({ dev: false, optional: false });
    }
    // ws-b's devDependency, but local-thing needs it in production.
    expect(find(lockfile, 'is-buffer', '1.1.6')).toMatchObject({ dev: false, optional: false });
    expect(find(lockfile, 'debug', '2.6.9')).toMatchObject({ dev: false, optional: false });
  });

  test('nested installs resolve through their parent key', () => {
    expect(find(lockfile, 'ms', '2.0.0').paths).toEqual([
      ['debug@2.6.9', 'ms@2.0.0'],
      ['ws-a@1.0.0', 'ms@2.0.0'],
      ['ws-b@0.3.0', 'ws-a@1.0.0', 'ms@2.0.0'],
    ]);
    expect(find(lockfile, 'ms', '2.1.3').paths).toEqual([['ms@2.1.3'], ['tarball-dep@2.0.0', 'ms@2.1.3']]);
    expect(find(lockfile, 'kind-of', '3.2.2').paths[0]).toEqual(['is-odd@0.1.2', 'is-number@3.0.0', 'kind-of@3.2.2']);
    expect(find(lockfile, 'kind-of', '3.2.2').requestedRanges).toEqual(['^3.0.2']);
  });

  test('a peer dependency is an edge to the installed copy', () => {
    expect(find(lockfile, 'is-number', '7.0.0').paths).toContainEqual(['packed-dep@1.0.0', 'is-number@7.0.0']);
  });

  test('workspaces are importers and depend on each other', () => {
    const wsA = find(lockfile, 'ws-a', '1.0.0');
    expect(wsA).toMatchObject({ source: 'workspace', resolved: 'packages/ws-a', dev: false, optional: false });
    expect(wsA.paths).toEqual([['ws-a@1.0.0'], ['ws-b@0.3.0', 'ws-a@1.0.0']]);
    // Bun 1.1 (v0) wrote the workspace's folder instead of `workspace:*` as ws-b's spec.
    expect(wsA.requestedRanges).toEqual([variant === 'v0' ? 'packages/ws-a' : 'workspace:*']);
    expect(find(lockfile, 'ws-b', '0.3.0')).toMatchObject({ source: 'workspace', paths: [['ws-b@0.3.0']], requestedRanges: [] });
  });

  test('local, linked and tarball sources', () => {
    expect(find(lockfile, 'local-thing', '0.0.0-file')).toMatchObject({ source: 'file', resolved: 'file:local/thing', paths: [['local-thing@0.0.0-file']] });
    expect(find(lockfile, 'linked-thing', '0.0.0-link')).toMatchObject({ source: 'link', resolved: 'link:linked-thing' });
    expect(find(lockfile, 'packed-dep', '1.0.0')).toMatchObject({
      source: 'file',
      resolved: 'vendor/packed-dep-1.0.0.tgz',
      requestedRanges: ['file:vendor/packed-dep-1.0.0.tgz'],
    });
    expect(find(lockfile, 'tarball-dep', '2.0.0')).toMatchObject({ source: 'tarball', resolved: 'http://127.0.0.1:47131/tarball-dep-2.0.0.tgz' });
    expect(find(lockfile, 'is-buffer', '1.1.6').paths).toContainEqual(['local-thing@0.0.0-file', 'is-buffer@1.1.6']);
  });
});

test('v2: tarball integrity (Bun 1.4.5 writes it, 1.2.0 did not) and a git dependency pinned to a commit', () => {
  const lockfile = parse('v2');
  expect(find(lockfile, 'packed-dep', '1.0.0').integrity).toMatch(/^sha512-/);
  expect(find(lockfile, 'tarball-dep', '2.0.0').integrity).toMatch(/^sha512-/);
  const git = find(lockfile, 'git-dep', '0.0.0-git');
  expect(git.source).toBe('git');
  expect(git.resolved).toMatch(/^git\+file:\/\/\/tmp\/rq-fixture-git-bun\/git-dep#[0-9a-f]{40}$/);
  expect(git.requestedRanges).toEqual(['git+file:///tmp/rq-fixture-git-bun/git-dep']);
  expect(find(lockfile, 'is-buffer', '1.1.6').paths).toContainEqual(['git-dep@0.0.0-git', 'is-buffer@1.1.6']);
  expect(find(lockfile, 'is-buffer', '1.1.6').requestedRanges).toEqual(['1.1.6', '^1.1.5', '^1.1.6']);
});

test('v3 (Bun 1.4.5, written for a nested override): the overridden version is what is locked', () => {
  const lockfile = parse('v3');
  expect(lockfile.formatVersion).toBe('3');
  // debug's ms is overridden to the root's 2.1.3; v2 locks ms@2.0.0 under debug.
  expect(find(parse('v2'), 'ms', '2.0.0').paths).toContainEqual(['debug@2.6.9', 'ms@2.0.0']);
  expect(find(lockfile, 'ms', '2.1.3').paths).toContainEqual(['debug@2.6.9', 'ms@2.1.3']);
  expect(find(lockfile, 'ms', '2.0.0').paths.some((path) => path.includes('debug@2.6.9'))).toBe(false);
  // Apart from the override, the same project as v2 reads the same.
  const withoutMs = (l: Lockfile) => l.packages.filter((p) => p.name !== 'ms' && p.name !== 'debug');
  expect(withoutMs(lockfile)).toEqual(withoutMs(parse('v2')));
});

test('the three format versions describe the same project the same way', () => {
  // Only v2 has git-dep (and its is-buffer@1.1.6 spec) and tarball integrities; v0 spells ws-a's
  // spec differently.
  const strip = (lockfile: Lockfile): LockedPackage[] =>
    lockfile.packages
      .filter((p) => p.name !== 'git-dep' && p.name !== 'ws-a')
      .map((p) => ({
        ...p,
        paths: p.paths.filter((path) => path[0] !== 'git-dep@0.0.0-git'),
        pathCount: 0,
        integrity: p.source === 'registry' ? p.integrity : null,
        copies: p.copies.map((copy) => ({ ...copy, integrity: p.source === 'registry' ? copy.integrity : null })),
        requestedRanges: p.requestedRanges.filter((range) => range !== '1.1.6'),
        dependents: (p.dependents ?? []).filter((edge) => edge.dependent !== 'git-dep@0.0.0-git'),
      }));
  expect(strip(parse('v0'))).toEqual(strip(parse('v1')));
  expect(strip(parse('v1'))).toEqual(strip(parse('v2')));
});
