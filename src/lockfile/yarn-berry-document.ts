/**
 * Yarn Berry `yarn.lock` text -> validated entries. The file is YAML (Yarn writes it with its
 * own `syml` and reads it with a FAILSAFE schema: every scalar is a string), so we read it with
 * a failsafe schema too: `version: 1.10` stays the string `1.10`. js-yaml reads it first, the
 * yaml library whatever js-yaml must not read alone, and lines (yaml-quick.ts).
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { FAILSAFE_SCHEMA } from 'js-yaml';
import { DUPLICATE_KEY_MESSAGE, findDuplicateKey } from './yaml-keys.js';
import { linesOnDemand, readYamlQuickly } from './yaml-quick.js';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { isJsonObject, type JsonObject, located, parseError, parseOptionalString, parseStringMap } from './json-text.js';
import { splitDescriptor } from './yarn-descriptor.js';

export const REGENERATE_BERRY = 'Regenerate it with `yarn install --mode=update-lockfile` and commit the result.';
/** Yarn 2.0 wrote __metadata.version 4; earlier numbers are Yarn 2 prereleases. */
const MIN_VERSION = 4;

export interface BerryEntry {
  /** The entry's key as written: one or more descriptors joined by `, `. */
  key: string;
  descriptors: string[];
  resolution: string;
  version: string;
  dependencies: Array<[string, string]>;
  /** Dependency names marked `optional: true` in `dependenciesMeta` (`name` or `name@range` keys). */
  optional: Set<string>;
}

export interface BerryDocument {
  formatVersion: string;
  entries: BerryEntry[];
}

export { isYarnBerryLockfile } from './lockfile-kind.js';

export function parseBerryDocument(text: string, path: string): BerryDocument {
  if (text.trim() === '') throw parseError(path, 'the file is empty', null, REGENERATE_BERRY);
  const { root, lineOf } = quickRoot(text, path) ?? fullRoot(text, path);
  const fail = (key: string, problem: string): QuarantineError =>
    parseError(path, `${JSON.stringify(key)}: ${problem}`, lineOf(key), REGENERATE_BERRY);

  const formatVersion = parseFormatVersion(root, text, path, lineOf);
  const entries: BerryEntry[] = [];
  for (const [key, value] of Object.entries(root)) {
    if (key === '__metadata') continue;
    if (!isJsonObject(value)) throw fail(key, 'entry is not a mapping');
    entries.push(parseEntry(key, value, (problem) => fail(key, problem)));
  }
  return { formatVersion, entries };
}

/** The top-level mapping, and the line of each of its keys (null when unknown). */
interface BerryRoot {
  root: JsonObject;
  lineOf: (key: string) => number | null;
}

/**
 * The lockfile as js-yaml reads it with the failsafe schema, as Yarn itself reads it
 * (yaml-quick.ts, decision 0052); lines come from the yaml library's reading, built when a
 * message first needs one. Null when the yaml library must read it: a text readYamlQuickly
 * refuses, or anything but one mapping document.
 */
function quickRoot(text: string, path: string): BerryRoot | null {
  const documents = readYamlQuickly(text, FAILSAFE_SCHEMA);
  const root = documents?.length === 1 ? documents[0] : undefined;
  if (!isJsonObject(root)) return null;
  return { root, lineOf: linesOnDemand(() => fullRoot(text, path).lineOf) };
}

/** The yaml library's reading: its errors and duplicate-key check, with lines. */
function fullRoot(text: string, path: string): BerryRoot {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const [error] = document.errors;
  if (error !== undefined) {
    const problem = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw parseError(path, `invalid YAML: ${problem}`, error.linePos?.[0].line ?? null, `The file is not valid YAML. ${REGENERATE_BERRY}`);
  }
  const duplicate = findDuplicateKey(document);
  if (duplicate) {
    throw parseError(path, `invalid YAML: ${DUPLICATE_KEY_MESSAGE}`, lineCounter.linePos(duplicate.offset).line, `The file is not valid YAML. ${REGENERATE_BERRY}`);
  }
  if (!isMap(document.contents)) throw parseError(path, 'the lockfile is not a YAML mapping', 1, REGENERATE_BERRY);
  const lines = new Map<string, number>();
  for (const pair of document.contents.items) {
    const key = pair.key;
    if (isScalar(key) && key.range) lines.set(String(key.value), lineCounter.linePos(key.range[0]).line);
  }
  const root: unknown = document.toJS();
  if (!isJsonObject(root)) throw parseError(path, 'the lockfile is not a YAML mapping', 1, REGENERATE_BERRY);
  return { root, lineOf: (key) => lines.get(key) ?? null };
}

function parseFormatVersion(root: JsonObject, text: string, path: string, lineOf: (key: string) => number | null): string {
  const metadata = root.__metadata;
  if (metadata === undefined) {
    throw parseError(path, 'missing "__metadata"; not a Yarn 2+ lockfile (a Yarn classic v1 lockfile?)', null, REGENERATE_BERRY);
  }
  // Lines are for messages only: asking for one reads the file again with positions (yaml-quick.ts).
  if (!isJsonObject(metadata)) throw parseError(path, '"__metadata" is not a mapping', lineOf('__metadata'), REGENERATE_BERRY);
  const version = metadata.version;
  if (typeof version !== 'string' || !/^\d+$/.test(version) || Number(version) < MIN_VERSION) {
    const shown = version === undefined ? 'missing' : JSON.stringify(version);
    const metadataLine = lineOf('__metadata');
    const line = metadataLine === null ? null : lineAfter(text, metadataLine, /^\s+version:/);
    throw new QuarantineError(
      ERROR_CODES.lockfileUnsupported,
      located(path, `__metadata.version ${shown} is not supported (supported: Yarn 2+ lockfiles, version ${MIN_VERSION} or later)`, line),
      { hint: 'Regenerate the lockfile with Yarn 2 or later (`yarn install --mode=update-lockfile`).' },
    );
  }
  return version;
}

/** First line at or after `from` (1-based) matching `pattern`, within the next few lines. */
function lineAfter(text: string, from: number, pattern: RegExp): number {
  const lines = text.split('\n');
  for (let i = from; i < Math.min(lines.length, from + 5); i++) if (pattern.test(lines[i] ?? '')) return i + 1;
  return from;
}

function parseEntry(key: string, entry: JsonObject, fail: (problem: string) => QuarantineError): BerryEntry {
  const resolution = parseOptionalString(entry, 'resolution', fail);
  if (resolution === null) throw fail('entry has no "resolution"');
  const version = parseOptionalString(entry, 'version', fail);
  if (version === null) throw fail('entry has no "version"');
  const optional = new Set<string>();
  const meta = entry.dependenciesMeta;
  if (meta !== undefined && meta !== null) {
    if (!isJsonObject(meta)) throw fail('"dependenciesMeta" is not a mapping');
    for (const [name, flags] of Object.entries(meta)) {
      if (isJsonObject(flags) && flags.optional === 'true') optional.add(splitDescriptor(name)?.name ?? name);
    }
  }
  return {
    key,
    descriptors: key.split(',').map((part) => part.trim()).filter((part) => part !== ''),
    resolution,
    version,
    dependencies: parseStringMap(entry, 'dependencies', fail),
    optional,
  };
}
