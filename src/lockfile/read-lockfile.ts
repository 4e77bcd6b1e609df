/** Finding and reading a lockfile from disk: the I/O edge of lockfile/. Parsers stay pure. */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ERROR_CODES } from '../core/constants.js';
import { QuarantineError } from '../core/errors.js';
import type { Lockfile } from '../core/types.js';
import { parseNpmLockfile } from './npm.js';

/** npm reads npm-shrinkwrap.json in preference to package-lock.json when both exist. */
const NPM_LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'];

/** Lockfiles of other package managers, recognised so the error says what was found. */
const OTHER_LOCKFILES: Record<string, string> = {
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'Yarn',
  'bun.lock': 'Bun',
  'bun.lockb': 'Bun',
};

async function isFile(path: string): Promise<boolean> {
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

function unsupported(path: string, manager: string): QuarantineError {
  return new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: ${manager} lockfiles are not supported yet; this version reads npm's package-lock.json and npm-shrinkwrap.json`, {
    hint: 'generate an npm lockfile with `npm install --package-lock-only --ignore-scripts`, or pass --lockfile <package-lock.json>',
  });
}

/** The lockfile to check in `dir`: the one npm itself would use. */
export async function findLockfile(dir: string): Promise<string> {
  if (!(await isDirectory(dir))) {
    throw new QuarantineError(ERROR_CODES.usage, `${dir}: no such directory`);
  }
  for (const name of NPM_LOCKFILES) {
    const candidate = join(dir, name);
    if (await isFile(candidate)) return candidate;
  }
  for (const [name, manager] of Object.entries(OTHER_LOCKFILES)) {
    const candidate = join(dir, name);
    if (await isFile(candidate)) throw unsupported(candidate, manager);
  }
  throw new QuarantineError(ERROR_CODES.lockfileNotFound, `${dir}: no lockfile found (looked for ${NPM_LOCKFILES.join(', ')})`, {
    hint: 'run `npm install --package-lock-only --ignore-scripts` to write one, or pass --lockfile <path>',
  });
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a lockfile' : `cannot read (${code ?? 'unknown error'})`;
    throw new QuarantineError(ERROR_CODES.lockfileNotFound, `${path}: ${reason}`);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  return (await isFile(path)) ? readFile(path, 'utf8') : undefined;
}

/** Reads and parses the lockfile given with --lockfile, or the one found in `dir`. */
export async function readLockfile(options: { dir: string; lockfile?: string | undefined }): Promise<Lockfile> {
  const path = options.lockfile ?? (await findLockfile(options.dir));
  const name = basename(path);
  const manager = OTHER_LOCKFILES[name];
  if (manager) throw unsupported(path, manager);
  const text = await readText(path);
  const packageJson = await readOptional(join(dirname(path), 'package.json'));
  return parseNpmLockfile(text, packageJson === undefined ? { path } : { path, packageJson });
}
