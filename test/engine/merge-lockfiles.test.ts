import { mergeLockfiles } from '../../src/engine/merge-lockfiles.js';
import type { Lockfile } from '../../src/model/types.js';
import { makeLockedPackage } from '../support/history.js';

const lockfile = (path: string, packages: Lockfile['packages']): Lockfile => ({ path, packageManager: 'npm', formatVersion: '3', packages });

test('the same registry package in two lockfiles is one entry that remembers both', () => {
  const merged = mergeLockfiles([
    lockfile('package-lock.json', [makeLockedPackage({ name: 'a', dev: true, requestedRanges: ['^1.0.0'], paths: [['x@1.0.0', 'a@1.0.0']], pathCount: 1 })]),
    lockfile('yarn.lock', [makeLockedPackage({ name: 'a', dev: false, requestedRanges: ['~1.0.0'], paths: [['a@1.0.0']], pathCount: 1 })]),
  ]);
  expect(merged.packages).toHaveLength(1);
  const [only] = merged.packages;
  expect(only).toMatchObject({ dev: false, requestedRanges: ['^1.0.0', '~1.0.0'], paths: [['a@1.0.0'], ['x@1.0.0', 'a@1.0.0']], pathCount: 2 });
  expect(merged.lockfilesOf(only!)).toEqual(['package-lock.json', 'yarn.lock']);
});

test('different versions and different non-registry origins stay apart', () => {
  const merged = mergeLockfiles([
    lockfile('package-lock.json', [makeLockedPackage({ name: 'a', version: '1.0.0' }), makeLockedPackage({ name: 'g', source: 'git', resolved: 'git+https://x/g.git#1' })]),
    lockfile('pnpm-lock.yaml', [makeLockedPackage({ name: 'a', version: '1.1.0' }), makeLockedPackage({ name: 'g', source: 'git', resolved: 'git+https://x/g.git#2' })]),
  ]);
  expect(merged.packages.map((pkg) => `${pkg.name}@${pkg.version} ${pkg.resolved}`)).toHaveLength(4);
  expect(merged.lockfilesOf(makeLockedPackage({ name: 'a', version: '1.1.0' }))).toEqual(['pnpm-lock.yaml']);
});

test('merged for the lookup, not for the source check: every lockfile\'s copies are kept (issue 15)', () => {
  const merged = mergeLockfiles([
    lockfile('package-lock.json', [makeLockedPackage({ name: 'a', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-AAAA' })]),
    lockfile('yarn.lock', [makeLockedPackage({ name: 'a', resolved: 'https://evil.example/a/-/a-1.0.0.tgz', integrity: 'sha512-BBBB' })]),
    lockfile('sub/package-lock.json', [makeLockedPackage({ name: 'a', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-AAAA' })]),
  ]);
  expect(merged.packages).toHaveLength(1);
  expect(merged.packages[0]!.copies.map((copy) => copy.resolved)).toEqual(['https://registry.npmjs.org/a/-/a-1.0.0.tgz', 'https://evil.example/a/-/a-1.0.0.tgz']);
});
