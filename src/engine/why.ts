/**
 * `why <name>[@version]`: everything the gate knows about one package, for a person deciding
 * what to do. Pure apart from the injected HistorySource.
 */
import semver from 'semver';
import { evaluatePackage, evaluateVersion, isVersionBlocked, unlockedPackage } from './evaluate.js';
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import { summariseMaintainerChanges, summarisePublishers } from './history-summary.js';
import type { Policy } from '../model/policy.js';
import type { PlanStep, WhyRange, WhyReport, WhyVersion } from '../model/report.js';
import { fetchWithRegistryHosts } from './registry-hosts.js';
import { moveOf, remediesFor } from './remedy.js';
import { newestAllowed, versionPicker } from './suggest.js';
import { planRemedies, type PlanEntry } from './plan.js';
import { longestNewcomerWindow, needsPublisherIndex } from './check-lockfile.js';
import { createPublisherIndexBuilder } from './publisher-index.js';
import type { ChangeOfHandsAssessment, Instant, LockedPackage, PackageManager, PackageVerdict, PublisherIndex, ReleaseHistory, VersionRecord } from '../model/types.js';
import { createRuleContext } from '../model/rule.js';
import { assessChangeOfHands } from '../rules/new-publisher.js';
import { effectiveRules } from './effective-policy.js';
import { FACTS, factsOf } from './registry-facts.js';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';

export interface ExplainOptions {
  name: string;
  /** Only this version (locked or not). */
  version?: string;
  locked: readonly LockedPackage[];
  source: HistorySource;
  policy: Policy;
  now: Instant;
  /** The package managers of the project's lockfiles (npm when there are none), for remedies. */
  packageManagers?: readonly PackageManager[];
}

type WhyCore = Omit<WhyReport, 'now' | 'lockfiles' | 'policySource' | 'minReleaseAge'>;

/**
 * Neither a version nor a range, nor a version the lockfile holds as written (a git source):
 * a dist-tag (`latest`, `next`). npm refuses tag names that are semver ranges, so none is missed.
 */
function isTagLike(options: ExplainOptions): options is ExplainOptions & { version: string } {
  const { name, version } = options;
  if (version === undefined || semver.valid(version) !== null || semver.validRange(version) !== null) return false;
  return !options.locked.some((pkg) => pkg.name === name && pkg.version === version);
}

/**
 * The version `tag` points to in the registry's document. A string that is neither one of its
 * tags nor one of its versions is refused in one line, naming the tags there are.
 */
function resolveDistTag(history: ReleaseHistory, tag: string): string | null {
  if (Object.hasOwn(history.distTags, tag)) return history.distTags[tag] as string;
  if (history.versions.some((record) => record.version === tag)) return null;
  const tags = Object.entries(history.distTags).map(([name, version]) => `${name} -> ${version}`);
  throw new QuarantineError(
    ERROR_CODES.usage,
    `${history.name}@${tag}: ${history.name} has no dist-tag "${tag}" and no such version (${tags.length > 0 ? `its dist-tags: ${tags.join(', ')}` : 'it has no dist-tags'})`,
    { hint: `name a version (${history.name}@1.2.3), a range (${history.name}@^1) or one of its dist-tags` },
  );
}

/** Blocked versions of a range explained one by one; the rest are listed by number. */
const MAX_RANGE_VERSIONS_EXPLAINED = 10;

/**
 * The semver range asked for (`lodash@^4`, `lodash@4`), or null for a name, an exact version,
 * a version the lockfile holds as written (a git or tarball source), or something else (a tag).
 */
function askedRange(options: ExplainOptions): string | null {
  const { name, version } = options;
  if (version === undefined || semver.valid(version) !== null) return null;
  if (options.locked.some((pkg) => pkg.name === name && pkg.version === version)) return null;
  return semver.validRange(version) === null ? null : version;
}

function inRange(version: string, range: string): boolean {
  return semver.valid(version) !== null && semver.satisfies(version, range);
}

