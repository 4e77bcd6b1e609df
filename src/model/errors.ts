import type { ErrorCode } from './constants.js';

/**
 * "Could not decide": bad input, unreadable lockfile, registry down. Never used for a policy
 * violation (those are findings). `message` is one line saying what is wrong and where;
 * `hint` says what to do. Neither may contain credentials.
 */
export class QuarantineError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  /** Further problems of the same kind, one line each (e.g. every bad key of a policy). */
  readonly details: string[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QuarantineError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/**
 * A path that is a FIFO, a device or a socket where a file was expected: refused before
 * reading, since reading it may never end (`mkfifo`, `/dev/zero`).
 */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(readonly kind: 'FIFO' | 'device' | 'socket' | 'special file') {
    super(`not a regular file (a ${kind})`);
  }
}

/** What a non-regular path is, from its stats; null for a regular file or a directory. */
export function notRegularKind(stats: {
  isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean;
}): NotRegularFileError['kind'] | null {
  if (stats.isFile() || stats.isDirectory()) return null;
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return stats.isSocket() ? 'socket' : 'special file';
}

/**
 * Why a file could not be read, in words, from a Node.js fs error: `no such file`,
 * `is a directory` (`, not a <expected>` when given), or `cannot read (EACCES)`.
 */
export function fileReadProblem(error: unknown, expected?: string): string {
  if (error instanceof NotRegularFileError) return `is not a regular file (a ${error.kind})`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return expected ? `is a directory, not a ${expected}` : 'is a directory';
  return `cannot read (${code ?? 'unknown error'})`;
}

export function isQuarantineError(error: unknown): error is QuarantineError {
  return error instanceof QuarantineError;
}
