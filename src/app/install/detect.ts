/**
 * Which package manager a project uses, from what is on disk. Pure: the caller reads the
 * files and passes what it found. Order: an explicit choice (--package-manager), the
 * corepack-style `packageManager` field of package.json, the lockfile present, else npm.
 */
import { ERROR_CODES } from '../../model/constants.js';
import { QuarantineError } from '../../model/errors.js';

import { PACKAGE_MANAGER_COMMANDS, type PackageManagerCommand } from '../../model/types.js';

/** The package manager's command; Yarn's flavor is told apart below. */
export type PackageManagerName = PackageManagerCommand;

/** Yarn classic (1.x) and Yarn Berry (2+) resolve differently; `unknown` asks the binary. */
export type YarnFlavor = 'classic' | 'berry' | 'unknown';

export interface DetectedPackageManager {
  name: PackageManagerName;
  /** Only for yarn. */
  yarnFlavor?: YarnFlavor;
  /** How it was chosen, for messages: `--package-manager`, `packageManager field`, `yarn.lock`, `default`. */
  reason: string;
}

export interface ProjectFacts {
  /** Lockfile names present in the project directory (see LOCKFILE_NAMES). */
  lockfiles: readonly string[];
  /** The raw `packageManager` field of package.json, when it is a string. */
  packageManagerField?: string | undefined;
  /** yarn.lock starts a Berry lockfile (`__metadata`). */
  yarnLockIsBerry?: boolean | undefined;
  /** .yarnrc.yml exists (Berry's configuration file). */
  hasYarnrcYml?: boolean | undefined;
  /** --package-manager. */
  override?: PackageManagerName | undefined;
}

const LOCKFILE_OWNERS: Record<string, PackageManagerName> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
};

export function isPackageManagerName(value: string): value is PackageManagerName {
  return (PACKAGE_MANAGER_COMMANDS as readonly string[]).includes(value);
}

/** `pnpm@10.4.1+sha512...` → {name: 'pnpm', major: 10}; null when not of that shape. */
export function parsePackageManagerField(field: string): { name: PackageManagerName; major: number | null } | null {
  const match = /^(npm|pnpm|yarn|bun)(?:@(\d+)?|$)/.exec(field.trim());
  if (!match || !match[1] || !isPackageManagerName(match[1])) return null;
  return { name: match[1], major: match[2] === undefined ? null : Number(match[2]) };
}

function yarnFlavorOf(facts: ProjectFacts, major: number | null): YarnFlavor {
  if (major !== null) return major >= 2 ? 'berry' : 'classic';
  if (facts.yarnLockIsBerry === true || facts.hasYarnrcYml === true) return 'berry';
  if (facts.yarnLockIsBerry === false) return 'classic';
  return 'unknown';
}

function detected(name: PackageManagerName, reason: string, facts: ProjectFacts, major: number | null = null): DetectedPackageManager {
  return name === 'yarn' ? { name, reason, yarnFlavor: yarnFlavorOf(facts, major) } : { name, reason };
}

export function detectPackageManager(facts: ProjectFacts): DetectedPackageManager {
  if (facts.override) return detected(facts.override, '--package-manager', facts);
  if (facts.packageManagerField !== undefined) {
    const parsed = parsePackageManagerField(facts.packageManagerField);
    if (!parsed) {
      throw new QuarantineError(ERROR_CODES.usage, `package.json: "packageManager": "${facts.packageManagerField}" names no package manager this command knows (npm, pnpm, yarn, bun)`, {
        hint: 'pass --package-manager <npm|pnpm|yarn|bun>',
      });
    }
    return detected(parsed.name, 'packageManager field', facts, parsed.major);
  }
  const owners = new Map<PackageManagerName, string>();
  for (const lockfile of facts.lockfiles) {
    const owner = LOCKFILE_OWNERS[lockfile];
    if (owner && !owners.has(owner)) owners.set(owner, lockfile);
  }
  if (owners.size > 1) {
    throw new QuarantineError(ERROR_CODES.usage, `lockfiles of several package managers in this project (${[...owners.values()].join(', ')}): which one installs?`, {
      hint: 'pass --package-manager <npm|pnpm|yarn|bun>, or set "packageManager" in package.json',
    });
  }
  const [only] = [...owners.entries()];
  if (only) return detected(only[0], only[1], facts);
  return detected('npm', 'default', facts);
}