/** The range's versions: which match, the newest that passes, and the newer ones and why not them. */
function explainRange(range: string, history: ReleaseHistory, options: ExplainOptions, graph: PublisherIndex | null): WhyRange {
  const { policy, now } = options;
  const matching = history.versions
    .filter((record) => !record.unpublished && inRange(record.version, range))
    .map((record) => record.version)
    .sort(semver.rcompare);
  const newestPassing = newestAllowed(history, [range], policy, now, false, graph).inRange;
  const newer = matching.filter((version) => newestPassing === null || semver.gt(version, newestPassing));
  const blocked = newer.filter((version) => isVersionBlocked(history, version, policy, now, false, graph));
  return { range, matching, newestPassing, blocked, deprecated: newer.filter((version) => !blocked.includes(version)) };
}

/** The versions of a range to explain before any registry judgement: the newest matching ones (the graph needs to know them). */
function rangeCandidates(range: string, history: ReleaseHistory): string[] {
  return history.versions
    .filter((record) => !record.unpublished && inRange(record.version, range))
    .map((record) => record.version)
    .sort(semver.rcompare)
    .slice(0, MAX_RANGE_VERSIONS_EXPLAINED + 1);
}

function versionDetails(record: VersionRecord | undefined, provenanceKnown: boolean): Pick<WhyVersion, 'publisher' | 'trustedPublisher' | 'approver' | 'provenance' | 'installScripts'> {
  return {
    publisher: record?.publisher?.name ?? null,
    trustedPublisher: record?.publisher?.trustedPublisher != null,
    approver: record?.publisher?.approver ?? null,
    provenance: record?.provenance ? true : provenanceKnown ? false : null,
    installScripts: record?.installScripts ?? [],
  };
}

/** The plan for the part of the lockfile that decides this package's (plan.ts), and how to find a cause's package. */
interface LocalPlan {
  steps: ReadonlyMap<string, PlanStep>;
  causeOf: (key: string) => { pkg: LockedPackage; step: PlanStep | null } | undefined;
}

function whyVersion(
  verdict: PackageVerdict,
  locked: LockedPackage | undefined,
  history: ReleaseHistory | null,
  options: ExplainOptions,
  graph: PublisherIndex | null,
  plan: LocalPlan,
): WhyVersion {
  const { policy, now } = options;
  const record = history?.versions.find((entry) => entry.version === verdict.version);
  const range = askedRange(options);
  const ranges = locked?.requestedRanges ?? (range === null ? [] : [range]);
  const suggestion = verdict.verdict === 'block' && history ? newestAllowed(history, ranges, policy, now, verdict.dev, graph) : null;
  // A version that is not locked yet would be added directly.
  const pkg = locked ?? { ...unlockedPackage(verdict.name, verdict.version, false), direct: true };
  const packageManagers = options.packageManagers?.length ? options.packageManagers : (['npm'] as const);
  const step = verdict.verdict === 'block' ? (plan.steps.get(`${verdict.name}@${verdict.version}`) ?? null) : null;
  return {
    ...verdict,
    quietChangeOfHands: quietChangeOfHands(verdict, history, graph, options),
    locked: locked !== undefined,
    paths: locked?.paths ?? [],
    pathCount: locked?.pathCount ?? 0,
    requestedRanges: ranges,
    ...versionDetails(record, history === null || factsOf(history).provenance),
    suggestion,
    plan: step,
    remedies:
      verdict.verdict === 'block'
        ? remediesFor(
            {
              pkg,
              findings: verdict.findings,
              eligibleAt: verdict.eligibleAt,
              move: moveOf(pkg, step, plan.causeOf),
              packageManagers,
              maxExceptionDays: policy.maxExceptionDays,
            },
            now,
          )
        : [],
  };
}

/** The change-of-hands judgement of a newcomer's version that gave no finding (see WhyVersion). */
function quietChangeOfHands(
  verdict: PackageVerdict,
  history: ReleaseHistory | null,
  graph: PublisherIndex | null,
  { policy, now }: ExplainOptions,
): ChangeOfHandsAssessment | null {
  if (!history || verdict.findings.some((finding) => finding.rule === 'new-publisher')) return null;
  const pkg = { name: verdict.name, version: verdict.version, source: verdict.source, resolved: null };
  const context = createRuleContext(pkg, { status: 'found', history }, now, graph);
  if (!context.target) return null;
  const subject = { name: verdict.name, dev: verdict.dev, registry: history.registry, record: context.target.record };
  const assessment = assessChangeOfHands(context, effectiveRules(policy, subject).rules['new-publisher']);
  return assessment?.severity === 'off' ? assessment : null;
}

