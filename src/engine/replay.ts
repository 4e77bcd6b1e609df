/**
 * Replays the gate at an earlier instant: one name@version judged with every history cut to
 * what the registry knew then (history-as-of.ts), through the same entry `check` uses
 * (evaluatePackage), so a replay can never disagree with the gate about the same inputs.
 * Pure: histories come in, verdicts go out.
 *
 * A ProjectView is every history of the project as of one instant. Signals that read other
 * packages of the project ("the new publisher already publishes N other packages of this
 * graph") must see them as they were at that instant too, never as they are today; the view
 * cuts each one lazily, once, on first use. The backtest keeps every history of the project in
 * memory for the whole replay (a few MB per thousand packages in this compact form).
 */
import { evaluatePackage, unlockedPackage } from './evaluate.js';
import { historyAsOf } from './history-as-of.js';
import { buildPublisherIndex } from './publisher-index.js';
import type { HistoryResult } from '../model/history-source.js';
import type { Policy } from '../model/policy.js';
import type { Instant, LockedPackage, PackageVerdict, PublisherIndex, ReleaseHistory } from '../model/types.js';

/** The project's registry histories as the registry knew them at `instant`. */
export interface ProjectView {
  readonly instant: Instant;
  /** Every registry package name of the project, sorted (whether or not it existed then). */
  readonly names: readonly string[];
  /** The history as of `instant`; null when the registry did not know the package then (or never). */
  historyOf(name: string): ReleaseHistory | null;
  /**
   * Who publishes what across the project (engine/publisher-index.ts). Built once per set of
   * histories from today's documents: every fact in it is dated (an account's first publish
   * of a package, a package's first publish), and the rules only count facts dated before the
   * release they judge, which is before `instant`; so it answers exactly as an index of the
   * histories cut at `instant` would, without building one per judged release.
   */
  readonly publishers: PublisherIndex;
}

const indexes = new WeakMap<ReadonlyMap<string, ReleaseHistory>, PublisherIndex>();

function publishersOf(histories: ReadonlyMap<string, ReleaseHistory>): PublisherIndex {
  let index = indexes.get(histories);
  if (index === undefined) {
    index = buildPublisherIndex(histories.values());
    indexes.set(histories, index);
  }
  return index;
}

/** True when the registry had the package at all then: a version, or a creation time, by then. */
function existed(history: ReleaseHistory): boolean {
  return history.versions.length > 0 || history.created !== null;
}

/** Sorted names per set of histories: a replay builds one view per judged release. */
const sortedNames = new WeakMap<ReadonlyMap<string, ReleaseHistory>, readonly string[]>();

function namesOf(histories: ReadonlyMap<string, ReleaseHistory>): readonly string[] {
  let names = sortedNames.get(histories);
  if (names === undefined) {
    names = Object.freeze([...histories.keys()].sort());
    sortedNames.set(histories, names);
  }
  return names;
}

/** Cuts `histories` (name -> today's history) at `instant`, lazily and once per name. */
export function projectAsOf(histories: ReadonlyMap<string, ReleaseHistory>, instant: Instant): ProjectView {
  const cut = new Map<string, ReleaseHistory | null>();
  const names = namesOf(histories);
  return {
    instant,
    names,
    get publishers() {
      return publishersOf(histories);
    },
    historyOf(name) {
      if (cut.has(name)) return cut.get(name) ?? null;
      const today = histories.get(name);
      const then = today === undefined ? null : historyAsOf(today, instant);
      const known = then !== null && existed(then) ? then : null;
      cut.set(name, known);
      return known;
    },
  };
}

export interface ReleaseToJudge {
  name: string;
  version: string;
  /** Judged as a development-only dependency (policy overrides may treat those apart). */
  dev?: boolean;
}

/** A registry package locked at name@version, as a lockfile parser would produce it. */
function lockedAt(release: ReleaseToJudge): LockedPackage {
  // A replay judges the registry's history only: no lockfile claims to bind.
  const pkg = unlockedPackage(release.name, release.version, release.dev === true);
  return { ...pkg, paths: [[`${release.name}@${release.version}`]], pathCount: 1 };
}

/**
 * The verdict `check` would have given name@version at `project.instant`, with the policy
 * given. A package the registry did not know then is judged as `not-found` (missing-version),
 * exactly as `check` would have judged it; `registry` names the registry in that finding.
 */
export function judgeRelease(release: ReleaseToJudge, project: ProjectView, policy: Policy, registry = ''): PackageVerdict {
  const history = project.historyOf(release.name);
  const lookup: HistoryResult = history === null
    ? { status: 'not-found', name: release.name, registry }
    : { status: 'found', history };
  return evaluatePackage(lockedAt(release), lookup, policy, project.instant, project.publishers);
}

/** judgeRelease for a single history (no other packages in the project). */
export function judgeReleaseAlone(history: ReleaseHistory, version: string, at: Instant, policy: Policy, dev = false): PackageVerdict {
  const project = projectAsOf(new Map([[history.name, history]]), at);
  return judgeRelease({ name: history.name, version, dev }, project, policy, history.registry);
}
