/**
 * A validating JSON scanner over UTF-8 bytes. It finds where values start and end without
 * building them, so a caller can `JSON.parse` only the few members it needs out of a 30 MB
 * registry document. Pure; no allocation per skipped value.
 *
 * It accepts exactly the grammar of RFC 8259 (what `JSON.parse` accepts): strings without raw
 * control characters and with valid escapes, numbers in JSON form, `true`/`false`/`null`.
 * Anything else throws JsonScanError, and callers fall back to `JSON.parse` of the whole text,
 * so a malformed document fails the same way on every path. Structural characters are ASCII,
 * and UTF-8 continuation bytes are never ASCII, so scanning bytes is safe for any text.
 */

export class JsonScanError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

/** Bytes allowed after a backslash (besides `u`). */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** 1 for the bytes a string scan must look at: `"`, `\\` and control characters. */
const STRING_SPECIAL = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) STRING_SPECIAL[byte] = 1;
STRING_SPECIAL[QUOTE] = 1;
STRING_SPECIAL[BACKSLASH] = 1;

function fail(at: number, what: string): never {
  throw new JsonScanError(`${what} at byte ${at}`);
}

const isWhitespace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;
const isHex = (byte: number): boolean =>
  isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);

export function skipWhitespace(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length && isWhitespace(bytes[i]!)) i++;
  return i;
}

/** `at` points at the opening quote; returns the index after the closing quote. */
export function skipString(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== QUOTE) fail(at, 'expected a string');
  const end = bytes.length;
  let i = at + 1;
  while (i < end) {
    const byte = bytes[i]!;
    if (STRING_SPECIAL[byte] === 0) {
      i++;
      continue;
    }
    if (byte === QUOTE) return i + 1;
    if (byte === BACKSLASH) {
      const next = bytes[i + 1];
      if (next === 0x75) {
        for (let k = 2; k < 6; k++) if (!isHex(bytes[i + k] ?? 0)) fail(i, 'bad \\u escape');
        i += 6;
      } else if (next !== undefined && SIMPLE_ESCAPES.has(next)) {
        i += 2;
      } else {
        fail(i, 'bad escape');
      }
    } else if (byte < 0x20) {
      fail(i, 'control character in a string');
    } else {
      i++;
    }
  }
  return fail(at, 'unterminated string');
}

function skipDigits(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length && isDigit(bytes[i]!)) i++;
  if (i === at) fail(at, 'expected a digit');
  return i;
}

function skipNumber(bytes: Uint8Array, at: number): number {
  let i = at;
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === 0x30) i++;
  else i = skipDigits(bytes, i);
  if (bytes[i] === 0x2e) i = skipDigits(bytes, i + 1);
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    i++;
    if (bytes[i] === 0x2b || bytes[i] === MINUS) i++;
    i = skipDigits(bytes, i);
  }
  return i;
}

const LITERALS: ReadonlyArray<readonly number[]> = [
  [...'true'].map((c) => c.charCodeAt(0)),
  [...'false'].map((c) => c.charCodeAt(0)),
  [...'null'].map((c) => c.charCodeAt(0)),
];

function skipLiteral(bytes: Uint8Array, at: number): number {
  for (const literal of LITERALS) {
    if (literal.every((byte, k) => bytes[at + k] === byte)) return at + literal.length;
  }
  return fail(at, 'unexpected character');
}

/**
 * Skips the value starting at `at` (no leading whitespace) and returns the index after it.
 * Nesting is tracked with an explicit stack, so deep documents cannot overflow the call stack.
 */
export function skipValue(bytes: Uint8Array, at: number): number {
  const closers: number[] = [];
  let i = at;
  for (;;) {
    // A value.
    const byte = bytes[i];
    if (byte === QUOTE) i = skipString(bytes, i);
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      const isObject = byte === OPEN_OBJECT;
      const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
      i = skipWhitespace(bytes, i + 1);
      if (bytes[i] === close) i++;
      else {
        closers.push(close);
        if (isObject) i = skipKey(bytes, i);
        continue;
      }
    } else if (byte === MINUS || (byte !== undefined && isDigit(byte))) i = skipNumber(bytes, i);
    else i = skipLiteral(bytes, i);
    // After a value: a separator or the end of its containers.
    for (;;) {
      if (closers.length === 0) return i;
      i = skipWhitespace(bytes, i);
      const close = closers[closers.length - 1]!;
      if (bytes[i] === COMMA) {
        i = skipWhitespace(bytes, i + 1);
        if (close === CLOSE_OBJECT) i = skipKey(bytes, i);
        break;
      }
      if (bytes[i] !== close) fail(i, 'expected `,` or a closing bracket');
      closers.pop();
      i++;
    }
  }
}

