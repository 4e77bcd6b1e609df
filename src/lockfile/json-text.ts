/**
 * Lockfile JSON text -> unknown, with errors that name the file and line, plus narrow readers
 * for untrusted objects. Pure: callers pass text and a path used only in messages.
 */
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { lineAndColumn, parseJsonText } from '../model/json-text.js';

import { isJsonObject, type JsonObject } from '../model/json-text.js';

export { isJsonObject, type JsonObject };


/**
 * Line of `"key":` in the text when it occurs exactly once (so the answer cannot point at the
 * wrong place); null otherwise.
 */
export function lineOfKey(text: string, key: string): number | null {
  const pattern = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:`, 'g');
  const first = pattern.exec(text);
  if (!first || pattern.exec(text)) return null;
  return lineAndColumn(text, first.index).line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Formats `<path>: <problem> (line N)`, one line. */
export function located(path: string, problem: string, line: number | null): string {
  return `${path}: ${problem}${line === null ? '' : ` (line ${line})`}`;
}

export function parseError(path: string, problem: string, line: number | null, hint: string): QuarantineError {
  return new QuarantineError(ERROR_CODES.lockfileParse, located(path, problem, line), { hint });
}

/** JSON.parse with a one-line `<path>: invalid JSON at line N, column M: ...` error. */
export function parseJsonDocument(text: string, path: string, hint: string): unknown {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw parseError(path, parsed.message, null, hint);
  return parsed.value;
}

/** A string property, or null when absent; anything else is a parse error. */
export function parseOptionalString(
  object: JsonObject,
  key: string,
  fail: (problem: string) => QuarantineError,
): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fail(`${JSON.stringify(key)} is not a string`);
  return value;
}

/** A `{name: spec}` map (dependencies and friends) as entries; absent is empty. */
export function parseStringMap(
  object: JsonObject,
  key: string,
  fail: (problem: string) => QuarantineError,
): Array<[string, string]> {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw fail(`${JSON.stringify(key)} is not an object`);
  const entries: Array<[string, string]> = [];
  for (const [name, spec] of Object.entries(value)) {
    if (typeof spec !== 'string') throw fail(`${key}.${JSON.stringify(name)} is not a string`);
    entries.push([name, spec]);
  }
  return entries;
}
