import { changeSet, diffLockfile } from '../../src/engine/lockfile-diff.js';
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { makeLockedPackage } from '../support/history.js';

function lockfile(...packages: LockedPackage[]): Lockfile {
  return { path: 'package-lock.json', packageManager: 'npm', formatVersion: '3', packages };
}

const pkg = (name: string, version: string, fields: Partial<LockedPackage> = {}) => makeLockedPackage({ name, version, ...fields });
const summary = (diff: ReturnType<typeof diffLockfile>) => diff.changed.map(({ pkg: entry, change }) => `${entry.name}@${entry.version} ${change.kind} ${change.from.join(',')}`.trim());

describe('diffLockfile', () => {
  test('a second copy of a known version from another host is a source change (issue 15)', () => {
    const registryCopy = { location: 'node_modules/a', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-AAAA', recordsIntegrity: true };
    const evilCopy = { location: 'node_modules/z/node_modules/a', resolved: 'https://evil.example/a/-/a-1.0.0.tgz', integrity: 'sha512-BBBB', recordsIntegrity: true };
    const base = lockfile(pkg('a', '1.0.0', { resolved: registryCopy.resolved, integrity: registryCopy.integrity, copies: [registryCopy] }));
    const head = lockfile(pkg('a', '1.0.0', { resolved: registryCopy.resolved, integrity: registryCopy.integrity, copies: [registryCopy, evilCopy] }));
    expect(summary(diffLockfile('package-lock.json', base, head))).toEqual(['a@1.0.0 source 1.0.0']);
    // The copy going away again is no new claim to judge.
    expect(summary(diffLockfile('package-lock.json', head, base))).toEqual([]);
  });

  test('an unchanged lockfile has nothing to evaluate', () => {
    const base = lockfile(pkg('a', '1.0.0'), pkg('b', '2.0.0'));
    const diff = diffLockfile('package-lock.json', base, lockfile(pkg('b', '2.0.0'), pkg('a', '1.0.0')));
    expect(diff).toEqual({ path: 'package-lock.json', status: 'unchanged', changed: [], removed: [] });
  });

  test('new names are added; a bumped name is upgraded from the versions that left', () => {
    const base = lockfile(pkg('a', '1.0.0'), pkg('b', '2.0.0'), pkg('gone', '1.0.0'));
    const head = lockfile(pkg('a', '1.2.0'), pkg('b', '2.0.0'), pkg('c', '0.1.0'));
    const diff = diffLockfile('package-lock.json', base, head);
    expect(diff.status).toBe('modified');
    expect(summary(diff)).toEqual(['a@1.2.0 upgraded 1.0.0', 'c@0.1.0 added']);
    expect(diff.removed).toEqual([
      { name: 'a', version: '1.0.0' },
      { name: 'gone', version: '1.0.0' },
    ]);
  });

  test('downgrades are named, and semver order (not text order) decides', () => {
    const diff = diffLockfile('l', lockfile(pkg('a', '1.10.0')), lockfile(pkg('a', '1.9.0')));
    expect(summary(diff)).toEqual(['a@1.9.0 downgraded 1.10.0']);
    const up = diffLockfile('l', lockfile(pkg('a', '1.9.0')), lockfile(pkg('a', '1.10.0')));
    expect(summary(up)).toEqual(['a@1.10.0 upgraded 1.9.0']);
  });

  test('a second copy of a name that keeps the old one is added, replacing nothing', () => {
    const diff = diffLockfile('l', lockfile(pkg('a', '1.0.0')), lockfile(pkg('a', '1.0.0'), pkg('a', '2.0.0')));
    expect(summary(diff)).toEqual(['a@2.0.0 added']);
  });

  test('a version between two that left is a replacement', () => {
    const diff = diffLockfile('l', lockfile(pkg('a', '1.0.0'), pkg('a', '3.0.0')), lockfile(pkg('a', '2.0.0')));
    expect(summary(diff)).toEqual(['a@2.0.0 replaced 1.0.0,3.0.0']);
  });

  test('the same version from another URL or with another integrity is evaluated again', () => {
    const base = lockfile(pkg('a', '1.0.0', { integrity: 'sha512-old' }), pkg('b', '1.0.0'));
    const head = lockfile(
      pkg('a', '1.0.0', { integrity: 'sha512-new' }),
      pkg('b', '1.0.0', { resolved: 'https://evil.example/b/-/b-1.0.0.tgz' }),
    );
    expect(summary(diffLockfile('l', base, head))).toEqual(['a@1.0.0 source 1.0.0', 'b@1.0.0 source 1.0.0']);
  });

  test('a new lockfile has every entry added; a deleted one has nothing to evaluate', () => {
    const entries = lockfile(pkg('a', '1.0.0'));
    const added = diffLockfile('l', null, entries);
    expect(added.status).toBe('added');
    expect(summary(added)).toEqual(['a@1.0.0 added']);
    const removed = diffLockfile('l', entries, null);
    expect(removed).toEqual({ path: 'l', status: 'removed', changed: [], removed: [{ name: 'a', version: '1.0.0' }] });
  });

  test('a git dependency moved to another commit is evaluated again, as a new source', () => {
    const git = (sha: string) => pkg('fork', '1.0.0', { source: 'git', resolved: `git+https://example.com/fork.git#${sha}` });
    expect(summary(diffLockfile('l', lockfile(git('aaa')), lockfile(git('bbb'))))).toEqual(['fork@1.0.0 source 1.0.0']);
  });
});

describe('changeSet', () => {
  test('merges the lockfiles of a monorepo: an entry new in either is evaluated once, with every old version', () => {
    const one = diffLockfile('a/package-lock.json', lockfile(pkg('x', '1.0.0')), lockfile(pkg('x', '2.0.0')));
    const two = diffLockfile('b/package-lock.json', lockfile(pkg('x', '1.5.0')), lockfile(pkg('x', '2.0.0'), pkg('y', '1.0.0')));
    const set = changeSet([one, two]);
    expect([...set.changes.values()]).toEqual([
      { kind: 'upgraded', from: ['1.0.0', '1.5.0'] },
      { kind: 'added', from: [] },
    ]);
    expect(set.lockfiles).toEqual([
      { path: 'a/package-lock.json', status: 'modified', changed: 1, removed: 1 },
      { path: 'b/package-lock.json', status: 'modified', changed: 2, removed: 1 },
    ]);
  });

  test('added in one lockfile and upgraded in another reads as the upgrade', () => {
    const one = diffLockfile('a', null, lockfile(pkg('x', '2.0.0')));
    const two = diffLockfile('b', lockfile(pkg('x', '1.0.0')), lockfile(pkg('x', '2.0.0')));
    expect([...changeSet([one, two]).changes.values()]).toEqual([{ kind: 'upgraded', from: ['1.0.0'] }]);
  });
});
