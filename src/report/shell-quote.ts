/**
 * Suggested commands as a POSIX shell reads them. The words come from lockfiles and the
 * registry (package names, versions), so a name like `x;touch${IFS}pwned;#` must stay one
 * word. Plainly safe words stay bare; a word a shell would expand nothing of inside double
 * quotes gets those (`"<why this release is safe>"` reads best); anything else goes in single
 * quotes, where a shell expands nothing (a `'` inside is closed, escaped and reopened).
 * Control characters are stripped first (sanitize), so what is printed is what is quoted.
 */
import { sanitize } from './sanitize.js';

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
/** Nothing a shell (bash's history `!` included) expands or ends inside double quotes. */
const DOUBLE_QUOTABLE = /^[^$`\\"!]*$/;

export function shellQuote(word: string): string {
  const clean = sanitize(word);
  if (SAFE_WORD.test(clean)) return clean;
  if (DOUBLE_QUOTABLE.test(clean)) return `"${clean}"`;
  return `'${clean.replace(/'/g, `'\\''`)}'`;
}

/** `['npm', 'install', 'x;y@1']` -> `npm install 'x;y@1'`. */
export function shellCommand(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
