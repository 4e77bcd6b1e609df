/**
 * Which package manager version a project says it uses. A lockfile does not tell (npm 7 to 12
 * all write lockfileVersion 3; pnpm 9 to 12 write '9.0'), so the version comes from
 * package.json: `packageManager` (Corepack: `npm@12.2.2`, `pnpm@12.23.0+sha512...`), else
 * `devEngines.packageManager` (npm 10.9+: `{name, version}` or a list of them). Without either
 * the version is unknown, and callers keep the behaviour that is safe for every version.
 * Pure.
 */
import semver from 'semver';

export type PinnedManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManagerPin {
  name: PinnedManager;
  /** The lowest version the pin admits (an exact version for `packageManager`). */
  minVersion: string;
  /** Where it was read, for messages: `package.json#packageManager` or `package.json#devEngines`. */
  source: string;
}

const MANAGERS: readonly string[] = ['npm', 'pnpm', 'yarn', 'bun'];

function fromPackageManagerField(value: unknown): PackageManagerPin | null {
  if (typeof value !== 'string') return null;
  const match = /^(npm|pnpm|yarn|bun)@(\d+\.\d+\.\d+[^+\s]*)/.exec(value);
  const version = match ? semver.valid(match[2]) : null;
  return match && version ? { name: match[1] as PinnedManager, minVersion: version, source: 'package.json#packageManager' } : null;
}

function fromDevEngines(value: unknown): PackageManagerPin | null {
  const entries = Array.isArray(value) ? value : [value];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, version } = entry as { name?: unknown; version?: unknown };
    if (typeof name !== 'string' || !MANAGERS.includes(name) || typeof version !== 'string') continue;
    const min = semver.validRange(version) === null ? null : semver.minVersion(version);
    if (min) return { name: name as PinnedManager, minVersion: min.version, source: 'package.json#devEngines' };
  }
  return null;
}

/** The pin in a parsed package.json, or null. `packageManager` wins over `devEngines`. */
export function packageManagerPin(packageJson: unknown): PackageManagerPin | null {
  if (typeof packageJson !== 'object' || packageJson === null) return null;
  const pkg = packageJson as { packageManager?: unknown; devEngines?: { packageManager?: unknown } | null };
  const devEngines = typeof pkg.devEngines === 'object' && pkg.devEngines !== null ? pkg.devEngines.packageManager : undefined;
  return fromPackageManagerField(pkg.packageManager) ?? fromDevEngines(devEngines);
}

/** True when the project pins `name` at `version` or later (false when unpinned or pinned to another manager). */
export function pinsAtLeast(pin: PackageManagerPin | null, name: PinnedManager, version: string): boolean {
  return pin !== null && pin.name === name && semver.gte(pin.minVersion, version);
}
