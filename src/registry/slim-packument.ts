/**
 * Registry document bytes -> the same ReleaseHistory as `projectPackument(JSON.parse(text))`,
 * without building the document. A scan (json-scan.ts) locates the members projectPackument
 * reads, `JSON.parse`s only those, and hands the slim object to projectPackument itself, so
 * the two paths cannot drift apart: there is one projection, fed by two parsers. Readmes and
 * the rest of a 30 MB document are validated and skipped, never built; dependency lists are
 * built as their names only.
 *
 * Whenever the scan meets something it does not expect (not an object, invalid JSON, a
 * version that is not an object), it gives up and the whole text goes through `JSON.parse`
 * and projectPackument: the same answer or the same error as the full path, never a guess.
 * Pure.
 */
import type { Instant, ReleaseHistory } from '../model/types.js';
import { type FieldMatcher, JsonScanError, decodeString, expectEnd, fieldMatcher, parseValue, scanMembers, skipValue, skipWhitespace } from './json-scan.js';
import { isJsonObject } from '../model/json-text.js';
import { modifiedOf, projectPackument } from './project-packument.js';

/** Top-level members projectPackument reads. */
const DOCUMENT_FIELDS = fieldMatcher(['name', 'versions', 'time', 'dist-tags', 'maintainers', 'modified']);
/** Per-version members projectVersion reads. */
const VERSION_FIELDS = fieldMatcher(['_npmUser', 'maintainers', 'dist', 'scripts', 'deprecated', 'dependencies', 'optionalDependencies', 'hasInstallScript']);
/** Per-version members of which projectVersion reads only the keys (dependency names). */
const KEYS_ONLY_FIELDS = new Set(['dependencies', 'optionalDependencies']);
/**
 * Per-version objects of which projectVersion reads a few members: the rest (dist's
 * signatures, old PGP `npm-signature`s, a package's other scripts) is validated and skipped,
 * never built. Members read in full: `attestations` (its `provenance`), each install script.
 */
const NESTED_FIELDS: ReadonlyMap<string, FieldMatcher> = new Map([
  ['dist', fieldMatcher(['integrity', 'shasum', 'tarball', 'attestations'])],
  ['scripts', fieldMatcher(['preinstall', 'install', 'postinstall'])],
]);

type Json = Record<string, unknown>;

/**
 * What JSON.parse does for each member: an own, enumerable data property. Assignment does the
 * same on a fresh object literal for every key but `__proto__` (a setter there), which gets
 * defineProperty; defineProperty for every key cost a sixth of the scan.
 */
