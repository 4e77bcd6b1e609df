/**
 * A line scanner for TOML, enough to edit one key safely without a TOML library: it tracks
 * the table each line belongs to, skips multi-line strings and arrays, and rejects lines that
 * are not TOML (so a broken file is reported, never rewritten).
 */
import { invalidFile } from './invalid-file.js';

export interface TomlEntry {
  /** The table the line belongs to (`''` at the top level), e.g. `install`, `install.scopes`. */
  table: string;
  /** The key as written, with quotes and spaces removed from dotted parts: `install.linker`. */
  key: string;
  /** The value as written, without a trailing comment. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** Offset just after the entry (including continuation lines of a multi-line value). */
  end: number;
}

export interface TomlScan {
  entries: TomlEntry[];
  /** Table header positions: name and the offset just after the header line. */
  tables: Array<{ name: string; end: number }>;
}

function normaliseKey(key: string): string {
  return key
    .split('.')
    .map((part) => part.trim().replace(/^(["'])(.*)\1$/, '$2'))
    .join('.');
}

/** The characters of `value` that are outside quoted strings, with their index. */
function* outsideStrings(value: string): Generator<[number, string]> {
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else yield [i, char];
  }
}

/** The value without a trailing `# comment` (a `#` inside a string is kept). */
function stripComment(value: string): string {
  for (const [i, char] of outsideStrings(value)) if (char === '#') return value.slice(0, i).trimEnd();
  return value.trimEnd();
}

/** How many brackets the value leaves open (arrays and inline tables spanning lines). */
function openBrackets(value: string): number {
  let depth = 0;
  for (const [, char] of outsideStrings(value)) {
    if (char === '#') break;
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return depth;
}

export function scanToml(text: string, file: string): TomlScan {
  const entries: TomlEntry[] = [];
  const tables: TomlScan['tables'] = [];
  let table = '';
  let offset = 0;
  let continuation: { entry: TomlEntry; depth: number; multiline: string | null } | null = null;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineEnd = Math.min(offset + raw.length + 1, text.length);
    if (continuation) {
      if (continuation.multiline) {
        if (line.includes(continuation.multiline)) continuation.multiline = null;
      } else {
        continuation.depth += openBrackets(line);
      }
      continuation.entry.end = lineEnd;
      if (!continuation.multiline && continuation.depth <= 0) continuation = null;
    } else if (/^\s*(#.*)?$/.test(line)) {
      // blank or comment
    } else if (/^\s*\[/.test(line)) {
      const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
      if (!header) throw invalidFile(file, `invalid TOML at line ${index + 1}: a table header must look like [name]`);
      table = normaliseKey(header[1]!);
      tables.push({ name: table, end: lineEnd });
    } else {
      const pair = /^(\s*)([A-Za-z0-9_\-."' ]+?)\s*=\s*(.*)$/.exec(line);
      if (!pair || pair[3]!.trim() === '') throw invalidFile(file, `invalid TOML at line ${index + 1}: expected key = value`);
      const value = stripComment(pair[3]!);
      const valueStart = offset + line.length - pair[3]!.length;
      const entry: TomlEntry = { table, key: normaliseKey(pair[2]!), value, valueStart, valueEnd: valueStart + value.length, end: lineEnd };
      entries.push(entry);
      const multiline = /^("""|''')/.exec(value)?.[1] ?? null;
      const closesOnSameLine = multiline !== null && value.length >= 6 && value.endsWith(multiline);
      const depth = openBrackets(value);
      if ((multiline && !closesOnSameLine) || depth > 0) continuation = { entry, depth, multiline: closesOnSameLine ? null : multiline };
    }
    offset += raw.length + 1;
  });
  if (continuation) throw invalidFile(file, 'invalid TOML: a multi-line value is never closed');
  return { entries, tables };
}
