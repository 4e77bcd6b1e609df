/**
 * The `direct` flag: true when the root project itself depends on the package, checked
 * against the lockfiles the real package managers wrote (test/fixtures/lockfiles) and on
 * small hand-built graphs.
 */
import { mergeLockfiles } from '../../src/engine/merge-lockfiles.js';
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseBunLockfile } from '../../src/lockfile/bun.js';
import { InstallGraphBuilder, type InstallInit } from '../../src/lockfile/install-graph.js';
import { buildLockedPackages } from '../../src/lockfile/merge.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { parseYarnBerryLockfile } from '../../src/lockfile/yarn-berry.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';
import { makeLockedPackage } from '../support/history.js';
import { aliasRealNames, findPackage as find, readLockfileFixture as read } from '../support/lockfile-fixtures.js';

const npm = (variant: string, file = 'package-lock.json'): Lockfile =>
  parseNpmLockfile(read(`npm/${variant}/${file}`), { path: file, packageJson: read(`npm/${variant}/project-package.json`) });
const pnpm = (variant: string): Lockfile => parsePnpmLockfile(read(`pnpm/${variant}/pnpm-lock.yaml`), { path: 'pnpm-lock.yaml' });

const directRegistry = (lockfile: Lockfile): string[] =>
  lockfile.packages.filter((p) => p.source === 'registry' && p.direct).map((p) => `${p.name}@${p.version}`);
const notDirect = (lockfile: Lockfile): string[] => lockfile.packages.filter((p) => !p.direct).map((p) => `${p.name}@${p.version}`);

/** What the npm fixture project's package.json declares, as registry name@version (the alias resolved). */
const NPM_PROJECT_DIRECT = [
  'debug@2.6.9',
  'is-even@1.0.0', // optionalDependencies
  'is-number@6.0.0', // "my-alias": "npm:is-number@6.0.0"
  'is-number@7.0.0',
  'is-odd@0.1.2', // devDependencies
  'kind-of@6.0.3', // devDependencies
  'ms@2.1.3',
  'to-regex-range@5.0.1',
];

describe.each([
  ['v3', 'package-lock.json'],
  ['v3-npm12', 'package-lock.json'],
  ['v2', 'package-lock.json'],
  ['shrinkwrap', 'npm-shrinkwrap.json'],
])('npm %s', (variant, file) => {
  const lockfile = npm(variant, file);

  test('the registry packages the root package.json declares are direct, and no others', () => {
    expect(directRegistry(lockfile)).toEqual(NPM_PROJECT_DIRECT);
  });

  test('the manifest agrees: every direct registry package is named there (aliases by their real name)', () => {
    const manifest = JSON.parse(read(`npm/${variant}/project-package.json`)) as Record<string, Record<string, string>>;
    const aliases = aliasRealNames(manifest);
    const declared = new Set(
      ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {}).map((name) => aliases.get(name) ?? name)),
    );
    for (const pkg of lockfile.packages.filter((p) => p.direct)) expect([pkg.name, declared.has(pkg.name)]).toEqual([pkg.name, true]);
  });

  test('root dependencies from other sources are direct too', () => {
    for (const name of ['git-dep', 'local-thing', 'packed-dep', 'tarball-dep']) {
      expect([name, lockfile.packages.find((p) => p.name === name)?.direct]).toEqual([name, true]);
    }
  });

  test('a transitive-only package is not direct, even when another version of it is', () => {
    expect(find(lockfile, 'is-number', '3.0.0').direct).toBe(false); // is-odd -> is-number@3
    expect(find(lockfile, 'kind-of', '3.2.2').direct).toBe(false); // while kind-of@6.0.3 is direct
    expect(find(lockfile, 'ms', '2.1.3').direct).toBe(true);
  });

  test('a workspace package\'s own dependencies are not direct, nor are the workspaces', () => {
    // ms@2.0.0: a dependency of ws-a (and of debug); is-buffer: a devDependency of ws-b.
    expect(find(lockfile, 'ms', '2.0.0').direct).toBe(false);
    expect(find(lockfile, 'ms', '2.0.0').paths).toContainEqual(['ws-a@1.0.0', 'ms@2.0.0']);
    expect(find(lockfile, 'is-buffer', '1.1.6').direct).toBe(false);
    expect(find(lockfile, 'is-buffer', '1.1.6').paths).toContainEqual(['ws-b@0.3.0', 'is-buffer@1.1.6']);
    expect(find(lockfile, 'ws-a', '1.0.0').direct).toBe(false);
    expect(find(lockfile, 'ws-b', '0.3.0').direct).toBe(false);
  });

  test('a package both the root and a workspace depend on is direct', () => {
    const isNumber = find(lockfile, 'is-number', '7.0.0');
    expect(isNumber.paths).toContainEqual(['ws-a@1.0.0', 'is-number@7.0.0']);
    expect(isNumber.direct).toBe(true);
  });
});

