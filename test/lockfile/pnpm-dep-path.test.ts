import { joinPosix, linkTargetOf, nameVersionOfKey, refToKey, stripPeerSuffix } from '../../src/lockfile/pnpm-dep-path.js';
import { workspaceSpecName } from '../../src/lockfile/pnpm-importers.js';

test('peer suffixes are removed per format', () => {
  expect(stripPeerSuffix(5, '/use-sync-external-store/1.2.0_react@18.2.0')).toBe('/use-sync-external-store/1.2.0');
  expect(stripPeerSuffix(5, '/@scope/comp/1.0.0_@types+react@18.0.0')).toBe('/@scope/comp/1.0.0');
  expect(stripPeerSuffix(5, '/foo/1.0.0_3ksxw7g4tq4wvfyh5b6shu5ui4')).toBe('/foo/1.0.0'); // hashed peers
  expect(stripPeerSuffix(5, 'file:vendor/my_dep-1.0.0.tgz')).toBe('file:vendor/my_dep-1.0.0.tgz');
  expect(stripPeerSuffix(6, '/use-sync-external-store@1.2.0(react@18.2.0)')).toBe('/use-sync-external-store@1.2.0');
  expect(stripPeerSuffix(9, '@scope/real@1.0.0(@types/react@18.0.0)(react@18.2.0)')).toBe('@scope/real@1.0.0');
  expect(stripPeerSuffix(9, 'patched@3.0.0(patch_hash=abc)')).toBe('patched@3.0.0');
  expect(stripPeerSuffix(9, 'a@1.0.0')).toBe('a@1.0.0');
});

test('names and registry versions from keys', () => {
  expect(nameVersionOfKey(5, '/is-number/6.0.0')).toEqual({ name: 'is-number', version: '6.0.0' });
  expect(nameVersionOfKey(5, '/@scope/name/1.0.0-beta.1')).toEqual({ name: '@scope/name', version: '1.0.0-beta.1' });
  expect(nameVersionOfKey(5, '/tmp/rq/git-dep/ffd18b6a')).toBeNull();
  expect(nameVersionOfKey(5, '@127.0.0.1+47139/tarball-dep-2.0.0.tgz')).toBeNull();
  expect(nameVersionOfKey(6, '/@scope/name@1.0.0')).toEqual({ name: '@scope/name', version: '1.0.0' });
  expect(nameVersionOfKey(6, 'github.com/user/repo/0123abc')).toBeNull();
  expect(nameVersionOfKey(9, 'git-dep@git+file:///tmp/x#0123')).toEqual({ name: 'git-dep', version: null });
  expect(nameVersionOfKey(9, '@scope/name@2.0.0')).toEqual({ name: '@scope/name', version: '2.0.0' });
  expect(nameVersionOfKey(9, 'a/b@1.0.0')).toBeNull();
  expect(nameVersionOfKey(9, 'justaname')).toBeNull();
});

test('references resolve to keys per format', () => {
  expect(refToKey(5, 'react', '18.2.0')).toBe('/react/18.2.0');
  expect(refToKey(5, 'comp', '1.0.0_@types+react@18.0.0')).toBe('/comp/1.0.0_@types+react@18.0.0');
  expect(refToKey(5, 'my-alias', '/is-number/6.0.0')).toBe('/is-number/6.0.0');
  expect(refToKey(5, 'packed', 'file:vendor/packed-1.0.0.tgz_is-number@7.0.0')).toBe('file:vendor/packed-1.0.0.tgz_is-number@7.0.0');
  expect(refToKey(5, 'tarball', '@127.0.0.1+47139/tarball-dep-2.0.0.tgz')).toBe('@127.0.0.1+47139/tarball-dep-2.0.0.tgz');
  expect(refToKey(6, 'comp', '1.0.0(@types/react@18.0.0)')).toBe('/comp@1.0.0(@types/react@18.0.0)');
  expect(refToKey(6, 'my-alias', '/is-number@6.0.0')).toBe('/is-number@6.0.0');
  expect(refToKey(6, 'gh', 'github.com/user/repo/0123abc')).toBe('github.com/user/repo/0123abc');
  expect(refToKey(9, 'store', '1.2.0(react@18.2.0)')).toBe('store@1.2.0(react@18.2.0)');
  expect(refToKey(9, 'my-alias', 'is-number@6.0.0')).toBe('is-number@6.0.0');
  expect(refToKey(9, 'alias', '@scope/real@1.0.0')).toBe('@scope/real@1.0.0');
  expect(refToKey(9, 'packed', 'file:vendor/p.tgz(is-number@7.0.0)')).toBe('packed@file:vendor/p.tgz(is-number@7.0.0)');
  expect(refToKey(9, 'g', 'git+ssh://git@github.com/u/r.git#0123')).toBe('g@git+ssh://git@github.com/u/r.git#0123');
  expect(refToKey(9, 'local', 'link:../x')).toBeNull();
});

test('link targets and workspace specifier names', () => {
  expect(linkTargetOf('link:../ws-a', 'packages/ws-b')).toBe('packages/ws-a');
  expect(linkTargetOf('link:local/thing', '.')).toBe('local/thing');
  expect(linkTargetOf('link:..', 'packages/ws-b')).toBe('packages');
  expect(linkTargetOf('1.0.0', '.')).toBeNull();
  expect(joinPosix('.', '../../outside')).toBe('../../outside');
  expect(joinPosix('a', '..')).toBe('.');
  expect(workspaceSpecName('workspace:real@*')).toBe('real');
  expect(workspaceSpecName('workspace:@scope/real@^1.0.0')).toBe('@scope/real');
  expect(workspaceSpecName('workspace:*')).toBeNull();
  expect(workspaceSpecName('^1.0.0')).toBeNull();
});
