/**
 * Registry document bytes -> the same ReleaseHistory as `projectPackument(JSON.parse(text))`,
 * without building the document. A scan (json-scan.ts) locates the members projectPackument
 * reads, `JSON.parse`s only those, and hands the slim object to projectPackument itself, so
 * the two paths cannot drift apart: there is one projection, fed by two parsers. Readmes and
 * the rest of a 30 MB document are validated and skipped, never built; dependency lists are
 * built as their names only. What a version repeats byte for byte from the version before it
 * is validated once, not again (slimManifest).
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
 * the benchmark's documents 83 to 99 %). When such a member's bytes equal the previous
 * version's, it takes that version's value instead of being built again: the same value
 * JSON.parse would build, shared. Building them was a third of the projection's time and
 * most of its garbage.
 */
const REPEATED_FIELDS = new Set(['_npmUser', 'maintainers', 'scripts', 'dependencies', 'optionalDependencies']);

/**
 * What the scan of one document's versions remembers from the version before: the last
 * value built for each repeated member and where its bytes were, and where each member of the
 * previous version was (`previous`: key start, key end, value start, value end, four numbers
 * per member, in document order; `current` fills up for the next version).
 */
interface VersionScan {
  view: DataView;
  repeats: Map<string, { start: number; end: number; value: unknown }>;
  previous: number[];
  current: number[];
}

const compareBytes = Buffer.prototype.compare;
/**
 * From this length the native comparison is faster (measured: ~60-90 ns a call whatever the
 * length; four bytes at a time through a DataView, ~0.36 ns a byte).
 */
const NATIVE_COMPARE_FROM = 192;
/** Below it skipping a value is about as fast as finding out whether it repeats. */
const REPEAT_WORTH_FROM = 16;

/**
 * The end of the value at `start` when its first `length` bytes equal the value at `earlier`
 * (one already scanned, `length` bytes long), else -1. Only for a value that ends on its own
 * closing byte (an object, array or string): the scan of identical bytes then reads the same
 * bytes, finds the same end and passes or fails the same way, so the scan is not repeated.
 * A number or literal is followed by the byte that ends it, so it is never taken this way.
 * `view` is a DataView of the same bytes.
 */
export function repeatEnd(bytes: Uint8Array, view: DataView, start: number, earlier: number, length: number): number {
  const first = bytes[earlier];
  if (!(first === 0x7b || first === 0x5b || first === 0x22) || start + length > bytes.length) return -1;
  if (length >= NATIVE_COMPARE_FROM) {
    return compareBytes.call(bytes, bytes, earlier, earlier + length, start, start + length) === 0 ? start + length : -1;
  }
  let k = 0;
  for (; k + 4 <= length; k += 4) if (view.getUint32(start + k) !== view.getUint32(earlier + k)) return -1;
  for (; k < length; k++) if (bytes[start + k] !== bytes[earlier + k]) return -1;
  return start + length;
}

/** Whether the key at `keyStart` (`keyLength` bytes, quotes included) has the same bytes as the one `previous[p]` records. */
function sameKey(bytes: Uint8Array, previous: readonly number[], p: number, keyStart: number, keyLength: number): boolean {
  const start = previous[p]!;
  if (previous[p + 1]! - start !== keyLength) return false;
  for (let k = 1; k < keyLength - 1; k++) if (bytes[start + k] !== bytes[keyStart + k]) return false;
  return true;
}

/** Where the previous version had a member with the same key bytes (its index into `previous`), or -1; tries the same position first. */
function previousMember(bytes: Uint8Array, previous: readonly number[], at: number, keyStart: number, keyEnd: number): number {
  const keyLength = keyEnd - keyStart;
  if (at < previous.length && sameKey(bytes, previous, at, keyStart, keyLength)) return at;
  for (let p = 0; p < previous.length; p += 4) if (p !== at && sameKey(bytes, previous, p, keyStart, keyLength)) return p;
  return -1;
}

/** The member `key` at `start`, built: nested objects slim, dependency lists as their names. */
function member(bytes: Uint8Array, start: number, key: string): { value: unknown; end: number } {
  const nested = bytes[start] === 0x7b ? NESTED_FIELDS.get(key) : undefined;
  if (nested !== undefined) return slimObject(bytes, start, nested);
  if (KEYS_ONLY_FIELDS.has(key) && bytes[start] === 0x7b) return keysOnly(bytes, start);
  return parseValue(bytes, start);
}

function slimObject(bytes: Uint8Array, at: number, fields: FieldMatcher): { value: Json; end: number } {
  const value: Json = {};
  const end = scanMembers(bytes, at, (keyStart, keyEnd, start) => {
    const key = fields(bytes, keyStart, keyEnd);
    if (key === null) return undefined;
    const built = member(bytes, start, key);
    setMember(value, key, built.value);
    return built.end;
  });
  return { value, end };
}

/**
 * One version's manifest, slim. A member whose bytes repeat the previous version's member of
 * the same key is not scanned again (repeatEnd), and a repeated member that is read takes the
 * value built for the previous version. Consecutive versions repeat 41 % of their bytes this
 * way in ../shared/real-histories (a readme kept per version, repository, keywords, dependency
 * lists, maintainers) and 42 % in the benchmark's documents (`exports`, dependencies). The
 * projection took 8-10 % less CPU on the benchmark's documents and 5-6 % less on the real
 * histories (both builds alternating in one process, 12 rounds).
 */
function slimManifest(bytes: Uint8Array, at: number, scan: VersionScan): { value: Json; end: number } {
  const value: Json = {};
  const { view, repeats, previous, current } = scan;
  current.length = 0;
  const end = scanMembers(bytes, at, (keyStart, keyEnd, start) => {
    const key = VERSION_FIELDS(bytes, keyStart, keyEnd);
    let end = -1;
    if (key === null) {
      const p = previousMember(bytes, previous, current.length, keyStart, keyEnd);
      const length = p === -1 ? 0 : previous[p + 3]! - previous[p + 2]!;
      if (length >= REPEAT_WORTH_FROM) end = repeatEnd(bytes, view, start, previous[p + 2]!, length);
      if (end === -1) end = skipValue(bytes, start);
    } else {
      const last = repeats.get(key);
      if (last !== undefined) end = repeatEnd(bytes, view, start, last.start, last.end - last.start);
      if (end !== -1) setMember(value, key, last!.value);
      else {
        const built = member(bytes, start, key);
        setMember(value, key, built.value);
        if (REPEATED_FIELDS.has(key)) repeats.set(key, { start, end: built.end, value: built.value });
        end = built.end;
      }
    }
    current.push(keyStart, keyEnd, start, end);
    return end;
  });
  scan.current = previous;
  scan.previous = current;
  return { value, end };
}

function slimVersions(bytes: Uint8Array, at: number): { value: Json; end: number } {
  const versions: Json = {};
  const scan: VersionScan = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), repeats: new Map(), previous: [], current: [] };
  const end = scanMembers(bytes, at, (keyStart, keyEnd, start) => {
    const version = decodeString(bytes, keyStart, keyEnd);
    if (bytes[start] !== 0x7b) throw new JsonScanError(`version ${version} is not an object`);
    const manifest = slimManifest(bytes, start, scan);
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
