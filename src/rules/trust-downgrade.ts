/**
 * trust-downgrade: the locked version was published with less trust evidence than an earlier
 * version of the same release line (trusted publisher > provenance > none).
 *
 * Why: a stolen token can publish by hand but cannot reproduce the package's CI pipeline, so
 * a release that skips it is a strong signal. Only the same line counts (major for >=1.0.0,
 * `0.minor` for 0.x): an old maintenance line that never had provenance is not a downgrade
 * because a newer major has it (pnpm#10622 compared across lines and blocked those).
 * "Earlier" is by publish time; versions without a known time are not compared.
 */
import { hasKnownTime, latestOf, publishedBefore, releaseLine, TRUST_RANK, trustLevelOf } from './history-queries.js';
import type { Rule } from '../model/rule.js';

export const trustDowngradeRule: Rule<'trust-downgrade'> = {
  id: 'trust-downgrade',
  evaluate({ target }, { severity }) {
    if (severity === 'off' || !target) return [];
    const { history, record } = target;
    if (!hasKnownTime(record)) return [];
    const line = releaseLine(record.version);
    if (line === null) return [];
    const actual = trustLevelOf(record);
    // Earlier versions of the line with more trust; the rank test first, as it is far
    // cheaper than parsing every version's semver.
    const stronger = publishedBefore(history, record.publishedAt)
      .filter((v) => TRUST_RANK[trustLevelOf(v)] > TRUST_RANK[actual] && releaseLine(v.version) === line);
    if (stronger.length === 0) return [];
    const topRank = stronger.reduce((top, v) => Math.max(top, TRUST_RANK[trustLevelOf(v)]), 0);
    const evidence = latestOf(stronger.filter((v) => TRUST_RANK[trustLevelOf(v)] === topRank));
    if (!evidence) return [];
    const expected = trustLevelOf(evidence);
    return [
      { rule: 'trust-downgrade', severity, eligibleAt: null, line, expected, actual, evidenceVersion: evidence.version },
    ];
  },
};
