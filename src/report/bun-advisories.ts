/**
 * `check`'s verdicts -> Bun Security Scanner advisories (`Bun.Security.Advisory`): `fatal`
 * for a blocked package and for any package the gate could not decide (fail closed). Each
 * description is what `check` prints for that package.
 *
 * A warned package is not an advisory: Bun treats a `warn` advisory as "ask", and without a
 * terminal (CI) it cancels the install, which would turn the policy's warnings into blocks
 * under Bun only. Warnings are printed instead (`warningText`), as the pnpm hook does.
 */
import type { CheckReport } from '../model/report.js';
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
    if (entry.verdict !== 'block') continue;
    advisories.push({
      level: 'fatal',
      package: entry.name,
      description: packageLines(entry, report.now, PLAIN, false).join('\n'),
      url: null,
    });
  }
  const covered = new Set(report.packages.map((entry) => `${entry.name}@${entry.version}`));
  const missing = scanned.filter((pkg) => !covered.has(`${pkg.name}@${pkg.version}`));
  return [...advisories, ...undecidedAdvisories(missing, 'it was not evaluated')];
}

/** What `check` prints for the warned packages, or '' when none warned. */
export function warningText(report: CheckReport): string {
  const warned = report.packages.filter((entry) => entry.verdict === 'warn');
  return warned.map((entry) => `${packageLines(entry, report.now, PLAIN, false).join('\n')}\n`).join('');
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
