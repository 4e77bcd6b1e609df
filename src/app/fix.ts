/**
 * `quarantine fix`: turn a red lockfile green by letting the project's own package manager
 * resolve the blocked entries again with its release-age setting set to the policy's window.
 *
 * 1. check the whole lockfile; sort the blocked packages (app/fix/plan.ts): only release-age
 *    blocks with a passing version within range are moved; a change of hands is for review;
 * 2. (not with --dry-run) snapshot the project files; npm and pnpm: take the entries out of
 *    the lockfile (pnpm 11+: out of its main document; the env lockfile's config dependencies
 *    are excluded from the age setting at exactly their locked versions); run the package
 *    manager lockfile-only with scripts off and its age setting;
 * 3. check again and return what changed and what is still blocked. A failure or a signal puts
 *    every file back byte for byte. Prints nothing: the shell reports.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { HostSignal } from '../model/host.js';
import type { CheckReport } from '../model/report.js';
import { forgetNpmVersions, forgetPnpmVersions } from '../lockfile/forget-versions.js';
import { runCheck } from './check.js';
import type { RunOptions } from './inputs.js';
import { ageSettingFor, pnpmEnvExclusions } from './install/age-setting.js';
import type { PackageManagerName } from './install/detect.js';
import { Interrupted, PROJECT_SIGNALS, projectPackageManager, startCommand, type RunningCommand } from './install/package-manager-process.js';
import { describeCommand, flavorOf, planInstall } from './install/plan.js';
import { PNPM_WORKSPACE_FILE, writePnpmAgeSettings } from './install/pnpm-workspace-settings.js';
import { restoreSnapshot, snapshotFiles } from './install/snapshot.js';
import { fixCommandFor } from './fix/command.js';
import { keptYoungNames, planFix, relocked, versionChanges } from './fix/plan.js';
import type { FixResult } from '../model/fix.js';

export type { FixResult };

export interface FixOptions extends Omit<RunOptions, 'lockfile' | 'lockfiles' | 'base'> {
  packageManager?: PackageManagerName | undefined;
  dryRun: boolean;
}

export async function runFix(options: FixOptions): Promise<FixResult> {
  const dir = resolve(options.dir);
  const { env, signals } = options.host;
  const { facts, manager, binary } = await projectPackageManager(dir, options.packageManager, options.host);
  const flavor = flavorOf(manager);
  if (flavor === 'yarn-classic') {
    throw new QuarantineError(ERROR_CODES.usage, 'Yarn classic has no release-age setting, so `quarantine fix` cannot ask it for older versions', {
      hint: 'pin the versions `quarantine check` suggests under "resolutions" in package.json, or move to Yarn 4',
    });
  }
  const install = planInstall({ manager, lockfiles: facts.lockfiles, packages: [], args: [], scratchModulesFolder: '' });
  const lockfile = join(dir, install.lockfile);
  const check = (): Promise<CheckReport> => runCheck({ ...options, dir, lockfiles: [lockfile] });
  const before = await check();
  const entries = planFix(before);
  const moving = relocked(entries);
  const names = [...new Set(moving.map((entry) => entry.pkg.name))].sort();
  const result: FixResult = { packageManager: flavor, lockfile, before, entries, command: null, ageSetting: null, dryRun: options.dryRun, changes: [], after: null };
  if (names.length === 0) return result;

  const command = fixCommandFor(flavor, names);
  const window = Math.max(before.minReleaseAge, ...moving.flatMap(({ pkg }) => pkg.findings.map((finding) => ('minReleaseAge' in finding ? finding.minReleaseAge : 0))));
  // npm and pnpm: the lockfile without the moving entries, made before --dry-run returns so
  // that a lockfile `fix` cannot edit (npm v1) is refused by a dry run too.
  const lockText = command.forgetsEntries ? readFileSync(lockfile, 'utf8') : null;
  const versions = moving.map(({ pkg }) => ({ name: pkg.name, version: pkg.version }));
  const forgotten = lockText === null ? null : flavor === 'npm' ? forgetNpmVersions(lockText, lockfile, versions) : forgetPnpmVersions(lockText, lockfile, versions);
  // pnpm 11+: the env lockfile's config dependencies may be young; pnpm keeps them at exactly their locked versions.
  const envLocked = flavor === 'pnpm' && lockText !== null ? pnpmEnvExclusions(lockText, lockfile) : [];
  const exclude = [...keptYoungNames(before, options.now - window, new Set(names)), ...envLocked];
  const setting = ageSettingFor(flavor, { window, now: options.now, wallClock: options.host.now(), exclude });
  const args = [...command.args, ...(setting?.args ?? [])];
  result.command = describeCommand(binary.name, args);
  result.ageSetting = setting?.describe ?? null;
  if (options.dryRun) return result;

  const snapshot = snapshotFiles(dir, install.projectFiles);
  const workspace = snapshotFiles(dir, [PNPM_WORKSPACE_FILE]);
  // pnpm 11+ installs config dependencies into node_modules/.pnpm-config even lockfile-only;
  // a node_modules folder the run created is removed again: `fix` writes only the lockfile.
  const modules = join(dir, 'node_modules');
  const hadModules = existsSync(modules);
  const dropCreatedModules = (): void => {
    if (!hadModules) rmSync(modules, { recursive: true, force: true });
  };
  const putBack = (): void => {
    restoreSnapshot(snapshot);
    dropCreatedModules();
  };
  let running: RunningCommand | null = null;
  let interrupted: HostSignal | null = null;
  function onSignal(signal: HostSignal): void {
    interrupted = signal;
    if (running && running.child.exitCode === null) {
      running.child.kill(signal);
      return;
    }
    putBack();
    for (const name of PROJECT_SIGNALS) signals.off(name, onSignal);
    signals.raise(signal);
  }
  for (const name of PROJECT_SIGNALS) signals.on(name, onSignal);
  try {
    if (forgotten !== null) writeFileSync(lockfile, forgotten);
    if (setting?.pnpmWorkspace) writePnpmAgeSettings(dir, setting.pnpmWorkspace);
    running = startCommand(binary, args, { cwd: dir, env: { ...env, ...command.env, ...setting?.env }, stdio: ['ignore', 2, 'inherit'] });
    const { code } = await running.exited;
    running = null;
    restoreSnapshot(workspace);
    dropCreatedModules();
    if (interrupted) throw new Interrupted(interrupted);
    if (code !== 0) {
      throw new QuarantineError(ERROR_CODES.packageManager, `\`${result.command}\` failed (exit ${code}); the lockfile is restored`, {
        hint: 'its message is above; `quarantine check` names a version that passes for each blocked package',
      });
    }
    result.after = await check();
  } catch (error) {
    putBack();
    if (error instanceof Interrupted) {
      for (const name of PROJECT_SIGNALS) signals.off(name, onSignal);
      signals.raise(error.signal);
    }
    throw error;
  } finally {
    for (const name of PROJECT_SIGNALS) signals.off(name, onSignal);
  }
  result.changes = versionChanges(before.packages, result.after.packages);
  return result;
}
