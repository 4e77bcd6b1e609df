/**
 * The resolved policy the engine evaluates against: durations already in milliseconds, every
 * `extends` already applied. config/ builds it from policy files; nothing here reads files.
 */
import type { RuleId } from './constants.js';
import { withTrailingSlash } from './registry-url.js';
import type { Duration, Instant, RuleSeverity } from './primitives.js';

/** The policy keys that weigh each change-of-hands signal (rules/new-publisher.ts maps signals to them). */
export type SignalWeightKey =
  | 'previousPublishersGone'
  | 'ownersReplaced'
  | 'newDependency'
  /** A new dependency that is itself young. */
  | 'youngDependency'
  | 'dormantRevived'
  | 'installScript'
  | 'trustDowngrade';

/** strong: 2 points, weak: 1, off: not counted (rules/new-publisher.ts adds them up). */
export type SignalWeight = 'strong' | 'weak' | 'off';

/** What a signal weight can say (the schema's enum, config/schema.ts). */
export const SIGNAL_WEIGHTS = ['strong', 'weak', 'off'] as const satisfies readonly SignalWeight[];

export type NewPublisherPolicy = {
  /** `off` turns change-of-hands detection off; otherwise the highest severity it may reach. */
  severity: RuleSeverity;
  window: Duration;
  /** The least any new publisher gets, whatever its signals score. */
  alone: RuleSeverity;
  /** A newcomer who published other packages of the project at least this long before the release is discounted. */
  establishedAfter: Duration;
  /** A new dependency first published less than this before the release is young. */
  youngDependencyAge: Duration;
  /** A release after at least this much silence revives a dormant package. */
  dormantAfter: Duration;
} & Record<SignalWeightKey, SignalWeight>;

export interface RulePolicies {
  'release-age': { severity: RuleSeverity; minReleaseAge: Duration };
  'new-publisher': NewPublisherPolicy;
  'maintainer-change': { severity: RuleSeverity; addedSeverity: RuleSeverity; window: Duration };
  'trust-downgrade': { severity: RuleSeverity; hold: Duration };
  'install-script': { severity: RuleSeverity };
  'unknown-publish-time': { severity: RuleSeverity };
  'missing-version': { severity: RuleSeverity };
  'non-registry-source': { severity: RuleSeverity };
  'lockfile-binding': { severity: RuleSeverity };
}

/** Rule settings as a policy layer or an override writes them: only the keys it sets. */
export type PartialRulePolicies = { [R in RuleId]?: Partial<RulePolicies[R]> };

/** What a rule's `severity` can say (the schema's enum, config/schema.ts). */
export const SEVERITY_VALUES = ['block', 'warn', 'off'] as const satisfies readonly RuleSeverity[];

/** An override's `dependencyType`. */
export const DEPENDENCY_TYPES = ['prod', 'dev'] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

/** install-scripts: the version declares install-time scripts; no-provenance: neither provenance nor trusted publishing. */
export const RISKS = ['install-scripts', 'no-provenance'] as const;
export type Risk = (typeof RISKS)[number];

export interface PolicyOverride {
  /** Where it was written, e.g. `quarantine.json: overrides[1]`. */
  source: string;
  description: string | null;
  /** Name globs; null when the override does not filter by name. */
  packages: string[] | null;
  dependencyType: DependencyType | null;
  /** Registry URL prefix, normalised to end with `/`. */
  registry: string | null;
  risk: Risk[] | null;
  rules: PartialRulePolicies;
}

export interface PolicyException {
  /** Where it was written, e.g. `quarantine.json: exceptions[0]`. */
  source: string;
  /** As written: `name@version`, a name, or a name glob. */
  package: string;
  /** Name or name glob. */
  name: string;
  /** The exact version, or null for every version. */
  version: string | null;
  /** null: every rule. */
  rules: RuleId[] | null;
  reason: string;
  /** As written (`2026-12-31`). */
  expires: string;
  /** The first instant at which the exception no longer applies. */
  expiresAt: Instant;
  ticket: string | null;
}

/**
 * What to do about facts a registry does not give: `fail` keeps the rules that need them
 * undecided (fail closed, the default); `acknowledge` skips those rules for the registry's
 * packages and the report says so once per registry.
 */
export const MISSING_FACTS_VALUES = ['fail', 'acknowledge'] as const;
export type MissingFacts = (typeof MISSING_FACTS_VALUES)[number];

/** One entry of the policy's `registries` section. */
export interface RegistryPolicy {
  missingFacts: MissingFacts;
  /** Registry URL (ending with `/`) whose history (times, publishers, accounts, provenance) is used; null: this registry's own. */
  historyFrom: string | null;
  /** How long a document from a registry that sends no validators is reused; null: not cached that way (off). */
  cacheMaxAge: Duration | null;
}

/** What a registry not named in `registries` gets. */
export const DEFAULT_REGISTRY_POLICY: RegistryPolicy = { missingFacts: 'fail', historyFrom: null, cacheMaxAge: null };

/** `maxExceptionDays` when no policy layer sets it. */
export const DEFAULT_MAX_EXCEPTION_DAYS = 90;

export interface Policy {
  rules: RulePolicies;
  overrides: PolicyOverride[];
  exceptions: PolicyException[];
  /** Keyed by registry URL, normalised to end with `/`. */
  registries: Record<string, RegistryPolicy>;
  /** The longest an exception may run, in days from when it is recorded (`allow`) or from now (`check` warns). */
  maxExceptionDays: number;
}

/** A registry URL as the policy keys it: parsed (lower-case host, default port dropped), ending with `/`. */
export function registryKey(url: string): string {
  try {
    return withTrailingSlash(new URL(url).href);
  } catch {
    return withTrailingSlash(url);
  }
}

/** The settings for one registry: its entry, or the defaults. */
export function registryPolicyFor(policy: Pick<Policy, 'registries'>, registry: string): RegistryPolicy {
  return policy.registries[registryKey(registry)] ?? DEFAULT_REGISTRY_POLICY;
}
