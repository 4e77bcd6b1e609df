/**
 * One facts-cache entry: the projected ReleaseHistory of a package plus the validators
 * (ETag / Last-Modified) and the freshness (fetch time, max-age; see freshness.ts) of the
 * registry response it was projected from. Pure: building the stored text and parsing it
 * back. The text is two lines, a small header (schema, registry, name, validators,
 * freshness) and the history in its compact form (facts-history.ts), so a revalidated
 * entry's freshness can be renewed without touching the history. Parsing is strict and fails closed: anything that is not exactly an
 * entry of this schema, for this registry and this name, is `null` ("no entry"), which makes
 * the client fetch the full document again. A bad entry can cost time, never a verdict.
 */
import type { Freshness } from './freshness.js';
import type { ReleaseHistory } from '../model/types.js';
import { isJsonObject } from '../model/json-text.js';
import { decodeHistory, encodeHistory, isInstantOrNull, isString, isStringOrNull } from './facts-history.js';

/**
 * Bump when the projection (project-packument.ts), ReleaseHistory or the entry format
 * changes meaning: entries written by another schema are ignored and their packages fetched
 * in full again.
 */
export const FACTS_SCHEMA_VERSION = 6;

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Everything in an entry but the history: its first line. */
export interface FactsHeader extends Validators, Freshness {
  /** Credential-free registry URL the history came from. */
  registry: string;
  name: string;
}

export interface FactsEntry extends FactsHeader {
  history: ReleaseHistory;
}

/** The header starts with `{"fetchedAt":` so a renewal can overwrite just those digits. */
const FETCHED_AT_OFFSET = '{"fetchedAt":'.length;

function serializeHeader(header: FactsHeader): string {
  const { registry, name, etag, lastModified, fetchedAt, maxAge } = header;
  return JSON.stringify({ fetchedAt, maxAge, schemaVersion: FACTS_SCHEMA_VERSION, registry, name, etag, lastModified });
}

export function serializeFactsEntry(entry: FactsEntry): string {
  // JSON.stringify never emits a raw line break, so the first one ends the header.
  return `${serializeHeader(entry)}\n${JSON.stringify(encodeHistory(entry.history))}`;
}

/**
 * The cheapest renewal: when `head` (the start of a stored entry, at least its first line)
 * is the header of `renewed`'s entry (same registry, name and validators) with the same
 * max-age, and both fetch times have the same number of digits, the bytes to write at
 * `offset` to renew it in place. Otherwise null (see renewFactsEntry).
 */
export function planInPlaceRenewal(head: string, renewed: FactsHeader): { offset: number; text: string } | null {
  const newline = head.indexOf('\n');
  const header = newline === -1 ? null : parseFactsHeader(head.slice(0, newline), renewed.registry, renewed.name);
  if (header === null || header.etag !== renewed.etag || header.lastModified !== renewed.lastModified) return null;
  if (header.maxAge !== renewed.maxAge || !head.startsWith('{"fetchedAt":')) return null;
  const [stored, text] = [String(header.fetchedAt), String(renewed.fetchedAt)];
  if (head.slice(FETCHED_AT_OFFSET, FETCHED_AT_OFFSET + stored.length + 1) !== `${stored},`) return null;
  if (!Number.isInteger(renewed.fetchedAt) || text.length !== stored.length) return null;
  return { offset: FETCHED_AT_OFFSET, text };
}

/**
 * The stored `text` with its freshness replaced, or null when `text` is not an entry of
 * `expected`'s registry, name and validators (it changed meanwhile: leave it alone).
 */
export function renewFactsEntry(text: string, expected: FactsHeader): string | null {
  const newline = text.indexOf('\n');
  const header = newline === -1 ? null : parseFactsHeader(text.slice(0, newline), expected.registry, expected.name);
  if (header === null || header.etag !== expected.etag || header.lastModified !== expected.lastModified) return null;
  return `${serializeHeader(expected)}${text.slice(newline)}`;
}

function parseFactsHeader(line: string, registry: string, name: string): FactsHeader | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || value.schemaVersion !== FACTS_SCHEMA_VERSION) return null;
  if (value.registry !== registry || value.name !== name) return null;
  const { etag, lastModified, fetchedAt, maxAge } = value;
  if (!isStringOrNull(etag) || !isStringOrNull(lastModified) || (etag === null && lastModified === null)) return null;
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return null;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) return null;
  return { registry, name, etag, lastModified, fetchedAt, maxAge };
}

/** The entry in `text` when it is valid for exactly this registry and name, else null. */
export function parseFactsEntry(text: string, registry: string, name: string): FactsEntry | null {
  const newline = text.indexOf('\n');
  if (newline === -1) return null;
  const header = parseFactsHeader(text.slice(0, newline), registry, name);
  if (header === null) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(text.slice(newline + 1));
  } catch {
    return null;
  }
  const history = decodeHistory(stored);
  if (history === null || history.registry !== registry) return null;
  return { ...header, history };
}

/** Request headers that ask the registry to answer 304 when the document is unchanged. */
export function conditionalHeaders(validators: Validators): Record<string, string> {
  if (validators.etag !== null) return { 'if-none-match': validators.etag };
  if (validators.lastModified !== null) return { 'if-modified-since': validators.lastModified };
  return {};
}
