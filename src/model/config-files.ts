/**
 * Where the trust inputs (the policy, npm's and Yarn's configuration) are read from. The CLI
 * reads them from the disk; the Action on a pull request reads them as they are at the base
 * commit, so the pull request it judges cannot relax its own gate or redirect its credentials
 * (git/base-files.ts, docs/security.md). Paths are absolute.
 */
export interface ConfigFiles {
  /** The file's text; rejects like `fs.readFile` (an error with `code` ENOENT when there is none). */
  readText(path: string): Promise<string>;
  /** Whether `path` is a regular file (false when it does not exist). */
  isFile(path: string): Promise<boolean>;
}

/** An fs-style error: callers tell a missing file from an unreadable one by `code`. */
export function fileError(code: 'ENOENT' | 'EISDIR', path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${path}`), { code, path });
}
