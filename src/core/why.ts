/**
 * `why <name>[@version]`: everything the gate knows about one package, for a person deciding
 * what to do. Pure apart from the injected HistorySource.
 */
import semver from 'semver';
import { evaluatePackage, evaluateVersion } from './evaluate.js';
import type { HistoryResult, HistorySource } from './history-source.js';
import { summariseMaintainerChanges, summarisePublishers } from './history-summary.js';
import type { Policy } from './policy.js';
import type { WhyReport, WhyVersion } from './report.js';
import { newestAllowed } from './suggest.js';
import type { Instant, LockedPackage, PackageVerdict, ReleaseHistory, VersionRecord } from './types.js';

export interface ExplainOptions {
  name: string;
  /** Only this version (locked or not). */
  version?: string;
  locked: readonly LockedPackage[];
  source: HistorySource;
  policy: Policy;
  now: Instant;
}

type WhyCore = Omit<WhyReport, 'now' | 'lockfiles' | 'policySource' | 'minReleaseAge'>;

function versionDetails(record: VersionRecord | undefined): Pick<WhyVersion, 'publisher' | 'trustedPublisher' | 'approver' | 'provenance' | 'installScripts'> {
  return {
    publisher: record?.publisher?.name ?? null,
    trustedPublisher: record?.publisher?.trustedPublisher != null,
    approver: record?.publisher?.approver ?? null,
    provenance: record?.provenance ?? false,
    installScripts: record?.installScripts ?? [],
  };
}

function whyVersion(
  verdict: PackageVerdict,
  locked: LockedPackage | undefined,
  history: ReleaseHistory | null,
  policy: Policy,
  now: Instant,
): WhyVersion {
  const record = history?.versions.find((entry) => entry.version === verdict.version);
  const ranges = locked?.requestedRanges ?? [];
  return {
    ...verdict,
    locked: locked !== undefined,
    paths: locked?.paths ?? [],
    pathCount: locked?.pathCount ?? 0,
    requestedRanges: ranges,
    ...versionDetails(record),
    suggestion: verdict.verdict === 'block' && history ? newestAllowed(history, ranges, policy, now) : null,
  };
}

/** Versions to explain when the package is not locked: the asked one, else `latest`. */
function unlockedVersions(history: ReleaseHistory, version: string | undefined): string[] {
  if (version) return [version];
  const latest = history.distTags['latest'];
  return latest ? [latest] : [];
}

export async function explainPackage(options: ExplainOptions): Promise<WhyCore> {
  const { name, version, source, policy, now } = options;
  const locked = options.locked.filter((pkg) => pkg.name === name && (!version || pkg.version === version));
  const needsRegistry = locked.length === 0 || locked.some((pkg) => pkg.source === 'registry');
  const lookup: HistoryResult | null = needsRegistry ? await source.fetchHistory(name) : null;
  const history = lookup?.status === 'found' ? lookup.history : null;

  const versions: WhyVersion[] = locked.map((pkg) =>
    whyVersion(evaluatePackage(pkg, pkg.source === 'registry' ? lookup : null, policy, now), pkg, history, policy, now),
  );
  if (locked.length === 0 && history) {
    for (const candidate of unlockedVersions(history, version)) {
      versions.push(whyVersion(evaluateVersion(history, candidate, policy, now), undefined, history, policy, now));
    }
  }
  versions.sort((a, b) => (semver.valid(a.version) && semver.valid(b.version) ? semver.rcompare(a.version, b.version) : 0));

  const ranges = locked.flatMap((pkg) => pkg.requestedRanges);
  const suggestion = history ? newestAllowed(history, ranges, policy, now) : null;
  return {
    name,
    registry: lookup ? (lookup.status === 'found' ? lookup.history.registry : lookup.registry) : null,
    notFound: lookup?.status === 'not-found',
    newestAllowed: suggestion ? (locked.length > 0 ? suggestion.inRange : suggestion.anyRange) : null,
    latest: history?.distTags['latest'] ?? null,
    currentMaintainers: history?.maintainers ?? null,
    publishers: history ? summarisePublishers(history) : [],
    maintainerChanges: history ? summariseMaintainerChanges(history) : [],
    versions,
  };
}
