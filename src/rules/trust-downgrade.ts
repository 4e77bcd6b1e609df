/**
 * trust-downgrade: the locked version was published with less trust evidence than an earlier
 * version of the same release line (staged = trusted publisher > provenance > none).
 *
 * Why: a stolen token can publish by hand but cannot reproduce the package's CI pipeline
 * (nx 2025, axios), so a release that skips it is a strong signal. Only the same line counts
 * (major for >=1.0.0, `0.minor` for 0.x): an old maintenance line that never had provenance
 * is not a downgrade because a newer major has it (pnpm#10622 compared across lines and
 * blocked those). Staged publishing (`_npmUser.approver`: a human approved the release with
 * 2FA) ranks with trusted publishing, whatever provenance says: moving from trusted to staged
 * publishing is not a downgrade, and some staged releases lost provenance through an npm bug
 * (npm/cli#9397, pnpm#11887). "Earlier" is by publish time; versions without a known time are
 * not compared. Lapses `hold` after the release was published: hijacked releases are found
 * and pulled within hours or days, so a downgraded release gets a long slow lane, never a ban.
 */
import type { ChangeSignal, ReleaseHistory, TimedVersion } from '../model/types.js';
import { hasKnownTime, latestOf, publishedBefore, releaseLine, TRUST_RANK, trustLevelOf } from './history-queries.js';
import type { Rule } from '../model/rule.js';

type Downgrade = Extract<ChangeSignal, { signal: 'trust-downgrade' }>;

export function trustDowngradeOf(history: ReleaseHistory, record: TimedVersion): Downgrade | null {
  const line = releaseLine(record.version);
  if (line === null) return null;
  const actual = trustLevelOf(record);
  // Earlier versions of the line with more trust; the rank test first, as it is far
  // cheaper than parsing every version's semver.
  const stronger = publishedBefore(history, record.publishedAt)
    .filter((v) => TRUST_RANK[trustLevelOf(v)] > TRUST_RANK[actual] && releaseLine(v.version) === line);
  if (stronger.length === 0) return null;
  const topRank = stronger.reduce((top, v) => Math.max(top, TRUST_RANK[trustLevelOf(v)]), 0);
  const evidence = latestOf(stronger.filter((v) => TRUST_RANK[trustLevelOf(v)] === topRank));
  if (!evidence) return null;
  return { signal: 'trust-downgrade', line, expected: trustLevelOf(evidence), actual, evidenceVersion: evidence.version };
}

export const trustDowngradeRule: Rule<'trust-downgrade'> = {
  id: 'trust-downgrade',
  evaluate({ target, now }, { severity, hold }) {
    if (severity === 'off' || !target) return [];
    const { history, record } = target;
    if (!hasKnownTime(record) || now >= record.publishedAt + hold) return [];
    const downgrade = trustDowngradeOf(history, record);
    if (!downgrade) return [];
    const { signal: _signal, ...evidence } = downgrade;
    return [{ rule: 'trust-downgrade', severity, eligibleAt: record.publishedAt + hold, ...evidence }];
  },
};
