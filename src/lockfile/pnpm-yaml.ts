/**
 * pnpm-lock.yaml text -> the lockfile document as plain data, plus line lookups for messages.
 * A file may hold several YAML documents: pnpm 11+ writes its "env lockfile" (config and
 * package-manager dependencies) as a first document, then the main one. The main document is
 * the last one with a `lockfileVersion` whose importers are not env-only.
 *
 * Two readers, one answer (yaml-quick.ts, decision 0052): js-yaml reads the data (0.1 s
 * instead of 0.5 s for a 2,000-package lockfile, before the first registry request); the yaml
 * library's document model is built only when a message needs a line, or for a text js-yaml
 * must not read alone.
 */
import { CORE_SCHEMA } from 'js-yaml';
import { type Document, isMap, isNode, isScalar, LineCounter, parseAllDocuments, type ParsedNode } from 'yaml';
import type { QuarantineError } from '../model/errors.js';
import { isJsonObject, type JsonObject, parseError } from './json-text.js';
import { DUPLICATE_KEY_MESSAGE, findDuplicateKey } from './yaml-keys.js';
import { linesOnDemand, readYamlQuickly } from './yaml-quick.js';

export interface PnpmDocument {
  data: JsonObject;
  /** `lockfileVersion` as written (quotes removed), e.g. `5.4`, `6.0`, `9.0`; null when absent. */
  versionText: string | null;
  /** 1-based line of the key at `keys` (e.g. `['packages', 'a@1.0.0']`), null when unknown. */
  lineOf: (keys: readonly string[]) => number | null;
  /** The other mapping documents (pnpm 11+'s env lockfile), as plain data. */
  others: JsonObject[];
}

export interface PnpmDocumentWithRange extends PnpmDocument {
  /** Where the main document's text is: from its `---` marker (if any) to its end. */
  range: readonly [start: number, end: number];
}

type ParsedDocument = Document.Parsed<ParsedNode, true>;

const ENV_IMPORTER_KEYS = new Set(['configDependencies', 'packageManagerDependencies']);

export function parsePnpmDocument(text: string, path: string, hint: string): PnpmDocument {
  refuseUnreadable(text, path, hint);
  return quickDocument(text, path, hint) ?? fullDocument(text, path, hint);
}

/**
 * The yaml library's reading, with positions: for messages, for files js-yaml must not read
 * alone, and for edits of the main document (forget-versions.ts).
 */
export function parsePnpmDocumentWithRange(text: string, path: string, hint: string): PnpmDocumentWithRange {
  refuseUnreadable(text, path, hint);
  return fullDocument(text, path, hint);
}

/** What both readings refuse before reading: an empty file, a merge key. */
function refuseUnreadable(text: string, path: string, hint: string): void {
  if (text.trim() === '') throw parseError(path, 'the file is empty', null, hint);
  refuseMergeKeys(text, path, hint);
}

/** A plain `<<` mapping key, in block or flow style. */
const MERGE_KEY = /(?:^|[\s{,])<<[ \t]*:/m;

/**
 * pnpm up to 11 reads its lockfile with js-yaml's default schema, which merges `<<: {...}`
 * into the mapping; both our readers keep `<<` as a key. pnpm never writes one, so a lockfile
 * with a merge key (a pull request's hand edit) could show pnpm an entry the gate does not
 * see: refused. Whatever looks like one counts, even inside a quoted string.
 */
function refuseMergeKeys(text: string, path: string, hint: string): void {
  const match = MERGE_KEY.exec(text);
  if (match === null) return;
  const at = match.index + match[0].indexOf('<');
  const line = text.slice(0, at).split('\n').length;
  throw parseError(path, 'a YAML merge key (<<): pnpm merges it into the entry, the gate would not; pnpm never writes one', line, hint);
}

/** The main document of `candidates` (see the top of this file). */
function mainOf<T extends { data: JsonObject }>(candidates: readonly T[]): T {
  const versioned = candidates.filter((c) => c.data.lockfileVersion !== undefined);
  return versioned.filter((c) => !isEnvDocument(c.data)).pop() ?? versioned.pop() ?? (candidates[0] as T);
}

/**
 * The document as js-yaml reads it; null whenever the yaml library must decide: a text
 * readYamlQuickly refuses, no mapping at all, or a `lockfileVersion` not written plainly on a
 * line of its own.
 */
function quickDocument(text: string, path: string, hint: string): PnpmDocument | null {
  const documents = readYamlQuickly(text, CORE_SCHEMA);
  if (documents === null) return null;
  const candidates = documents.filter(isJsonObject).map((data) => ({ data }));
  if (candidates.length === 0) return null;
  const main = mainOf(candidates);
  const versionText = writtenVersion(text, candidates, main);
  if (versionText === undefined) return null;
  return {
    data: main.data,
    versionText,
    lineOf: linesOnDemand(() => fullDocument(text, path, hint).lineOf),
    others: candidates.filter((c) => c !== main).map((c) => c.data),
  };
}

const VERSION_LINE = /^lockfileVersion[ \t]*:(.*)$/gm;
const PLAIN_VERSION = /^[ \t]+(?:'([^'\n]*)'|"([^"\\\n]*)"|([0-9][0-9.]*))[ \t]*\r?$/;

