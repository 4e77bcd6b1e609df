/** Checks of user-given arguments shared by the entry points (the CLI and the library API). */
import { ERROR_CODES } from './constants.js';
import { QuarantineError } from './errors.js';

/** A decimal number as typed on a command line (`8`, `2.5`); NaN for anything else (`abc`, `0x10`, `1e3`, ``). */
function numberFromText(value: number | string): number {
  if (typeof value === 'number') return value;
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : Number.NaN;
}

/** The value as the user gave it, for messages: a number as typed (`0`, `2.5`), anything else quoted (`"abc"`). */
function shown(value: number | string): string {
  return typeof value === 'string' && Number.isNaN(numberFromText(value)) ? JSON.stringify(value) : String(value);
}

/** `--concurrency`: a whole number from 1 to 256 (undefined: the default). The CLI passes the text as typed. */
export function parseConcurrency(value: number | string | undefined, label = '--concurrency'): number | undefined {
  if (value === undefined) return undefined;
  const number = numberFromText(value);
  if (!Number.isInteger(number) || number < 1 || number > 256) {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected a whole number from 1 to 256, got ${shown(value)}`);
  }
  return number;
}

/** A positive number of `unit`s up to `max`, as the whole number of milliseconds or bytes it stands for. */
function parseLimit(label: string, value: number | string | undefined, unit: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = numberFromText(value);
  if (!Number.isFinite(number) || number <= 0 || number > max) {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected a number above 0 and at most ${max}, got ${shown(value)}`);
  }
  return Math.round(number * unit);
}

/** `--document-timeout <seconds>` -> milliseconds (undefined: the default, 60 s). */
export function parseDocumentTimeout(value: number | string | undefined, label = '--document-timeout'): number | undefined {
  return parseLimit(label, value, 1000, 3600);
}

/** `--max-document-size <MiB>` -> bytes (undefined: the default, 128 MiB). */
export function parseMaxDocumentSize(value: number | string | undefined, label = '--max-document-size'): number | undefined {
  return parseLimit(label, value, 1024 * 1024, 4096);
}

/** `lodash`, `lodash@4.17.21`, `@scope/pkg`, `@scope/pkg@1.0.0`. */
export function parsePackageSpec(spec: string): { name: string; version?: string } {
  const at = spec.indexOf('@', 1);
  const name = at === -1 ? spec : spec.slice(0, at);
  const version = at === -1 ? undefined : spec.slice(at + 1);
  const validName = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name);
  if (!validName || version === '') {
    throw new QuarantineError(ERROR_CODES.usage, `"${spec}" is not a package name: expected <name> or <name>@<version>`);
  }
  return version === undefined ? { name } : { name, version };
}
