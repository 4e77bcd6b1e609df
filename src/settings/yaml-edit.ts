/**
 * YAML edits that keep the file as written: the `yaml` Document API finds the nodes and their
 * offsets, and the change is a splice of the source text (re-serialising would reflow comments,
 * flow collections and blank lines). Flow-style mappings fall back to the Document serialiser.
 */
import { isMap, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { lineAndColumn } from '../model/json-text.js';
import { invalidFile } from './invalid-file.js';
import { endOfLine, insertLines, startOfLine, type TextEdit } from './text-edits.js';

/** Parses one YAML document; any syntax error is a QuarantineError naming the file and line. */
export function parseYamlFile(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const { line, column } = lineAndColumn(text, error.pos[0]);
    const what = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error';
    throw invalidFile(file, `invalid YAML at line ${line}, column ${column}: ${what}`);
  }
  return doc;
}

/** The top-level mapping, or null for an empty document. */
export function topLevelMap(doc: Document.Parsed, file: string): YAMLMap | null {
  if (doc.contents === null) return null;
  if (!isMap(doc.contents)) throw invalidFile(file, 'expected a mapping (key: value) at the top level');
  return doc.contents;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** The value as written in the file (`10080`, `"7d"`), for reports. */
export function sourceOf(text: string, node: unknown): string {
  const range = (node as Node | null)?.range;
  return range ? text.slice(range[0], range[1]).trim() : String(node);
}

/** The column of the map's keys, and the indentation step used under them. */
function indentOf(text: string, map: YAMLMap): string {
  const first = map.items[0]?.key as Node | undefined;
  const start = first?.range?.[0] ?? 0;
  return ' '.repeat(start - startOfLine(text, start));
}

/** How far the map's nested block mappings are indented beyond its keys (two spaces when it has none). */
export function childIndentStep(text: string, map: YAMLMap): string {
  const keyColumn = indentOf(text, map).length;
  for (const pair of map.items) {
    if (isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
      const step = indentOf(text, pair.value).length - keyColumn;
      if (step > 0) return ' '.repeat(step);
    }
  }
  return '  ';
}

/**
 * An edit adding `lines` (already indented relative to the map) as the map's last entries, or
 * null when the map is flow style (`{a: 1}`) and cannot take a block line.
 */
export function appendToBlockMap(text: string, map: YAMLMap, lines: string[]): TextEdit | null {
  const last = map.items[map.items.length - 1];
  if (map.flow || !last) return null;
  const end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? text.length;
  const indent = indentOf(text, map);
  return insertLines(text, endOfLine(text, end), lines.map((line) => indent + line));
}

/** An edit replacing a scalar value in place (its quotes and trailing comment are untouched). */
export function replaceScalar(node: Node, text: string): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  return { start, end, text };
}
