/** The `check --json` document, schemaVersion 2 (documented in README.md). */
import { CHECK_JSON_SCHEMA_VERSION } from '../model/constants.js';
import { describeGap } from './describe-gap.js';
import { formatDuration } from '../model/duration.js';
import type { CheckReport } from '../model/report.js';
import { findingToJson, isoOrNull, type JsonValue } from './json-values.js';
import { exceptionStatusToJson, planStepToJson, policyFieldsToJson, remedyToJson } from './policy-json.js';
import { rootCauses } from './check-text.js';
import { sanitize } from './sanitize.js';
import { isoTime } from './time.js';
import { summaryCounts } from './summary.js';

export function checkReportToJson(report: CheckReport): { [key: string]: JsonValue } {
  const counts = summaryCounts(report.packages);
  return {
    schemaVersion: CHECK_JSON_SCHEMA_VERSION,
    now: isoTime(report.now),
    // The first lockfile, as in schema 1 for single-lockfile projects; `lockfiles` lists all.
    lockfile: report.lockfiles[0]?.path ?? null,
    packageManager: report.lockfiles[0]?.packageManager ?? null,
    lockfiles: report.lockfiles.map((lockfile) => ({ path: lockfile.path, packageManager: lockfile.packageManager, formatVersion: lockfile.formatVersion })),
    policy: report.policySource,
    minReleaseAge: formatDuration(report.minReleaseAge),
    summary: { packages: counts.packages, allowed: counts.allowed, warned: counts.warned, blocked: counts.blocked, excepted: counts.excepted },
    // One entry per root cause of a block: the package whose remedy fixes it and the ones of its release.
    rootCauses: rootCauses(report.packages).map(({ entry, members }) => ({
      package: sanitize(`${entry.name}@${entry.version}`),
      target: entry.plan?.target == null ? null : sanitize(entry.plan.target),
      fit: entry.plan?.fit ?? null,
      members: members.map((member) => sanitize(`${member.name}@${member.version}`)),
    })),
    packages: report.packages.map((entry) => ({
      name: sanitize(entry.name),
      version: sanitize(entry.version),
      source: entry.source,
      dev: entry.dev,
      optional: entry.optional,
      configDependency: entry.configDependency === true,
      lockfiles: entry.lockfiles,
      verdict: entry.verdict,
      publishedAt: isoOrNull(entry.publishedAt),
      publishedBefore: isoOrNull(entry.publishedBefore ?? null),
      eligibleAt: isoOrNull(entry.eligibleAt),
      newestAllowed: entry.suggestion
        ? { inRange: entry.suggestion.inRange, anyRange: entry.suggestion.anyRange }
        : null,
      findings: entry.findings.map((finding) => findingToJson(finding, report.now)),
      ...policyFieldsToJson(entry, report.now),
      plan: planStepToJson(entry.plan),
      remedies: entry.remedies.map(remedyToJson),
      ...(entry.change ? { change: { kind: entry.change.kind, from: entry.change.from.map(sanitize) } } : {}),
    })),
    exceptions: report.exceptions.map(exceptionStatusToJson),
    ...(report.base
      ? { base: { label: sanitize(report.base.label), lockfiles: report.base.lockfiles.map((lockfile) => ({ ...lockfile })) } }
      : {}),
    notices: report.dataGaps.map((gap) => ({
      registry: gap.registry,
      packages: gap.looked,
      missing: gap.missing.map((entry) => ({ fact: entry.fact, packages: entry.packages.map(sanitize), rules: entry.rules })),
      missingFacts: gap.missingFacts,
      historyFrom: gap.historyFrom,
      notOnHistory: gap.notOnHistory.map(sanitize),
      message: describeGap(gap).text,
    })),
  };
}
