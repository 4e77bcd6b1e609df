/** Finding and reading lockfiles on disk: the I/O edge of lockfile/. Parsers stay pure. */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
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

/**
 * Every lockfile in `dir`. All of them are checked: when a project holds several (a migration
 * left package-lock.json beside pnpm-lock.yaml, or npm-shrinkwrap.json beside
 * package-lock.json) the gate never silently picks one. A binary bun.lockb is skipped when a
 * text bun.lock sits beside it (Bun reads the text one); alone, it is reported as unreadable.
 */
export async function findLockfiles(dir: string): Promise<string[]> {
  if (!(await isDirectory(dir))) {
    throw new QuarantineError(ERROR_CODES.usage, `${dir}: no such directory`);
  }
  const found = await lockfileNamesIn(dir);
  const names = found.includes('bun.lock') ? found.filter((name) => name !== 'bun.lockb') : found;
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
