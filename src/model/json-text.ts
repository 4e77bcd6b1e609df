/** Pure helpers for reporting where JSON text is broken. */
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonObject = Record<string, unknown>;

/** A parsed JSON object (not null, not an array): the first check of every untrusted document. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object itself, or an empty one for anything else, so a missing field reads as undefined. */
export function objectOrEmpty(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** 1-based line and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/**
 * Parses JSON and, on a syntax error, says where (`line 4, column 12`) and what was expected.
 * The fast path is JSON.parse; the slow path (errors only) asks jsonc-parser for the offset,
 * since V8's own messages carry no position on Node 20. A leading byte order mark is ignored.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    if (source.trim() === '') return { ok: false, message: 'the file is empty' };
    const errors: ParseError[] = [];
    parseTolerant(source, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const offset = first ? first.offset : source.length;
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const { line, column } = lineAndColumn(source, offset);
    return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${ERROR_WORDS[code] ?? code}` };
  }
}

/**
 * Parses JSON with comments and trailing commas (policy files), saying where it is broken.
 * A leading byte order mark is ignored.
 */
export function parseJsoncText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { ok: false, message: 'the file is empty' };
  const errors: ParseError[] = [];
  const value: unknown = parseTolerant(source, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { ok: true, value };
  const code = printParseErrorCode(first.error);
  const { line, column } = lineAndColumn(source, first.offset);
  return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${ERROR_WORDS[code] ?? code}` };
}
