/**
 * Hand-written bun.lock shapes the generated fixtures do not cover: scoped nesting, GitHub
 * and off-registry tuples, optional peers, the root tuple, workspace aliases, JSONC syntax.
 */
import type { LockedPackage, Lockfile } from '../../src/model/types.js';
import { parseBunLockfile } from '../../src/lockfile/bun.js';
import { installedNameOfKey, lookupCandidates, namesOfKey } from '../../src/lockfile/bun-keys.js';

const SHA = 'sha512-AAAA';
const npm = (id: string, info: object = {}, registry = ''): unknown[] => [id, registry, info, SHA];

function lock(workspaces: Record<string, object>, packages: Record<string, unknown[]>, version = 1, extra: object = {}): Lockfile {
  const text = JSON.stringify({ lockfileVersion: version, ...extra, workspaces, packages }, null, 2);
  return parseBunLockfile(text, { path: 'bun.lock' });
}

function get(lockfile: Lockfile, id: string): LockedPackage {
  const found = lockfile.packages.find((p) => `${p.name}@${p.version}` === id);
  if (found === undefined) throw new Error(`${id} not in ${lockfile.packages.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  return found;
}

test('JSONC: comments, trailing commas and a byte order mark', () => {
  const text = '\ufeff{\n  // written by hand\n  "lockfileVersion": 1, /* v1 */\n  "workspaces": { "": { "dependencies": { "a": "^1", }, }, },\n  "packages": { "a": ["a@1.0.0", "", {}, "sha512-x",], },\n}\n';
  expect(parseBunLockfile(text, { path: 'bun.lock' }).packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0']);
});

test('key lookup walks up scoped parents, nearest first', () => {
  expect(namesOfKey('@s/a/@s/b/c')).toEqual(['@s/a', '@s/b', 'c']);
  expect(installedNameOfKey('a/@s/b')).toBe('@s/b');
  expect(lookupCandidates('@s/a/@s/b', 'c')).toEqual(['@s/a/@s/b/c', '@s/a/c', 'c']);
  expect(lookupCandidates('', '@s/c')).toEqual(['@s/c']);

  const lockfile = lock(
    { '': { dependencies: { '@s/a': '^1', c: '^1', '@s/b': '^1' } } },
    {
      '@s/a': npm('@s/a@1.0.0', { dependencies: { '@s/b': '^2', c: '^2' } }),
      '@s/b': npm('@s/b@1.0.0'),
      c: npm('c@1.0.0'),
      '@s/a/@s/b': npm('@s/b@2.0.0', { dependencies: { c: '^2' } }),
      '@s/a/c': npm('c@2.0.0'),
    },
  );
  expect(get(lockfile, 'c@2.0.0').paths).toEqual([['@s/a@1.0.0', 'c@2.0.0'], ['@s/a@1.0.0', '@s/b@2.0.0', 'c@2.0.0']]);
  expect(get(lockfile, 'c@1.0.0').paths).toEqual([['c@1.0.0']]);
  expect(get(lockfile, '@s/b@2.0.0').requestedRanges).toEqual(['^2']);
});

test('a workspace finds its own nested copies first, then the top level', () => {
  const lockfile = lock(
    { '': {}, 'packages/w': { name: '@s/w', version: '2.0.0', dependencies: { x: '^2', y: '^1' } } },
    { '@s/w': ['@s/w@workspace:packages/w'], x: npm('x@1.0.0'), '@s/w/x': npm('x@2.0.0'), y: npm('y@1.0.0') },
  );
  expect(get(lockfile, 'x@2.0.0').paths).toEqual([['@s/w@2.0.0', 'x@2.0.0']]);
  expect(get(lockfile, 'x@1.0.0').paths).toEqual([]);
  expect(get(lockfile, 'y@1.0.0').paths).toEqual([['@s/w@2.0.0', 'y@1.0.0']]);
});

test('GitHub, off-registry and registry-shaped URLs', () => {
  const lockfile = lock(
    { '': { dependencies: { gh: 'github:owner/repo', a: '^1', b: '^1', c: 'https://host/c-3.1.0.tgz' } } },
    {
      gh: ['gh@github:owner/repo#abc1234', { dependencies: {} }, 'owner-repo-abc1234'],
      a: npm('a@1.0.0', {}, 'https://registry.example.com/a/-/a-1.0.0.tgz'),
      b: ['b@1.0.0', 'https://evil.example.com/b.tgz', {}, ''],
      c: ['c@https://host/c-3.1.0.tgz', {}],
    },
  );
  expect(get(lockfile, 'gh@0.0.0-git')).toMatchObject({ source: 'git', resolved: 'github:owner/repo#abc1234', integrity: null });
  expect(get(lockfile, 'a@1.0.0')).toMatchObject({ source: 'registry', resolved: 'https://registry.example.com/a/-/a-1.0.0.tgz' });
  expect(get(lockfile, 'b@1.0.0')).toMatchObject({ source: 'tarball', resolved: 'https://evil.example.com/b.tgz', integrity: null });
  expect(get(lockfile, 'c@3.1.0')).toMatchObject({ source: 'tarball', resolved: 'https://host/c-3.1.0.tgz' });
});

test('optional peers are optional; missing ones and optional dependencies add no edge', () => {
  const lockfile = lock(
    { '': { dependencies: { a: '^1' }, optionalDependencies: { gone: '^1' } } },
    {
      a: npm('a@1.0.0', { peerDependencies: { p: '^1', q: '^1', r: '^1' }, optionalPeers: ['p', 'q'], optionalDependencies: { fsevents: '^2' } }),
      p: npm('p@1.0.0'),
      r: npm('r@1.0.0'),
    },
  );
  expect(get(lockfile, 'p@1.0.0')).toMatchObject({ optional: true, dev: false, paths: [['a@1.0.0', 'p@1.0.0']] });
  expect(get(lockfile, 'r@1.0.0')).toMatchObject({ optional: false, dev: false, requestedRanges: ['^1'] });
  expect(lockfile.packages).toHaveLength(3);
});

test('dev through a workspace, optional under dev, unreachable entries are neither', () => {
  const lockfile = lock(
    { '': { devDependencies: { d: '^1' } }, 'packages/w': { name: 'w', devDependencies: { e: '^1' } } },
    {
      w: ['w@workspace:packages/w'],
      d: npm('d@1.0.0', { optionalDependencies: { o: '^1' } }),
      e: npm('e@1.0.0'),
      o: npm('o@1.0.0'),
      orphan: npm('orphan@1.0.0'),
    },
  );
  expect(get(lockfile, 'd@1.0.0')).toMatchObject({ dev: true, optional: false });
  expect(get(lockfile, 'e@1.0.0')).toMatchObject({ dev: true, optional: false, paths: [['w@0.0.0', 'e@1.0.0']] });
  expect(get(lockfile, 'o@1.0.0')).toMatchObject({ dev: true, optional: true });
  expect(get(lockfile, 'orphan@1.0.0')).toMatchObject({ dev: false, optional: false, paths: [], pathCount: 0 });
  expect(get(lockfile, 'w@0.0.0')).toMatchObject({ source: 'workspace', dev: false, paths: [['w@0.0.0']] });
});

test('the root tuple is the project itself; a workspace under another key is an alias', () => {
  const lockfile = lock(
    { '': { name: 'app', dependencies: { a: '^1', other: 'workspace:*' } }, 'packages/w': { name: 'w', version: '1.0.0' } },
    {
      app: ['app@root:', {}],
      a: npm('a@1.0.0', { dependencies: { app: '*' } }),
      w: ['w@workspace:packages/w'],
      other: ['w@workspace:packages/w'],
    },
  );
  expect(lockfile.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0', 'w@1.0.0']);
  expect(get(lockfile, 'w@1.0.0')).toMatchObject({ aliases: ['other'], requestedRanges: ['workspace:*'], paths: [['w@1.0.0']] });
});

test('cycles end paths; one edge per dependent, with every range it asks for', () => {
  const lockfile = lock(
    { '': { dependencies: { a: '^1' } } },
    {
      a: npm('a@1.0.0', { dependencies: { b: '^1', a: '^1' }, peerDependencies: { b: '>=1' } }),
      b: npm('b@1.0.0', { dependencies: { a: '^1' } }),
    },
  );
  expect(get(lockfile, 'a@1.0.0').paths).toEqual([['a@1.0.0']]);
  expect(get(lockfile, 'b@1.0.0')).toMatchObject({ paths: [['a@1.0.0', 'b@1.0.0']], pathCount: 1, requestedRanges: ['>=1', '^1'] });
});

test('v0 workspace tuples carry dependencies; v3 object overrides are accepted', () => {
  const v0 = lock(
    { '': { dependencies: { w: 'packages/w' } }, 'packages/w': { name: 'w', version: '1.0.0', dependencies: { a: '^1' } } },
    { w: ['w@workspace:packages/w', { dependencies: { a: '^1' } }], a: npm('a@1.0.0') },
    0,
  );
  expect(v0.formatVersion).toBe('0');
  expect(get(v0, 'a@1.0.0').paths).toEqual([['w@1.0.0', 'a@1.0.0']]);
  const v3 = lock({ '': { dependencies: { a: '^1' } } }, { a: npm('a@1.0.0') }, 3, { overrides: { a: { '.': '1.0.0' } }, configVersion: 1 });
  expect(v3.formatVersion).toBe('3');
  expect(lock({ '': {} }, {}, 2).packages).toEqual([]);
  expect(parseBunLockfile('{"lockfileVersion": 1, "workspaces": {"": {}}}', { path: 'bun.lock' }).packages).toEqual([]);
});
