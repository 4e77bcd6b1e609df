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

export function isQuarantineError(error: unknown): error is QuarantineError {
  return error instanceof QuarantineError;
}