test('npm v1 (no workspaces): the root dependencies are direct, the nested ones are not', () => {
  const lockfile = npm('v1');
  expect(directRegistry(lockfile)).toEqual(NPM_PROJECT_DIRECT);
  expect(notDirect(lockfile)).toEqual([
    'is-buffer@1.1.6',
    'is-number@3.0.0',
    'kind-of@3.2.2',
    'ms@2.0.0',
  ]);
});

/** The pnpm fixture project also depends on react and use-sync-external-store. */
const PNPM_PROJECT_DIRECT = [...NPM_PROJECT_DIRECT, 'react@18.2.0', 'use-sync-external-store@1.2.0'].sort();

describe.each(['v9.0-pnpm12', 'v9.0-pnpm11', 'v9.0-pnpm10', 'v9.0-pnpm9', 'v6.0', 'v5.4'])('pnpm %s', (variant) => {
  const lockfile = pnpm(variant);

  test('the root importer\'s registry dependencies are direct, and no others', () => {
    // pnpm 11/12: the config dependency ms@2.1.2 of pnpm-workspace.yaml is direct too.
    const config = variant === 'v9.0-pnpm12' || variant === 'v9.0-pnpm11' ? ['ms@2.1.2'] : [];
    expect(directRegistry(lockfile)).toEqual([...PNPM_PROJECT_DIRECT, ...config].sort());
  });

  test('transitive-only packages are not direct', () => {
    for (const [name, version] of [['loose-envify', '1.4.0'], ['js-tokens', '4.0.0'], ['is-number', '3.0.0'], ['kind-of', '3.2.2']] as const) {
      expect([name, find(lockfile, name, version).direct]).toEqual([name, false]);
    }
  });

  test('react: a root dependency that is also reached through another package is direct', () => {
    const react = find(lockfile, 'react', '18.2.0');
    expect(react.paths).toContainEqual(['use-sync-external-store@1.2.0', 'react@18.2.0']);
    expect(react.direct).toBe(true);
  });

  test('a workspace importer\'s own dependencies are not direct, nor are the workspaces', () => {
    // packages/ws-a depends on ms@2.0.0; packages/ws-b has is-buffer as a devDependency.
    expect(find(lockfile, 'ms', '2.0.0').direct).toBe(false);
    expect(find(lockfile, 'is-buffer', '1.1.6').direct).toBe(false);
    expect(lockfile.packages.filter((p) => p.source === 'workspace').map((p) => [p.name, p.direct])).toEqual([
      ['packages/ws-b', false],
      ['ws-a', false],
    ]);
  });
});

test('pnpm single-project lockfiles: root dependencies direct, transitive ones not', () => {
  for (const variant of ['v6.0-single', 'v5.4-single']) {
    const lockfile = pnpm(variant);
    expect([variant, directRegistry(lockfile)]).toEqual([variant, PNPM_PROJECT_DIRECT]);
    expect([variant, find(lockfile, 'ms', '2.0.0').direct]).toEqual([variant, false]); // only under debug
  }
});

describe('the other formats', () => {
  test('yarn berry: root dependencies are direct; workspace dependencies and transitive ones are not', () => {
    const lockfile = parseYarnBerryLockfile(read('yarn-berry/yarn4/yarn.lock'), { path: 'yarn.lock', packageJson: read('yarn-berry/yarn4/project-package.json') });
    expect(find(lockfile, 'debug', '2.6.9').direct).toBe(true);
    expect(find(lockfile, 'ms', '2.1.3').direct).toBe(true);
    expect(find(lockfile, 'ms', '2.0.0').direct).toBe(false);
    expect(find(lockfile, 'is-buffer', '1.1.6').direct).toBe(false);
    expect(find(lockfile, 'kind-of', '3.2.2').direct).toBe(false);
  });

  test('yarn classic with its package.json: root dependencies are direct, transitive ones are not', () => {
    const lockfile = parseYarnClassicLockfile(read('yarn-classic/v1/yarn.lock'), { path: 'yarn.lock', packageJson: read('yarn-classic/v1/project-package.json') });
    expect(find(lockfile, 'is-number', '7.0.0').direct).toBe(true);
    expect(find(lockfile, 'is-odd', '0.1.2').direct).toBe(true);
    expect(find(lockfile, 'is-odd', '3.0.1').direct).toBe(false);
    expect(find(lockfile, 'ms', '2.0.0').direct).toBe(false);
  });

  test('bun: root dependencies are direct; workspace dependencies and transitive ones are not', () => {
    const lockfile = parseBunLockfile(read('bun/v2/bun.lock'), { path: 'bun.lock' });
    expect(directRegistry(lockfile)).toEqual(NPM_PROJECT_DIRECT);
    expect(find(lockfile, 'ms', '2.0.0').direct).toBe(false);
    expect(find(lockfile, 'is-buffer', '1.1.6').direct).toBe(false);
  });
});

