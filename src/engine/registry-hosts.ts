/**
 * A lockfile entry whose tarball URL is on a host the configuration names as a registry for
 * that package is a registry package, whatever the URL's path looks like: GitHub Packages
 * (`/download/@scope/pkg/1.0.0/<sha>`), GitLab (`/api/v4/projects/<id>/packages/npm/...`) and
 * Artifactory do not serve `<name>/-/<name>-<version>.tgz`. The lockfile readers cannot know
 * the configuration, so they call such entries `tarball`; this turns them into `registry`
 * packages, looked up and judged by every rule (lockfile-binding then checks the URL against the
 * registry's `dist.tarball`). Pure.
 */
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import { httpHostOf } from '../model/registry-url.js';
import type { Lockfile } from '../model/types.js';

export type RegistryHostsOf = (name: string) => readonly string[];

export function withRegistryHosts(lockfile: Lockfile, hostsOf: RegistryHostsOf): Lockfile {
  let changed = false;
  const packages = lockfile.packages.map((pkg) => {
    if (pkg.source !== 'tarball' || pkg.copies.length === 0) return pkg;
    const hosts = hostsOf(pkg.name);
    const onRegistry = pkg.copies.every((copy) => {
      const host = copy.resolved === null ? null : httpHostOf(copy.resolved);
      return host !== null && hosts.includes(host);
    });
    if (!onRegistry) return pkg;
    changed = true;
    return { ...pkg, source: 'registry' as const };
  });
  return changed ? { ...lockfile, packages } : lockfile;
}

/** withRegistryHosts with the source's configuration; the identity for a source without one. */
export function registryHostBinder(source: HistorySource): (lockfile: Lockfile) => Lockfile {
  const hostsOf = source.registryHostsOf?.bind(source);
  return hostsOf === undefined ? (lockfile) => lockfile : (lockfile) => withRegistryHosts(lockfile, hostsOf);
}

/**
 * `source.fetchHistory(name)` (`source.fetchAbbreviated(name)` when `abbreviated` and the source
 * has it) with the hosts the configuration names for it (lockfile-binding accepts those).
 */
export async function fetchWithRegistryHosts(source: HistorySource, name: string, abbreviated?: { settledBefore: number }): Promise<HistoryResult> {
  const answer = abbreviated && source.fetchAbbreviated ? await source.fetchAbbreviated(name, abbreviated.settledBefore) : await source.fetchHistory(name);
  const hosts = answer.status === 'found' ? source.registryHostsOf?.(name) : undefined;
  return hosts && answer.status === 'found' ? { ...answer, registryHosts: hosts } : answer;
}
