/**
 * non-registry-source: the package comes from git, a tarball URL, `file:` or `link:`.
 *
 * Why: such sources have no registry publish time, publisher or maintainer history, so none
 * of the other rules can vouch for them; the policy decides whether that is acceptable.
 * `workspace` packages are the project's own code and get no finding (lead's decision, to
 * keep monorepos quiet). Never lapses by itself.
 *
 * A registry-shaped `resolved` URL on another host is reported too (lockfile injection: a
 * lockfile edited so that a known, old version is fetched from an attacker's server). The
 * history that was checked came from the registry, the bytes would not. Public npm hosts are
 * accepted whatever the configured registry: npm rewrites registry.npmjs.org URLs to the
 * configured registry (`replace-registry-host`), and registry.yarnpkg.com is Yarn's name for it.
 */
import type { SourceKind } from '../model/types.js';
import type { Rule } from '../model/rule.js';

const FLAGGED_SOURCES: ReadonlySet<SourceKind> = new Set(['git', 'tarball', 'file', 'link']);

const PUBLIC_NPM_HOSTS: ReadonlySet<string> = new Set(['registry.npmjs.org', 'registry.yarnpkg.com']);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** True when `resolved` is an http(s) URL on neither the checked registry's host nor a public npm host. */
export function fetchedElsewhere(resolved: string, registry: string): boolean {
  const host = hostOf(resolved);
  if (host === null || !/^https?:/i.test(resolved)) return false;
  return host !== hostOf(registry) && !PUBLIC_NPM_HOSTS.has(host);
}

export const nonRegistrySourceRule: Rule<'non-registry-source'> = {
  id: 'non-registry-source',
  evaluate({ pkg, lookup }, { severity }) {
    if (severity === 'off') return [];
    if (pkg.source === 'registry') {
      const registry = lookup?.status === 'found' ? lookup.history.registry : null;
      if (registry === null || pkg.resolved === null || !fetchedElsewhere(pkg.resolved, registry)) return [];
      return [{ rule: 'non-registry-source', severity, eligibleAt: null, source: 'tarball', resolved: pkg.resolved, checkedRegistry: registry }];
    }
    if (!FLAGGED_SOURCES.has(pkg.source)) return [];
    return [
      { rule: 'non-registry-source', severity, eligibleAt: null, source: pkg.source, resolved: pkg.resolved },
    ];
  },
};
