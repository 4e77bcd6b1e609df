/**
 * Dependabot `.github/dependabot.yml`: `cooldown: { default-days: N }` on every `updates` entry
 * whose `package-ecosystem` is `npm` (which covers npm, pnpm and Yarn) or `bun`. Other
 * ecosystems are left alone. Edits are splices at the YAML nodes' offsets.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { NativeNote, NativeStatus } from '../model/init.js';
import type { FilePlan } from './types.js';
import { applyEdits, type TextEdit } from './text-edits.js';
import { appendToBlockMap, childIndentStep, findPair, parseYamlFile, replaceScalar, sourceOf, topLevelMap } from './yaml-edit.js';

export const DEPENDABOT_FILES = ['.github/dependabot.yml', '.github/dependabot.yaml'] as const;
export const DEPENDABOT_ECOSYSTEMS = ['npm', 'bun'] as const;
/** Dependabot accepts cooldown days from 1 to 90. */
export const DEPENDABOT_MAX_DAYS = 90;

const SEMVER_KEYS = ['semver-major-days', 'semver-minor-days', 'semver-patch-days'];

interface EntryPlan {
  status: NativeStatus;
  current: string | null;
  /** The splice, or null when the entry is flow style and needs the Document serialiser. */
  edit: TextEdit | null;
}

function planEntry(text: string, entry: YAMLMap, days: number): EntryPlan {
  const cooldown = findPair(entry, 'cooldown');
  if (!cooldown) {
    const lines = ['cooldown:', `${childIndentStep(text, entry)}default-days: ${days}`];
    return { status: 'missing', current: null, edit: appendToBlockMap(text, entry, lines) };
  }
  if (!isMap(cooldown.value)) return { status: 'missing', current: null, edit: null };
  const pair = findPair(cooldown.value, 'default-days');
  if (!pair) return { status: 'missing', current: null, edit: appendToBlockMap(text, cooldown.value, [`default-days: ${days}`]) };
  const current = sourceOf(text, pair.value);
  if (isScalar(pair.value) && Number(pair.value.value) === days) return { status: 'equal', current, edit: null };
  const edit = isScalar(pair.value) && pair.value.range ? replaceScalar(pair.value as Node, String(days)) : null;
  return { status: 'different', current, edit };
}

function jsEntries(doc: Document.Parsed, file: string): YAMLMap[] {
  const map = topLevelMap(doc, file);
  const updates = map ? findPair(map, 'updates')?.value : undefined;
  if (!isSeq(updates)) return [];
  return updates.items.filter((item): item is YAMLMap => {
    const ecosystem = isMap(item) ? item.get('package-ecosystem') : undefined;
    return typeof ecosystem === 'string' && (DEPENDABOT_ECOSYSTEMS as readonly string[]).includes(ecosystem);
  });
}

function hasSemverDays(entry: YAMLMap): boolean {
  const cooldown = entry.get('cooldown');
  return isMap(cooldown) && SEMVER_KEYS.some((key) => cooldown.has(key));
}

/** The plan for `dependabot.yml`; `days` is already within Dependabot's 1 to 90. */
export function planDependabot(text: string, file: string, days: number): FilePlan {
  const doc = parseYamlFile(text, file);
  const entries = jsEntries(doc, file);
  if (entries.length === 0) return { status: 'manual', current: null, newText: null, notes: ['dependabot-no-js-entries'] };
  const notes: NativeNote[] = entries.some(hasSemverDays) ? ['dependabot-semver-days'] : [];
  const plans = entries.map((entry) => planEntry(text, entry, days));
  const currents = plans.filter((plan) => plan.status === 'different').map((plan) => plan.current ?? '');
  const current = currents.length > 0 ? [...new Set(currents)].join(', ') : null;
  if (plans.every((plan) => plan.status === 'equal')) return { status: 'equal', current: plans[0]?.current ?? null, newText: null, notes };
  const status: NativeStatus = currents.length > 0 ? 'different' : 'missing';
  const pending = plans.filter((plan) => plan.status !== 'equal');
  if (pending.every((plan) => plan.edit !== null)) {
    return { status, current, newText: applyEdits(text, pending.map((plan) => plan.edit as TextEdit)), notes };
  }
  for (const entry of entries) entry.setIn(['cooldown', 'default-days'], days);
  return { status, current, newText: doc.toString(), notes };
}
