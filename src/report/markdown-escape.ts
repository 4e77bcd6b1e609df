/**
 * The one way an untrusted string (a package name, version, maintainer name, lockfile path,
 * anything from the registry or a pull request) enters Markdown: as a code span. Inside a code
 * span GitHub renders no links, images, @-mentions, HTML or emphasis. Control characters and
 * line breaks are removed first (a newline would end a table row), the backtick fence is
 * longer than any backtick run inside, and in a table cell `|` is escaped (GFM splits cells
 * before it parses code spans).
 */
import { sanitize } from './sanitize.js';

export function markdownCode(text: string, options: { table?: boolean } = {}): string {
  const clean = sanitize(text.replace(/[\r\n\u2028\u2029]+/g, ' '));
  if (clean.trim() === '') return '` `';
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space on each side when the text starts or ends with a backtick (stripped when rendered).
  const padded = clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean;
  const cell = options.table ? padded.replace(/\\/g, '\\\\').replace(/\|/g, '\\|') : padded;
  return `${fence}${cell}${fence}`;
}
