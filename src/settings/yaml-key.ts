/**
 * One top-level numeric key in a YAML config file: pnpm `pnpm-workspace.yaml`
 * `minimumReleaseAge` and Yarn `.yarnrc.yml` `npmMinimalAgeGate`. The value is written as a
 * plain integer; everything else in the file stays as written.
 */
import { isScalar, type Node } from 'yaml';
import type { FilePlan } from './types.js';
import { applyEdits, insertLines } from './text-edits.js';
import { appendToBlockMap, findPair, parseYamlFile, replaceScalar, sourceOf, topLevelMap } from './yaml-edit.js';

export interface YamlKeyOptions {
  file: string;
  key: string;
  value: number;
}

function numericallyEqual(current: unknown, value: number): boolean {
  if (typeof current === 'number') return current === value;
  return typeof current === 'string' && /^\d+$/.test(current.trim()) && Number(current) === value;
}

/** The plan for a top-level `key: <integer>`; `text` is null when the file does not exist. */
export function planYamlKey(text: string | null, options: YamlKeyOptions): FilePlan {
  const { file, key, value } = options;
  const source = text ?? '';
  const doc = parseYamlFile(source, file);
  const map = topLevelMap(doc, file);
  const line = `${key}: ${value}`;
  const pair = map ? findPair(map, key) : undefined;
  if (!pair) {
    const edit = map ? appendToBlockMap(source, map, [line]) : insertLines(source, source.length, [line]);
    if (edit) return { status: 'missing', current: null, newText: applyEdits(source, [edit]), notes: [] };
    doc.set(key, value);
    return { status: 'missing', current: null, newText: doc.toString(), notes: [] };
  }
  const current = isScalar(pair.value) ? pair.value.value : pair.value;
  const written = sourceOf(source, pair.value);
  if (numericallyEqual(current, value)) return { status: 'equal', current: written, newText: null, notes: [] };
  if (isScalar(pair.value) && pair.value.range) {
    return { status: 'different', current: written, newText: applyEdits(source, [replaceScalar(pair.value as Node, String(value))]), notes: [] };
  }
  doc.set(key, value);
  return { status: 'different', current: written, newText: doc.toString(), notes: [] };
}
