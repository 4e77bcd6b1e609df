/**
 * `why <name>[@version]`: everything the gate knows about one package, for a person deciding
 * what to do. Pure apart from the injected HistorySource.
 */
import semver from 'semver';
import { evaluatePackage, evaluateVersion, isVersionBlocked } from './evaluate.js';
import type { HistoryResult, HistorySource } from '../model/history-source.js';
import { summariseMaintainerChanges, summarisePublishers } from './history-summary.js';
import type { Policy } from '../model/policy.js';
import type { WhyRange, WhyReport, WhyVersion } from '../model/report.js';
import { fetchWithRegistryHosts } from './registry-hosts.js';
import { remediesFor } from './remedy.js';
import { newestAllowed } from './suggest.js';
import { longestNewcomerWindow, needsPublisherIndex } from './check-lockfile.js';
import { createPublisherIndexBuilder } from './publisher-index.js';
import type { ChangeOfHandsAssessment, Instant, LockedPackage, PackageManager, PackageVerdict, PublisherIndex, ReleaseHistory, VersionRecord } from '../model/types.js';
import { createRuleContext } from '../model/rule.js';
import { assessChangeOfHands } from '../rules/new-publisher.js';
import { effectiveRules } from './effective-policy.js';
import { FACTS, factsOf } from './registry-facts.js';

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

function whyVersion(
  verdict: PackageVerdict,
  locked: LockedPackage | undefined,
  history: ReleaseHistory | null,
  options: ExplainOptions,
  graph: PublisherIndex | null,
): WhyVersion {
  const { policy, now } = options;
  const record = history?.versions.find((entry) => entry.version === verdict.version);
  const range = askedRange(options);
  const ranges = locked?.requestedRanges ?? (range === null ? [] : [range]);
  const suggestion = verdict.verdict === 'block' && history ? newestAllowed(history, ranges, policy, now, verdict.dev, graph) : null;
  // A version that is not locked yet would be added directly.
  const pkg = locked ?? { name: verdict.name, version: verdict.version, direct: true, dev: false, aliases: [] };
  const packageManagers = options.packageManagers?.length ? options.packageManagers : (['npm'] as const);
  return {
    ...verdict,
    quietChangeOfHands: quietChangeOfHands(verdict, history, graph, options),
    locked: locked !== undefined,
    paths: locked?.paths ?? [],
    pathCount: locked?.pathCount ?? 0,
    requestedRanges: ranges,
    ...versionDetails(record, history === null || factsOf(history).provenance),
    suggestion,
    remedies:
      verdict.verdict === 'block'
        ? remediesFor({ pkg, findings: verdict.findings, eligibleAt: verdict.eligibleAt, suggestion, packageManagers }, now)
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

export async function explainPackage(options: ExplainOptions): Promise<WhyCore> {
  const { name, version, source, policy, now } = options;
  const range = askedRange(options);
  const locked = options.locked.filter((pkg) => pkg.name === name && (!version || (range === null ? pkg.version === version : inRange(pkg.version, range))));
  const needsRegistry = locked.length === 0 || locked.some((pkg) => pkg.source === 'registry');
  const lookup: HistoryResult | null = needsRegistry ? await fetchWithRegistryHosts(source, name) : null;
  const history = lookup?.status === 'found' ? lookup.history : null;

  const unlocked = (found: ReleaseHistory): string[] => (range !== null ? rangeCandidates(range, found) : locked.length === 0 ? unlockedVersions(found, version) : []);
  const asked = history ? [...locked.map((pkg) => pkg.version), ...unlocked(history)] : [];
  const graph = history ? await projectGraphFor(history, asked, options) : null;
  const rangeReport = history && range !== null ? explainRange(range, history, options, graph) : null;
  const versions: WhyVersion[] = locked.map((pkg) =>
    whyVersion(evaluatePackage(pkg, pkg.source === 'registry' ? lookup : null, policy, now, graph), pkg, history, options, graph),
  );
  if (rangeReport && history) {
    // The blocked versions newer than the newest passing one, then that one: what holds each.
    const shown = [...rangeReport.blocked.slice(0, MAX_RANGE_VERSIONS_EXPLAINED), ...(rangeReport.newestPassing === null ? [] : [rangeReport.newestPassing])];
    for (const candidate of shown.filter((candidate) => !locked.some((pkg) => pkg.version === candidate))) {
      versions.push(whyVersion(evaluateVersion(history, candidate, policy, now, false, graph), undefined, history, options, graph));
    }
  } else if (locked.length === 0 && history) {
    for (const candidate of unlockedVersions(history, version)) {
      versions.push(whyVersion(evaluateVersion(history, candidate, policy, now, false, graph), undefined, history, options, graph));
    }
  }
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
  };
}
