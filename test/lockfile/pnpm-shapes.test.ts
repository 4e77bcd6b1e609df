/**
 * Shapes the generated fixtures do not cover (hosted git, custom registries, scoped peers,
 * patches, runtimes, injected workspaces), as small hand-written lockfiles in pnpm's layout.
 */
import type { Lockfile } from '../../src/model/types.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { onlyPackageNamed as one, summary } from '../support/lockfile-fixtures.js';

const parse = (text: string): Lockfile => parsePnpmLockfile(text, { path: 'pnpm-lock.yaml' });

const v9 = (importer: string, packages: string, snapshots: string): string =>
  `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n${importer}\npackages:\n\n${packages}\nsnapshots:\n\n${snapshots}`;

test('9.0: hosted git archives are git; registry-shaped tarballs on any host are registry', () => {
  const lockfile = parse(
    v9(
      `    dependencies:
      gh-dep:
        specifier: github:user/gh-dep#v1
        version: https://codeload.github.com/user/gh-dep/tar.gz/0123abc
      foo:
        specifier: ^1.0.0
        version: 1.0.0
      '@scope/bar':
        specifier: ^2.0.0
        version: 2.0.0
      odd:
        specifier: https://example.com/odd.tgz
        version: https://example.com/odd.tgz
`,
      `  gh-dep@https://codeload.github.com/user/gh-dep/tar.gz/0123abc:
    resolution: {tarball: https://codeload.github.com/user/gh-dep/tar.gz/0123abc}
    version: 1.2.0
  foo@1.0.0:
    resolution: {integrity: sha512-foo, tarball: https://npm.example.com/foo/-/foo-1.0.0.tgz}
  '@scope/bar@2.0.0':
    resolution: {integrity: sha512-bar, tarball: https://npm.example.com/@scope/bar/-/bar-2.0.0.tgz}
  odd@https://example.com/odd.tgz:
    resolution: {tarball: https://example.com/odd.tgz}
    version: 0.1.0
`,
      `  gh-dep@https://codeload.github.com/user/gh-dep/tar.gz/0123abc: {}
  foo@1.0.0: {}
  '@scope/bar@2.0.0': {}
  odd@https://example.com/odd.tgz: {}
`,
    ),
  );
  expect(lockfile.packages.map(summary)).toEqual(['@scope/bar@2.0.0 registry', 'foo@1.0.0 registry', 'gh-dep@1.2.0 git', 'odd@0.1.0 tarball']);
  expect(one(lockfile, 'foo').resolved).toBe('https://npm.example.com/foo/-/foo-1.0.0.tgz');
  expect(one(lockfile, 'gh-dep').requestedRanges).toEqual(['github:user/gh-dep#v1']);
});

test('9.0: a tarball named for another version is not the registry', () => {
  const lockfile = parse(
    v9(
      '    dependencies:\n      foo:\n        specifier: 1.0.0\n        version: 1.0.0\n',
      '  foo@1.0.0:\n    resolution: {integrity: sha512-x, tarball: https://registry.npmjs.org/foo/-/foo-1.0.1.tgz}\n',
      '  foo@1.0.0: {}\n',
    ),
  );
  expect(lockfile.packages.map(summary)).toEqual(['foo@1.0.0 tarball']);
});

