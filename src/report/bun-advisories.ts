/**
 * `check`'s verdicts -> Bun Security Scanner advisories (`Bun.Security.Advisory`): `fatal`
 * for a blocked package, `warn` for a warned one, and `fatal` for any package the gate could
 * not decide (fail closed). Each description is what `check` prints for that package.
 */
import type { CheckReport } from '../core/report.js';
import { packageLines } from './check-text.js';
import { sanitize } from './sanitize.js';
import { createStyle } from './style.js';
import { bySeverity } from './summary.js';

export interface BunAdvisory {
  level: 'fatal' | 'warn';
  package: string;
  description: string | null;
  url: string | null;
}

const PLAIN = createStyle(false);

/** Advisories for the scanned packages, fatal first; a package the report does not cover is undecided. */
export function bunAdvisories(scanned: ReadonlyArray<{ name: string; version: string }>, report: CheckReport): BunAdvisory[] {
  const advisories: BunAdvisory[] = [];
  for (const entry of [...report.packages].sort(bySeverity)) {
    if (entry.verdict === 'allow') continue;
    advisories.push({
      level: entry.verdict === 'block' ? 'fatal' : 'warn',
      package: entry.name,
      description: packageLines(entry, report.now, PLAIN, false).join('\n'),
      url: null,
    });
  }
  const covered = new Set(report.packages.map((entry) => `${entry.name}@${entry.version}`));
  const missing = scanned.filter((pkg) => !covered.has(`${pkg.name}@${pkg.version}`));
  return [...advisories, ...undecidedAdvisories(missing, 'it was not evaluated')];
}

/** One fatal advisory per package: the gate could not decide, so the install must not go on. */
export function undecidedAdvisories(scanned: ReadonlyArray<{ name: string; version: string }>, reason: string): BunAdvisory[] {
  return scanned.map((pkg) => ({
    level: 'fatal',
    package: pkg.name,
    description: `release-quarantine could not check ${sanitize(pkg.name)}@${sanitize(pkg.version)}, so the install stops: ${sanitize(reason)}`,
    url: null,
  }));
}
