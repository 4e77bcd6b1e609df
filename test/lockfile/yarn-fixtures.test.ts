/** The Yarn readers against lockfiles written by the real Yarn (see the fixture READMEs). */
import type { Lockfile } from '../../src/model/types.js';
import { isYarnBerryLockfile, parseYarnBerryLockfile } from '../../src/lockfile/yarn-berry.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';
import { findPackage as find, readLockfileFixture as read, summary } from '../support/lockfile-fixtures.js';

const berry = (variant: string, withManifest = true): Lockfile =>
  parseYarnBerryLockfile(read(`yarn-berry/${variant}/yarn.lock`), {
    path: 'yarn.lock',
    ...(withManifest ? { packageJson: read(`yarn-berry/${variant}/project-package.json`) } : {}),
  });
const classic = (withManifest = true): Lockfile =>
  parseYarnClassicLockfile(read('yarn-classic/v1/yarn.lock'), {
    path: 'yarn.lock',
    ...(withManifest ? { packageJson: read('yarn-classic/v1/project-package.json') } : {}),
  });


describe.each([
  ['yarn4', '10'],
  ['yarn3', '6'],
  ['yarn2', '4'],
])('Yarn Berry lockfile written by %s', (variant, formatVersion) => {
  const lockfile = berry(variant);

  test('header: __metadata.version as written', () => {
    expect(isYarnBerryLockfile(read(`yarn-berry/${variant}/yarn.lock`))).toBe(true);
    expect(lockfile).toMatchObject({ path: 'yarn.lock', packageManager: 'yarn-berry', formatVersion });
  });

  test('every distinct package, with real names, source kinds and flags', () => {
    expect(lockfile.packages.map(summary)).toEqual([
      '@types/ms@0.7.34 registry dev',
      'debug@2.6.9 registry',
      'git-dep@1.0.0 git',
      'is-buffer@1.1.6 registry',
      'is-even@1.0.0 registry optional', // root optionalDependencies (dependenciesMeta)
      'is-number@3.0.0 registry',
      'is-number@6.0.0 registry',
      'is-number@7.0.0 registry',
      'is-odd@0.1.2 registry', // dev at the root, but also under the optional is-even: neither
      'is-odd@3.0.1 registry optional', // tarball-dep's optionalDependencies
      'kind-of@3.2.2 registry',
      'kind-of@6.0.3 registry dev',
      'left-pad@1.3.0 registry', // the patched entry and its source merge
      'local-thing@0.0.0-use.local link',
      'ms@2.0.0 registry',
      'ms@2.1.3 registry',
      'packed-dep@1.0.0 file',
      'portal-thing@0.0.0-use.local link',
      'tarball-dep@2.0.0 tarball',
      'to-regex-range@5.0.1 registry',
      'ws-a@0.0.0-use.local workspace',
      'ws-b@0.0.0-use.local workspace',
    ]);
  });

  test('an npm alias is its real package, with the alias recorded', () => {
    const aliased = find(lockfile, 'is-number', '6.0.0');
    expect(aliased.aliases).toEqual(['my-alias']);
    expect(aliased.requestedRanges).toEqual(['6.0.0', '^6.0.0']);
    expect(aliased.paths[0]).toEqual(['is-number@6.0.0']);
  });

  test('a patched registry package is checked as that registry package', () => {
    const leftPad = find(lockfile, 'left-pad', '1.3.0');
    expect(leftPad.requestedRanges).toEqual(['1.3.0']);
    expect(leftPad.paths).toEqual([['left-pad@1.3.0']]);
    expect(lockfile.packages.filter((p) => p.name === 'left-pad')).toHaveLength(1);
  });

  test('multi-descriptor keys: every descriptor is a requested range', () => {
    expect(find(lockfile, 'is-buffer', '1.1.6').requestedRanges).toEqual(['1.1.6', '^1.1.5', '^1.1.6']);
    expect(find(lockfile, 'ws-a', '0.0.0-use.local').requestedRanges).toEqual(['workspace:*', 'workspace:packages/ws-a']);
  });

  test('workspaces are importers; the root workspace is not a package', () => {
    expect(lockfile.packages.some((p) => p.name === 'rq-yarn-fixture')).toBe(false);
    expect(find(lockfile, 'ws-a', '0.0.0-use.local').paths).toEqual([['ws-a@0.0.0-use.local'], ['ws-b@0.0.0-use.local', 'ws-a@0.0.0-use.local']]);
    expect(find(lockfile, 'ms', '2.0.0').paths).toEqual([
      ['debug@2.6.9', 'ms@2.0.0'],
      ['ws-a@0.0.0-use.local', 'ms@2.0.0'],
      ['ws-b@0.0.0-use.local', 'ws-a@0.0.0-use.local', 'ms@2.0.0'],
    ]);
    expect(find(lockfile, 'ms', '2.0.0').pathCount).toBe(3);
  });

  test('local and remote sources keep their locator as resolved; integrity is not claimed', () => {
    const git = find(lockfile, 'git-dep', '1.0.0');
    expect(git.resolved).toMatch(/^git-dep@git\+http:\/\/127\.0\.0\.1:47124\/git-dep\.git#commit=[0-9a-f]{40}$/);
    expect(git.paths).toEqual([['git-dep@1.0.0']]);
    expect(find(lockfile, 'is-buffer', '1.1.6').paths[0]).toEqual(['git-dep@1.0.0', 'is-buffer@1.1.6']);
    expect(find(lockfile, 'tarball-dep', '2.0.0').resolved).toBe('tarball-dep@http://127.0.0.1:47124/tarball-dep-2.0.0.tgz');
    expect(find(lockfile, 'portal-thing', '0.0.0-use.local').requestedRanges).toEqual(['portal:./local/portal']);
    expect(lockfile.packages.every((p) => p.integrity === null)).toBe(true);
  });

  test('without package.json nothing is dev; optional still comes from dependenciesMeta', () => {
    const bare = berry(variant, false);
    expect(bare.packages.filter((p) => p.dev)).toEqual([]);
    expect(bare.packages.filter((p) => p.optional).map(summary)).toEqual(['is-even@1.0.0 registry optional', 'is-odd@3.0.1 registry optional']);
  });
});

describe('Yarn classic lockfile written by Yarn 1.22', () => {
  const lockfile = classic();

  test('header', () => {
    expect(isYarnBerryLockfile(read('yarn-classic/v1/yarn.lock'))).toBe(false);
    expect(lockfile).toMatchObject({ path: 'yarn.lock', packageManager: 'yarn-classic', formatVersion: '1' });
  });

  test('every distinct package, with real names, source kinds and flags', () => {
    expect(lockfile.packages.map(summary)).toEqual([
      '@types/ms@0.7.34 registry dev',
      'copied-thing@0.2.0 file',
      'debug@2.6.9 registry',
      'git-dep@1.0.0 git',
      'is-buffer@1.1.6 registry',
      'is-even@1.0.0 registry optional',
      'is-number@3.0.0 registry',
      'is-number@6.0.0 registry',
      'is-number@7.0.0 registry',
      'is-odd@0.1.2 registry',
      'is-odd@3.0.1 registry optional',
      'kind-of@3.2.2 registry',
      'kind-of@6.0.3 registry dev',
      'local-thing@0.0.0 link',
      'ms@2.0.0 registry',
      'ms@2.1.3 registry',
      'packed-dep@1.0.0 file',
      'tarball-dep@2.0.0 tarball',
      'to-regex-range@5.0.1 registry',
    ]);
  });

  test('alias, multi-descriptor keys, integrity and resolved', () => {
    const aliased = find(lockfile, 'is-number', '6.0.0');
    expect(aliased.aliases).toEqual(['my-alias']);
    expect(aliased.resolved).toMatch(/\/is-number\/-\/is-number-6\.0\.0\.tgz#[0-9a-f]{40}$/);
    expect(find(lockfile, 'is-buffer', '1.1.6').requestedRanges).toEqual(['1.1.6', '^1.1.5', '^1.1.6']);
    expect(find(lockfile, 'ms', '2.1.3').integrity).toMatch(/^sha512-/);
    expect(find(lockfile, 'git-dep', '1.0.0').resolved).toMatch(/^git\+http:\/\/127\.0\.0\.1:47124\/git-dep\.git#[0-9a-f]{40}$/);
  });

  test('paths start at the root dependencies from package.json', () => {
    expect(find(lockfile, 'is-number', '7.0.0').paths).toEqual([['is-number@7.0.0'], ['to-regex-range@5.0.1', 'is-number@7.0.0']]);
    expect(find(lockfile, 'kind-of', '3.2.2').paths[0]).toEqual(['is-odd@0.1.2', 'is-number@3.0.0', 'kind-of@3.2.2']);
  });

  test('without package.json: entries nothing requires are the roots, nothing is dev', () => {
    const bare = classic(false);
    expect(bare.packages.filter((p) => p.dev)).toEqual([]);
    expect(find(bare, 'kind-of', '6.0.3').paths).toEqual([['kind-of@6.0.3']]);
    // is-odd@0.1.2 is required by is-even, so it is not a root without package.json.
    expect(find(bare, 'is-odd', '0.1.2').paths).toEqual([['is-even@1.0.0', 'is-odd@0.1.2']]);
    // The root's optionalDependencies are unknown too; optionalDependencies of entries still count.
    expect(bare.packages.filter((p) => p.optional).map(summary)).toEqual(['is-odd@3.0.1 registry optional']);
  });
});
