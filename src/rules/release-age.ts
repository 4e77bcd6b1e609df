/**
 * release-age: blocks a version until it has been public for `minReleaseAge`.
 *
 * Why: most hijacked releases of popular packages are found and pulled within hours, so
 * waiting is the cheapest defence. A version without a publish time gets no finding here;
 * unknown-publish-time reports it, so "unknown" never turns into "old enough".
 */
import type { Rule } from '../model/rule.js';

export const releaseAgeRule: Rule<'release-age'> = {
  id: 'release-age',
  evaluate({ target, now }, { severity, minReleaseAge }) {
    if (severity === 'off' || !target) return [];
    const { publishedAt } = target.record;
    if (publishedAt === null) return [];
    const eligibleAt = publishedAt + minReleaseAge;
    if (eligibleAt <= now) return [];
    return [{ rule: 'release-age', severity, eligibleAt, publishedAt, minReleaseAge }];
  },
};
