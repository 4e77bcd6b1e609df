/**
 * Errors -> what a user reads. describeError decides, once, what an error says: a
 * QuarantineError's message, details and hint, or `internal error: ...` for anything else (a
 * bug), each part printable and without credentials. Each surface then lays the parts out as it
 * always has: the Action and the Bun scanner on one line, the CLI on stderr lines, the pnpm hook
 * as pnpm's error message.
 */
import { isQuarantineError } from '../model/errors.js';
import { printable } from './sanitize.js';

export interface ErrorText {
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
    return { message: printable(error.message), details: error.details.map(printable), hint: printable(error.hint ?? ''), internal: false };
  }
  return { message: printable(error instanceof Error ? error.message : String(error)), details: [], hint: '', internal: true };
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
    return `quarantine: internal error: ${text.message}\n  this is a bug in release-quarantine; rerun with QUARANTINE_DEBUG=1 for details and please report it\n`;
  }
  return [`quarantine: ${text.message}`, ...text.details.map((detail) => `  ${detail}`), ...(text.hint ? [`  hint: ${text.hint}`] : [])].map((line) => `${line}\n`).join('');
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