/**
 * The main document's `lockfileVersion` as written (versionTextOf, without the document
 * model): one top-level line per document that has one, in document order, each agreeing with
 * the value read. Undefined when the lines do not say it plainly (the full reader decides).
 */
function writtenVersion(text: string, candidates: ReadonlyArray<{ data: JsonObject }>, main: { data: JsonObject }): string | null | undefined {
  const versioned = candidates.filter((c) => c.data.lockfileVersion !== undefined);
  const lines = [...text.matchAll(VERSION_LINE)].map((match) => match[1] ?? '');
  if (lines.length !== versioned.length) return undefined;
  const index = versioned.indexOf(main);
  if (index === -1) return null;
  const written = PLAIN_VERSION.exec(lines[index] ?? '');
  if (written === null) return undefined;
  const value = main.data.lockfileVersion;
  const [, single, double, plain] = written;
  const quoted = single ?? double;
  if (quoted !== undefined) return value === quoted ? quoted : undefined;
  if (plain !== undefined && (value === plain || (typeof value === 'number' && value === Number(plain)))) return plain;
  return undefined;
}

/** The yaml library's reading of a text refuseUnreadable let through. */
function fullDocument(text: string, path: string, hint: string): PnpmDocumentWithRange {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  for (const document of documents) {
    const error = document.errors[0];
    if (error !== undefined) {
      const line = error.linePos?.[0].line ?? lineAt(error.pos[0]);
      throw parseError(path, `invalid YAML: ${firstSentence(error.message)}`, line, hint);
    }
    const duplicate = findDuplicateKey(document);
    if (duplicate) throw parseError(path, `invalid YAML: ${DUPLICATE_KEY_MESSAGE}`, lineAt(duplicate.offset), hint);
  }
  const candidates: Array<{ document: ParsedDocument; data: JsonObject }> = [];
  for (const document of documents) {
    const data = toData(document, path, hint, lineAt);
    if (isJsonObject(data)) candidates.push({ document, data });
  }
  if (candidates.length === 0) {
    const line = documents[0]?.contents?.range[0];
    throw parseError(path, 'the lockfile is not a YAML mapping', line === undefined ? 1 : lineAt(line), hint);
  }
  const main = mainOf(candidates);
  return {
    data: main.data,
    versionText: versionTextOf(main.document, text),
    lineOf: (keys) => lineOfKeys(main.document, keys, lineAt),
    range: [main.document.range[0], main.document.range[2]],
    others: candidates.filter((c) => c !== main).map((c) => c.data),
  };
}

function toData(document: ParsedDocument, path: string, hint: string, lineAt: (offset: number) => number): unknown {
  try {
    return document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    const offset = document.contents?.range[0];
    const problem = error instanceof Error ? error.message : String(error);
    throw parseError(path, `invalid YAML: ${firstSentence(problem)}`, offset === undefined ? null : lineAt(offset), hint);
  }
}

/** pnpm 11's env lockfile: importers hold only config or package-manager dependencies. */
function isEnvDocument(data: JsonObject): boolean {
  const { importers } = data;
  if (!isJsonObject(importers) || data.packages === undefined) return false;
  const importerList = Object.values(importers);
  return (
    importerList.length > 0 &&
    importerList.every((importer) => isJsonObject(importer) && Object.keys(importer).every((key) => ENV_IMPORTER_KEYS.has(key)))
  );
}

function versionTextOf(document: ParsedDocument, text: string): string | null {
  const node: unknown = document.get('lockfileVersion', true);
  if (!isNode(node) || !node.range) return null;
  const written = text.slice(node.range[0], node.range[1]).trim();
  return /^(['"]).*\1$/.test(written) ? written.slice(1, -1) : written;
}

function lineOfKeys(document: ParsedDocument, keys: readonly string[], lineAt: (offset: number) => number): number | null {
  let node: unknown = document.contents;
  let line: number | null = null;
  for (const key of keys) {
    if (!isMap(node)) return line;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair === undefined || !isScalar(pair.key) || !pair.key.range) return line;
    line = lineAt(pair.key.range[0]);
    node = pair.value;
  }
  return line;
}

/** The yaml library's messages end with a code frame; keep the first line without its position. */
function firstSentence(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

export type PnpmFail = (label: string, at: readonly string[] | null, problem: string) => QuarantineError;
