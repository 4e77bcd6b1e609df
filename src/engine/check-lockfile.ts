/**
 * Evaluates every locked package against the policy. Async only because histories arrive
 * through the injected HistorySource; no I/O of its own, no clock (`now` is passed in).
 *
 * Memory: each history is used as soon as it arrives (every locked version of that name is
 * evaluated, a suggestion computed for blocked ones) and then dropped, so only the compact
 * verdicts accumulate, with the compact project-wide publisher index (publisher-index.ts).
 * The exception: a locked version published by a newcomer to its package needs that index
 * (does the account already publish other packages of the project? is its new dependency
 * young?), which is complete only when every history has arrived; those few histories are
 * kept and evaluated last. The source bounds how many documents are in flight.
 *
 * Settled packages (settled.ts) are judged from their settled view as soon as they arrive, on
 * every path. A source that serves abbreviated documents (fetchAbbreviated) is asked for those
 * first; a package that is not settled on its abbreviated document is asked for in full. A
 * newcomer's release is deferred only when the index can change what is reported about it
 * (indexCanMatter); then the full documents of the packages settled from their abbreviated
 * documents are fetched for the index too (decision 0051).
 */
import { evaluatePackage } from './evaluate.js';
import { createPublisherIndexBuilder } from './publisher-index.js';
import { isNewcomer } from '../rules/publisher-tenure.js';
import { graphCouldReport } from '../rules/new-publisher.js';
import { createRuleContext } from '../model/rule.js';
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import type { Policy } from '../model/policy.js';
import { RULE_IDS, type RuleId } from '../model/constants.js';
import { effectiveRules } from './effective-policy.js';
import { createRegistryFactsBuilder } from './registry-facts.js';
import type { CheckedPackage, DataGap, ExceptionStatus, PackageChange } from '../model/report.js';
import { fetchWithRegistryHosts } from './registry-hosts.js';
import { satisfiesAll, versionPicker, type VersionPicker } from './suggest.js';
import { exceptionStatuses } from './exception-status.js';
import { moveOf, remediesFor } from './remedy.js';
import { planRemedies } from './plan.js';
import { isSettled, settledView, settlingWindow } from './settled.js';
import { isHistoryBinding, type Instant, type LockedPackage, type PackageManager, type PublisherIndex, type ReleaseHistory } from '../model/types.js';

export interface CheckLockfileOptions {
  source: HistorySource;
  policy: Policy;
  now: Instant;
  /** Called after each package name is evaluated, with how many of the total are done. */
  onProgress?: (done: number, total: number) => void;
  /** Which lockfiles hold a package (see mergeLockfiles); none when not given. */
  lockfilesOf?: (pkg: LockedPackage) => string[];
  /** The package managers of those lockfiles, for remedies; npm when not given. */
  packageManagersOf?: (pkg: LockedPackage) => PackageManager[];
  /** When only a change is checked: how each entry changed (see lockfile-diff.ts). */
  changeOf?: (pkg: LockedPackage) => PackageChange | undefined;
  /** Packages looked up at once, at most (default DEFAULT_LOOKAHEAD). */
  lookahead?: number;
}

export interface CheckLockfileResult {
  packages: CheckedPackage[];
  dataGaps: DataGap[];
  exceptions: ExceptionStatus[];
}

/** One evaluated package before the plan: its verdict, and for a blocked one, how to pick versions of it. */
interface Evaluated {
  pkg: LockedPackage;
  checked: CheckedPackage;
  picker: VersionPicker | null;
  /** The names this version installs with it, as the registry says (shared arrays); null when unknown. */
  dependencies: readonly string[] | null;
}

function evaluateOne(pkg: LockedPackage, lookup: HistoryResult | null, options: CheckLockfileOptions, graph: PublisherIndex | null = null): Evaluated {
  const { policy, now } = options;
  const verdict = evaluatePackage(pkg, lookup, policy, now, graph);
  // Blocked only because the lockfile entry is not what the registry published: the version is
  // fine, the entry needs writing again (a relock remedy), so no other version is suggested.
  const entryOnly = verdict.findings.every((finding) => finding.severity !== 'block' || (finding.rule === 'lockfile-binding' && !isHistoryBinding(finding)));
  // The history stays reachable through the picker of a blocked package only (a few), for the plan.
  const picker = verdict.verdict === 'block' && lookup?.status === 'found' && !entryOnly ? versionPicker(lookup.history, policy, now, pkg.dev, graph) : null;
  const suggestion = picker === null ? null : { inRange: picker((version) => satisfiesAll(version, pkg.requestedRanges)), anyRange: picker(() => true) };
  const change = options.changeOf?.(pkg);
  const checked: CheckedPackage = { ...verdict, suggestion, plan: null, remedies: [], lockfiles: options.lockfilesOf?.(pkg) ?? [], ...(change ? { change } : {}) };
  const record = lookup?.status === 'found' ? lookup.history.versions.find((v) => v.version === pkg.version && !v.unpublished) : undefined;
  return { pkg, checked, picker, dependencies: record?.dependencies ?? null };
}