/** Versions to explain when the package is not locked: the asked one, else `latest`. */
function unlockedVersions(history: ReleaseHistory, version: string | undefined): string[] {
  if (version) return [version];
  const latest = history.distTags['latest'];
  return latest ? [latest] : [];
}

/**
 * The project's publisher index, built only when a version to explain is a newcomer's (the
 * only case that reads it): from every locked registry package's history, as `check` does.
 * Null when no version needs it.
 */
async function projectGraphFor(history: ReleaseHistory, versions: readonly string[], options: ExplainOptions): Promise<PublisherIndex | null> {
  const { policy, now } = options;
  const window = longestNewcomerWindow(policy);
  if (!versions.some((version) => needsPublisherIndex(history, version, window, now))) return null;
  const builder = createPublisherIndexBuilder();
  builder.add(history);
  const names = new Set(options.locked.filter((pkg) => pkg.source === 'registry' && pkg.name !== history.name).map((pkg) => pkg.name));
  await Promise.all([...names].map(async (name) => {
    const lookup = await options.source.fetchHistory(name);
    if (lookup.status === 'found') builder.add(lookup.history);
  }));
  return builder.index();
}

const keyOf = (pkg: { name: string; version: string }): string => `${pkg.name}@${pkg.version}`;

/**
 * The locked packages that decide the plan for `targets`: every package that depends on them,
 * up to the root (their moves free or bind the targets' ranges), and the packages that depend
 * on the targets directly (the members of a target's release).
 */
function planNeighbourhood(targets: readonly LockedPackage[], all: readonly LockedPackage[]): LockedPackage[] {
  const byKey = new Map(all.map((pkg) => [keyOf(pkg), pkg]));
  const found = new Map<string, LockedPackage>();
  const queue = [...targets];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of (queue[i] as LockedPackage).dependents ?? []) {
      const dependent = edge.dependent === null ? undefined : byKey.get(edge.dependent);
      if (dependent !== undefined && !found.has(keyOf(dependent))) {
        found.set(keyOf(dependent), dependent);
        queue.push(dependent);
      }
    }
  }
  const targetKeys = new Set(targets.map(keyOf));
  for (const pkg of all) if ((pkg.dependents ?? []).some((edge) => edge.dependent !== null && targetKeys.has(edge.dependent))) found.set(keyOf(pkg), pkg);
  for (const key of targetKeys) found.delete(key);
  return [...found.values()].filter((pkg) => pkg.source === 'registry');
}

/** The same plan `check` makes, over the neighbourhood that decides it for the package asked about. */
async function localPlan(
  lookup: HistoryResult | null,
  targets: ReadonlyArray<{ pkg: LockedPackage; verdict: PackageVerdict }>,
  options: ExplainOptions,
  graph: PublisherIndex | null,
): Promise<LocalPlan> {
  const { policy, now } = options;
  const neighbours = planNeighbourhood(targets.map((target) => target.pkg), options.locked);
  const lookups = new Map<string, HistoryResult>();
  await Promise.all([...new Set(neighbours.map((pkg) => pkg.name))].map(async (name) => lookups.set(name, await fetchWithRegistryHosts(options.source, name))));
  const pickerFor = (pkg: LockedPackage, verdict: PackageVerdict, found: HistoryResult | null | undefined) =>
    verdict.verdict === 'block' && found?.status === 'found' ? versionPicker(found.history, policy, now, pkg.dev, graph) : null;
  const entries: PlanEntry[] = [
    ...targets.map(({ pkg, verdict }) => ({ pkg, verdict, picker: pickerFor(pkg, verdict, lookup) })),
    ...neighbours.map((pkg) => {
      const found = lookups.get(pkg.name) ?? null;
      const verdict = evaluatePackage(pkg, found, policy, now, graph);
      return { pkg, verdict, picker: pickerFor(pkg, verdict, found) };
    }),
  ];
  const steps = planRemedies(entries);
  const byKey = new Map(entries.map((entry) => [keyOf(entry.pkg), entry.pkg as LockedPackage]));
  return {
    steps,
    causeOf: (key) => {
      const pkg = byKey.get(key);
      return pkg === undefined ? undefined : { pkg, step: steps.get(key) ?? null };
    },
  };
}

/**
 * `why name`, `why name@version`, `why name@range` or `why name@tag`: a dist-tag is read from
 * the registry's document first and the version it points to is explained (`distTag` says so).
 */
