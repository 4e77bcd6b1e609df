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
 * Why a file could not be read, in words, from a Node.js fs error: `no such file`,
 * `is a directory` (`, not a <expected>` when given), or `cannot read (EACCES)`.
 */
export function fileReadProblem(error: unknown, expected?: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return expected ? `is a directory, not a ${expected}` : 'is a directory';
  return `cannot read (${code ?? 'unknown error'})`;
}

export function isQuarantineError(error: unknown): error is QuarantineError {
  return error instanceof QuarantineError;
}