/**
 * The packages of a list that records no edges (Bun's scanner): who asks for each one, from the
 * registry's dependency names of the other packages (ranges unknown). One nothing asks for and
 * package.json does not list yet was added by this very install: it is a direct dependency
 * for its remedy (`bun add x@1.2.3`, not an override).
 */
function withInferredEdges(evaluated: readonly Evaluated[]): LockedPackage[] {
  const needs = evaluated.some(({ pkg }) => pkg.dependents === null);
  if (!needs) return evaluated.map(({ pkg }) => pkg);
  const askers = new Map<string, string[]>();
  for (const { pkg, dependencies } of evaluated) {
    for (const name of dependencies ?? []) askers.set(name, [...(askers.get(name) ?? []), `${pkg.name}@${pkg.version}`]);
  }
  return evaluated.map(({ pkg }) => {
    if (pkg.dependents !== null) return pkg;
    const dependents = (askers.get(pkg.name) ?? []).map((dependent) => ({ dependent, range: null }));
    const added = !pkg.direct && pkg.source === 'registry' && dependents.length === 0;
    // Bun writes the range of a new add from the version it resolved (`^1.3.0`): nobody asked
    // for it, so the plan looks within the version's major line, as for a range not recorded.
    return added ? { ...pkg, dependents, direct: true, requestedRanges: [] } : { ...pkg, dependents };
  });
}

/** The plan for every blocked package at once (plan.ts), then each one's remedies from it. */
function planAndRemedies(evaluated: readonly Evaluated[], options: CheckLockfileOptions): CheckedPackage[] {
  const packages = withInferredEdges(evaluated);
  const plan = planRemedies(evaluated.map(({ checked, picker }, index) => ({ pkg: packages[index] as LockedPackage, verdict: checked, picker })));
  const byKey = new Map(packages.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg]));
  const causeOf = (key: string) => {
    const pkg = byKey.get(key);
    return pkg === undefined ? undefined : { pkg, step: plan.get(key) ?? null };
  };
  return evaluated.map(({ checked }, index) => {
    const pkg = packages[index] as LockedPackage;
    if (checked.verdict !== 'block') return checked;
    const step = plan.get(`${pkg.name}@${pkg.version}`) ?? null;
    const move = moveOf(pkg, step, causeOf);
    const packageManagers = options.packageManagersOf?.(pkg) ?? ['npm'];
    return { ...checked, plan: step, remedies: remediesFor(
        { pkg, findings: checked.findings, eligibleAt: checked.eligibleAt, move, packageManagers, maxExceptionDays: options.policy.maxExceptionDays },
        options.now,
      ) };
  });
}

/** The rules on for any locked version of the package (after overrides): what its registry's facts must serve. */
function rulesInForce(group: readonly LockedPackage[], history: ReleaseHistory, policy: Policy): Set<RuleId> {
  const inForce = new Set<RuleId>();
  for (const pkg of group) {
    const record = history.versions.find((v) => v.version === pkg.version) ?? null;
    const { rules } = effectiveRules(policy, { name: pkg.name, dev: pkg.dev, registry: history.registry, record });
    for (const id of RULE_IDS) if (rules[id].severity !== 'off') inForce.add(id);
  }
  return inForce;
}

function groupByName(packages: readonly LockedPackage[]): Map<string, LockedPackage[]> {
  const groups = new Map<string, LockedPackage[]>();
  for (const pkg of packages) {
    const group = groups.get(pkg.name);
    if (group) group.push(pkg);
    else groups.set(pkg.name, [pkg]);
  }
  return groups;
}

/** The longest new-publisher window any override can give: a newcomer within it may need the index. */
export function longestNewcomerWindow(policy: Policy): number {
  const windows = [policy.rules['new-publisher'].window, ...policy.overrides.map((o) => o.rules['new-publisher']?.window ?? 0)];
  return Math.max(...windows);
}

/** Whether judging `pkg` may need the project's publisher index: its version is a newcomer's. */
export function needsPublisherIndex(history: ReleaseHistory, version: string, window: number, now: Instant): boolean {
  const record = history.versions.find((v) => v.version === version && !v.unpublished);
  return record !== undefined && isNewcomer(history, record, now, window);
}

/**
 * Whether the publisher index can change what is reported about a group whose versions
 * include a newcomer's, judged without it (`alone`): when a newcomer's release could be a
 * finding under some graph (graphCouldReport), or when a version is blocked (the versions
 * suggested instead are judged with the index). Otherwise the verdicts without the index are
 * the verdicts with it, and the check need not read every document for them (decision 0051).
 */
function indexCanMatter(group: readonly LockedPackage[], lookup: HistoryResult, alone: readonly Evaluated[], options: CheckLockfileOptions): boolean {
  if (lookup.status !== 'found') return false;
  if (alone.some(({ checked }) => checked.verdict === 'block')) return true;
  return group.some((pkg) => {
    const context = createRuleContext(pkg, lookup, options.now);
    const record = context.target?.record ?? null;
    const { rules } = effectiveRules(options.policy, { name: pkg.name, dev: pkg.dev, registry: lookup.history.registry, record });
    return graphCouldReport(context, rules['new-publisher']);
  });
}

