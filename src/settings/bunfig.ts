/**
 * Bun 1.3+ `bunfig.toml` `[install] minimumReleaseAge = <seconds>`. Line edits: the key goes
 * into the existing `[install]` table (or next to top-level `install.*` dotted keys), else a new
 * `[install]` table is appended. An inline `install = { ... }` table is left to the user.
 */
import type { FilePlan } from './types.js';
import { applyEdits, insertLines, type TextEdit } from './text-edits.js';
import { scanToml, type TomlEntry } from './toml-lines.js';

export const BUNFIG_FILE = 'bunfig.toml';
const KEY = 'minimumReleaseAge';

function tomlInteger(value: string): number | null {
  return /^\+?\d(_?\d)*$/.test(value) ? Number(value.replace(/_/g, '')) : null;
}

function findCurrent(entries: TomlEntry[]): TomlEntry | undefined {
  return entries.find((entry) => (entry.table === 'install' && entry.key === KEY) || (entry.table === '' && entry.key === `install.${KEY}`));
}

function insertion(source: string, entries: TomlEntry[], installEnd: number | undefined, seconds: number): TextEdit {
  const dotted = entries.filter((entry) => entry.table === '' && entry.key.startsWith('install.')).at(-1);
  if (dotted) return insertLines(source, dotted.end, [`install.${KEY} = ${seconds}`]);
  if (installEnd !== undefined) {
    const last = entries.filter((entry) => entry.table === 'install').at(-1);
    return insertLines(source, last?.end ?? installEnd, [`${KEY} = ${seconds}`]);
  }
  const separator = source.trim() === '' ? [] : [''];
  return insertLines(source, source.length, [...separator, '[install]', `${KEY} = ${seconds}`]);
}

/** The plan for `bunfig.toml`; `text` is null when the file does not exist. */
export function planBunfig(text: string | null, seconds: number): FilePlan {
  const source = text ?? '';
  const { entries, tables } = scanToml(source, BUNFIG_FILE);
  if (entries.some((entry) => entry.table === '' && entry.key === 'install')) {
    return { status: 'manual', current: null, newText: null, notes: ['bunfig-inline-table'] };
  }
  const current = findCurrent(entries);
  if (!current) {
    const edit = insertion(source, entries, tables.find((table) => table.name === 'install')?.end, seconds);
    return { status: 'missing', current: null, newText: applyEdits(source, [edit]), notes: [] };
  }
  if (tomlInteger(current.value) === seconds) return { status: 'equal', current: current.value, newText: null, notes: [] };
  const edit = { start: current.valueStart, end: current.valueEnd, text: String(seconds) };
  return { status: 'different', current: current.value, newText: applyEdits(source, [edit]), notes: [] };
}

/**
 * The default registry Bun uses, from `[install] registry = "<url>"`, `install.registry = ...`
 * or the inline form `registry = { url = "<url>", ... }`; null when the file sets none.
 * (`[install.scopes]` are not read: scoped registries come from .npmrc, which Bun reads too.)
 */
export function parseBunfigRegistry(text: string): string | null {
  const { entries } = scanToml(text, BUNFIG_FILE);
  const entry = entries.find((e) => (e.table === 'install' && e.key === 'registry') || (e.table === '' && e.key === 'install.registry'));
  if (!entry) return null;
  const value = entry.value.trim();
  const quoted = /^(?:"([^"]*)"|'([^']*)')$/.exec(value) ?? /\burl\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(value);
  const url = quoted?.[1] ?? quoted?.[2];
  return url === undefined || url === '' ? null : url;
}
