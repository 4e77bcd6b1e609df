/** The shape every policy rule shares, and the context the engine builds for them. */
import type { RuleId } from './constants.js';
import type { HistoryResult } from './history-source.js';
import type { RulePolicies } from './policy.js';
import type {
  FindingFor,
  Instant,
  LockedPackage,
  PublisherIndex,
  ReleaseHistory,
  VersionRecord,
} from './types.js';

/** The registry data a registry rule inspects: present only when the locked version is published. */
export interface RuleTarget {
  history: ReleaseHistory;
  /** The locked version's record; never an unpublished one. */
  record: VersionRecord;
}

/** What a rule sees about one locked name@version. */
export interface RuleContext {
  /** `copies` is absent for a version that is not locked (suggestions): nothing to bind. */
  pkg: Pick<LockedPackage, 'name' | 'version' | 'source' | 'resolved'> & Partial<Pick<LockedPackage, 'copies'>>;
  /** The registry's answer; null for non-registry sources. */
  lookup: HistoryResult | null;
  /** Set for registry packages whose locked version the registry has (and has not unpublished). */
  target: RuleTarget | null;
  now: Instant;
  /** Who publishes what across the project's graph; null when only one package is looked at. */
  graph: PublisherIndex | null;
}

/** A pure policy rule: returns data, never formats text, never throws for a violation. */
export interface Rule<R extends RuleId> {
  readonly id: R;
  evaluate(context: RuleContext, params: RulePolicies[R]): FindingFor<R>[];
}

export function createRuleContext(
  pkg: RuleContext['pkg'],
  lookup: HistoryResult | null,
  now: Instant,
  graph: PublisherIndex | null = null,
): RuleContext {
  const history = pkg.source === 'registry' && lookup?.status === 'found' ? lookup.history : null;
  const record = history?.versions.find((v) => v.version === pkg.version && !v.unpublished);
  const target = history && record ? { history, record } : null;
  return { pkg, lookup: pkg.source === 'registry' ? lookup : null, target, now, graph };
}
