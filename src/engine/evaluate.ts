/**
 * Evaluates one locked package against the policy: works out which settings apply to it
 * (overrides), runs every rule that is not `off`, sets aside what an active exception lets
 * through, and folds the rest into a verdict and the instant the version becomes eligible.
 */
import { RULES_BY_ID } from '../rules/index.js';
import { createRuleContext } from '../model/rule.js';
import type { Rule, RuleContext } from '../model/rule.js';
import { RULE_IDS } from '../model/constants.js';
import type { RuleId } from '../model/constants.js';
import { withoutAcknowledgedRules, withRulesOff } from './registry-facts.js';
import { UNSETTLED_RULES } from './settled.js';
import { effectiveRules, exceptionCovers, matchingExceptions, type PolicySubject } from './effective-policy.js';
import type { HistoryResult } from '../model/history-source.js';
import type { Policy, PolicyException, RulePolicies } from '../model/policy.js';
import type { ExceptedFinding, Finding, Instant, LockedPackage, PackageVerdict, PublisherIndex, ReleaseHistory, Verdict } from '../model/types.js';

/** block if any finding blocks, else warn if any warns, else allow. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  return findings.length > 0 ? 'warn' : 'allow';
}

function subjectOf(context: RuleContext, dev: boolean): PolicySubject {
  const lookup = context.lookup;
  const registry = lookup === null ? null : lookup.status === 'found' ? lookup.history.registry : lookup.registry;
  return { name: context.pkg.name, dev, registry, record: context.target?.record ?? null };
}

/**
 * Splits findings into those that count and those an active exception lets through. When
 * several exceptions cover a finding, the one that lasts longest is named.
 */
function applyExceptions(findings: Finding[], active: readonly PolicyException[]): { kept: Finding[]; excepted: ExceptedFinding[] } {
  if (active.length === 0) return { kept: findings, excepted: [] };
  const longestFirst = [...active].sort((a, b) => b.expiresAt - a.expiresAt);
  const kept: Finding[] = [];
  const excepted: ExceptedFinding[] = [];
  for (const finding of findings) {
    const exception = longestFirst.find((candidate) => exceptionCovers(candidate, finding.rule));
    if (exception) excepted.push({ finding, exception });
    else kept.push(finding);
  }
  return { kept, excepted };
}

/**
 * `lookup` is the registry's answer for `pkg.name`, or null for non-registry sources (which
 * are never looked up). A registry package without a lookup is a caller bug and throws.
 * `graph`: who publishes what across the project (engine/publisher-index.ts); null when the
 * package is judged alone, so no newcomer is discounted for publishing other packages.
 */
export function evaluatePackage(
  pkg: LockedPackage,
  lookup: HistoryResult | null,
  policy: Policy,
  now: Instant,
  graph: PublisherIndex | null = null,
): PackageVerdict {
  if (pkg.source === 'registry' && lookup === null) {
    throw new TypeError(`evaluatePackage: registry package ${pkg.name}@${pkg.version} has no lookup`);
  }
  const context = createRuleContext(pkg, lookup, now, graph);
  const effective = effectiveRules(policy, subjectOf(context, pkg.dev));
  const { overrides } = effective;
  const rules = acknowledged(effective.rules, policy, context);
  const exceptions = matchingExceptions(policy, pkg.name, pkg.version, now);
  const { kept, excepted } = applyExceptions(
    RULE_IDS.flatMap((id) => runRule(id, context, rules)),
    exceptions.active,
  );
  const verdict = verdictOf(kept);
  const publishedAt = context.target?.record.publishedAt ?? null;
  const settled = context.target?.history.settled;
  return {
    name: pkg.name,
    version: pkg.version,
    source: pkg.source,
    dev: pkg.dev,
    optional: pkg.optional,
    ...(pkg.configDependency === true ? { configDependency: true } : {}),
    verdict,
    publishedAt,
    ...(settled ? { publishedBefore: settled.before } : {}),
    eligibleAt: eligibleAtOf(verdict, kept, publishedAt, rules),
    findings: kept,
    excepted,
    exceptions: exceptions.active,
    expiredExceptions: exceptions.expired,
    overrides,
  };
}

/** A registry version with no lockfile claims (for `why`, suggestions and replays). */
export function unlockedPackage(name: string, version: string, dev: boolean): LockedPackage {
  return {
    name,
    version,
    source: 'registry',
    aliases: [],
    resolved: null,
    integrity: null,
    copies: [],
    dev,
    optional: false,
    direct: false,
    paths: [],
    pathCount: 0,
    requestedRanges: [],
    dependents: [],
  };
}

/** Evaluates a registry version that is not in the lockfile (for `why` and suggestions). */
export function evaluateVersion(
  history: ReleaseHistory,
  version: string,
  policy: Policy,
  now: Instant,
  dev = false,
  graph: PublisherIndex | null = null,
): PackageVerdict {
  return evaluatePackage(unlockedPackage(history.name, version, dev), { status: 'found', history }, policy, now, graph);
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
  dev = false,
  graph: PublisherIndex | null = null,
): boolean {
  const pkg = { name: history.name, version, source: 'registry' as const, resolved: null };
  const context = createRuleContext(pkg, { status: 'found', history }, now, graph);
  const rules = acknowledged(effectiveRules(policy, subjectOf(context, dev)).rules, policy, context);
  const { active } = matchingExceptions(policy, history.name, version, now);
  return CHEAP_FIRST.some((id) =>
    runRule(id, context, rules).some((f) => f.severity === 'block' && !active.some((exception) => exceptionCovers(exception, id))),
  );
}

/**
 * The rules with those off that have nothing to judge: for a settled view (settled.ts), every
 * rule but those that read only what an abbreviated document gives; otherwise those the
 * registry's `missingFacts: "acknowledge"` skips for this package (registry-facts.ts).
 */
function acknowledged(rules: RulePolicies, policy: Policy, context: RuleContext): RulePolicies {
  const lookup = context.lookup;
  if (lookup?.status !== 'found') return rules;
  if (lookup.history.settled !== undefined) return withRulesOff(rules, UNSETTLED_RULES);
  return withoutAcknowledgedRules(rules, policy, lookup.history, context.target?.record ?? null);
}

function runRule<R extends RuleId>(id: R, context: RuleContext, rules: RulePolicies): Finding[] {
  const rule: Rule<R> = RULES_BY_ID[id];
  const params = rules[id];
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
  rules: RulePolicies,
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
  const releaseAge = rules['release-age'];
  if (publishedAt === null || releaseAge.severity === 'off') return null;
  return publishedAt + releaseAge.minReleaseAge;
}
