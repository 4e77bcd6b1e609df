/**
 * Comment- and format-preserving edits to a policy document (a policy file, or the
 * `quarantine` key of package.json). Pure: text in, text out.
 */
import { applyEdits, modify, parse as parseTolerant, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { RuleId } from '../core/constants.js';

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
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
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
  const document: unknown = parseTolerant(text, [], { allowTrailingComma: true });
  let container: unknown = document;
  for (const key of prefix) container = (container as Record<string, unknown> | undefined)?.[key as string];
  const existing = (container as { exceptions?: unknown } | undefined)?.exceptions;
  const list = Array.isArray(existing) ? (existing as Array<Partial<ExceptionEntry>>) : null;
  const formattingOptions = detectFormatting(text);
  const value = { ...entry } as Record<string, unknown>;

  if (list === null) {
    const edits = modify(text, [...prefix, 'exceptions'], [value], { formattingOptions });
    return { text: applyEdits(text, edits), replaced: false };
  }
  const index = list.findIndex((item) => item?.package === entry.package && sameRules(item.rules, entry.rules));
  const replaced = index !== -1;
  const edits = modify(text, [...prefix, 'exceptions', replaced ? index : list.length], value, {
    formattingOptions,
    isArrayInsertion: !replaced,
  });
  return { text: applyEdits(text, edits), replaced };
}
