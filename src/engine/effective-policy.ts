/**
 * Which settings apply to one package version: the policy's rules with every matching
 * override applied in order, and which exceptions match it. Pure.
 */
import type { RuleId } from '../model/constants.js';
import { matchesNamePattern } from '../model/name-pattern.js';
import { mergeRules } from '../model/merge-rules.js';
import { withTrailingSlash } from '../model/registry-url.js';
import type { Policy, PolicyException, PolicyOverride, Risk, RulePolicies } from '../model/policy.js';
import type { Instant, VersionRecord } from '../model/types.js';

/** What an override can match on. */
export interface PolicySubject {
  name: string;
  dev: boolean;
  /** The registry the package's history came from; null for non-registry sources. */
  registry: string | null;
  /** The version's registry record; null when the registry does not have the version. */
  record: VersionRecord | null;
}

export interface EffectiveRules {
  rules: RulePolicies;
  /** The overrides that matched, in the order they were applied. */
  overrides: PolicyOverride[];
}

/** The risks a version carries; none are known for a version the registry does not have. */
export function risksOf(record: VersionRecord | null): Risk[] {
  if (record === null) return [];
  const risks: Risk[] = [];
  if (record.installScripts.length > 0) risks.push('install-scripts');
  if (!record.provenance && record.publisher?.trustedPublisher == null) risks.push('no-provenance');
  return risks;
}

function overrideMatches(override: PolicyOverride, subject: PolicySubject): boolean {
  if (override.packages && !override.packages.some((pattern) => matchesNamePattern(subject.name, pattern))) return false;
  if (override.dependencyType && override.dependencyType !== (subject.dev ? 'dev' : 'prod')) return false;
  if (override.registry && !(subject.registry !== null && withTrailingSlash(subject.registry).startsWith(override.registry))) return false;
  if (override.risk) {
    const risks = risksOf(subject.record);
    if (!override.risk.every((risk) => risks.includes(risk))) return false;
  }
  return true;
}

export function effectiveRules(policy: Policy, subject: PolicySubject): EffectiveRules {
  if (policy.overrides.length === 0) return { rules: policy.rules, overrides: [] };
  const overrides = policy.overrides.filter((override) => overrideMatches(override, subject));
  const rules = overrides.reduce((current, override) => mergeRules(current, override.rules), policy.rules);
  return { rules, overrides };
}

export function exceptionMatches(exception: PolicyException, name: string, version: string): boolean {
  return (exception.version === null || exception.version === version) && matchesNamePattern(name, exception.name);
}

export function isExceptionActive(exception: PolicyException, now: Instant): boolean {
  return now < exception.expiresAt;
}

export function exceptionCovers(exception: PolicyException, rule: RuleId): boolean {
  return exception.rules === null || exception.rules.includes(rule);
}

/** The exceptions that match name@version, split into those that apply now and those that expired. */
export function matchingExceptions(
  policy: Policy,
  name: string,
  version: string,
  now: Instant,
): { active: PolicyException[]; expired: PolicyException[] } {
  const active: PolicyException[] = [];
  const expired: PolicyException[] = [];
  for (const exception of policy.exceptions) {
    if (!exceptionMatches(exception, name, version)) continue;
    (isExceptionActive(exception, now) ? active : expired).push(exception);
  }
  return { active, expired };
}
