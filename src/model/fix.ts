/** What `quarantine fix` decided and did: data only (app/fix.ts computes it, report/fix-text.ts words it). */
import type { RuleId } from './constants.js';
import type { CheckedPackage, CheckReport } from './report.js';
import type { PackageManager } from './types.js';

export type FixTreatment =
  /** The package manager resolves it again under its age setting; `target` is what the gate expects. */
  | { kind: 'relock'; target: string }
  /** A change-of-hands block: listed for review, never moved. */
  | { kind: 'review'; rules: RuleId[] }
  /** Nothing old enough within the requested ranges; `outside` passes but crosses them. */
  | { kind: 'no-version-in-range'; outside: string | null }
  /** Blocked for reasons that another version chosen by age does not address. */
  | { kind: 'not-age'; rules: RuleId[] }
  /**
   * A pnpm config dependency: pnpm installs exactly the version pnpm-workspace.yaml pins, so a
   * lockfile-only run never moves it; `target` (null: none passes) is what to pin instead.
   */
  | { kind: 'config-dependency'; rules: RuleId[]; target: string | null };

export interface FixEntry {
  pkg: CheckedPackage;
  treatment: FixTreatment;
}

export interface VersionChange {
  name: string;
  /** Versions no longer locked (empty: newly added). */
  from: string[];
  /** Versions newly locked (empty: removed). */
  to: string[];
}

export interface FixResult {
  packageManager: PackageManager;
  /** The lockfile fixed (absolute). */
  lockfile: string;
  before: CheckReport;
  entries: FixEntry[];
  /** The command that resolves again (run, or that would run with --dry-run); null when nothing can be moved. */
  command: string | null;
  /** The package manager's age setting, for messages (`--min-release-age=7`). */
  ageSetting: string | null;
  dryRun: boolean;
  changes: VersionChange[];
  /** The check after the package manager ran; null when it did not run. */
  after: CheckReport | null;
}
