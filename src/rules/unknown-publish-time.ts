/**
 * unknown-publish-time: the registry has the locked version but gave no publish time for it
 * (GitHub Packages and GitLab give none for any version; some Verdaccio storages lose them).
 *
 * Why: without a time, release-age cannot decide. Reporting it as its own finding makes the
 * gap visible and lets the policy choose, instead of silently allowing. Never lapses by itself.
 */
import type { Rule } from '../model/rule.js';

export const unknownPublishTimeRule: Rule<'unknown-publish-time'> = {
  id: 'unknown-publish-time',
  evaluate({ target }, { severity }) {
    if (severity === 'off' || !target || target.record.publishedAt !== null) return [];
    return [
      { rule: 'unknown-publish-time', severity, eligibleAt: null, registry: target.history.registry },
    ];
  },
};
