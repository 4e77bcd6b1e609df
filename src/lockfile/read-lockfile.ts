/** Finding and reading lockfiles on disk: the I/O edge of lockfile/. Parsers stay pure. */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
import { parseJsonText } from '../model/json-text.js';
import { packageManagerPin, pinsAtLeast } from '../model/package-manager-pin.js';
import type { Lockfile } from '../model/types.js';
import { LOCKFILE_NAMES, parseLockfile, type LockfileInput } from './formats.js';
import { readRegularFile } from './regular-file.js';

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The names in LOCKFILE_NAMES that are files in `dir`, in that order (bun.lockb included). */
export async function lockfileNamesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of LOCKFILE_NAMES) {
    if (await isFile(join(dir, name))) found.push(name);
  }
  return found;
}

const SHRINKWRAP = 'npm-shrinkwrap.json';

/** The npm 12+ pin of a package.json text (`packageManager` or `devEngines`), or null. */
function npm12PinOf(text: string | undefined): string | null {
  const parsed = text === undefined ? null : parseJsonText(text);
  const pin = parsed?.ok ? packageManagerPin(parsed.value) : null;
  return pin !== null && pinsAtLeast(pin, 'npm', '12.0.0') ? `${pin.source} admits npm ${pin.minVersion}` : null;
}

/**
 * The npm 12+ pin in `dir`'s package.json, or null. With `trusted` (the Action on a pull
 * request: the folder's package.json at the base commit), the pin counts only when the trusted
 * one pins npm 12 too: a pull request cannot add a pin to have its own shrinkwrap left out.
 */
async function npm12Pin(dir: string, trusted: TrustedPackageJson | undefined): Promise<string | null> {
  const pin = npm12PinOf(await readOptional(join(dir, 'package.json')).catch(() => undefined));
  if (pin === null || trusted === undefined) return pin;
  return npm12PinOf(await trusted()) === null ? null : pin;
}

/** Reads the package.json of the folder as a trusted commit has it (undefined: none there). */
export type TrustedPackageJson = () => Promise<string | undefined>;

/**
 * npm 12 no longer reads npm-shrinkwrap.json (npm/cli 12.0.0): it installs from
 * package-lock.json, and with only a shrinkwrap it resolves package.json's ranges afresh (and
 * `npm ci` refuses to run). For a project pinned to npm 12 the gate checks what npm installs:
 * the shrinkwrap is left out, and a shrinkwrap alone is an error, since nothing is locked.
 */
async function forNpm12(dir: string, names: string[], trusted: TrustedPackageJson | undefined): Promise<string[]> {
  if (!names.includes(SHRINKWRAP)) return names;
  const pin = await npm12Pin(dir, trusted);
  if (pin === null) return names;
  const rest = names.filter((name) => name !== SHRINKWRAP);
  if (!rest.includes('package-lock.json')) {
    throw new QuarantineError(ERROR_CODES.lockfileNotFound, `${join(dir, SHRINKWRAP)}: npm 12 ignores npm-shrinkwrap.json (${pin}), so it installs whatever package.json's ranges resolve to today: nothing is locked`, {
      hint: 'rename it to package-lock.json (`git mv npm-shrinkwrap.json package-lock.json`), the file npm 12 installs from',
    });
  }
  return rest;
}

/**
 * Of the lockfiles found in one folder (names, in any order), the ones the gate checks: the
 * one rule `check` (findLockfiles) and the Action (action/lockfiles.ts) share. All of them are
 * checked: when a project holds several (a migration left package-lock.json beside
 * pnpm-lock.yaml, or npm-shrinkwrap.json beside package-lock.json) the gate never silently
 * picks one. Two exceptions follow what the package manager reads: a binary bun.lockb is
 * skipped when a text bun.lock sits beside it (Bun reads the text one; alone, it is reported as
 * unreadable), and a project pinned to npm 12 or later (`packageManager` or `devEngines` in the
 * folder's package.json) is checked by its package-lock.json only, since npm 12 ignores
 * npm-shrinkwrap.json; a shrinkwrap alone is then an error (see forNpm12). `trusted`: the
 * pin must also be in that package.json as a trusted commit has it (see npm12Pin).
 */
export async function lockfilesToCheck(dir: string, names: readonly string[], trusted?: TrustedPackageJson): Promise<string[]> {
  return forNpm12(dir, names.includes('bun.lock') ? names.filter((name) => name !== 'bun.lockb') : [...names], trusted);
}

/** Every lockfile in `dir` that the gate checks (lockfilesToCheck). */
export async function findLockfiles(dir: string): Promise<string[]> {
  if (!(await isDirectory(dir))) {
    throw new QuarantineError(ERROR_CODES.usage, `${dir}: no such directory`);
  }
  const names = await lockfilesToCheck(dir, await lockfileNamesIn(dir));
  if (names.length === 0) {
    throw new QuarantineError(ERROR_CODES.lockfileNotFound, `${dir}: no lockfile found (looked for ${LOCKFILE_NAMES.join(', ')})`, {
      hint: 'run your package manager to write one (for npm: `npm install --package-lock-only --ignore-scripts`), or pass --lockfile <path>',
    });
  }
  return names.map((name) => join(dir, name));
}

async function readText(path: string): Promise<string> {
  try {
    return await readRegularFile(path);
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.lockfileNotFound, `${path}: ${fileReadProblem(error, 'lockfile')}`);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  return (await isFile(path)) ? readRegularFile(path) : undefined;
}

/** A lockfile's text and the package.json beside it, unparsed. */
async function readLockfileInput(path: string): Promise<LockfileInput> {
  // bun.lockb is binary: only its presence matters (the reader refuses it with a remedy).
  const text = path.endsWith('.lockb') && (await isFile(path)) ? '' : await readText(path);
  const packageJson = await readOptional(join(dirname(path), 'package.json'));
  return { path, text, packageJson };
}

export async function readLockfileAt(path: string): Promise<Lockfile> {
  return parseLockfile(await readLockfileInput(path));
}

type LockfileChoice = { dir: string; lockfile?: string | undefined; lockfiles?: readonly string[] | undefined };

/** The texts of the lockfiles `readLockfiles` would parse, unparsed (app/reuse.ts keys a reused verdict by them). */
export async function readLockfileInputs(options: LockfileChoice): Promise<LockfileInput[]> {
  const named = options.lockfiles ?? (options.lockfile ? [options.lockfile] : undefined);
  const paths = named && named.length > 0 ? named : await findLockfiles(options.dir);
  const inputs: LockfileInput[] = [];
  for (const path of paths) inputs.push(await readLockfileInput(path));
  return inputs;
}

/** The lockfiles named (`lockfiles`, or one with --lockfile), or every lockfile found in `dir`. */
export async function readLockfiles(options: LockfileChoice): Promise<Lockfile[]> {
  return (await readLockfileInputs(options)).map(parseLockfile);
}
