/**
 * missing-version: the registry does not know the package (kind `package`), or knows it but
 * not the locked version, or the version was unpublished (kind `version`).
 *
 * Why: a lockfile pointing at something the registry cannot vouch for is either stale, a
 * typo-squat that was taken down, or was edited by hand. The other registry rules have no
 * record to look at, so they stay silent and this one speaks for the package.
 */
import type { Rule } from '../model/rule.js';

export const missingVersionRule: Rule<'missing-version'> = {
  id: 'missing-version',
  evaluate({ pkg, lookup, target }, { severity }) {
    if (severity === 'off' || pkg.source !== 'registry' || !lookup || target) return [];
    if (lookup.status === 'not-found') {
      const registry = lookup.registry;
      return [{ rule: 'missing-version', severity, eligibleAt: null, kind: 'package', registry, unpublishedAt: null }];
    }
    const { registry, unpublishedAt } = lookup.history;
    return [{ rule: 'missing-version', severity, eligibleAt: null, kind: 'version', registry, unpublishedAt }];
  },
};
