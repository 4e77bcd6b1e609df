/**
 * What `quarantine fix` may do about each blocked package of a check report. Pure.
 *
 * Only a block that waiting would lift by itself (release-age alone) is handed to the package
 * manager, and only when a version old enough exists within the ranges the dependents ask
 * for. A change of hands (new publisher, maintainer change, trust downgrade) is never "fixed"
 * by moving to another version: a person reviews it. Other blocks (a missing version, a
 * lockfile binding, an install script...) are listed with their rules. A pnpm config dependency
 * is never handed over (pnpm keeps it at its pinned version): it is listed with what to pin.
 */
import { CHANGE_OF_HANDS_RULES } from '../../model/backtest.js';
import type { RuleId } from '../../model/constants.js';
import type { FixEntry, FixTreatment, VersionChange } from '../../model/fix.js';
import type { CheckedPackage, CheckReport } from '../../model/report.js';
import type { Instant } from '../../model/types.js';

function blockingRules(pkg: CheckedPackage): RuleId[] {
  return [...new Set(pkg.findings.filter((finding) => finding.severity === 'block').map((finding) => finding.rule))];
}

export function treatmentOf(pkg: CheckedPackage): FixTreatment {
  const rules = blockingRules(pkg);
  if (pkg.configDependency === true) return { kind: 'config-dependency', rules, target: pkg.plan?.target ?? pkg.suggestion?.anyRange ?? null };
  const handover = rules.filter((rule) => CHANGE_OF_HANDS_RULES.includes(rule));
  if (handover.length > 0) return { kind: 'review', rules: handover };
  if (rules.some((rule) => rule !== 'release-age') || rules.length === 0) return { kind: 'not-age', rules };
  const target = pkg.suggestion?.inRange ?? null;
  if (target === null) return { kind: 'no-version-in-range', outside: pkg.suggestion?.anyRange ?? null };
  return { kind: 'relock', target };
}

export function planFix(report: CheckReport): FixEntry[] {
  return report.packages.filter((pkg) => pkg.verdict === 'block').map((pkg) => ({ pkg, treatment: treatmentOf(pkg) }));
}

export const relocked = (entries: readonly FixEntry[]) => entries.filter((entry) => entry.treatment.kind === 'relock');

/**
 * Names the package manager must keep even though its age setting would refuse them: locked
 * versions published after the cut-off that `fix` is not moving (allowed by an exception,
 * blocked for review...). pnpm otherwise fails on them when it resolves their subtree again.
 */
export function keptYoungNames(report: CheckReport, cutOff: Instant, moving: ReadonlySet<string>): string[] {
  const names = report.packages.filter((pkg) => pkg.publishedAt !== null && pkg.publishedAt > cutOff && !moving.has(pkg.name)).map((pkg) => pkg.name);
  return [...new Set(names)].sort();
}

/** Which names' locked versions differ between two reports of the same lockfile. */
export function versionChanges(before: readonly Pick<CheckedPackage, 'name' | 'version'>[], after: readonly Pick<CheckedPackage, 'name' | 'version'>[]): VersionChange[] {
  const versions = (list: readonly Pick<CheckedPackage, 'name' | 'version'>[]) => {
    const map = new Map<string, Set<string>>();
    for (const pkg of list) map.set(pkg.name, (map.get(pkg.name) ?? new Set()).add(pkg.version));
    return map;
  };
  const old = versions(before);
  const now = versions(after);
  const changes: VersionChange[] = [];
  for (const name of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const from = [...(old.get(name) ?? [])].sort();
    const to = [...(now.get(name) ?? [])].sort();
    if (from.join() !== to.join()) changes.push({ name, from: from.filter((v) => !to.includes(v)), to: to.filter((v) => !from.includes(v)) });
  }
  return changes;
}
