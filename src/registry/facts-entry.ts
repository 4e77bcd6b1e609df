/**
 * One facts-cache entry: the projected ReleaseHistory of a package plus the validators
 * (ETag / Last-Modified) of the registry response it was projected from. Pure: building the
 * stored text and parsing it back. Parsing is strict and fails closed: anything that is not
 * exactly an entry of this schema, for this registry and this name, is `null` ("no entry"),
 * which makes the client fetch the full document again. A bad entry can cost time, never a
 * verdict.
 */
import type { InstallScriptName, Publisher, ReleaseHistory, VersionRecord } from '../core/types.js';

/**
 * Bump when the projection (project-packument.ts) or ReleaseHistory changes meaning: entries
 * written by another schema are ignored and their packages fetched in full again.
 */
export const FACTS_SCHEMA_VERSION = 1;

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FactsEntry extends Validators {
  /** Credential-free registry URL the history came from. */
  registry: string;
  name: string;
  history: ReleaseHistory;
}

export function serializeFactsEntry(entry: FactsEntry): string {
  return JSON.stringify({ schemaVersion: FACTS_SCHEMA_VERSION, ...entry });
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isInstantOrNull = (value: unknown): value is number | null => value === null || Number.isFinite(value);
const isNameList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const INSTALL_SCRIPTS = new Set<unknown>(['preinstall', 'install', 'postinstall']);

function isPublisher(value: unknown): value is Publisher {
  if (!isObject(value) || !isString(value.id) || !isString(value.name) || !isStringOrNull(value.approver)) return false;
  const trusted = value.trustedPublisher;
  return trusted === null || (isObject(trusted) && isString(trusted.provider) && isStringOrNull(trusted.configId));
}

function isVersionRecord(value: unknown): value is VersionRecord {
  return isObject(value)
    && isString(value.version)
    && isInstantOrNull(value.publishedAt)
    && (value.publisher === null || isPublisher(value.publisher))
    && (value.maintainers === null || isNameList(value.maintainers))
    && typeof value.provenance === 'boolean'
    && Array.isArray(value.installScripts)
    && value.installScripts.every((script: unknown): script is InstallScriptName => INSTALL_SCRIPTS.has(script))
    && isStringOrNull(value.deprecated)
    && typeof value.unpublished === 'boolean';
}

function isReleaseHistory(value: unknown): value is ReleaseHistory {
  return isObject(value)
    && isString(value.name)
    && isString(value.registry)
    && isInstantOrNull(value.created)
    && isInstantOrNull(value.modified)
    && (value.maintainers === null || isNameList(value.maintainers))
    && isObject(value.distTags)
    && Object.values(value.distTags).every(isString)
    && Array.isArray(value.versions)
    && value.versions.every(isVersionRecord)
    && isInstantOrNull(value.unpublishedAt);
}

/** The entry in `text` when it is valid for exactly this registry and name, else null. */
export function parseFactsEntry(text: string, registry: string, name: string): FactsEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value.schemaVersion !== FACTS_SCHEMA_VERSION) return null;
  if (value.registry !== registry || value.name !== name) return null;
  if (!isStringOrNull(value.etag) || !isStringOrNull(value.lastModified)) return null;
  if (value.etag === null && value.lastModified === null) return null;
  const { history } = value;
  if (!isReleaseHistory(history) || history.registry !== registry) return null;
  return { registry, name, etag: value.etag, lastModified: value.lastModified, history };
}

/** Request headers that ask the registry to answer 304 when the document is unchanged. */
export function conditionalHeaders(validators: Validators): Record<string, string> {
  if (validators.etag !== null) return { 'if-none-match': validators.etag };
  if (validators.lastModified !== null) return { 'if-modified-since': validators.lastModified };
  return {};
}
