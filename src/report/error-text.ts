/**
 * Errors -> what a user reads. describeError decides, once, what an error says: a
 * QuarantineError's message, details and hint, or `internal error: ...` for anything else (a
 * bug), each part printable and without credentials. Each surface then lays the parts out as it
 * always has: the Action and the Bun scanner on one line, the CLI on stderr lines, the pnpm hook
 * as pnpm's error message.
 */
import { JSON_SCHEMA_VERSION } from '../model/constants.js';
import { isQuarantineError } from '../model/errors.js';
import { printable } from './sanitize.js';

/** The code of an error that is not a QuarantineError: a bug. Never thrown; only reported. */
export const INTERNAL_ERROR_CODE = 'E_INTERNAL';

const INTERNAL_HINT = 'this is a bug in release-quarantine; rerun with QUARANTINE_DEBUG=1 for details and please report it';

export interface ErrorText {
  /** The QuarantineError's code (ERROR_CODES), or INTERNAL_ERROR_CODE for a bug. */
  code: string;
  /** What is wrong (for a bug: the error's own message). */
  message: string;
  /** Further problems of the same kind, one line each. */
  details: string[];
  /** What to do; empty when there is nothing to say. */
  hint: string;
  /** Not a QuarantineError: a bug in release-quarantine. */
  internal: boolean;
}

export function describeError(error: unknown): ErrorText {
  if (isQuarantineError(error)) {
    return { code: error.code, message: printable(error.message), details: error.details.map(printable), hint: printable(error.hint ?? ''), internal: false };
  }
  return { code: INTERNAL_ERROR_CODE, message: printable(error instanceof Error ? error.message : String(error)), details: [], hint: '', internal: true };
}

/** One line: `message (detail; detail). Hint: hint`, or `internal error: ...` asking for a report. */
export function errorLine(error: unknown): string {
  const text = describeError(error);
  if (text.internal) return `internal error: ${text.message}. This is a bug in release-quarantine; please report it`;
  const details = text.details.length > 0 ? ` (${text.details.join('; ')})` : '';
  return `${text.message}${details}${text.hint ? `. Hint: ${text.hint}` : ''}`;
}

/** The CLI's stderr: `quarantine: message`, then each detail and the hint indented. */
export function errorLines(error: unknown): string {
  const text = describeError(error);
  if (text.internal) {
    return `quarantine: internal error: ${text.message}\n  ${INTERNAL_HINT}\n`;
  }
  return [`quarantine: ${text.message}`, ...text.details.map((detail) => `  ${detail}`), ...(text.hint ? [`  hint: ${text.hint}`] : [])].map((line) => `${line}\n`).join('');
}

/** What `--json` prints on stdout when a command exits 2 (README: "JSON error document"). */
export interface ErrorDocument {
  schemaVersion: number;
  error: {
    /** An ERROR_CODES value, or E_INTERNAL for a bug. */
    code: string;
    message: string;
    /** What to do, or null. */
    hint: string | null;
    /** Further problems of the same kind, one line each. */
    details: string[];
  };
}

/** The JSON error document: the same words as the stderr lines, as data. */
export function errorDocument(error: unknown): ErrorDocument {
  const text = describeError(error);
  const message = text.internal ? `internal error: ${text.message}` : text.message;
  const hint = text.internal ? INTERNAL_HINT : text.hint || null;
  return { schemaVersion: JSON_SCHEMA_VERSION, error: { code: text.code, message, hint, details: text.details } };
}

/** Why a hook could not decide, as words: the message, details and hint (a bug: its message). */
export function errorReason(error: unknown): string {
  const text = describeError(error);
  return [text.message, ...text.details, text.hint].filter((part) => part !== '').join(' ');
}

/** The pnpm hook's message when the gate could not decide: it stops the install (the hint goes separately). */
export function undecidedInstallMessage(text: ErrorText): string {
  const details = text.details.length > 0 ? `\n${text.details.join('\n')}` : '';
  return `release-quarantine could not check this install, so it stops it: ${text.message}${details}`;
}
