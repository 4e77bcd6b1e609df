/**
 * Which lockfiles the Action gates, found with git: the tracked lockfiles at head (every one
 * in the repository that `check` would read in its folder, or those the `lockfiles` input names
 * with paths or globs, taken as named like `check --lockfile`), and those the change deleted
 * since the base. Repository-relative paths with forward slashes.
 */
import { join, posix } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Env } from '../model/host.js';
import { git, readAtCommit } from '../git/base-lockfiles.js';
import { LOCKFILE_NAMES } from '../lockfile/formats.js';
import { lockfilesToCheck } from '../lockfile/read-lockfile.js';

export interface FoundLockfiles {
  present: string[];
  removed: string[];
}

const DEFAULT_PATHSPECS = LOCKFILE_NAMES.map((name) => `:(glob)**/${name}`);

function splitZ(output: string): string[] {
  return output.split('\0').filter((path) => path !== '');
}

function outsideNodeModules(path: string): boolean {
  return !path.split('/').includes('node_modules');
}

/**
 * The lockfiles of each folder that `check` would read there (lockfilesToCheck, the one rule for
 * both): a bun.lockb beside a bun.lock is left out, and for a folder whose package.json pins
 * npm 12, npm-shrinkwrap.json is left out (npm 12 installs from package-lock.json), or refused
 * when it is the only npm lockfile. On a pull request (`trustedCommit`, the base) the npm 12 pin
 * counts only when the base's package.json of the folder has it too: the head is data.
 */
async function checkedInEachFolder(root: string, paths: readonly string[], trustedCommit: string | null, env: Env): Promise<string[]> {
  const byFolder = new Map<string, string[]>();
  for (const path of paths) byFolder.set(posix.dirname(path), [...(byFolder.get(posix.dirname(path)) ?? []), posix.basename(path)]);
  const kept: string[] = [];
  for (const [folder, names] of byFolder) {
    const manifest = folder === '.' ? 'package.json' : posix.join(folder, 'package.json');
    const trusted = trustedCommit === null ? undefined : () => readAtCommit(root, trustedCommit, manifest, env);
    for (const name of await lockfilesToCheck(join(root, folder), names, trusted)) kept.push(folder === '.' ? name : posix.join(folder, name));
  }
  return sorted(kept);
}

async function gitList(root: string, args: string[], env: Env): Promise<string[]> {
  const result = await git(root, args, env);
  if (!result.ok) throw new QuarantineError(ERROR_CODES.usage, `git ${args[0] ?? ''} failed: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  return splitZ(result.stdout).filter(outsideNodeModules);
}

function tracked(root: string, pathspecs: string[], env: Env): Promise<string[]> {
  return gitList(root, ['ls-files', '-z', '--', ...pathspecs], env);
}

/** Files matching `pathspecs` that the base had and the work tree no longer has. */
function deletedSince(root: string, base: string, pathspecs: string[], env: Env): Promise<string[]> {
  return gitList(root, ['diff', '--name-only', '--no-renames', '--diff-filter=D', '-z', base, '--', ...pathspecs], env);
}

function sorted(paths: Iterable<string>): string[] {
  return [...new Set(paths)].sort();
}

export async function findLockfilesInRepo(
  root: string,
  patterns: readonly string[],
  base: string | null,
  env: Env,
  trustedCommit: string | null = null,
): Promise<FoundLockfiles> {
  if (patterns.length === 0) {
    const present = await checkedInEachFolder(root, await tracked(root, DEFAULT_PATHSPECS, env), trustedCommit, env);
    const removed = base ? sorted(await deletedSince(root, base, DEFAULT_PATHSPECS, env)) : [];
    if (present.length === 0 && removed.length === 0) {
      throw new QuarantineError(ERROR_CODES.lockfileNotFound, `no lockfile in the repository (looked for tracked ${LOCKFILE_NAMES.join(', ')})`, {
        hint: 'commit the lockfile your package manager writes, or name it with the `lockfiles` input',
      });
    }
    return { present, removed };
  }
  const present: string[] = [];
  const removed: string[] = [];
  for (const pattern of patterns) {
    const pathspec = [`:(glob)${pattern.replace(/^\.\//, '')}`];
    const here = await tracked(root, pathspec, env);
    const gone = base ? await deletedSince(root, base, pathspec, env) : [];
    if (here.length === 0 && gone.length === 0) {
      throw new QuarantineError(ERROR_CODES.lockfileNotFound, `no lockfile matches ${pattern}`, {
        hint: 'the `lockfiles` input takes repository-relative paths or globs of committed lockfiles (e.g. `packages/*/pnpm-lock.yaml`)',
      });
    }
    present.push(...here);
    removed.push(...gone);
  }
  return { present: sorted(present), removed: sorted(removed) };
}
