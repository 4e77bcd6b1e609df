/**
 * One facts-cache entry: the projected ReleaseHistory of a package plus the validators
 * (ETag / Last-Modified) and the freshness (fetch time, max-age; see freshness.ts) of the
 * registry response it was projected from. Pure: building the stored text and parsing it
 * back. The text is two lines, a small header (schema, registry, name, validators,
 * freshness) and the history in its compact form (facts-history.ts), so a revalidated
 * entry's freshness can be renewed without touching the history, and the store
 * (facts-cache.ts) can index its entries by reading headers only. Parsing is strict and fails closed: anything that is not exactly an
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
export const FACTS_SCHEMA_VERSION = 7;

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Everything in an entry but the history: its first line. */
export interface FactsHeader extends Validators, Freshness {
  /** Credential-free registry URL the history came from. */
  registry: string;
  name: string;
  /** Set for the facts of an abbreviated request (client.ts), kept apart from the full document's. */
  abbreviated?: true;
}

export interface FactsEntry extends FactsHeader {
  history: ReleaseHistory;
}

function serializeHeader(header: FactsHeader): string {
  const { registry, name, etag, lastModified, fetchedAt, maxAge } = header;
  const fromPolicy = header.fromPolicy === true ? { fromPolicy: true } : {};
  const abbreviated = header.abbreviated === true ? { abbreviated: true } : {};
  return JSON.stringify({ fetchedAt, maxAge, schemaVersion: FACTS_SCHEMA_VERSION, registry, name, etag, lastModified, ...fromPolicy, ...abbreviated });
}

export function serializeFactsEntry(entry: FactsEntry): string {
  // JSON.stringify never emits a raw line break, so the first one ends the header.
  return `${serializeHeader(entry)}\n${JSON.stringify(encodeHistory(entry.history))}`;
}

/**
 * The stored `text` with its freshness replaced, or null when `text` is not an entry of
 * `expected`'s registry, name and validators (it changed meanwhile: leave it alone).
 */
export function renewFactsEntry(text: string, expected: FactsHeader): string | null {
  const newline = text.indexOf('\n');
  const header = newline === -1 ? null : parseFactsHeader(text.slice(0, newline), expected.registry, expected.name, expected.abbreviated === true);
  if (header === null || header.etag !== expected.etag || header.lastModified !== expected.lastModified) return null;
  return `${serializeHeader(expected)}${text.slice(newline)}`;
}

/** An entry's header line for any registry and name (the store indexes its entries by them); null when invalid. */
export function parseStoredHeader(line: string): FactsHeader | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || !isString(value.registry) || !isString(value.name)) return null;
  return parseFactsHeader(value, value.registry, value.name, value.abbreviated === true);
}

function parseFactsHeader(line: string | Record<string, unknown>, registry: string, name: string, abbreviated: boolean): FactsHeader | null {
  let value: unknown = line;
  if (typeof line === 'string') {
    try {
      value = JSON.parse(line);
    } catch {
      return null;
    }
  }
  if (!isJsonObject(value) || value.schemaVersion !== FACTS_SCHEMA_VERSION) return null;
  if (value.registry !== registry || value.name !== name) return null;
  if (value.abbreviated !== (abbreviated ? true : undefined)) return null;
  const { etag, lastModified, fetchedAt, maxAge, fromPolicy } = value;
  if (fromPolicy !== undefined && fromPolicy !== true) return null;
  // Without validators an entry is only worth keeping for the policy's cacheMaxAge (client.ts).
  if (!isStringOrNull(etag) || !isStringOrNull(lastModified) || (etag === null && lastModified === null && fromPolicy !== true)) return null;
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return null;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) return null;
  return {
    registry, name, etag, lastModified, fetchedAt, maxAge, ...(fromPolicy === true ? { fromPolicy } : {}), ...(abbreviated ? { abbreviated: true } : {}),
  };
}

/** The entry in `text` when it is valid for exactly this registry, name and view, else null. */
export function parseFactsEntry(text: string, registry: string, name: string, abbreviated = false): FactsEntry | null {
  const newline = text.indexOf('\n');
  if (newline === -1) return null;
  const header = parseFactsHeader(text.slice(0, newline), registry, name, abbreviated);
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
