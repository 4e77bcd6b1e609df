/** Hand-written lockfile snippets for shapes the generated fixtures do not cover. */
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseYarnBerryLockfile } from '../../src/lockfile/yarn-berry.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';
import { summary } from '../support/lockfile-fixtures.js';

const berry = (body: string, packageJson?: string): Lockfile =>
  parseYarnBerryLockfile(`__metadata:\n  version: 8\n  cacheKey: 10c0\n\n${body}`, packageJson === undefined ? { path: 'yarn.lock' } : { path: 'yarn.lock', packageJson });
const byName = (lockfile: Lockfile, name: string): LockedPackage => {
  const found = lockfile.packages.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
};

const ROOT = (deps: string, meta = ''): string =>
  `"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n${deps}${meta}  languageName: unknown\n  linkType: soft\n\n`;
const entry = (key: string, resolution: string, version: string, deps = ''): string =>
  `"${key}":\n  version: ${version}\n  resolution: "${resolution}"\n${deps === '' ? '' : `  dependencies:\n${deps}`}  languageName: node\n  linkType: hard\n\n`;

describe('Yarn Berry shapes', () => {
  test('source kinds of every reference protocol', () => {
    const lockfile = berry(
      ROOT(
        [
          '    gh: "https://github.com/u/gh.git#commit=abc"',
          '    gl: "git@gitlab.com:u/gl.git"',
          '    reg-url: "https://registry.npmjs.org/reg-url/-/reg-url-1.0.0.tgz"',
          '    ex: "exec:./gen.js"',
          '    dir: "file:./dir"',
          '    odd: "weird:thing"',
          '    "@s/scoped": "npm:^2.0.0"',
          '',
        ].join('\n'),
      ) +
        entry('gh@https://github.com/u/gh.git#commit=abc', 'gh@https://github.com/u/gh.git#commit=abc', '1.0.0') +
        entry('gl@git@gitlab.com:u/gl.git', 'gl@git@gitlab.com:u/gl.git#commit=def', '1.0.0') +
        entry('reg-url@https://registry.npmjs.org/reg-url/-/reg-url-1.0.0.tgz', 'reg-url@https://registry.npmjs.org/reg-url/-/reg-url-1.0.0.tgz', '1.0.0') +
        entry('ex@exec:./gen.js::locator=app%40workspace%3A.', 'ex@exec:./gen.js#./gen.js::hash=1&locator=app%40workspace%3A.', '0.0.0') +
        entry('dir@file:./dir::locator=app%40workspace%3A.', 'dir@file:./dir#./dir::hash=2&locator=app%40workspace%3A.', '3.0.0') +
        entry('odd@weird:thing', 'odd@weird:thing', '1.0.0') +
        entry('@s/scoped@npm:^2.0.0, @s/scoped@npm:^2.1.0', '@s/scoped@npm:2.1.0', '2.1.0'),
    );
    expect(lockfile.packages.map(summary)).toEqual([
      '@s/scoped@2.1.0 registry',
      'dir@3.0.0 file',
      'ex@0.0.0 file',
      'gh@1.0.0 git',
      'gl@1.0.0 git',
      'odd@1.0.0 file', // unknown protocol: never registry
      'reg-url@1.0.0 tarball', // an explicit URL is not a registry resolution in Berry
    ]);
    expect(byName(lockfile, '@s/scoped').requestedRanges).toEqual(['^2.0.0', '^2.1.0']);
    expect(lockfile.packages.every((p) => p.paths.length === 1)).toBe(true);
  });

  test('a patch of an alias, a patch of a git package, a nested dependency patch', () => {
    const lockfile = berry(
      ROOT('    a: "patch:a@npm%3Areal@1.0.0#./a.patch"\n    g: "patch:g@https%3A//github.com/u/g.git%23commit=abc#./g.patch"\n') +
        entry(
          'a@patch:a@npm%3Areal@1.0.0#./a.patch::locator=app%40workspace%3A.',
          'real@patch:real@npm%3A1.0.0#./a.patch::version=1.0.0&hash=1&locator=app%40workspace%3A.',
          '1.0.0',
          '    fsevents: "patch:fsevents@npm%3A~2.3.2#optional!builtin<compat/fsevents>"\n',
        ) +
        entry('g@patch:g@https%3A//github.com/u/g.git%23commit=abc#./g.patch::locator=app%40workspace%3A.', 'g@patch:g@https%3A//github.com/u/g.git%23commit%3Dabc#./g.patch::version=1.0.0&hash=2', '1.0.0') +
        entry('fsevents@patch:fsevents@npm%3A~2.3.2#optional!builtin<compat/fsevents>', 'fsevents@patch:fsevents@npm%3A2.3.3#optional!builtin<compat/fsevents>::version=2.3.3&hash=df0bf1', '2.3.3'),
    );
    expect(lockfile.packages.map(summary)).toEqual(['fsevents@2.3.3 registry', 'g@1.0.0 git', 'real@1.0.0 registry']);
    expect(byName(lockfile, 'real').aliases).toEqual(['a']);
    expect(byName(lockfile, 'real').requestedRanges).toEqual(['1.0.0']);
    expect(byName(lockfile, 'fsevents').requestedRanges).toEqual(['~2.3.2']);
    expect(byName(lockfile, 'fsevents').paths).toEqual([['real@1.0.0', 'fsevents@2.3.3']]);
  });

  test('Yarn 2/3 ranges without npm:, a loosely bound descriptor, unresolvable and self dependencies', () => {
    const lockfile = berry(
      ROOT('    a: ^1.0.0\n    l: "link:./l"\n    missing: ^9.0.0\n') +
        entry('a@npm:^1.0.0', 'a@npm:1.2.0', '1.2.0', '    a: ^1.0.0\n') +
        entry('l@link:./l::locator=other%40workspace%3A.', 'l@link:./l::locator=other%40workspace%3A.', '0.0.0-use.local'),
    );
    expect(byName(lockfile, 'a').paths).toEqual([['a@1.2.0']]);
    expect(byName(lockfile, 'l').paths).toEqual([['l@0.0.0-use.local']]);
  });

  test('dev from the root package.json only; optional from dependenciesMeta (name or name@range keys)', () => {
    const lockfile = berry(
      ROOT('    d: "npm:1.0.0"\n    o: "npm:1.0.0"\n    p: "npm:1.0.0"\n', '  dependenciesMeta:\n    o@1.0.0:\n      optional: true\n') +
        entry('d@npm:1.0.0', 'd@npm:1.0.0', '1.0.0', '    shared: "npm:1.0.0"\n') +
        entry('o@npm:1.0.0', 'o@npm:1.0.0', '1.0.0', '    shared: "npm:1.0.0"\n    only-o: "npm:1.0.0"\n') +
        entry('p@npm:1.0.0', 'p@npm:1.0.0', '1.0.0', '    both: "npm:1.0.0"\n') +
        entry('shared@npm:1.0.0', 'shared@npm:1.0.0', '1.0.0') +
        entry('only-o@npm:1.0.0', 'only-o@npm:1.0.0', '1.0.0') +
        entry('both@npm:1.0.0', 'both@npm:1.0.0', '1.0.0'),
      JSON.stringify({ dependencies: { p: '1.0.0' }, devDependencies: { d: '1.0.0', p: '1.0.0' }, optionalDependencies: { o: '1.0.0' } }),
    );
    expect(lockfile.packages.map(summary)).toEqual([
      'both@1.0.0 registry', // p is in dependencies and devDependencies: production
      'd@1.0.0 registry dev',
      'o@1.0.0 registry optional',
      'only-o@1.0.0 registry optional',
      'p@1.0.0 registry',
      'shared@1.0.0 registry', // dev via d, optional via o: neither
    ]);
  });

  test('link: descriptors are bound to their dependent: the same range from two workspaces is two packages', () => {
    const ws = (name: string, deps: string): string =>
      `"${name}@workspace:${name}":\n  version: 0.0.0-use.local\n  resolution: "${name}@workspace:${name}"\n  dependencies:\n${deps}  languageName: unknown\n  linkType: soft\n\n`;
    const lockfile = berry(
      ROOT('    a: "workspace:a"\n    b: "workspace:b"\n') +
        ws('a', '    l: "link:./l"\n') +
        ws('b', '    l: "link:./l"\n') +
        entry('l@link:./l::locator=a%40workspace%3Aa', 'l@link:./l::locator=a%40workspace%3Aa', '0.0.0-use.local') +
        entry('l@link:./l::locator=b%40workspace%3Ab', 'l@link:./l::locator=b%40workspace%3Ab', '0.0.0-use.local'),
    );
    const links = lockfile.packages.filter((p) => p.name === 'l');
    expect(links.map((p) => [p.resolved, p.paths])).toEqual([
      ['l@link:./l::locator=a%40workspace%3Aa', [['a@0.0.0-use.local', 'l@0.0.0-use.local']]],
      ['l@link:./l::locator=b%40workspace%3Ab', [['b@0.0.0-use.local', 'l@0.0.0-use.local']]],
    ]);
  });

  test('without a root workspace entry, entries nothing depends on are roots', () => {
    const lockfile = berry(entry('a@npm:^1.0.0', 'a@npm:1.0.0', '1.0.0', '    b: "npm:^1.0.0"\n') + entry('b@npm:^1.0.0', 'b@npm:1.0.0', '1.0.0'));
    expect(byName(lockfile, 'b').paths).toEqual([['a@1.0.0', 'b@1.0.0']]);
  });
});