/**
 * How many packages are looked up at once, at most, unless `lookahead` says more (the CLI gives
 * twice its `--concurrency`, so the source's own bound on requests in flight is what limits
 * them). It also bounds how far ahead the check commits to a way of asking (abbreviated first
 * or not): once a newcomer needs every full document, the packages that follow skip their
 * abbreviated ones, and the fewer were asked ahead, the fewer abbreviated answers are wasted.
 */
export const DEFAULT_LOOKAHEAD = 64;

/** `fn` over `items`, at most `width` at a time, in order; stops taking new ones after a failure. */
async function inOrder<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function checkLockfile(packages: readonly LockedPackage[], options: CheckLockfileOptions): Promise<CheckLockfileResult> {
  const { source, onProgress } = options;
  const results: Evaluated[] = [];
  const facts = createRegistryFactsBuilder(options.policy);

  for (const pkg of packages) {
    if (pkg.source !== 'registry') results.push(evaluateOne(pkg, null, options));
  }

  const groups = groupByName(packages.filter((pkg) => pkg.source === 'registry'));
  const index = createPublisherIndexBuilder();
  const window = longestNewcomerWindow(options.policy);
  const settling = settlingWindow(options.policy);
  const settledOf = (lookup: HistoryResult, group: readonly LockedPackage[]): HistoryResult | null =>
    lookup.status === 'found' && isSettled(lookup.history, group.map((pkg) => pkg.version), settling, options.now)
      ? { ...lookup, history: settledView(lookup.history) }
      : null;
  // Once a newcomer needs the publisher index, every full document is needed for it: the
  // packages settled from their abbreviated documents so far are fetched in full at once, and
  // the packages that follow are asked for their full documents directly.
  let indexWanted = false;
  const outOfIndex: string[] = [];
  const forIndex: Array<Promise<void>> = [];
  const fetchForIndex = (name: string): void => {
    const added = source.fetchHistory(name).then((lookup) => {
      if (lookup.status === 'found') index.add(lookup.history);
    });
    // Awaited below; a failure before then must not count as unhandled.
    added.catch(() => undefined);
    forIndex.push(added);
  };
  const deferred: Array<{ group: LockedPackage[]; lookup: HistoryResult }> = [];
  let done = 0;
  await inOrder([...groups], options.lookahead ?? DEFAULT_LOOKAHEAD, async ([name, group]) => {
    let lookup: HistoryResult | null = null;
    if (settling !== null && source.fetchAbbreviated && !indexWanted) {
      lookup = await fetchWithRegistryHosts(source, name, { settledBefore: options.now - settling });
      if (lookup.status === 'found' && lookup.history.abbreviated) {
        const settled = settledOf(lookup, group);
        if (settled !== null) {
          if (indexWanted) fetchForIndex(name);
          else outOfIndex.push(name);
        }
        // Not settled: the full document decides.
        lookup = settled;
      }
    }
    lookup ??= await fetchWithRegistryHosts(source, name);
    const found = lookup.status === 'found' ? lookup.history : null;
    if (found?.abbreviated) throw new TypeError(`checkLockfile: ${name} has only an abbreviated history and is not settled`);
    if (found !== null && found.settled === undefined) index.add(found);
    const settled = found?.settled !== undefined ? lookup : settledOf(lookup, group);
    if (settled?.status === 'found') {
      // Nothing of it is inside a window: judged now. No rule needs a fact the view lacks, so
      // the registry's gaps (registry-facts.ts) are told from the packages that are not settled.
      results.push(...group.map((pkg) => evaluateOne(pkg, settled, options)));
    } else {
      const answer = lookup;
      const newcomer = answer.status === 'found' && group.some((pkg) => needsPublisherIndex(answer.history, pkg.version, window, options.now));
      const alone = group.map((pkg) => evaluateOne(pkg, answer, options));
      if (newcomer && indexCanMatter(group, answer, alone, options)) {
        deferred.push({ group, lookup: answer });
        if (!indexWanted) {
          indexWanted = true;
          outOfIndex.splice(0).forEach(fetchForIndex);
        }
      } else {
        results.push(...alone);
      }
      if (answer.status === 'found') facts.add(answer.history, rulesInForce(group, answer.history, options.policy));
    }
    done += 1;
    onProgress?.(done, groups.size);
  });
  // The full documents of packages settled from their abbreviated ones, for the index only
  // (their verdicts stay the settled ones).
  await Promise.all(forIndex);
  const graph = index.index();
  for (const { group, lookup } of deferred) results.push(...group.map((pkg) => evaluateOne(pkg, lookup, options, graph)));

  const checked = planAndRemedies(results, options);
  checked.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { packages: checked, dataGaps: facts.gaps(), exceptions: exceptionStatuses(options.policy, checked, options.now) };
}