export async function explainPackage(options: ExplainOptions): Promise<WhyCore> {
  if (!isTagLike(options)) return explainVersions(options, null, null);
  const lookup = await fetchWithRegistryHosts(options.source, options.name);
  const target = lookup.status === 'found' ? resolveDistTag(lookup.history, options.version) : null;
  if (target === null) return explainVersions(options, null, lookup);
  return explainVersions({ ...options, version: target }, { tag: options.version, version: target }, lookup);
}

async function explainVersions(options: ExplainOptions, distTag: WhyCore['distTag'], fetched: HistoryResult | null): Promise<WhyCore> {
  const { name, version, source, policy, now } = options;
  const range = askedRange(options);
  const locked = options.locked.filter((pkg) => pkg.name === name && (!version || (range === null ? pkg.version === version : inRange(pkg.version, range))));
  const needsRegistry = locked.length === 0 || locked.some((pkg) => pkg.source === 'registry');
  const lookup: HistoryResult | null = fetched ?? (needsRegistry ? await fetchWithRegistryHosts(source, name) : null);
  const history = lookup?.status === 'found' ? lookup.history : null;

  const unlocked = (found: ReleaseHistory): string[] => (range !== null ? rangeCandidates(range, found) : locked.length === 0 ? unlockedVersions(found, version) : []);
  const asked = history ? [...locked.map((pkg) => pkg.version), ...unlocked(history)] : [];
  const graph = history ? await projectGraphFor(history, asked, options) : null;
  const rangeReport = history && range !== null ? explainRange(range, history, options, graph) : null;
  const lockedVerdicts = locked.map((pkg) => ({ pkg, verdict: evaluatePackage(pkg, pkg.source === 'registry' ? lookup : null, policy, now, graph) }));
  // Versions shown that are not locked: for a range, the blocked ones newer than the newest
  // passing one, then that one (what holds each); else the asked or latest one. Each would be
  // added directly: the plan looks within the asked range, or its own major line.
  let candidates: string[] = [];
  if (rangeReport && history) {
    const shown = [...rangeReport.blocked.slice(0, MAX_RANGE_VERSIONS_EXPLAINED), ...(rangeReport.newestPassing === null ? [] : [rangeReport.newestPassing])];
    candidates = shown.filter((candidate) => !locked.some((pkg) => pkg.version === candidate));
  } else if (locked.length === 0 && history) {
    candidates = unlockedVersions(history, version);
  }
  const unlockedEntries = history
    ? candidates.map((candidate) => ({
        pkg: { ...unlockedPackage(name, candidate, false), direct: true, requestedRanges: range === null ? [] : [range] },
        verdict: evaluateVersion(history, candidate, policy, now, false, graph),
      }))
    : [];
  const plan = await localPlan(lookup, [...lockedVerdicts, ...unlockedEntries], options, graph);
  const versions: WhyVersion[] = [
    ...lockedVerdicts.map(({ pkg, verdict }) => whyVersion(verdict, pkg, history, options, graph, plan)),
    ...unlockedEntries.map(({ verdict }) => whyVersion(verdict, undefined, history, options, graph, plan)),
  ];
  versions.sort((a, b) => (semver.valid(a.version) && semver.valid(b.version) ? semver.rcompare(a.version, b.version) : 0));

  const ranges = locked.flatMap((pkg) => pkg.requestedRanges);
  const dev = locked.length > 0 && locked.every((pkg) => pkg.dev);
  const suggestion = history ? newestAllowed(history, ranges, policy, now, dev, graph) : null;
  return {
    name,
    registry: lookup ? (lookup.status === 'found' ? lookup.history.registry : lookup.registry) : null,
    notFound: lookup?.status === 'not-found',
    newestAllowed: rangeReport ? rangeReport.newestPassing : suggestion ? (locked.length > 0 ? suggestion.inRange : suggestion.anyRange) : null,
    latest: history?.distTags['latest'] ?? null,
    currentMaintainers: history?.maintainers ?? null,
    publishers: history ? summarisePublishers(history) : [],
    maintainerChanges: history ? summariseMaintainerChanges(history) : [],
    factsNotGiven: history ? FACTS.filter((fact) => !factsOf(history)[fact]) : [],
    versions,
    range: rangeReport,
    distTag,
  };
}