describe('Yarn classic shapes', () => {
  const classic = (body: string, packageJson?: string): Lockfile =>
    parseYarnClassicLockfile(`# yarn lockfile v1\n\n\n${body}`, packageJson === undefined ? { path: 'yarn.lock' } : { path: 'yarn.lock', packageJson });

  test('source kinds: codeload GitHub tarball, github shorthand, registry without resolved, other hosts', () => {
    const lockfile = classic(
      [
        '"gh@github:u/gh#abc":\n  version "1.0.0"\n  resolved "https://codeload.github.com/u/gh/tar.gz/abc"\n',
        '"short@u/short":\n  version "1.0.0"\n  resolved "https://codeload.github.com/u/short/tar.gz/def"\n',
        'plain@^1.0.0:\n  version "1.1.0"\n',
        '"@s/mirror@^2.0.0":\n  version "2.0.0"\n  resolved "https://npm.example.com/@s/mirror/-/mirror-2.0.0.tgz#abc"\n',
        '"wrong@^1.0.0":\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/other/-/other-1.0.0.tgz"\n',
        '"t@https://example.com/t.tgz":\n  version "3.0.0"\n',
        '"nores@github:u/nores":\n  version "0.1.0"\n',
      ].join('\n'),
    );
    expect(lockfile.packages.map(summary)).toEqual([
      '@s/mirror@2.0.0 registry',
      'gh@1.0.0 git',
      'nores@0.1.0 git',
      'plain@1.1.0 registry',
      'short@1.0.0 git',
      't@3.0.0 tarball',
      'wrong@1.0.0 tarball', // a registry-shaped URL for another package is not this package's registry tarball
    ]);
  });

  test('an alias key next to a plain key of the same package, and optionalDependencies', () => {
    const lockfile = classic(
      [
        'real@^1.0.0, "al@npm:real@^1.0.0":\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/real/-/real-1.0.0.tgz"\n  optionalDependencies:\n    opt "^1.0.0"\n',
        'opt@^1.0.0:\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/opt/-/opt-1.0.0.tgz"\n',
      ].join('\n'),
      JSON.stringify({ dependencies: { al: 'npm:real@^1.0.0' } }),
    );
    expect(lockfile.packages.map(summary)).toEqual(['opt@1.0.0 registry optional', 'real@1.0.0 registry']);
    expect(byName(lockfile, 'real').aliases).toEqual(['al']);
    expect(byName(lockfile, 'real').requestedRanges).toEqual(['^1.0.0']);
    expect(byName(lockfile, 'opt').paths).toEqual([['real@1.0.0', 'opt@1.0.0']]);
  });
});
