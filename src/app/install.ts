/**
 * `quarantine install`: resolve without running anything, gate what changed, then install.
 *
 * 1. snapshot package.json and the lockfile(s) (bytes, or "did not exist");
 * 2. the package manager's resolve-only command (src/app/install/plan.ts) writes the new lockfile,
 *    with its own release-age setting set to the policy's window (install/age-setting.ts), so it
 *    picks the newest version old enough; when it finds none, it resolves again without, so the
 *    gate can say what is blocked and what would pass;
 * 3. runCheck gates the entries that changed since the snapshot; blocked versions already in the
 *    lockfile that the install keeps are reported too, and block it when the user named them;
 * 4. blocked, --dry-run, a failure, or SIGINT/SIGTERM/SIGHUP: the snapshot is restored byte
 *    for byte; otherwise the real install runs with the terminal attached.
 * Prints nothing itself: the report goes to `onReport`, the package managers' output to stderr
 * (resolve step) or to the terminal (real install).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { HostSignal } from '../model/host.js';
import { isBlocked, type CheckedPackage, type CheckReport } from '../model/report.js';
import type { Lockfile } from '../model/types.js';
import type { PackageManagerName } from './install/detect.js';
import { describeCommand, planInstall, type InstallPlan } from './install/plan.js';
import { Interrupted, PROJECT_SIGNALS, projectPackageManager, startCommand, type RunningCommand } from './install/package-manager-process.js';
import { restoreSnapshot, snapshotFiles, snapshotText, type ProjectSnapshot } from './install/snapshot.js';
import { parseLockfile } from '../lockfile/formats.js';
import { runCheck } from './check.js';
import type { RunOptions } from './inputs.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import { loadPolicy } from '../config/read-policy.js';
import { ageSettingFor, pnpmEnvExclusions, type AgeSetting } from './install/age-setting.js';
import { exactlyNamed, keptBlocked } from './install/kept-blocked.js';
import { PNPM_WORKSPACE_FILE, writePnpmAgeSettings } from './install/pnpm-workspace-settings.js';
import { keptYoungNames } from './fix/plan.js';
import { readFileSync } from 'node:fs';

export interface InstallOptions extends Omit<RunOptions, 'lockfile' | 'lockfiles' | 'base'> {
  packages: readonly string[];
  /** Arguments for the package manager (after `--`). */
  args: readonly string[];
  packageManager?: PackageManagerName | undefined;
  dryRun: boolean;
  /**
   * Called once the gate has decided, before anything is installed or restored. `kept`: blocked
   * versions already in the lockfile that the install keeps (not named by the user).
   */
  onReport: (report: CheckReport, plan: InstallPlan, kept: readonly CheckedPackage[]) => void;
  /** Told when the package manager found nothing old enough and resolves again without its age setting. */
  onNotice?: ((notice: { kind: 'age-setting-dropped'; command: string }) => void) | undefined;
  /** Where the real install's stdout goes: the terminal, or stderr (to keep --json clean). */
  installStdout: 'inherit' | 'stderr';
}

export type InstallOutcome = 'installed' | 'blocked' | 'dry-run';


/** The snapshot as a base: the lockfile as it was, parsed with the package.json as it was. */
function snapshotBase(snapshot: ProjectSnapshot, lockfilePath: string, lockfile: string): BaseLockfiles {
  return {
    label: 'before install',
    async read(path: string): Promise<Lockfile | null> {
      if (resolve(path) !== lockfilePath) return null;
      const text = snapshotText(snapshot, lockfile);
      if (text === null) return null;
      const packageJson = snapshotText(snapshot, 'package.json');
      return parseLockfile({ path, text, ...(packageJson === null ? {} : { packageJson }) });
    },
  };
}

/**
 * The package manager's age setting for the resolving step: the policy's window, with the
 * young versions already locked, pnpm's locked config dependencies and the exact versions the
 * user names let through (the gate judges those; pnpm would otherwise refuse to resolve around them). Null when release-age is
 * off or the package manager has no such setting (Yarn classic).
 */
async function ageSetting(options: InstallOptions, plan: InstallPlan, dir: string, before: CheckReport | null): Promise<AgeSetting | null> {
  const { policy } = await loadPolicy({ dir, policy: options.policy });
  const rule = policy.rules['release-age'];
  if (rule.severity === 'off') return null;
  const window = rule.minReleaseAge;
  const young = before === null ? [] : keptYoungNames(before, options.now - window, new Set());
  const lockfile = join(dir, plan.lockfile);
  const env = plan.flavor === 'pnpm' && before !== null ? pnpmEnvExclusions(readFileSync(lockfile, 'utf8'), lockfile) : [];
  return ageSettingFor(plan.flavor, { window, now: options.now, wallClock: options.host.now(), exclude: [...young, ...env, ...exactlyNamed(options.packages)] });
}

