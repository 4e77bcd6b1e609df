/**
 * The "before" side of a pull request or push: lockfiles as they were at a git commit, read
 * with `git` itself (never GitHub's dependency-graph API, never code from the checkout). The
 * I/O edge for git; parsing stays in lockfile/.
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { isQuarantineError, QuarantineError } from '../model/errors.js';
import type { Env } from '../model/host.js';
import type { Lockfile } from '../model/types.js';
import { parseLockfile } from '../lockfile/formats.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';

const SHALLOW_HINT =
  'the checkout may be shallow: use actions/checkout with `fetch-depth: 0`, or fetch the base first (`git fetch --depth=1 origin <sha>`)';

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git with a fixed argument list (no shell) in `env` (the Host's); never throws for a non-zero exit. */
export function git(cwd: string, args: readonly string[], env: Env): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', [...args], { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        done({ ok: false, stdout: '', stderr: 'git is not installed (not on PATH)' });
        return;
      }
      done({ ok: !error, stdout, stderr });
    });
  });
}

/** The top of the work tree that holds `dir`. */
export async function repositoryRoot(dir: string, env: Env): Promise<string> {
  const result = await git(dir, ['rev-parse', '--show-toplevel'], env);
  if (!result.ok) {
    throw new QuarantineError(ERROR_CODES.baseNotFound, `${dir}: not inside a git repository (${firstLine(result.stderr)})`, {
      hint: 'a base can only be read from git history; run inside the clone',
    });
  }
  return result.stdout.trim();
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** The full commit id `ref` names, or a clear error when the clone does not have it. */
export async function resolveCommit(root: string, ref: string, env: Env): Promise<string> {
  if (ref.startsWith('-')) throw new QuarantineError(ERROR_CODES.usage, `--base: "${ref}" is not a commit or ref`);
  const result = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], env);
  if (!result.ok) {
    throw new QuarantineError(ERROR_CODES.baseNotFound, `base commit ${ref} is not in this clone`, { hint: SHALLOW_HINT });
  }
  return result.stdout.trim();
}

/** Repository-relative path with forward slashes, as git names it; null when outside the repository. */
export function repoPath(root: string, path: string): string | null {
  const absolute = resolve(path);
  let real = absolute;
  try {
    // git reports the real path of the work tree; a symlinked temp dir must not look "outside".
    real = join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    // A deleted lockfile's directory may be gone too; the plain path is all there is.
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith('..') || resolve(rel) === rel) return null;
  return rel.split(sep).join('/');
}

/** A file's content at `commit`, or undefined when it does not exist there. */
export async function readAtCommit(root: string, commit: string, path: string, env: Env): Promise<string | undefined> {
  const exists = await git(root, ['cat-file', '-e', `${commit}:${path}`], env);
  if (!exists.ok) return undefined;
  const result = await git(root, ['cat-file', 'blob', `${commit}:${path}`], env);
  if (!result.ok) throw new QuarantineError(ERROR_CODES.baseNotFound, `${path} at ${commit.slice(0, 7)}: git could not read it (${firstLine(result.stderr)})`);
  return result.stdout;
}

/** Lockfiles as they were at `ref`, for `check --base` and the Action. */
export async function gitBaseLockfiles(options: { dir: string; ref: string; removed?: readonly string[]; env: Env }): Promise<BaseLockfiles> {
  const { env } = options;
  const root = await repositoryRoot(options.dir, env);
  const commit = await resolveCommit(root, options.ref, env);
  const label = commit.startsWith(options.ref) ? commit.slice(0, 7) : `${options.ref} (${commit.slice(0, 7)})`;
  return {
    label,
    ...(options.removed ? { removed: options.removed } : {}),
    async read(path: string): Promise<Lockfile | null> {
      const inRepo = repoPath(root, path);
      if (inRepo === null) {
        throw new QuarantineError(ERROR_CODES.usage, `${path}: outside the git repository at ${root}, so it has no base to compare with`);
      }
      const text = await readAtCommit(root, commit, inRepo, env);
      if (text === undefined) return null;
      const manifestPath = dirname(inRepo) === '.' ? 'package.json' : join(dirname(inRepo), 'package.json').split(sep).join('/');
      const packageJson = await readAtCommit(root, commit, manifestPath, env);
      try {
        return parseLockfile({ path, text, ...(packageJson === undefined ? {} : { packageJson }) });
      } catch (error) {
        if (!isQuarantineError(error)) throw error;
        throw new QuarantineError(error.code, `at base ${label}: ${error.message}`, { details: error.details, ...(error.hint ? { hint: error.hint } : {}) });
      }
    },
  };
}
