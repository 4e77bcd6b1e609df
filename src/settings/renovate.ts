/**
 * Renovate `minimumReleaseAge` (a duration string such as `7 days`, read with the `ms` package)
 * at the top level of the Renovate config, or of package.json's `renovate` object. Edits go
 * through jsonc-parser's `modify`, which keeps comments and formatting. JSON5 syntax that is not
 * also JSONC (unquoted keys, single quotes) cannot be edited that way: init prints the setting.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineAndColumn } from '../model/json-text.js';
import type { Duration } from '../model/types.js';
import { formattingOf } from './json-format.js';
import { eolOf } from './text-edits.js';
import type { NativeNote } from '../model/init.js';
import type { FilePlan } from './types.js';
import { parseRenovateDuration } from './units.js';
import { invalidFile } from './invalid-file.js';

export interface RenovateTarget {
  file: string;
  /** `['minimumReleaseAge']`, or `['renovate', 'minimumReleaseAge']` in package.json. */
  path: string[];
}

function hasRuleWithOwnAge(root: Node, configPath: string[]): boolean {
  const rules = findNodeAtLocation(root, [...configPath, 'packageRules']);
  const value: unknown = rules ? getNodeValue(rules) : undefined;
  return Array.isArray(value) && value.some((rule) => typeof rule === 'object' && rule !== null && 'minimumReleaseAge' in rule);
}

function parseConfig(text: string, file: string): Node | null {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (!first) return root ?? null;
  if (file.endsWith('.json5')) return null;
  const { line, column } = lineAndColumn(text, first.offset);
  throw invalidFile(file, `invalid JSON at line ${line}, column ${column}: ${printParseErrorCode(first.error)}`);
}

/** The plan for the Renovate config; `value` is the duration string, `window` what it means. */
export function planRenovate(text: string, target: RenovateTarget, value: string, window: Duration): FilePlan {
  const root = parseConfig(text, target.file);
  if (root === null) return { status: 'manual', current: null, newText: null, notes: ['renovate-json5'] };
  const configPath = target.path.slice(0, -1);
  const config = configPath.length === 0 ? root : findNodeAtLocation(root, configPath);
  if (!config || config.type !== 'object') throw invalidFile(target.file, `expected an object at ${configPath.join('.') || 'the top level'}`);
  const notes: NativeNote[] = hasRuleWithOwnAge(root, configPath) ? ['renovate-package-rules'] : [];
  const node = findNodeAtLocation(root, target.path);
  const current: unknown = node ? getNodeValue(node) : undefined;
  if (typeof current === 'string' && parseRenovateDuration(current) === window) {
    return { status: 'equal', current, newText: null, notes };
  }
  const insertion = node ? null : appendProperty(text, config, target.path.at(-1)!, value);
  const newText = insertion ?? applyEdits(text, modify(text, target.path, value, { formattingOptions: formattingOf(text) }));
  return { status: node ? 'different' : 'missing', current: node ? (JSON.stringify(current) ?? null) : null, newText, notes };
}

/**
 * Adds `"key": "value"` after the object's last property, on its own line at that property's
 * indentation (jsonc-parser's `modify` would reformat the property before it). Null for an
 * empty object, which `modify` handles well.
 */
function appendProperty(text: string, object: Node, key: string, value: string): string | null {
  const last = object.children?.at(-1);
  if (!last) return null;
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const sameLine = lineStart <= object.offset;
  const indent = sameLine ? ' ' : text.slice(lineStart, last.offset);
  const end = last.offset + last.length;
  const separator = sameLine ? ' ' : eolOf(text) + indent;
  return `${text.slice(0, end)},${separator}${JSON.stringify(key)}: ${JSON.stringify(value)}${text.slice(end)}`;
}
