/**
 * npm `.npmrc` `min-release-age=<days>` (npm 11.10+). The file is ini: line edits only, so
 * comments, auth lines and their order stay as written. Keys after a `[section]` header belong
 * to that section, so a new key goes before the first header. With a repeated key the last one
 * wins (as in npm's ini reader), so that is the one compared and edited.
 */
import type { NativeNote } from '../model/init.js';
import type { FilePlan } from './types.js';
import { applyEdits, insertLines } from './text-edits.js';

const KEY = 'min-release-age';
const KEY_VALUE = /^[ \t]*([^=;#\s[][^=]*?)[ \t]*=[ \t]*(.*?)[ \t]*$/;

interface IniLine {
  key: string;
  value: string;
  /** Offsets of the value in the file. */
  valueStart: number;
  valueEnd: number;
}

/** Top-level `key = value` lines (before any `[section]`), and where the first header starts. */
function scanTopLevel(text: string): { lines: IniLine[]; firstSection: number | null } {
  const lines: IniLine[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*\[/.test(line)) return { lines, firstSection: offset };
    const match = KEY_VALUE.exec(line);
    if (match) {
      const [, key, value] = match as unknown as [string, string, string];
      const valueEnd = offset + line.trimEnd().length;
      lines.push({ key, value, valueStart: valueEnd - value.length, valueEnd });
    }
    offset += raw.length + 1;
  }
  return { lines, firstSection: null };
}

/** The plan for `.npmrc`; `text` is null when the file does not exist. */
export function planNpmrc(text: string | null, days: number): FilePlan {
  const source = text ?? '';
  const { lines, firstSection } = scanTopLevel(source);
  const notes: NativeNote[] = lines.some((line) => line.key === 'before') ? ['npmrc-before'] : [];
  const existing = lines.filter((line) => line.key === KEY).at(-1);
  if (!existing) {
    const edit = insertLines(source, firstSection ?? source.length, [`${KEY}=${days}`]);
    return { status: 'missing', current: null, newText: applyEdits(source, [edit]), notes };
  }
  if (existing.value !== '' && Number(existing.value) === days) {
    return { status: 'equal', current: existing.value, newText: null, notes };
  }
  const edit = { start: existing.valueStart, end: existing.valueEnd, text: String(days) };
  return { status: 'different', current: existing.value, newText: applyEdits(source, [edit]), notes };
}
