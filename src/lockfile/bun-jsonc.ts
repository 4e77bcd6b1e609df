/**
 * JSONC text (trailing commas, comments: what `bun.lock` is written in) -> a syntax tree whose
 * nodes keep their offsets, so problems found later can name the line. Lines are computed only
 * when an error is built: a lockfile of thousands of entries is never rescanned per entry.
 */
import { type Node, type ParseError, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { lineAndColumn } from '../model/json-text.js';
import { parseError } from './json-text.js';

export interface JsoncProperty {
  key: string;
  /** Offset of the key, for the line of an error. */
  offset: number;
  value: Node;
}

export interface JsoncDocument {
  /** Source text without a byte order mark; offsets refer to it. */
  text: string;
  root: Node;
}

/** Parses `text` or throws E_LOCKFILE_PARSE `<path>: invalid JSONC at line N, column M: ...`. */
export function parseJsoncDocument(text: string, path: string, hint: string): JsoncDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw parseError(path, 'the file is empty', null, hint);
  const tooDeep = offsetTooDeep(source, MAX_DEPTH);
  if (tooDeep !== null) {
    throw parseError(path, `nested deeper than ${MAX_DEPTH} levels at line ${lineAndColumn(source, tooDeep).line}`, null, hint);
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const offset = first?.offset ?? source.length;
    const { line, column } = lineAndColumn(source, offset);
    const what = first === undefined ? 'expected a value' : words(printParseErrorCode(first.error));
    throw parseError(path, `invalid JSONC at line ${line}, column ${column}: ${what}`, null, hint);
  }
  return { text: source, root };
}

/**
 * Deepest nesting read. A bun.lock nests about 5 levels; jsonc-parser recurses once per level
 * and runs out of stack near 10,000, which would be a crash instead of a parse error.
 */
const MAX_DEPTH = 64;

/**
 * Offset of the first `[` or `{` opening level `max + 1`, or null. Strings and comments are
 * skipped as JSONC reads them; anything malformed is left to the parser's own errors.
 */
function offsetTooDeep(text: string, max: number): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (char === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return null;
}

/** `CloseBraceExpected` -> `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The properties of an object node, in document order; null when the node is not an object. */
export function propertiesOf(node: Node): JsoncProperty[] | null {
  if (node.type !== 'object') return null;
  const properties: JsoncProperty[] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key === undefined || value === undefined || typeof key.value !== 'string') continue;
    properties.push({ key: key.value, offset: key.offset, value });
  }
  return properties;
}

/** Plain value of a node (objects have no prototype, so `__proto__` keys are inert). */
export function valueOf(node: Node): unknown {
  return getNodeValue(node);
}

export function lineAt(document: JsoncDocument, offset: number): number {
  return lineAndColumn(document.text, offset).line;
}
