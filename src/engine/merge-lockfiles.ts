/**
 * Several lockfiles in one project (say package-lock.json and yarn.lock) are checked together:
 * one entry per distinct package, remembering which lockfiles hold it. Pure.
 */
import { MAX_PATHS_PER_PACKAGE } from '../model/constants.js';
import type { Dependent, LockedCopy, LockedPackage, Lockfile, PackageManager } from '../model/types.js';

type PackageIdentity = Pick<LockedPackage, 'name' | 'version' | 'source' | 'resolved'>;

/** Registry packages are one package per name@version; others also differ by where they come from. */
export function packageKey(pkg: PackageIdentity): string {
  return JSON.stringify([pkg.name, pkg.version, pkg.source, pkg.source === 'registry' ? '' : (pkg.resolved ?? '')]);
}

/** A copy's identity: what it is fetched from and what its bytes must hash to. */
export function copyKey(copy: Pick<LockedCopy, 'resolved' | 'integrity'>): string {
  return JSON.stringify([copy.resolved ?? '', copy.integrity ?? '']);
}

function mergeCopies(a: readonly LockedCopy[], b: readonly LockedCopy[]): LockedCopy[] {
  const copies = new Map(a.map((copy) => [copyKey(copy), copy]));
  for (const copy of b) if (!copies.has(copyKey(copy))) copies.set(copyKey(copy), copy);
  return [...copies.values()];
}

function mergeDependents(a: Dependent[] | null, b: Dependent[] | null): Dependent[] | null {
  if (a === null || b === null) return a ?? b;
  const seen = new Set(a.map((edge) => JSON.stringify([edge.dependent, edge.range])));
  return [...a, ...b.filter((edge) => !seen.has(JSON.stringify([edge.dependent, edge.range])))];
}

function mergeTwo(a: LockedPackage, b: LockedPackage): LockedPackage {
  const paths = [...a.paths, ...b.paths].sort((x, y) => x.length - y.length).slice(0, MAX_PATHS_PER_PACKAGE);
  return {
    ...a,
    aliases: [...new Set([...a.aliases, ...b.aliases])].sort(),
    // Every copy of every lockfile is judged, not only the first lockfile's.
    copies: mergeCopies(a.copies, b.copies),
    dev: a.dev && b.dev,
    optional: a.optional && b.optional,
    direct: a.direct || b.direct,
    ...(a.configDependency === true || b.configDependency === true ? { configDependency: true } : {}),
    paths,
    pathCount: a.pathCount + b.pathCount,
    requestedRanges: [...new Set([...a.requestedRanges, ...b.requestedRanges])].sort(),
    dependents: mergeDependents(a.dependents, b.dependents),
  };
}

export interface MergedLockfiles {
  packages: LockedPackage[];
  /** The lockfile paths that hold a package. */
  lockfilesOf(pkg: PackageIdentity): string[];
  /** The package managers of the lockfiles that hold a package. */
  packageManagersOf(pkg: PackageIdentity): PackageManager[];
}

export function mergeLockfiles(lockfiles: readonly Lockfile[]): MergedLockfiles {
  const merged = new Map<string, LockedPackage>();
  const origins = new Map<string, string[]>();
  for (const lockfile of lockfiles) {
    for (const pkg of lockfile.packages) {
      const key = packageKey(pkg);
      const existing = merged.get(key);
      merged.set(key, existing ? mergeTwo(existing, pkg) : pkg);
      const paths = origins.get(key) ?? [];
      if (!paths.includes(lockfile.path)) paths.push(lockfile.path);
      origins.set(key, paths);
    }
  }
  const managerOf = new Map(lockfiles.map((lockfile) => [lockfile.path, lockfile.packageManager]));
  const lockfilesOf = (pkg: PackageIdentity): string[] => origins.get(packageKey(pkg)) ?? [];
  return {
    packages: [...merged.values()],
    lockfilesOf,
    packageManagersOf: (pkg) => [...new Set(lockfilesOf(pkg).flatMap((path) => managerOf.get(path) ?? []))],
  };
}
