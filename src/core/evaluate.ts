/**
 * Evaluates one locked package against the policy: runs every rule that is not `off` and
 * folds the findings into a verdict and the instant the version becomes eligible.
 */
import { RULES_BY_ID } from '../rules/index.js';
import { createRuleContext } from '../rules/rule.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import { RULE_IDS } from './constants.js';
import type { RuleId } from './constants.js';
import type { HistoryResult } from './history-source.js';
import type { Policy } from './policy.js';
import type { Finding, Instant, LockedPackage, PackageVerdict, ReleaseHistory, Verdict } from './types.js';

/** block if any finding blocks, else warn if any warns, else allow. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  return findings.length > 0 ? 'warn' : 'allow';
}

/**
 * `lookup` is the registry's answer for `pkg.name`, or null for non-registry sources (which
 * are never looked up). A registry package without a lookup is a caller bug and throws.
 */
export function evaluatePackage(
  pkg: LockedPackage,
  lookup: HistoryResult | null,
  policy: Policy,
  now: Instant,
): PackageVerdict {
  if (pkg.source === 'registry' && lookup === null) {
    throw new TypeError(`evaluatePackage: registry package ${pkg.name}@${pkg.version} has no lookup`);
  }
  const context = createRuleContext(pkg, lookup, now);
  const findings = RULE_IDS.flatMap((id) => runRule(id, context, policy));
  const verdict = verdictOf(findings);
  const publishedAt = context.target?.record.publishedAt ?? null;
  return {
    name: pkg.name,
    version: pkg.version,
    source: pkg.source,
    dev: pkg.dev,
    optional: pkg.optional,
    verdict,
    publishedAt,
    eligibleAt: eligibleAtOf(verdict, findings, publishedAt, policy),
    findings,
  };
}

/** Evaluates a registry version that is not in the lockfile (for `why` and suggestions). */
export function evaluateVersion(
  history: ReleaseHistory,
  version: string,
  policy: Policy,
  now: Instant,
): PackageVerdict {
  const pkg: LockedPackage = {
    name: history.name,
    version,
    source: 'registry',
    aliases: [],
    resolved: null,
    integrity: null,
    dev: false,
    optional: false,
    paths: [],
    pathCount: 0,
    requestedRanges: [],
  };
  return evaluatePackage(pkg, { status: 'found', history }, policy, now);
}

/** Registry rules that cost O(1) per version, so `isVersionBlocked` usually stops early. */
const CHEAP_RULES: readonly RuleId[] = ['missing-version', 'release-age', 'unknown-publish-time'];
const CHEAP_FIRST: readonly RuleId[] = [...CHEAP_RULES, ...RULE_IDS.filter((id) => !CHEAP_RULES.includes(id))];

/**
 * Same answer as `evaluateVersion(...).verdict === 'block'`, but stops at the first blocking
 * finding, cheap rules first. For scanning many versions (suggestions).
 */
export function isVersionBlocked(
  history: ReleaseHistory,
  version: string,
  policy: Policy,
  now: Instant,
): boolean {
  const pkg = { name: history.name, version, source: 'registry' as const, resolved: null };
  const context = createRuleContext(pkg, { status: 'found', history }, now);
  return CHEAP_FIRST.some((id) => runRule(id, context, policy).some((f) => f.severity === 'block'));
}

function runRule<R extends RuleId>(id: R, context: RuleContext, policy: Policy): Finding[] {
  const rule: Rule<R> = RULES_BY_ID[id];
  const params = policy.rules[id];
  return params.severity === 'off' ? [] : rule.evaluate(context, params);
}

/**
 * Blocked: the latest eligibleAt of the blocking findings, or null when one of them never
 * lapses by itself. Not blocked: the end of the release-age window when the publish time is
 * known and release-age is on (it may already be past), else null.
 */
function eligibleAtOf(
  verdict: Verdict,
  findings: readonly Finding[],
  publishedAt: Instant | null,
  policy: Policy,
): Instant | null {
  if (verdict === 'block') {
    let latest = -Infinity;
    for (const finding of findings) {
      if (finding.severity !== 'block') continue;
      if (finding.eligibleAt === null) return null;
      latest = Math.max(latest, finding.eligibleAt);
    }
    return latest;
  }
  const releaseAge = policy.rules['release-age'];
  if (publishedAt === null || releaseAge.severity === 'off') return null;
  return publishedAt + releaseAge.minReleaseAge;
}
