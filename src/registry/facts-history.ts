/**
 * The compact, stored form of a ReleaseHistory (the second line of a facts entry). Pure.
 *
 * A package with thousands of versions repeats the same few maintainer lists, dependency-name
 * lists and publishers
 * in every version; stored once each and referred to by index, and with each version as a
 * tuple instead of an object with named members, the facts of the benchmark's 1,830
 * packages shrink from 21 to 6 MB and parse into far fewer objects. Versions that share
 * a maintainer list or publisher share one frozen array or object (nothing mutates a
 * history; if something tried, it would throw rather than corrupt another version).
 *
 * What the registry published for each version's tarball (`dists`, beside `versions`, one per
 * version): its digests in compact form (model/integrity.ts) and its URL, which nearly always
 * is `<base>/<name>/-/<name>-<version>.tgz` for one or two bases per package; such a URL is
 * stored as the index of its base, any other one as written.
 *
 * Decoding validates everything and fails closed: a value of the wrong shape or an index out
 * of range makes the whole history null ("no entry"), never a partial history.
 */
import { parseCompactDigests } from '../model/integrity.js';
import { isJsonObject } from '../model/json-text.js';
import type { InstallScriptName, Publisher, ReleaseHistory, VersionRecord } from '../model/types.js';

/** `[id, name, approver, trusted provider or null, trusted configId or null]` */
type StoredPublisher = [string, string, string | null, string | null, string | null];
/**
 * `[version, publishedAt, publisher index or -1, maintainer list index or -1, provenance, install scripts
 * joined by ' ' (`+` for an abbreviated document's `hasInstallScript`), deprecated, unpublished,
 * dependency-name list index or -1]` (both lists in `lists`)
 */
type StoredVersion = [string, number | null, number, number, boolean, string, string | null, boolean, number];
/** `[compact digests or null, tarball base index or -1, tarball URL when not at a base, else null]` */
type StoredDist = [string | null, number, string | null];

export interface StoredHistory {
  name: string;
  registry: string;
  created: number | null;
  modified: number | null;
  maintainers: string[] | null;
  distTags: Record<string, string>;
  unpublishedAt: number | null;
  lists: string[][];
  publishers: StoredPublisher[];
  versions: StoredVersion[];
  /** Tarball URL bases (`https://registry.npmjs.org/`), see StoredDist. */
  tarballBases: string[];
  /** One per entry of `versions`, in the same order. */
  dists: StoredDist[];
  /** Set for the history of an abbreviated document (ReleaseHistory.abbreviated). */
  abbreviated?: true;
  /** Set for an abbreviated document's `modified` alone (ReleaseHistory.partial). */
  partial?: true;
}

/** The usual end of a tarball URL: `<name>/-/<unscoped name>-<version>.tgz`. */
function tarballFile(name: string, version: string): string {
  return `${name}/-/${name.slice(name.indexOf('/') + 1)}-${version}.tgz`;
}

function encodeDist(name: string, record: VersionRecord, bases: { indexOf(value: string | null): number }): StoredDist {
  const { tarball } = record;
  const file = tarballFile(name, record.version);
  if (tarball !== null && tarball.endsWith(`/${file}`)) {
    return [record.integrity, bases.indexOf(tarball.slice(0, tarball.length - file.length)), null];
  }
  return [record.integrity, -1, tarball];
}

/** The stored dist of one version as [integrity, tarball], or null when it is not of this form. */
function decodeDist(value: unknown, name: string, version: string, bases: readonly string[]): [string | null, string | null] | null {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [integrity, baseIndex, rest] = value as unknown[];
  if (!isStringOrNull(integrity) || !isStringOrNull(rest) || !Number.isInteger(baseIndex)) return null;
  if (integrity !== null && parseCompactDigests(integrity) === null) return null;
  if (baseIndex === -1) return [integrity, rest];
  const base = bases[baseIndex as number];
  if (base === undefined || rest !== null) return null;
  return [integrity, `${base}${tarballFile(name, version)}`];
}

/**
 * Gives each distinct value (by `key`) an index, and keeps `store(value)` of each. The same
 * object again (a projection shares a version's publisher and lists with the version before it,
 * project-packument.ts) is found without building its key.
 */
function createTable<T extends object | string, S>(key: (value: T) => string, store: (value: T) => S) {
  const indexes = new Map<string, number>();
  const seen = new Map<T, number>();
  const values: S[] = [];
  return {
    values,
    indexOf(value: T | null): number {
      if (value === null) return -1;
      let index = seen.get(value);
      if (index !== undefined) return index;
      const k = key(value);
      index = indexes.get(k);
      if (index === undefined) {
        index = values.push(store(value)) - 1;
        indexes.set(k, index);
      }
      seen.set(value, index);
      return index;
    },
  };
}

const storedPublisher = (p: Publisher): StoredPublisher =>
  [p.id, p.name, p.approver, p.trustedPublisher?.provider ?? null, p.trustedPublisher?.configId ?? null];

export function encodeHistory(history: ReleaseHistory): StoredHistory {
  const lists = createTable((names: string[]) => JSON.stringify(names), (names) => names);
  const publishers = createTable((p: Publisher) => JSON.stringify(storedPublisher(p)), storedPublisher);
  const tarballBases = createTable((base: string) => base, (base) => base);
  const versions = history.versions.map((v): StoredVersion => [
    v.version, v.publishedAt, publishers.indexOf(v.publisher), lists.indexOf(v.maintainers),
    v.provenance, v.hasInstallScript === true ? HAS_INSTALL_SCRIPT : v.installScripts.join(' '), v.deprecated, v.unpublished, lists.indexOf(v.dependencies),
  ]);
  const { name, registry, created, modified, maintainers, distTags, unpublishedAt } = history;
  const dists = history.versions.map((v) => encodeDist(name, v, tarballBases));
  return {
    name, registry, created, modified, maintainers, distTags, unpublishedAt,
    lists: lists.values, publishers: publishers.values, versions, tarballBases: tarballBases.values, dists,
    ...(history.abbreviated === true ? { abbreviated: true } : {}),
    ...(history.partial === true ? { partial: true } : {}),
  };
}

