/** Formatting of an existing JSON file, so jsonc-parser's `modify` inserts lines that match it. */
import type { FormattingOptions } from 'jsonc-parser';
import { eolOf } from './text-edits.js';

export function formattingOf(text: string): FormattingOptions {
  const indented = /^([ \t]+)["}\]]/m.exec(text)?.[1] ?? '  ';
  const eol = eolOf(text);
  return indented.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indented.length, eol };
}