describe('buildLockedPackages', () => {
  const install = (id: string, name: string, version = '1.0.0'): InstallInit => ({
    id,
    name,
    version,
    source: 'registry',
    resolved: null,
    integrity: null,
    dev: false,
    optional: false,
  });

  test('an edge from the root makes an install direct; addRoot (a workspace importer) does not', () => {
    const builder = new InstallGraphBuilder();
    builder.add(install('a', 'a'));
    builder.add(install('ws', 'ws'));
    builder.add(install('b', 'b'));
    builder.addEdge(null, 'a', '^1.0.0');
    builder.addRoot('ws');
    builder.addEdge('ws', 'b', '^1.0.0');
    const packages = buildLockedPackages(builder.build());
    expect(packages.map((p) => [p.name, p.direct])).toEqual([
      ['a', true],
      ['b', false],
      ['ws', false],
    ]);
  });

  test('the same name@version at two locations is direct when either install is', () => {
    const builder = new InstallGraphBuilder();
    builder.add(install('node_modules/x', 'x'));
    builder.add(install('node_modules/lib', 'lib'));
    builder.add(install('node_modules/x/node_modules/lib', 'lib'));
    builder.addEdge(null, 'node_modules/x', '^1.0.0');
    builder.addEdge('node_modules/x', 'node_modules/x/node_modules/lib', '^1.0.0');
    builder.addEdge(null, 'node_modules/lib', '^1.0.0');
    const lib = buildLockedPackages(builder.build()).find((p) => p.name === 'lib');
    expect(lib).toMatchObject({ direct: true, pathCount: 2 });
  });

  test('an edge to an install that does not exist marks nothing', () => {
    const builder = new InstallGraphBuilder();
    builder.add(install('a', 'a'));
    builder.addEdge(null, 'missing', '^1.0.0');
    expect(builder.build().direct.size).toBe(0);
    expect(buildLockedPackages(builder.build()).map((p) => p.direct)).toEqual([false]);
  });
});

describe('mergeLockfiles ORs the flag', () => {
  const lockfile = (path: string, packageManager: Lockfile['packageManager'], packages: LockedPackage[]): Lockfile => ({ path, packageManager, formatVersion: '1', packages });

  test.each([
    [false, false, false],
    [true, false, true],
    [false, true, true],
    [true, true, true],
  ])('%s in the first, %s in the second: %s', (first, second, merged) => {
    const result = mergeLockfiles([
      lockfile('package-lock.json', 'npm', [makeLockedPackage({ name: 'a', direct: first })]),
      lockfile('pnpm-lock.yaml', 'pnpm', [makeLockedPackage({ name: 'a', direct: second })]),
    ]);
    expect(result.packages.map((p) => p.direct)).toEqual([merged]);
  });

  test('the real npm and pnpm fixtures together', () => {
    const result = mergeLockfiles([npm('v3'), pnpm('v9.0-pnpm10')]);
    const merged = (name: string, version: string): LockedPackage => {
      const found = result.packages.filter((p) => p.name === name && p.version === version && p.source === 'registry');
      expect(found).toHaveLength(1);
      return found[0] as LockedPackage;
    };
    expect(merged('react', '18.2.0').direct).toBe(true); // only in the pnpm project
    expect(result.lockfilesOf(merged('react', '18.2.0'))).toEqual(['pnpm-lock.yaml']);
    expect(merged('debug', '2.6.9').direct).toBe(true);
    expect(merged('ms', '2.0.0').direct).toBe(false);
    expect(merged('loose-envify', '1.4.0').direct).toBe(false);
  });

  test('a package direct in one lockfile only is direct after the merge, in either order', () => {
    const transitive = lockfile('package-lock.json', 'npm', [makeLockedPackage({ name: 'lib', direct: false })]);
    const direct = lockfile('yarn.lock', 'yarn-classic', [makeLockedPackage({ name: 'lib', direct: true })]);
    expect(mergeLockfiles([transitive, direct]).packages[0]?.direct).toBe(true);
    expect(mergeLockfiles([direct, transitive]).packages[0]?.direct).toBe(true);
  });
});
