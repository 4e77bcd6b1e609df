/**
 * The trust inputs as they are at a commit: files inside the repository are read from the
 * commit with `git` (never from the work tree, which holds the pull request's head); files
 * outside it (the runner's user `.npmrc`, the global npmrc, Yarn's home rc) from the disk, as
 * the workflow wrote them.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileError, type ConfigFiles } from '../model/config-files.js';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Env } from '../model/host.js';
import { git } from './base-lockfiles.js';

/**
 * `path` relative to the repository, textually (no symlink is followed: the work tree is the
 * pull request's, and a link it adds must not turn a base read into a read of the disk).
 */
function inRepository(root: string, path: string): string | null {
  const rel = relative(root, resolve(path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

export function gitConfigFiles(root: string, commit: string, env: Env): ConfigFiles {
  const typeOf = async (inRepo: string): Promise<string | null> => {
    const result = await git(root, ['cat-file', '-t', `${commit}:${inRepo}`], env);
    return result.ok ? result.stdout.trim() : null;
  };
  return {
    async readText(path) {
      const inRepo = inRepository(root, path);
      if (inRepo === null) return readFile(path, 'utf8');
      const type = await typeOf(inRepo);
      if (type === null) throw fileError('ENOENT', path);
      if (type !== 'blob') throw fileError('EISDIR', path);
      const result = await git(root, ['cat-file', 'blob', `${commit}:${inRepo}`], env);
      if (!result.ok) throw new QuarantineError(ERROR_CODES.baseNotFound, `${inRepo} at ${commit.slice(0, 7)}: git could not read it`);
      return result.stdout;
    },
    async isFile(path) {
      const inRepo = inRepository(root, path);
      if (inRepo !== null) return (await typeOf(inRepo)) === 'blob';
      try {
        return (await stat(path)).isFile();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return false;
        throw error;
      }
    },
  };
}
