/** Tarball URLs on a host the configuration names as a registry for the package are registry packages. */
import { withRegistryHosts } from '../../src/engine/registry-hosts.js';
import type { Lockfile } from '../../src/model/types.js';
import { makeLockedPackage } from '../support/history.js';

const github = 'https://npm.pkg.github.com/download/@corp/lib/1.0.0/0123abcd';
const lockfile = (resolved: string, name = '@corp/lib'): Lockfile => ({
  path: 'package-lock.json',
  packageManager: 'npm',
  formatVersion: '3',
  packages: [makeLockedPackage({ name, source: 'tarball', resolved })],
});
const hostsOf = (name: string) => (name.startsWith('@corp/') ? ['npm.pkg.github.com'] : ['registry.npmjs.org']);

test('a GitHub Packages download URL on the scope\'s registry host is a registry package', () => {
  expect(withRegistryHosts(lockfile(github), hostsOf).packages[0]!.source).toBe('registry');
});

test('the same URL for a package whose registry is elsewhere stays a tarball; so does another host', () => {
  expect(withRegistryHosts(lockfile(github, 'other'), hostsOf).packages[0]!.source).toBe('tarball');
  expect(withRegistryHosts(lockfile('https://evil.example/x.tgz'), hostsOf).packages[0]!.source).toBe('tarball');
  const unchanged = lockfile('https://evil.example/x.tgz');
  expect(withRegistryHosts(unchanged, hostsOf)).toBe(unchanged);
});
