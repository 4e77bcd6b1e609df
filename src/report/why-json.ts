/** The `why --json` document, schemaVersion 1 (documented in README.md). */
import { JSON_SCHEMA_VERSION } from '../model/constants.js';
import { formatDuration } from '../model/duration.js';
import type { WhyReport } from '../model/report.js';
import { changeOfHandsToJson, findingToJson, isoOrNull, type JsonValue } from './json-values.js';
import { planStepToJson, policyFieldsToJson, remedyToJson } from './policy-json.js';
import { printable, sanitize } from './sanitize.js';
import { isoTime } from './time.js';

const list = (names: string[] | null): JsonValue => (names === null ? null : names.map(sanitize));

export function whyReportToJson(report: WhyReport): { [key: string]: JsonValue } {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    now: isoTime(report.now),
    name: sanitize(report.name),
    lockfile: report.lockfiles[0]?.path ?? null,
    lockfiles: report.lockfiles.map((lockfile) => lockfile.path),
    registry: report.registry === null ? null : printable(report.registry),
    policy: report.policySource,
    minReleaseAge: formatDuration(report.minReleaseAge),
    notFound: report.notFound,
    latest: report.latest === null ? null : sanitize(report.latest),
    newestAllowed: report.newestAllowed === null ? null : sanitize(report.newestAllowed),
    currentMaintainers: list(report.currentMaintainers),
    publishers: report.publishers.map((span) => ({
      publisher: sanitize(span.publisher),
      trustedPublisher: span.trusted,
      firstPublishedAt: isoOrNull(span.firstPublishedAt),
      lastPublishedAt: isoOrNull(span.lastPublishedAt),
      versions: span.versions.map(sanitize),
    })),
    maintainerChanges: report.maintainerChanges.map((change) => ({
      version: sanitize(change.version),
      at: isoOrNull(change.at),
      added: list(change.added),
      removed: list(change.removed),
    })),
    factsNotGiven: [...report.factsNotGiven],
    range: report.range
      ? {
          range: sanitize(report.range.range),
          matching: report.range.matching.map(sanitize),
          newestPassing: report.range.newestPassing === null ? null : sanitize(report.range.newestPassing),
          blocked: report.range.blocked.map(sanitize),
          deprecated: report.range.deprecated.map(sanitize),
        }
      : null,
    distTag: report.distTag === null ? null : { tag: sanitize(report.distTag.tag), version: sanitize(report.distTag.version) },
    versions: report.versions.map((entry) => ({
      version: sanitize(entry.version),
      locked: entry.locked,
      source: entry.source,
      dev: entry.dev,
      optional: entry.optional,
      configDependency: entry.configDependency === true,
      paths: entry.paths.map((path) => path.map(sanitize)),
      pathCount: entry.pathCount,
      requestedRanges: entry.requestedRanges.map(sanitize),
      publishedAt: isoOrNull(entry.publishedAt),
      publisher: entry.publisher === null ? null : sanitize(entry.publisher),
      trustedPublisher: entry.trustedPublisher,
      approver: entry.approver === null ? null : sanitize(entry.approver),
      provenance: entry.provenance,
      installScripts: entry.installScripts,
      verdict: entry.verdict,
      eligibleAt: isoOrNull(entry.eligibleAt),
      newestAllowed: entry.suggestion ? { inRange: entry.suggestion.inRange, anyRange: entry.suggestion.anyRange } : null,
      findings: entry.findings.map((finding) => findingToJson(finding, report.now)),
      quietChangeOfHands: entry.quietChangeOfHands ? changeOfHandsToJson(entry.quietChangeOfHands, report.now) : null,
      ...policyFieldsToJson(entry, report.now),
      plan: planStepToJson(entry.plan),
      remedies: entry.remedies.map(remedyToJson),
    })),
  };
}
