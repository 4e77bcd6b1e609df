/**
 * The exact things a person can do about a blocked version, for the package manager in use:
 * move a direct dependency to the version the plan holds it at, pin a transitive one with the
 * package manager's override field (a pnpm config dependency: pin it in pnpm-workspace.yaml with
 * `pnpm add --config`), or record a reviewed exception. A package of its parent's
 * release (plan.ts) gets the parent's move. Each move carries how it sits against the ranges
 * (`fit`), so no reporter can offer a version outside them as a plain fix. Data only; reporters
 * word it.
 */
import type { RuleId } from '../model/constants.js';
import { latestExpiryDate } from '../model/exception-limits.js';
import { DAY, isoDate } from '../model/instant.js';
import type { OverrideField, PlanFit, PlanStep, Remedy } from '../model/report.js';
import { isHistoryBinding, type Finding, type Instant, type LockedPackage, type PackageManager } from '../model/types.js';

const OVERRIDE_FIELD: Record<PackageManager, OverrideField> = {
  npm: 'overrides',
  pnpm: 'pnpm.overrides',
  'yarn-classic': 'resolutions',
  'yarn-berry': 'resolutions',
  bun: 'overrides',
};

function installArgs(packageManager: PackageManager, spec: string, dev: boolean): string[] {
  switch (packageManager) {
    case 'npm':
      return ['npm', 'install', ...(dev ? ['--save-dev'] : []), spec];
    case 'pnpm':
      return ['pnpm', 'add', ...(dev ? ['--save-dev'] : []), spec];
    case 'yarn-classic':
    case 'yarn-berry':
      return ['yarn', 'add', ...(dev ? ['--dev'] : []), spec];
    case 'bun':
      return ['bun', 'add', ...(dev ? ['--dev'] : []), spec];
  }
}

/** What the suggested `quarantine allow` says in place of the reason a person must write. */
export const EXCEPTION_REASON_PLACEHOLDER = '<why this release is safe>';

/** Writes the lockfile again from the registry without running any install script. */
const RELOCK_ARGS: Record<PackageManager, string[]> = {
  npm: ['npm', 'install', '--package-lock-only', '--ignore-scripts'],
  pnpm: ['pnpm', 'install', '--lockfile-only', '--ignore-scripts'],
  'yarn-classic': ['yarn', 'install', '--ignore-scripts'],
  'yarn-berry': ['yarn', 'install', '--mode=update-lockfile'],
  bun: ['bun', 'install', '--lockfile-only', '--ignore-scripts'],
};

/** An exception without a natural end (a takeover finding) is written for this long. */
const DEFAULT_EXCEPTION_DAYS = 30;

/**
 * Through the day the version becomes eligible, or DEFAULT_EXCEPTION_DAYS when it never does by
 * itself; never past the policy's maxExceptionDays, so `allow` accepts the command as printed
 * (it refuses a later date without --force-long-expiry). `capped`: the limit cut it short.
 */
function exceptionExpiry(eligibleAt: Instant | null, now: Instant, maxExceptionDays: number): { expires: string; capped: boolean } {
  const wanted = isoDate(eligibleAt !== null && eligibleAt > now ? eligibleAt : now + DEFAULT_EXCEPTION_DAYS * DAY);
  const latest = latestExpiryDate(now, maxExceptionDays);
  return wanted > latest ? { expires: latest, capped: true } : { expires: wanted, capped: false };
}

type MovedPackage = Pick<LockedPackage, 'name' | 'direct' | 'dev' | 'aliases' | 'configDependency'>;

/** What the fix moves: the package itself, or for a member of a release, its parent (the plan's cause). */
export interface Move {
  pkg: MovedPackage;
  version: string;
  fit: PlanFit;
}

export interface RemedyInput {
  pkg: Pick<LockedPackage, 'name' | 'version' | 'direct' | 'dev' | 'aliases' | 'configDependency'>;
  findings: readonly Finding[];
  eligibleAt: Instant | null;
  move: Move | null;
  /** The package managers of the lockfiles that hold the package. */
  packageManagers: readonly PackageManager[];
  /** The policy's maxExceptionDays: the suggested exception expires no later. */
  maxExceptionDays: number;
}

export function remediesFor(input: RemedyInput, now: Instant): Remedy[] {
  const { pkg, move } = input;
  const remedies: Remedy[] = [];
  if (move !== null) {
    const moved = move.pkg;
    const { version, fit } = move;
    for (const packageManager of new Set(input.packageManagers)) {
      // A pnpm config dependency has no override: it is pinned in pnpm-workspace.yaml's
      // configDependencies, which `pnpm add --config` writes (version, and integrity in the lockfile).
      if (moved.configDependency === true && packageManager === 'pnpm') {
        remedies.push({ kind: 'install', packageManager, args: ['pnpm', 'add', '--config', `${moved.name}@${version}`], version, fit, configDependency: true });
        continue;
      }
      // An aliased install (`"x": "npm:real@1"`) cannot be moved by name: pin it instead.
      if (moved.direct && moved.aliases.length === 0) {
        remedies.push({ kind: 'install', packageManager, args: installArgs(packageManager, `${moved.name}@${version}`, moved.dev), version, fit });
      } else {
        remedies.push({ kind: 'override', packageManager, field: OVERRIDE_FIELD[packageManager], name: moved.name, version, fit });
      }
    }
  }
  const rules = [...new Set(input.findings.filter((finding) => finding.severity === 'block').map((finding) => finding.rule))];
  // A history registry that disagrees is not fixed by writing the lockfile again.
  if (input.findings.some((finding) => finding.severity === 'block' && finding.rule === 'lockfile-binding' && !isHistoryBinding(finding))) {
    for (const packageManager of new Set(input.packageManagers)) remedies.push({ kind: 'relock', packageManager, args: RELOCK_ARGS[packageManager] });
  }
  const { expires, capped } = exceptionExpiry(input.eligibleAt, now, input.maxExceptionDays);
  remedies.push({
    kind: 'exception',
    args: [
      'quarantine', 'allow', `${pkg.name}@${pkg.version}`, ...rules.flatMap((rule) => ['--rule', rule]),
      '--reason', EXCEPTION_REASON_PLACEHOLDER, '--expires', expires,
    ],
    rules,
    expires,
    capped,
  });
  return remedies;
}

/** The move a plan step asks for: its own target, or for a member its cause's (`causeOf` finds the cause's package and step). */
export function moveOf(
  pkg: MovedPackage,
  step: PlanStep | null,
  causeOf: (key: string) => { pkg: MovedPackage; step: PlanStep | null } | undefined,
): Move | null {
  if (step === null) return null;
  if (step.role === 'member') {
    const cause = causeOf(step.cause);
    return cause === undefined ? null : moveOf(cause.pkg, cause.step?.role === 'cause' ? cause.step : null, causeOf);
  }
  return step.target !== null && step.fit !== null ? { pkg, version: step.target, fit: step.fit } : null;
}
