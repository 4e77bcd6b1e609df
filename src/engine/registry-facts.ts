/**
 * What each registry can tell. Proxies and hosted registries serve documents without some of
 * the facts the rules need (publish times, publishers, account lists, provenance); the gate
 * records, per registry, which facts it gave across the packages looked up there, and says
 * so once per registry, only for facts a rule in force needs (a rule that is off, globally or
 * by an override for those packages, needs nothing). Pure.
 *
 * `missingFacts: "acknowledge"` (the registry's policy) skips, for a package, the rules that
 * need a fact its document does not give; `fail` (the default) runs them and reports the gap.
 * Publish times are never acknowledged (see decision 0036).
 */
import type { RuleId } from '../model/constants.js';
import { registryPolicyFor, type MissingFacts, type Policy, type RulePolicies } from '../model/policy.js';
import type { DataGap, RegistryFact } from '../model/report.js';
import type { ReleaseHistory, VersionRecord } from '../model/types.js';

/** The facts a package's document gave: at least one published version carries each. */
export type PackageFacts = Record<RegistryFact, boolean>;

export function factsOf(history: ReleaseHistory): PackageFacts {
  const facts: PackageFacts = { times: false, publishers: false, accounts: history.maintainers !== null, provenance: false };
  let published = 0;
  for (const record of history.versions) {
    if (record.unpublished) continue;
    published += 1;
    if (record.publishedAt !== null) facts.times = true;
    if (record.publisher !== null) facts.publishers = true;
    if (record.maintainers !== null) facts.accounts = true;
    if (record.provenance || record.publisher?.trustedPublisher) facts.provenance = true;
  }
  // Nothing published: nothing to tell, and nothing missing.
  return published === 0 ? { times: true, publishers: true, accounts: true, provenance: true } : facts;
}

/** The rules that need each fact, among those `isOn` says are in force. */
export function rulesNeeding(fact: RegistryFact, isOn: (id: RuleId) => boolean): RuleId[] {
  const needs: Record<RegistryFact, RuleId[]> = {
    times: ['release-age', 'unknown-publish-time'],
    publishers: ['new-publisher'],
    accounts: ['maintainer-change'],
    provenance: ['trust-downgrade'],
  };
  return needs[fact].filter(isOn);
}

/** Facts a registry's gaps may be acknowledged for: all but publish times. */
const ACKNOWLEDGEABLE: readonly RegistryFact[] = ['publishers', 'accounts', 'provenance'];

/**
 * `rules` with the rules off that the registry's policy acknowledges as blind for this
 * package: under `missingFacts: "acknowledge"`, those needing a fact its document does not
 * give, and new-publisher for a version without a publisher (no longer judged as an unknown
 * newcomer). Unchanged under `fail`.
 */
export function withoutAcknowledgedRules(rules: RulePolicies, policy: Pick<Policy, 'registries'>, history: ReleaseHistory, record: VersionRecord | null): RulePolicies {
  if (registryPolicyFor(policy, history.registry).missingFacts !== 'acknowledge') return rules;
  const facts = factsOf(history);
  const isOn = (id: RuleId) => rules[id].severity !== 'off';
  const skipped = new Set<RuleId>(ACKNOWLEDGEABLE.filter((fact) => !facts[fact]).flatMap((fact) => rulesNeeding(fact, isOn)));
  if (record !== null && record.publisher === null && rules['new-publisher'].severity !== 'off') skipped.add('new-publisher');
  return skipped.size === 0 ? rules : withRulesOff(rules, skipped);
}

/** `rules` with each of `ids` turned off (its other settings kept). */
export function withRulesOff(rules: RulePolicies, ids: Iterable<RuleId>): RulePolicies {
  const off = Object.fromEntries([...ids].map((id) => [id, { ...rules[id], severity: 'off' }]));
  return { ...rules, ...off } as RulePolicies;
}

interface RegistryTally {
  packages: number;
  /** Per fact: the packages whose document did not give it, while a rule in force needs it. */
  without: Map<RegistryFact, { packages: string[]; rules: Set<RuleId> }>;
  /** With historyFrom: the packages the history registry did not have. */
  notOnHistory: string[];
  historyFrom: string | null;
}

export const FACTS: readonly RegistryFact[] = ['times', 'publishers', 'accounts', 'provenance'];

/**
 * Provenance is optional for publishers: a project whose few dependencies never used it is not
 * behind a stripping registry. Its absence is reported only when at least this many packages,
 * each with a version published since provenance exists, gave none.
 */
export const PROVENANCE_SAMPLE = 10;
/** npm provenance became generally available on 2023-04-19. */
const PROVENANCE_SINCE = Date.parse('2023-04-19T00:00:00Z');

/** Collects what each registry gave, package by package; `gaps()` says it once per registry. */
export function createRegistryFactsBuilder(policy: Pick<Policy, 'registries'>) {
  const tallies = new Map<string, RegistryTally & { provenanceCandidates: number; gaveProvenance: boolean }>();
  return {
    /** `inForce`: the rules on for the package's locked versions (after overrides). */
    add(history: ReleaseHistory, inForce: ReadonlySet<RuleId>): void {
      const registry = history.registry;
      let tally = tallies.get(registry);
      if (!tally) {
        tally = { packages: 0, without: new Map(), notOnHistory: [], historyFrom: registryPolicyFor(policy, registry).historyFrom, provenanceCandidates: 0, gaveProvenance: false };
        tallies.set(registry, tally);
      }
      tally.packages += 1;
      if (history.historyFrom?.status === 'not-found') tally.notOnHistory.push(history.name);
      const facts = factsOf(history);
      if (facts.provenance) tally.gaveProvenance = true;
      if (history.versions.some((v) => !v.unpublished && v.publishedAt !== null && v.publishedAt >= PROVENANCE_SINCE)) tally.provenanceCandidates += 1;
      for (const fact of FACTS) {
        if (facts[fact]) continue;
        const needing = rulesNeeding(fact, (id) => inForce.has(id));
        if (needing.length === 0) continue;
        const entry = tally.without.get(fact) ?? { packages: [], rules: new Set<RuleId>() };
        entry.packages.push(history.name);
        for (const id of needing) entry.rules.add(id);
        tally.without.set(fact, entry);
      }
    },
    gaps(): DataGap[] {
      const gaps: DataGap[] = [];
      for (const [registry, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
        const missing = FACTS.flatMap((fact) => {
          const entry = tally.without.get(fact);
          if (!entry) return [];
          // Provenance is per registry only: some packages never use it.
          if (fact === 'provenance' && (tally.gaveProvenance || tally.provenanceCandidates < PROVENANCE_SAMPLE)) return [];
          return [{ fact, packages: [...entry.packages].sort(), rules: [...entry.rules].sort() }];
        });
        if (missing.length === 0) continue;
        const missingFacts: MissingFacts = registryPolicyFor(policy, registry).missingFacts;
        gaps.push({ registry, looked: tally.packages, missing, missingFacts, historyFrom: tally.historyFrom, notOnHistory: [...tally.notOnHistory].sort() });
      }
      return gaps;
    },
  };
}
