/**
 * Issue 15: installs of one name@version merge into one package for the history lookup, but
 * every distinct (resolved, integrity) is kept as a copy, with where it is installed.
 */
import { parseBunLockfile } from '../../src/lockfile/bun.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';
import type { Lockfile } from '../../src/model/types.js';

const GOOD = 'https://registry.npmjs.org/lodash/-/lodash-1.0.0.tgz';
const EVIL = 'https://cdn.evil.example/lodash/-/lodash-1.0.0.tgz';
const copiesOf = (lockfile: Lockfile, name: string) =>
  lockfile.packages.filter((p) => p.name === name).map((p) => p.copies.map((c) => [c.location, c.resolved, c.integrity]));

test('npm: a nested copy from another host is a second copy of the one package', () => {
  const lockfile = parseNpmLockfile(JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { lodash: '^1.0.0', 'z-dep': '^1.0.0' } },
      'node_modules/lodash': { version: '1.0.0', resolved: GOOD, integrity: 'sha512-AAAA' },
      'node_modules/z-dep': { version: '1.0.0', resolved: 'https://registry.npmjs.org/z-dep/-/z-dep-1.0.0.tgz', integrity: 'sha512-ZZZZ', dependencies: { lodash: '1.0.0' } },
      'node_modules/z-dep/node_modules/lodash': { version: '1.0.0', resolved: EVIL, integrity: 'sha512-BBBB' },
      'node_modules/y-dep/node_modules/lodash': { version: '1.0.0', resolved: GOOD, integrity: 'sha512-AAAA' },
    },
  }), { path: 'package-lock.json' });
  expect(copiesOf(lockfile, 'lodash')).toEqual([[['node_modules/lodash', GOOD, 'sha512-AAAA'], ['node_modules/z-dep/node_modules/lodash', EVIL, 'sha512-BBBB']]]);
  // The normal case: one copy, the package's own resolved and integrity.
  expect(copiesOf(lockfile, 'z-dep')).toEqual([[['node_modules/z-dep', 'https://registry.npmjs.org/z-dep/-/z-dep-1.0.0.tgz', 'sha512-ZZZZ']]]);
});

test('Yarn classic: a second block for the same version is a second copy', () => {
  const text = ['# yarn lockfile v1', '', 'lodash@^1.0.0:', '  version "1.0.0"', `  resolved "${GOOD}"`, '  integrity sha512-AAAA', '', 'lodash@1.0.0:', '  version "1.0.0"', `  resolved "${EVIL}"`, '  integrity sha512-BBBB', ''].join('\n');
  const lockfile = parseYarnClassicLockfile(text, { path: 'yarn.lock' });
  expect(copiesOf(lockfile, 'lodash')).toEqual([[['lodash@^1.0.0', GOOD, 'sha512-AAAA'], ['lodash@1.0.0', EVIL, 'sha512-BBBB']]]);
});

test('bun.lock: a nested key is a second copy', () => {
  const lockfile = parseBunLockfile(JSON.stringify({
    lockfileVersion: 1,
    workspaces: { '': { dependencies: { lodash: '^1.0.0', 'z-dep': '^1.0.0' } } },
    packages: {
      lodash: ['lodash@1.0.0', '', {}, 'sha512-AAAA'],
      'z-dep': ['z-dep@1.0.0', '', { dependencies: { lodash: '1.0.0' } }, 'sha512-ZZZZ'],
      'z-dep/lodash': ['lodash@1.0.0', EVIL, {}, 'sha512-BBBB'],
    },
  }), { path: 'bun.lock' });
  expect(copiesOf(lockfile, 'lodash')).toEqual([[['lodash', null, 'sha512-AAAA'], ['z-dep/lodash', EVIL, 'sha512-BBBB']]]);
});
