/**
 * `check` as SARIF 2.1.0 for GitHub code scanning: one rule per rule id, one result per
 * blocking or warning finding per lockfile that holds the package, located at the entry's
 * line when it can be found. Pure: the caller says where each package sits.
 */
import { RULE_IDS, type RuleId } from '../model/constants.js';
import type { CheckReport, CheckedPackage } from '../model/report.js';
import { describeFinding } from './describe-finding.js';
import type { JsonValue } from './json-values.js';
import { sanitize } from './sanitize.js';

export interface PackageLocation {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** 1-based line of the entry, or null when it could not be found. */
  line: number | null;
}

const RULE_TEXT: Record<RuleId, string> = {
  'release-age': 'Version younger than the quarantine window',
  'new-publisher': 'Published by an account new to the package',
  'maintainer-change': "The package's maintainers changed recently",
  'trust-downgrade': 'Published without the provenance or trusted publishing its release line had',
  'install-script': 'Adds an install script',
  'unknown-publish-time': 'The registry gives no publish time',
  'missing-version': 'Not in the registry (unpublished)',
  'non-registry-source': 'Installed from outside the registry',
  'lockfile-binding': 'The lockfile entry is not what the registry published',
};

function sarifLocation(location: PackageLocation): JsonValue {
  return {
    physicalLocation: {
      artifactLocation: { uri: location.path },
      ...(location.line === null ? {} : { region: { startLine: location.line } }),
    },
  };
}

function results(entry: CheckedPackage, report: CheckReport, locations: readonly PackageLocation[]): JsonValue[] {
  const id = `${sanitize(entry.name)}@${sanitize(entry.version)}`;
  return entry.findings.map((finding) => ({
    ruleId: finding.rule,
    level: finding.severity === 'block' ? 'error' : 'warning',
    message: { text: `${id}${entry.configDependency === true ? ' (config dependency of pnpm-workspace.yaml)' : ''}: ${finding.rule}: ${describeFinding(finding, report.now)}` },
    locations: locations.map(sarifLocation),
    partialFingerprints: { packageVersion: `${id}/${finding.rule}` },
  }));
}

export function checkReportToSarif(
  report: CheckReport,
  options: {
    version: string;
    /** Absolute URL of docs/policy.md (rule anchors are appended). */
    helpUri: string;
    locationsOf: (entry: CheckedPackage) => PackageLocation[];
  },
): { [key: string]: JsonValue } {
  const flagged = report.packages.filter((entry) => entry.verdict !== 'allow');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'release-quarantine',
            version: options.version,
            rules: RULE_IDS.map((rule) => ({
              id: rule,
              name: rule,
              shortDescription: { text: RULE_TEXT[rule] },
              helpUri: `${options.helpUri}#${rule}`,
            })),
          },
        },
        results: flagged.flatMap((entry) => results(entry, report, options.locationsOf(entry))),
      },
    ],
  };
}