test('9.0: scoped alias with scoped peers, patch hashes, and two peer variants merge', () => {
  const lockfile = parse(
    v9(
      `    dependencies:
      alias:
        specifier: npm:@scope/real@^1.0.0
        version: '@scope/real@1.0.0(@types/react@18.0.0)'
      '@types/react':
        specifier: 18.0.0
        version: 18.0.0
      patched:
        specifier: 3.0.0
        version: 3.0.0(patch_hash=abc123)
      other:
        specifier: 1.0.0
        version: 1.0.0
`,
      `  '@scope/real@1.0.0':
    resolution: {integrity: sha512-real}
    peerDependencies:
      '@types/react': '>=17'
  '@types/react@17.0.0':
    resolution: {integrity: sha512-t17}
  '@types/react@18.0.0':
    resolution: {integrity: sha512-t18}
  patched@3.0.0:
    resolution: {integrity: sha512-patched}
  other@1.0.0:
    resolution: {integrity: sha512-other}
`,
      `  '@scope/real@1.0.0(@types/react@18.0.0)':
    dependencies:
      '@types/react': 18.0.0
  '@scope/real@1.0.0(@types/react@17.0.0)':
    dependencies:
      '@types/react': 17.0.0
  '@types/react@17.0.0': {}
  '@types/react@18.0.0': {}
  patched@3.0.0(patch_hash=abc123): {}
  other@1.0.0:
    dependencies:
      inner: '@scope/real@1.0.0(@types/react@17.0.0)'
`,
    ),
  );
  const real = one(lockfile, '@scope/real');
  expect(real).toMatchObject({ version: '1.0.0', aliases: ['alias', 'inner'], requestedRanges: ['^1.0.0'] });
  expect(real.paths).toEqual([['@scope/real@1.0.0'], ['other@1.0.0', '@scope/real@1.0.0']]);
  expect(lockfile.packages.filter((p) => p.name === '@types/react').map((p) => [p.version, p.requestedRanges])).toEqual([
    ['17.0.0', ['>=17']],
    ['18.0.0', ['18.0.0', '>=17']],
  ]);
  expect(one(lockfile, 'patched').version).toBe('3.0.0');
});

test('9.0: flags come from the graph, not from snapshot claims', () => {
  const lockfile = parse(
    v9(
      '    dependencies:\n      a:\n        specifier: 1.0.0\n        version: 1.0.0\n    devDependencies:\n      d:\n        specifier: 1.0.0\n        version: 1.0.0\n',
      ['a', 'b', 'c', 'd', 'e', 'orphan'].map((n) => `  ${n}@1.0.0:\n    resolution: {integrity: sha512-${n}}\n`).join(''),
      `  a@1.0.0:
    dependencies:
      b: 1.0.0
    optionalDependencies:
      c: 1.0.0
    optional: true
  b@1.0.0: {}
  c@1.0.0:
    optional: true
  d@1.0.0:
    dependencies:
      e: 1.0.0
  e@1.0.0: {}
`,
    ),
  );
  // a claims optional but is a plain dependency; orphan has no snapshot and no path.
  expect(lockfile.packages.map(summary)).toEqual([
    'a@1.0.0 registry',
    'b@1.0.0 registry',
    'c@1.0.0 registry optional',
    'd@1.0.0 registry dev',
    'e@1.0.0 registry dev',
    'orphan@1.0.0 registry',
  ]);
  expect(one(lockfile, 'orphan').paths).toEqual([]);
});

test('9.0: runtimes and unknown resolution types are not the registry; injected workspaces are workspace', () => {
  const text = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      node:
        specifier: runtime:22.0.0
        version: runtime:22.0.0
      a:
        specifier: file:packages/a
        version: file:packages/a
      renamed:
        specifier: workspace:b-real@*
        version: link:packages/b
  packages/a: {}
  packages/b: {}
packages:
  node@runtime:22.0.0:
    resolution: {type: variations, variants: []}
    version: 22.0.0
  a@file:packages/a:
    resolution: {directory: packages/a, type: directory}
snapshots:
  node@runtime:22.0.0: {}
  a@file:packages/a: {}
`;
  const lockfile = parse(text);
  expect(lockfile.packages.map(summary)).toEqual([
    'a@0.0.0 workspace', // the injected copy of packages/a
    'b-real@0.0.0 workspace', // named by the workspace: specifier, not the alias
    'node@22.0.0 tarball',
    'packages/a@0.0.0 workspace',
  ]);
  expect(one(lockfile, 'b-real').aliases).toEqual(['renamed']);
});

test('a later document without lockfileVersion, or an env-only one, is not the lockfile', () => {
  const main = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: 1.0.0\n        version: 1.0.0\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-a}\nsnapshots:\n  a@1.0.0: {}\n";
  const env = "---\nlockfileVersion: '9.0'\nimporters:\n  .:\n    packageManagerDependencies:\n      pnpm:\n        specifier: 11.0.0\n        version: 11.0.0\npackages:\n  pnpm@11.0.0:\n    resolution: {integrity: sha512-p}\nsnapshots:\n  pnpm@11.0.0: {}\n";
  expect(parse(`${env}---\n${main}---\nnote: trailing\n`).packages.map(summary)).toEqual(['a@1.0.0 registry']);
  expect(parse(`---\n${main}${env}`).packages.map(summary)).toEqual(['a@1.0.0 registry']);
});
