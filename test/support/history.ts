/**
 * In-memory release histories for tests. Every instant is relative to the fixed NOW; no test
 * reads the real clock. Defaults describe a quiet, old, single-maintainer package, so each
 * test only spells out what it is about.
 */
import type { HistoryResult } from '../../src/model/history-source.js';
import type {
  Duration,
  Instant,
  LockedPackage,
  NewPublisherFinding,
  Publisher,
  ReleaseHistory,
  VersionRecord,
} from '../../src/model/types.js';

export const NOW: Instant = Date.parse('2026-11-20T12:00:00Z');

export const DAY: Duration = 86_400_000;

/** `n` days as a duration in ms. */
export function days(n: number): Duration {
  return n * DAY;
}

/** The instant `n` days before NOW. */
export function daysAgo(n: number): Instant {
  return NOW - days(n);
}

export const TEST_REGISTRY = 'https://registry.npmjs.org/';

/** A human npm account as `_npmUser`. */
export function accountPublisher(name: string, approver: string | null = null): Publisher {
  return { id: name, name, trustedPublisher: null, approver };
}

/** npm trusted publishing (OIDC) as `_npmUser`. */
export function trustedPublisher(provider = 'github', configId: string | null = 'cfg-1'): Publisher {
  return {
    id: `trusted:${provider}`,
    name: provider === 'github' ? 'GitHub Actions' : provider,
    trustedPublisher: { provider, configId },
    approver: null,
  };
}

/**
 * A published version: by `alice`, maintained by `[alice]`, published a year before NOW,
 * no provenance, no install scripts, no dependencies. Override what the test is about.
 */
export function makeVersion(fields: Partial<VersionRecord> & { version: string }): VersionRecord {
  return {
    publishedAt: daysAgo(365),
    publisher: accountPublisher('alice'),
    maintainers: ['alice'],
    provenance: false,
    integrity: null,
    tarball: null,
    installScripts: [],
    dependencies: [],
    deprecated: null,
    unpublished: false,
    ...fields,
  };
}

/** A version that is listed in `time` but gone from `versions`. */
export function makeUnpublishedVersion(version: string, publishedAt: Instant | null = daysAgo(300)): VersionRecord {
  return makeVersion({ version, publishedAt, publisher: null, maintainers: null, dependencies: null, unpublished: true });
}

/**
 * A release history. Versions are ordered by publish time (unknown last), like the registry
 * adapter's output. Current `maintainers` default to the newest version's snapshot.
 */
export function makeHistory(
  fields: Partial<Omit<ReleaseHistory, 'versions'>> & { versions: VersionRecord[] },
): ReleaseHistory {
  const versions = [...fields.versions].sort(
    (a, b) => (a.publishedAt ?? Infinity) - (b.publishedAt ?? Infinity),
  );
  const times = versions.flatMap((v) => (v.publishedAt === null ? [] : [v.publishedAt]));
  const newest = versions.filter((v) => !v.unpublished).at(-1);
  return {
    name: 'pkg',
    registry: TEST_REGISTRY,
    created: times.length > 0 ? Math.min(...times) : null,
    modified: times.length > 0 ? Math.max(...times) : null,
    maintainers: newest?.maintainers ?? null,
    distTags: newest ? { latest: newest.version } : {},
    unpublishedAt: null,
    ...fields,
    versions,
  };
}

export function found(history: ReleaseHistory): HistoryResult {
  return { status: 'found', history };
}

export function notFound(name = 'pkg', registry = TEST_REGISTRY): HistoryResult {
  return { status: 'not-found', name, registry };
}

/**
 * A registry package as a lockfile parser would produce it: one copy, at
 * `node_modules/<name>`, with the package's `resolved` and `integrity` (unless `copies` is given).
 */
export function makeLockedPackage(fields: Partial<LockedPackage> = {}): LockedPackage {
  const name = fields.name ?? 'pkg';
  const version = fields.version ?? '1.0.0';
  const pkg: LockedPackage = {
    name,
    version,
    source: 'registry',
    aliases: [],
    resolved: `${TEST_REGISTRY}${name}/-/${name}-${version}.tgz`,
    integrity: null,
    dev: false,
    optional: false,
    direct: false,
    paths: [[`${name}@${version}`]],
    pathCount: 1,
    requestedRanges: [],
    dependents: [],
    copies: [],
    ...fields,
  };
  if (fields.copies === undefined) {
    pkg.copies = [{ location: `node_modules/${name}`, resolved: pkg.resolved, integrity: pkg.integrity, recordsIntegrity: true }];
  }
  return pkg;
}

/** The change-of-hands evidence of a new-publisher finding with no signal and no discount. */
export const NO_SIGNALS: Pick<NewPublisherFinding, 'signals' | 'ignored' | 'discounts' | 'score' | 'graphKnown'> = {
  signals: [], ignored: [], discounts: [], score: 0, graphKnown: true,
};
