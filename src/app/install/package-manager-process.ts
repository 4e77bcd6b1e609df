/**
 * Finding and running a package manager: the I/O edge of `quarantine install`. Arguments are
 * passed as a list (never through a shell). `QUARANTINE_NPM`, `QUARANTINE_PNPM`,
 * `QUARANTINE_YARN` and `QUARANTINE_BUN` name a binary or a JavaScript entry point to use
 * instead of the one on PATH (a `.js`/`.cjs`/`.mjs` file runs with this Node.js).
 */
import { execFile, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { ERROR_CODES } from '../../model/constants.js';
import { QuarantineError } from '../../model/errors.js';
import type { Env, HostSignal } from '../../model/host.js';
import { detectPackageManager, type DetectedPackageManager, type PackageManagerName, type ProjectFacts } from './detect.js';
import { readProjectFacts } from './project-facts.js';

export interface PackageManagerBinary {
  name: PackageManagerName;
  command: string;
  /** Arguments before the package manager's own (the script, for a JS entry point). */
  prefix: string[];
}

/** `execPath`: the Node.js binary that runs a JavaScript override (the Host's). */
export function locateBinary(name: PackageManagerName, env: Env, execPath: string): PackageManagerBinary {
  const override = env[`QUARANTINE_${name.toUpperCase()}`];
  if (override === undefined || override === '') return { name, command: name, prefix: [] };
  return /\.[cm]?js$/.test(override) ? { name, command: execPath, prefix: [override] } : { name, command: override, prefix: [] };
}

function notFound(binary: PackageManagerBinary): QuarantineError {
  return new QuarantineError(ERROR_CODES.packageManager, `${binary.name}: not found (${binary.command})`, {
    hint: `install ${binary.name}, put it on PATH, or point QUARANTINE_${binary.name.toUpperCase()} at it`,
  });
}

/** `yarn --version` and the like: stdout, trimmed. */
export function readVersion(binary: PackageManagerBinary, options: { cwd: string; env: Env }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary.command, [...binary.prefix, '--version'], { cwd: options.cwd, env: options.env, encoding: 'utf8' }, (error, stdout) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(notFound(binary));
      else if (error) reject(new QuarantineError(ERROR_CODES.packageManager, `${binary.name} --version failed`));
      else resolve(stdout.trim());
    });
  });
}

export interface RunningCommand {
  child: ChildProcess;
  /** The exit code, or 128 + signal number style codes for a signal (null code → 1). */
  exited: Promise<{ code: number; signal: NodeJS.Signals | null }>;
}

/** Starts the package manager; never blocks the event loop (a local registry may be in-process). */
export function startCommand(
  binary: PackageManagerBinary,
  args: readonly string[],
  options: { cwd: string; env: Env; stdio: StdioOptions },
): RunningCommand {
  const child = spawn(binary.command, [...binary.prefix, ...args], { cwd: options.cwd, env: options.env, stdio: options.stdio });
  const exited = new Promise<{ code: number; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', (error) => reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? notFound(binary) : error));
    child.once('close', (code, signal) => resolve({ code: code ?? 1, signal }));
  });
  return { child, exited };
}

/** The signals `install` and `fix` catch while a package manager runs, to put the project's files back first. */
export const PROJECT_SIGNALS: readonly HostSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A package manager run ended by one of PROJECT_SIGNALS: the caller restores, then raises it again. */
export class Interrupted extends Error {
  constructor(readonly signal: HostSignal) {
    super(`interrupted by ${signal}`);
  }
}

/** A Yarn of unknown flavor, settled by asking `yarn --version` (1.x is classic). */
export async function withYarnFlavor(manager: DetectedPackageManager, binary: PackageManagerBinary, cwd: string, env: Env): Promise<DetectedPackageManager> {
  if (manager.name !== 'yarn' || manager.yarnFlavor !== 'unknown') return manager;
  const version = await readVersion(binary, { cwd, env });
  return { ...manager, yarnFlavor: /^1\./.test(version) ? 'classic' : 'berry' };
}

/**
 * The package manager `install` and `fix` run in `dir`: the project's facts, the manager they
 * (or `override`) name, its binary, and for Yarn its flavor, settled by asking it.
 */
export async function projectPackageManager(
  dir: string,
  override: PackageManagerName | undefined,
  host: { env: Env; execPath: string },
): Promise<{ facts: Omit<ProjectFacts, 'override'>; manager: DetectedPackageManager; binary: PackageManagerBinary }> {
  const facts = await readProjectFacts(dir);
  const detected = detectPackageManager({ ...facts, override });
  const binary = locateBinary(detected.name, host.env, host.execPath);
  const manager = await withYarnFlavor(detected, binary, dir, host.env);
  return { facts, manager, binary };
}