/** `"key"` then `:`; returns the index of the value (after whitespace). */
function skipKey(bytes: Uint8Array, at: number): number {
  let i = skipWhitespace(bytes, skipString(bytes, at));
  if (bytes[i] !== COLON) fail(i, 'expected `:`');
  i = skipWhitespace(bytes, i + 1);
  return i;
}

/**
 * Walks the object starting at `at`, calling `onMember(keyStart, keyEnd, valueStart)` for each
 * member in document order (duplicates included), with the key's bytes from its opening quote
 * to after its closing quote, undecoded (decodeString or a FieldMatcher reads it). The
 * callback either returns the index after the value (it consumed the value itself, e.g. by
 * walking into it) or undefined (skip it). Returns the index after the object. Every byte is
 * scanned once.
 */
export function scanMembers(
  bytes: Uint8Array,
  at: number,
  onMember: (keyStart: number, keyEnd: number, start: number) => number | undefined,
): number {
  if (bytes[at] !== OPEN_OBJECT) fail(at, 'expected an object');
  let i = skipWhitespace(bytes, at + 1);
  if (bytes[i] === CLOSE_OBJECT) return i + 1;
  for (;;) {
    const keyEnd = skipString(bytes, i);
    const keyStart = i;
    i = skipWhitespace(bytes, keyEnd);
    if (bytes[i] !== COLON) fail(i, 'expected `:`');
    const start = skipWhitespace(bytes, i + 1);
    const end = onMember(keyStart, keyEnd, start) ?? skipValue(bytes, start);
    i = skipWhitespace(bytes, end);
    if (bytes[i] === CLOSE_OBJECT) return i + 1;
    if (bytes[i] !== COMMA) fail(i, 'expected `,` or `}`');
    i = skipWhitespace(bytes, i + 1);
  }
}

// ignoreBOM: keep a leading U+FEFF in a key, as JSON.parse does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The string whose JSON text (quotes included) is `bytes[start, end)`, as scanned by
 * skipString. Without a backslash, the text between the quotes is the string.
 */
export function decodeString(bytes: Uint8Array, start: number, end: number): string {
  const raw = bytes.subarray(start, end);
  if (!raw.includes(BACKSLASH)) return decoder.decode(raw.subarray(1, -1));
  return JSON.parse(decoder.decode(raw)) as string;
}

/** Tells which of a few known ASCII names a key is, comparing bytes; null for any other key. */
export type FieldMatcher = (bytes: Uint8Array, keyStart: number, keyEnd: number) => string | null;

/**
 * A FieldMatcher for `names` (ASCII, no quotes or backslashes). A key written with escapes
 * (`"\u0064ist"` is `dist`) is decoded and looked up, so it matches as JSON.parse reads it.
 */
export function fieldMatcher(names: Iterable<string>): FieldMatcher {
  const set = new Set(names);
  const byLength = new Map<number, Array<{ name: string; bytes: number[] }>>();
  for (const name of set) {
    const entry = { name, bytes: [...name].map((c) => c.charCodeAt(0)) };
    byLength.set(name.length, [...(byLength.get(name.length) ?? []), entry]);
  }
  return (bytes, keyStart, keyEnd) => {
    for (const { name, bytes: expected } of byLength.get(keyEnd - keyStart - 2) ?? []) {
      let k = 0;
      while (k < expected.length && bytes[keyStart + 1 + k] === expected[k]) k++;
      if (k === expected.length) return name;
    }
    // Not one of the names byte for byte: only a key written with escapes can still be one.
    let escaped = false;
    for (let i = keyStart + 1; i < keyEnd - 1 && !escaped; i++) escaped = bytes[i] === BACKSLASH;
    if (!escaped) return null;
    const key = decodeString(bytes, keyStart, keyEnd);
    return set.has(key) ? key : null;
  };
}

/**
 * Skips the value at `start` and `JSON.parse`s it; returns both. A string (a tarball URL, an
 * integrity) is decoded directly, as JSON.parse would read it.
 */
export function parseValue(bytes: Uint8Array, start: number): { value: unknown; end: number } {
  if (bytes[start] === QUOTE) {
    const end = skipString(bytes, start);
    return { value: decodeString(bytes, start, end), end };
  }
  const end = skipValue(bytes, start);
  return { value: JSON.parse(decoder.decode(bytes.subarray(start, end))), end };
}

/** Checks that nothing but whitespace follows the top-level value. */
export function expectEnd(bytes: Uint8Array, at: number): void {
  const i = skipWhitespace(bytes, at);
  if (i !== bytes.length) fail(i, 'unexpected data after the document');
}