export async function runInstall(options: InstallOptions): Promise<InstallOutcome> {
  const dir = resolve(options.dir);
  const { env, signals } = options.host;
  const { facts, manager, binary } = await projectPackageManager(dir, options.packageManager, options.host);
  const scratch = mkdtempSync(join(options.host.tmpDir, 'quarantine-resolve-'));
  const plan = planInstall({ manager, lockfiles: facts.lockfiles, packages: options.packages, args: options.args, scratchModulesFolder: join(scratch, 'node_modules') });
  const snapshot = snapshotFiles(dir, plan.projectFiles);

  let running: RunningCommand | null = null;
  let interrupted: HostSignal | null = null;
  const cleanUp = () => {
    for (const signal of PROJECT_SIGNALS) signals.off(signal, onSignal);
    rmSync(scratch, { recursive: true, force: true });
  };
  function onSignal(signal: HostSignal): void {
    interrupted = signal;
    if (running && running.child.exitCode === null) {
      running.child.kill(signal); // the flow below sees it exit, restores, and re-raises
      return;
    }
    restoreSnapshot(snapshot);
    cleanUp();
    signals.raise(signal);
  }
  for (const signal of PROJECT_SIGNALS) signals.on(signal, onSignal);

  const run = async (args: readonly string[], stdio: 'resolve' | 'install', extraEnv: Record<string, string> = {}): Promise<void> => {
    const stdout = stdio === 'resolve' || options.installStdout === 'stderr' ? 2 : 'inherit';
    running = startCommand(binary, args, { cwd: dir, env: { ...env, ...extraEnv }, stdio: [stdio === 'resolve' ? 'ignore' : 'inherit', stdout, 'inherit'] });
    const { code } = await running.exited;
    running = null;
    if (interrupted) throw new Interrupted(interrupted);
    if (code !== 0) {
      throw new QuarantineError(ERROR_CODES.packageManager, `\`${describeCommand(binary.name, args)}\` failed (exit ${code}); package.json and the lockfile are restored`);
    }
  };

  try {
    const lockfilePath = join(dir, plan.lockfile);
    const before = facts.lockfiles.includes(plan.lockfile) ? await runCheck({ ...options, dir, lockfiles: [lockfilePath] }) : null;
    const setting = await ageSetting(options, plan, dir, before);
    const workspace = snapshotFiles(dir, [PNPM_WORKSPACE_FILE]);
    try {
      if (setting?.pnpmWorkspace) writePnpmAgeSettings(dir, setting.pnpmWorkspace);
      await run([...plan.resolve, ...(setting?.args ?? [])], 'resolve', setting?.env);
    } catch (error) {
      if (setting === null || interrupted || !(error instanceof QuarantineError)) throw error;
      // Nothing old enough for what is asked: resolve as asked, and let the gate say why.
      restoreSnapshot(snapshot);
      options.onNotice?.({ kind: 'age-setting-dropped', command: describeCommand(binary.name, plan.resolve) });
      await run(plan.resolve, 'resolve');
    } finally {
      restoreSnapshot(workspace);
    }
    const changed = await runCheck({ ...options, dir, lockfiles: [lockfilePath], base: snapshotBase(snapshot, lockfilePath, plan.lockfile) });
    const packageJson = readFileSync(join(dir, 'package.json'), 'utf8');
    const after = parseLockfile({ path: lockfilePath, text: readFileSync(lockfilePath, 'utf8'), packageJson });
    const kept = keptBlocked(before, after.packages, changed, options.packages);
    const report: CheckReport = kept.named.length === 0 ? changed : { ...changed, packages: [...changed.packages, ...kept.named] };
    options.onReport(report, plan, kept.others);
    const blocked = isBlocked(report);
    if (blocked || options.dryRun) {
      restoreSnapshot(snapshot);
      return blocked ? 'blocked' : 'dry-run';
    }
    await run(plan.install, 'install');
    return 'installed';
  } catch (error) {
    restoreSnapshot(snapshot);
    if (error instanceof Interrupted) {
      cleanUp();
      signals.raise(error.signal);
    }
    throw error;
  } finally {
    cleanUp();
  }
}
