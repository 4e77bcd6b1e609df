/** Checks of user-given arguments shared by the entry points (the CLI and the library API). */
import { ERROR_CODES } from './constants.js';
import { QuarantineError } from './errors.js';

/** `--concurrency`: a whole number from 1 to 256 (undefined: the default). */
export function parseConcurrency(value: number | undefined, label = '--concurrency'): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 256) {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected a whole number from 1 to 256, got ${String(value)}`);
  }
  return value;
}

/** A positive number of `unit`s up to `max`, as the whole number of milliseconds or bytes it stands for. */
function parseLimit(label: string, value: number | undefined, unit: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected a number above 0 and at most ${max}, got ${String(value)}`);
  }
  return Math.round(value * unit);
}

/** `--document-timeout <seconds>` -> milliseconds (undefined: the default, 60 s). */
export function parseDocumentTimeout(value: number | undefined, label = '--document-timeout'): number | undefined {
  return parseLimit(label, value, 1000, 3600);
}

/** `--max-document-size <MiB>` -> bytes (undefined: the default, 128 MiB). */
export function parseMaxDocumentSize(value: number | undefined, label = '--max-document-size'): number | undefined {
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
