/**
 * Blocked versions already in the lockfile that an install keeps. The gate checks what an
 * install changes; a version it keeps is not a change, so it would pass unseen: the
 * `quarantine install cross-spawn@7.1.2` case, where the named version was already locked
 * deeper in the tree ("0 packages", exit 0). Pure.
 */
import { parsePackageSpec } from '../../model/arguments.js';
import type { CheckedPackage, CheckReport } from '../../model/report.js';
import type { LockedPackage } from '../../model/types.js';

export interface KeptBlocked {
  /** Kept versions of packages the user named: they block the install. */
  named: CheckedPackage[];
  /** Other kept blocked versions: reported, they were there before. */
  others: CheckedPackage[];
}

const key = (pkg: Pick<LockedPackage, 'name' | 'version'>) => `${pkg.name}@${pkg.version}`;

/** The package name of an install argument (`cross-spawn@7.1.2`, `@s/x@^1`, `alias@npm:real@1`); null when it names none. */
export function specName(spec: string): string | null {
  try {
    return parsePackageSpec(spec).name;
  } catch {
    return null;
  }
}

export function keptBlocked(before: CheckReport | null, after: readonly Pick<LockedPackage, 'name' | 'version'>[], changed: CheckReport, packages: readonly string[]): KeptBlocked {
  if (before === null) return { named: [], others: [] };
  const locked = new Set(after.map(key));
  const judged = new Set(changed.packages.map(key));
  const named = new Set(packages.map(specName).filter((name): name is string => name !== null));
  const kept = before.packages.filter((pkg) => pkg.verdict === 'block' && locked.has(key(pkg)) && !judged.has(key(pkg)));
  return { named: kept.filter((pkg) => named.has(pkg.name)), others: kept.filter((pkg) => !named.has(pkg.name)) };
}

/** The names an exact `name@1.2.3` argument asks for: the package manager's age setting must not refuse them (the gate judges them). */
export function exactlyNamed(packages: readonly string[]): string[] {
  return packages.flatMap((spec) => {
    const name = specName(spec);
    const version = name === null ? '' : spec.slice(name.length + 1);
    return name !== null && /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(version) ? [name] : [];
  });
}
