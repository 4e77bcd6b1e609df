/**
 * What a change to a lockfile brings: the entries present after it that were not there before
 * (or that now come from somewhere else). Pure: the base and head lockfiles are parsed by the
 * caller (from git, or from a snapshot taken before a resolution).
 *
 * An entry counts as changed when its name@version is new, or when the same name@version now
 * resolves to a different URL or integrity in any of its copies (a second, nested copy
 * included): a lockfile edited to fetch a known version from another host is exactly what a
 * reviewer must see, so it is evaluated again.
 */
import semver from 'semver';
import { copyKey, packageKey } from './merge-lockfiles.js';
import type { LockfileChangeSummary, LockfileStatus, PackageChange } from '../model/report.js';
import type { LockedPackage, Lockfile } from '../model/types.js';

export interface LockfileDiff {
  path: string;
  status: LockfileStatus;
  /** Head entries that are new or changed, with how they changed, in head order. */
  changed: { pkg: LockedPackage; change: PackageChange }[];
  /** name@version pairs the base had and the head no longer has. */
  removed: { name: string; version: string }[];
}

/** Each copy's resolved URL and integrity (see LockedCopy): a second copy fetched from elsewhere is a change. */
function sourcesOf(pkg: LockedPackage): string[] {
  return pkg.copies.length > 0 ? pkg.copies.map(copyKey) : [copyKey(pkg)];
}

function versionsByName(packages: readonly LockedPackage[]): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const pkg of packages) {
    const versions = byName.get(pkg.name) ?? new Set<string>();
    versions.add(pkg.version);
    byName.set(pkg.name, versions);
  }
  return byName;
}

/** semver order; versions that are not semver (rare in lockfiles) compare as text. */
function compareVersions(a: string, b: string): number {
  const valid = semver.valid(a, { loose: true }) && semver.valid(b, { loose: true });
  return valid ? semver.compare(a, b, { loose: true }) : a.localeCompare(b);
}

function kindOf(version: string, from: string[]): PackageChange['kind'] {
  if (from.length === 0) return 'added';
  if (from.every((old) => compareVersions(version, old) > 0)) return 'upgraded';
  if (from.every((old) => compareVersions(version, old) < 0)) return 'downgraded';
  return 'replaced';
}

/**
 * Diffs one lockfile between base and head. `base` is null when the lockfile did not exist
 * before (every entry is added), `head` null when it was deleted (nothing to evaluate).
 */
export function diffLockfile(path: string, base: Lockfile | null, head: Lockfile | null): LockfileDiff {
  const basePackages = base?.packages ?? [];
  const headPackages = head?.packages ?? [];
  const baseSources = new Map<string, Set<string>>();
  for (const pkg of basePackages) {
    const key = packageKey(pkg);
    const sources = baseSources.get(key) ?? new Set<string>();
    for (const source of sourcesOf(pkg)) sources.add(source);
    baseSources.set(key, sources);
  }
  const baseVersions = versionsByName(basePackages);
  const headVersions = versionsByName(headPackages);
  const headKeys = new Set(headPackages.map((pkg) => packageKey(pkg)));

  const changed: LockfileDiff['changed'] = [];
  for (const pkg of headPackages) {
    const sources = baseSources.get(packageKey(pkg));
    if (sources && sourcesOf(pkg).every((source) => sources.has(source))) continue;
    const before = baseVersions.get(pkg.name);
    if (!before) {
      changed.push({ pkg, change: { kind: 'added', from: [] } });
      continue;
    }
    if (sources || before.has(pkg.version)) {
      // Same name@version, fetched from elsewhere (or a git dependency at another commit).
      changed.push({ pkg, change: { kind: 'source', from: [pkg.version] } });
      continue;
    }
    const stillThere = headVersions.get(pkg.name) ?? new Set<string>();
    const from = [...before].filter((version) => !stillThere.has(version)).sort(compareVersions);
    changed.push({ pkg, change: { kind: kindOf(pkg.version, from), from } });
  }

  const removed = basePackages
    .filter((pkg) => !headKeys.has(packageKey(pkg)))
    .map((pkg) => ({ name: pkg.name, version: pkg.version }));

  const status: LockfileStatus =
    base === null ? 'added' : head === null ? 'removed' : changed.length === 0 && removed.length === 0 ? 'unchanged' : 'modified';
  return { path, status, changed, removed };
}

export interface ChangeSet {
  /** packageKey → how the entry changed (merged over lockfiles: every old version counts). */
  changes: Map<string, PackageChange>;
  lockfiles: LockfileChangeSummary[];
}

/** Folds per-lockfile diffs into the set of entries to evaluate. */
export function changeSet(diffs: readonly LockfileDiff[]): ChangeSet {
  const changes = new Map<string, PackageChange>();
  for (const diff of diffs) {
    for (const { pkg, change } of diff.changed) {
      const key = packageKey(pkg);
      const known = changes.get(key);
      if (!known) {
        changes.set(key, change);
        continue;
      }
      const from = [...new Set([...known.from, ...change.from])].sort(compareVersions);
      // "added" in one lockfile and "upgraded" in another reads as the more informative one.
      changes.set(key, { kind: known.kind === 'added' ? change.kind : known.kind, from });
    }
  }
  const lockfiles = diffs.map((diff) => ({ path: diff.path, status: diff.status, changed: diff.changed.length, removed: diff.removed.length }));
  return { changes, lockfiles };
}
