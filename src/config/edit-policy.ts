/**
 * Comment- and format-preserving edits to a policy document (a policy file, or the
 * `quarantine` key of package.json). Pure: text in, text out.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import type { RuleId } from '../model/constants.js';

/** An exception as written in a policy file (key order as documented). */
export interface ExceptionEntry {
  package: string;
  rules?: RuleId[];
  reason: string;
  expires: string;
  ticket?: string;
}

/** The starter policy `init` and `allow` write when a project has none. */
export const STARTER_POLICY = {
  $schema: './node_modules/release-quarantine/policies/schema.json',
  extends: 'default',
} as const;

export function starterPolicyText(extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...STARTER_POLICY, ...extra }, null, 2)}\n`;
}

/** Indentation and line ending as the file already uses them (two spaces and \n by default). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A property line, so a ` * ` inside a block comment does not count as indentation.
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

function sameRules(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = [...(a ?? [])].sort().join(',');
  const right = [...(b ?? [])].sort().join(',');
  return left === right;
}

/**
 * Adds `entry` to the `exceptions` array under `prefix` ([] for a policy file, ['quarantine']
 * for package.json), or replaces the entry for the same package and rules. Returns the new
 * text and whether an entry was replaced.
 */
export function upsertException(text: string, prefix: JSONPath, entry: ExceptionEntry): { text: string; replaced: boolean } {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const array = root ? findNodeAtLocation(root, [...prefix, 'exceptions']) : undefined;
  const formattingOptions = detectFormatting(text);
  const value = { ...entry } as Record<string, unknown>;

  if (array?.type !== 'array') {
    const edits = modify(text, [...prefix, 'exceptions'], [value], { formattingOptions });
    return { text: applyEdits(text, edits), replaced: false };
  }
  const list = getNodeValue(array) as Array<Partial<ExceptionEntry> | null>;
  const index = list.findIndex((item) => item?.package === entry.package && sameRules(item.rules, entry.rules));
  if (index !== -1) {
    const edits = modify(text, [...prefix, 'exceptions', index], value, { formattingOptions });
    return { text: applyEdits(text, edits), replaced: true };
  }
  const last = array.children?.at(-1);
  if (last) return { text: appendAfter(text, last, value, formattingOptions), replaced: false };
  const edits = modify(text, [...prefix, 'exceptions', 0], value, { formattingOptions, isArrayInsertion: true });
  return { text: applyEdits(text, edits), replaced: false };
}

/**
 * Appends `value` after the array's last element, indented like that element, touching
 * nothing else (jsonc-parser's own insertion reformats the whole array; it is only used for
 * an empty array).
 */
function appendAfter(text: string, last: JsonNode, value: unknown, formatting: FormattingOptions): string {
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const before = text.slice(lineStart, last.offset);
  const indent = /^\s*$/.test(before) ? before : /^\s*/.exec(before)?.[0] ?? '';
  const eol = formatting.eol ?? '\n';
  const unit = formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2);
  const entryText = JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);
  const end = last.offset + last.length;
  const afterComma = /^[ \t]*,/.exec(text.slice(end));
  if (afterComma) {
    // A trailing comma stays a trailing comma: the new entry goes after it, and gets its own.
    const insertAt = end + afterComma[0].length;
    return `${text.slice(0, insertAt)}${eol}${indent}${entryText},${text.slice(insertAt)}`;
  }
  // A comment after the last entry stays with it: `} // why` becomes `}, // why`, then ours.
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  const rest = text.slice(end, lineEnd);
  if (/^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)$/.test(rest)) {
    return `${text.slice(0, end)},${rest}${eol}${indent}${entryText}${text.slice(lineEnd)}`;
  }
  return `${text.slice(0, end)},${eol}${indent}${entryText}${text.slice(end)}`;
}
