/**
 * non-registry-source: the package comes from git, a tarball URL, `file:` or `link:`.
 *
 * Why: such sources have no registry publish time, publisher or maintainer history, so none
 * of the other rules can vouch for them; the policy decides whether that is acceptable.
 * `workspace` packages are the project's own code and get no finding (lead's decision, to
 * keep monorepos quiet). Never lapses by itself.
 *
 * A registry package's `resolved` URL on another host (lockfile injection) is no longer this
 * rule's business: lockfile-binding judges every copy of a registry package against what the
 * registry published, and blocks by default.
 */
import type { SourceKind } from '../model/types.js';
import type { Rule } from '../model/rule.js';

const FLAGGED_SOURCES: ReadonlySet<SourceKind> = new Set(['git', 'tarball', 'file', 'link']);

export const nonRegistrySourceRule: Rule<'non-registry-source'> = {
  id: 'non-registry-source',
  evaluate({ pkg }, { severity }) {
    if (severity === 'off' || !FLAGGED_SOURCES.has(pkg.source)) return [];
    return [
      { rule: 'non-registry-source', severity, eligibleAt: null, source: pkg.source, resolved: pkg.resolved },
    ];
  },
};