function setMember(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** An object's keys with every value skipped (validated, never built) and replaced by 0. */
function keysOnly(bytes: Uint8Array, at: number): { value: Json; end: number } {
  const value: Json = {};
  const end = scanMembers(bytes, at, (keyStart, keyEnd) => {
    setMember(value, decodeString(bytes, keyStart, keyEnd), 0);
    return undefined;
  });
  return { value, end };
}

/**
 * Version members that a version nearly always repeats byte for byte from the one before it
 * in the document (measured on the 19,498 versions of ../shared/real-histories: `_npmUser` and
 * `maintainers` 89 %, `scripts` 84 %, `optionalDependencies` 85 %, `dependencies` 57 %; on
 * the benchmark's documents 83 to 99 %). Such a member is still scanned (validated, and its
 * end found), but when its bytes equal the previous version's it takes that version's value
 * instead of being built again: the same value JSON.parse would build, shared. Building them
 * was a third of the projection's time and most of its garbage.
 */
const REPEATED_FIELDS = new Set(['_npmUser', 'maintainers', 'scripts', 'dependencies', 'optionalDependencies']);

/** The last value built for each repeated member, and where its bytes were. */
type Repeats = Map<string, { start: number; end: number; value: unknown }>;

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

/** The member `key` at `start`, built: nested objects slim, dependency lists as their names. */
function member(bytes: Uint8Array, start: number, key: string): { value: unknown; end: number } {
  const nested = bytes[start] === 0x7b ? NESTED_FIELDS.get(key) : undefined;
  if (nested !== undefined) return slimObject(bytes, start, nested);
  if (KEYS_ONLY_FIELDS.has(key) && bytes[start] === 0x7b) return keysOnly(bytes, start);
  return parseValue(bytes, start);
}

function slimObject(bytes: Uint8Array, at: number, fields: FieldMatcher, repeats?: Repeats): { value: Json; end: number } {
  const value: Json = {};
  const end = scanMembers(bytes, at, (keyStart, keyEnd, start) => {
    const key = fields(bytes, keyStart, keyEnd);
    if (key === null) return undefined;
    const last = repeats?.get(key);
    if (last !== undefined) {
      const end = skipValue(bytes, start);
      if (end - start === last.end - last.start && sameBytes(bytes, start, last.start, end - start)) {
        setMember(value, key, last.value);
        return end;
      }
    }
    const built = member(bytes, start, key);
    setMember(value, key, built.value);
    if (repeats !== undefined && REPEATED_FIELDS.has(key)) repeats.set(key, { start, end: built.end, value: built.value });
    return built.end;
  });
  return { value, end };
}

function slimVersions(bytes: Uint8Array, at: number): { value: Json; end: number } {
  const versions: Json = {};
  const repeats: Repeats = new Map();
  const end = scanMembers(bytes, at, (keyStart, keyEnd, start) => {
    const version = decodeString(bytes, keyStart, keyEnd);
    if (bytes[start] !== 0x7b) throw new JsonScanError(`version ${version} is not an object`);
    const manifest = slimObject(bytes, start, VERSION_FIELDS, repeats);
    setMember(versions, version, manifest.value);
    return manifest.end;
  });
  return { value: versions, end };
}

/**
 * The top-level members `fields` names, each parsed (`versions`, when given, builds that one),
 * every other member validated and skipped; JsonScanError for anything the scan does not expect.
 */
function topLevel(document: Uint8Array, fields: FieldMatcher, versions?: typeof slimVersions): Json {
  // A plain view: every subarray of a Buffer builds a Buffer (its species), which cost a tenth of the scan.
  const bytes = new Uint8Array(document.buffer, document.byteOffset, document.byteLength);
  const start = skipWhitespace(bytes, 0);
  if (bytes[start] !== 0x7b) throw new JsonScanError('not an object');
  const members: Json = {};
  const end = scanMembers(bytes, start, (keyStart, keyEnd, at) => {
    const key = fields(bytes, keyStart, keyEnd);
    if (key === null) return undefined;
    const member = versions && key === 'versions' && bytes[at] === 0x7b ? versions(bytes, at) : parseValue(bytes, at);
    setMember(members, key, member.value);
    return member.end;
  });
  expectEnd(bytes, end);
  return members;
}

/** The members of a packument that projectPackument reads, or JsonScanError. */
export function slimPackument(document: Uint8Array): Json {
  return topLevel(document, DOCUMENT_FIELDS, slimVersions);
}

const MODIFIED_FIELDS = fieldMatcher(['name', 'modified', 'time']);

/**
 * An abbreviated document's name and `modified` (`time.modified` first, as projectPackument
 * reads it; Verdaccio's abbreviated documents keep `time`), every other member validated and
 * skipped, versions included. JsonScanError for anything the scan does not expect.
 */
export function abbreviatedModified(document: Uint8Array): { name: unknown; modified: Instant | null } {
  const found = topLevel(document, MODIFIED_FIELDS);
  const time = found.time ?? {};
  if (!isJsonObject(time)) throw new JsonScanError('`time` is not an object');
  return { name: found.name, modified: modifiedOf(time, found) };
}

// ignoreBOM: a leading BOM stays and fails JSON.parse, as it does for `Buffer#toString`.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * @param registry Registry the document came from, already free of credentials.
 * @param expectedName The name that was requested; a document for another name is refused.
 * @param abbreviated The registry served an abbreviated document (see projectPackument).
 */
export function projectPackumentBytes(bytes: Uint8Array, registry: string, expectedName?: string, abbreviated = false): ReleaseHistory {
  let slim: Json;
  try {
    slim = slimPackument(bytes);
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    // The full path decides: the same history, or the same error, as without the scan.
    return projectPackument(JSON.parse(decoder.decode(bytes)), registry, expectedName, abbreviated);
  }
  return projectPackument(slim, registry, expectedName, abbreviated);
}
