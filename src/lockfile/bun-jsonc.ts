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