/** The stored install scripts of a version of an abbreviated document whose `hasInstallScript` is set. */
const HAS_INSTALL_SCRIPT = '+';

/** Guards for the fields of a stored entry (facts-entry.ts reads its header with them too). */
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
export const isInstantOrNull = (value: unknown): value is number | null => value === null || Number.isFinite(value);
const isNameList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

const INSTALL_SCRIPTS = new Set<string>(['preinstall', 'install', 'postinstall']);
/** Each distinct stored list once, frozen and shared (there are at most a handful). */
const scriptLists = new Map<string, InstallScriptName[]>();

/** Install scripts as stored (names joined by ' '); undefined for anything else (a damaged entry). */
function scriptsOf(text: unknown): InstallScriptName[] | undefined {
  if (typeof text !== 'string') return undefined;
  let list = scriptLists.get(text);
  if (list === undefined) {
    const names = text === '' ? [] : text.split(' ');
    if (!names.every((name) => INSTALL_SCRIPTS.has(name)) || new Set(names).size !== names.length) return undefined;
    list = Object.freeze(names) as InstallScriptName[];
    scriptLists.set(text, list);
  }
  return list;
}

function decodePublisher(value: unknown): Publisher | null {
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [id, name, approver, provider, configId] = value as unknown[];
  if (!isString(id) || !isString(name) || !isStringOrNull(approver) || !isStringOrNull(provider) || !isStringOrNull(configId)) return null;
  if (provider === null && configId !== null) return null;
  const trustedPublisher = provider === null ? null : Object.freeze({ provider, configId });
  return Object.freeze({ id, name, trustedPublisher, approver });
}

function decodeVersion(value: unknown, publishers: Publisher[], lists: string[][], abbreviated: boolean): VersionRecord | null {
  if (!Array.isArray(value) || value.length !== 9) return null;
  const [version, publishedAt, publisherIndex, listIndex, provenance, scripts, deprecated, unpublished, dependencyIndex] = value as unknown[];
  if (!isString(version) || !isInstantOrNull(publishedAt) || typeof provenance !== 'boolean') return null;
  if (!isStringOrNull(deprecated) || typeof unpublished !== 'boolean') return null;
  if (!Number.isInteger(publisherIndex) || !Number.isInteger(listIndex) || !Number.isInteger(dependencyIndex)) return null;
  const publisher = publisherIndex === -1 ? null : publishers[publisherIndex as number];
  const maintainers = listIndex === -1 ? null : lists[listIndex as number];
  const dependencies = dependencyIndex === -1 ? null : lists[dependencyIndex as number];
  const flagged = abbreviated && scripts === HAS_INSTALL_SCRIPT;
  const installScripts = flagged ? NO_SCRIPTS : scriptsOf(scripts);
  if (publisher === undefined || maintainers === undefined || dependencies === undefined || installScripts === undefined) return null;
  // integrity and tarball come from the version's stored dist (decodeDist).
  return {
    version, publishedAt, publisher, maintainers, provenance, integrity: null, tarball: null, installScripts, dependencies, deprecated, unpublished,
    ...(flagged ? { hasInstallScript: true as const } : {}),
  };
}

const NO_SCRIPTS: InstallScriptName[] = Object.freeze([]) as unknown as InstallScriptName[];

/** The history stored as `value` (parsed JSON) when it is exactly of this form, else null. */
export function decodeHistory(value: unknown): ReleaseHistory | null {
  if (!isJsonObject(value)) return null;
  const { name, registry, created, modified, maintainers, distTags, unpublishedAt, lists, publishers, versions, tarballBases, dists, abbreviated, partial } = value;
  if (abbreviated !== undefined && abbreviated !== true) return null;
  // Only an abbreviated document is ever kept partially, and then without any version.
  if (partial !== undefined && (partial !== true || abbreviated !== true || !Array.isArray(versions) || versions.length > 0)) return null;
  if (!isString(name) || !isString(registry) || !isInstantOrNull(created) || !isInstantOrNull(modified)) return null;
  if (!(maintainers === null || isNameList(maintainers)) || !isInstantOrNull(unpublishedAt)) return null;
  if (!isJsonObject(distTags) || !Object.values(distTags).every(isString)) return null;
  if (!Array.isArray(lists) || !lists.every(isNameList) || !Array.isArray(publishers) || !Array.isArray(versions)) return null;
  if (!isNameList(tarballBases) || !Array.isArray(dists) || dists.length !== versions.length) return null;
  const sharedLists = lists.map((list) => Object.freeze(list) as string[]);
  const sharedPublishers: Publisher[] = [];
  for (const stored of publishers) {
    const publisher = decodePublisher(stored);
    if (publisher === null) return null;
    sharedPublishers.push(publisher);
  }
  const records: VersionRecord[] = [];
  for (const [index, stored] of versions.entries()) {
    const record = decodeVersion(stored, sharedPublishers, sharedLists, abbreviated === true);
    const dist = record === null ? null : decodeDist(dists[index], name, record.version, tarballBases);
    if (record === null || dist === null) return null;
    [record.integrity, record.tarball] = dist;
    records.push(record);
  }
  return {
    name, registry, created, modified, maintainers, distTags: distTags as Record<string, string>, versions: records, unpublishedAt,
    ...(abbreviated === true ? { abbreviated: true as const } : {}),
    ...(partial === true ? { partial: true as const } : {}),
  };
}
