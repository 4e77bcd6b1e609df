/** 5.x and 6.x shapes the generated fixtures do not cover, as small hand-written lockfiles. */
import type { Lockfile } from '../../src/model/types.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { onlyPackageNamed as one, summary } from '../support/lockfile-fixtures.js';

const parse = (text: string): Lockfile => parsePnpmLockfile(text, { path: 'pnpm-lock.yaml' });

test('5.4: scoped keys with peer suffixes, aliases and tarball keys with name fields', () => {
  const text = `lockfileVersion: 5.4
specifiers:
  '@scope/comp': ^1.0.0
  alias: npm:@scope/real@1.0.0
  remote: https://example.com/remote.tgz
dependencies:
  '@scope/comp': 1.0.0_@types+react@18.0.0
  alias: /@scope/real/1.0.0
  remote: '@example.com/remote.tgz'
devDependencies: {}
packages:
  /@scope/comp/1.0.0_@types+react@18.0.0:
    resolution: {integrity: sha512-comp}
    peerDependencies:
      '@types/react': '*'
    dependencies:
      '@types/react': 18.0.0
    dev: false
  /@types/react/18.0.0:
    resolution: {integrity: sha512-types}
    dev: false
  /@scope/real/1.0.0:
    resolution: {integrity: sha512-real}
    dev: false
  '@example.com/remote.tgz':
    resolution: {tarball: https://example.com/remote.tgz}
    name: remote
    version: 4.0.0
    dev: false
`;
  const lockfile = parse(text);
  expect(lockfile.packages.map(summary)).toEqual(['@scope/comp@1.0.0 registry', '@scope/real@1.0.0 registry', '@types/react@18.0.0 registry', 'remote@4.0.0 tarball']);
  expect(one(lockfile, '@scope/real').aliases).toEqual(['alias']);
  expect(one(lockfile, '@types/react').paths).toEqual([['@scope/comp@1.0.0', '@types/react@18.0.0']]);
  expect(one(lockfile, '@types/react').requestedRanges).toEqual(['*']);
});

test('6.0: hosted git keys carry name and version fields', () => {
  const text = `lockfileVersion: '6.0'
dependencies:
  repo-dep:
    specifier: github:user/repo
    version: github.com/user/repo/0123abc
  lab:
    specifier: gitlab:user/lab
    version: gitlab.com/user/lab/4567def
packages:
  github.com/user/repo/0123abc:
    resolution: {tarball: https://codeload.github.com/user/repo/tar.gz/0123abc}
    name: repo-dep
    version: 0.5.0
    dev: false
  gitlab.com/user/lab/4567def:
    resolution: {tarball: https://gitlab.com/api/v4/projects/user%2Flab/repository/archive.tar.gz?sha=4567def}
    name: lab
    version: 1.0.0
    dev: false
`;
  expect(parse(text).packages.map(summary)).toEqual(['lab@1.0.0 git', 'repo-dep@0.5.0 git']);
});

test('formatVersion is the lockfileVersion as written, quoted or not', () => {
  const body = "importers:\n  .: {}\npackages: {}\nsnapshots: {}\n";
  expect(parse(`lockfileVersion: 9.0\n${body}`).formatVersion).toBe('9.0'); // YAML reads the number 9
  expect(parse(`lockfileVersion: "6.1"\n${body}`).formatVersion).toBe('6.1');
  expect(parse('lockfileVersion: 5.3\nspecifiers: {}\n').formatVersion).toBe('5.3');
});
