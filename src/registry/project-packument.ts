/**
 * Raw registry document ("packument") -> the compact ReleaseHistory the rules read. Pure.
 * Validates narrowly: a field of the wrong type counts as absent ("unknown"), never as a
 * default that could let a version through. Publish times come from the registry-written
 * `time` map only, never from anything a version manifest says about itself. The result holds
 * copied primitives only, so the raw document can be dropped at once.
 */
import semver from 'semver';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { compactDigests } from '../model/integrity.js';
import { parseExactInstant } from '../model/instant.js';
import { isJsonObject } from '../model/json-text.js';
import type { InstallScriptName, Instant, Publisher, ReleaseHistory, VersionRecord } from '../model/types.js';

type Json = Record<string, unknown>;


const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** ISO 8601 instants only (see parseExactInstant): "1" or "Jan 1" are unknown, never a date. */
function instantOf(value: unknown): Instant | null {
  return typeof value === 'string' ? parseExactInstant(value) : null;
}

/** A document's `modified`: its `time.modified`, else the top-level `modified` (abbreviated documents). */
export function modifiedOf(times: Json, raw: Json): Instant | null {
  return instantOf(times.modified) ?? instantOf(raw.modified);
}

/**
 * An npm account name: URL-safe (so no spaces), not starting with a dot, at most 214
 * characters, as npm-user-validate checks. Today's rule also wants lower case, but the public
 * registry still lists accounts made before it (`TooTallNate`, `V1`), so case is not checked.
 * "Marijn Haverbeke" is a person, not an account.
 */
export function isNpmAccountName(name: string): boolean {
  return name !== '' && name.length <= 214 && name === encodeURIComponent(name) && !name.startsWith('.');
}

/** The account name of one account-list entry; null when it is a person, not an account; undefined for junk (skipped). */
function accountName(entry: unknown): string | null | undefined {
  if (isJsonObject(entry)) {
    // package.json's people carry a web page (`url`, or `web` in old manifests); the registry's accounts never do.
    if (entry.url !== undefined || entry.web !== undefined) return null;
    const name = stringOrNull(entry.name);
    if (name === null || name === '') return undefined;
    return isNpmAccountName(name) ? name : null;
  }
  if (typeof entry !== 'string') return undefined;
  // Legacy `"name <email>"`; package.json's person string adds `(url)`.
  if (/\(.*\)\s*$/.test(entry)) return null;
  const name = entry.replace(/\s*<.*$/, '');
  return isNpmAccountName(name) ? name : null;
}

/**
 * Account names from the registry's `[{name, email}]` or legacy `["name <email>"]`; null when
 * not a list, or when any entry is not an npm account (a mirror serving package.json's own
 * `maintainers`, people with names and web pages): such a list is no account list, so unknown.
 */
function maintainerNames(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const names = new Set<string>();
  for (const entry of value) {
    const name = accountName(entry);
    if (name === null) return null;
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

function approverName(value: unknown): string | null {
  if (typeof value === 'string') return value || null;
  return isJsonObject(value) ? stringOrNull(value.name) || null : null;
}

export function projectPublisher(npmUser: unknown): Publisher | null {
  if (!isJsonObject(npmUser)) return null;
  const trusted = isJsonObject(npmUser.trustedPublisher) ? npmUser.trustedPublisher : null;
  const provider = trusted ? stringOrNull(trusted.id) : null;
  const name = stringOrNull(npmUser.name) || provider;
  if (!name) return null;
  return {
    id: provider ? `trusted:${provider}` : name,
    name,
    trustedPublisher: provider ? { provider, configId: stringOrNull(trusted?.oidcConfigId) } : null,
    approver: approverName(npmUser.approver),
  };
}

const INSTALL_SCRIPTS: readonly InstallScriptName[] = ['preinstall', 'install', 'postinstall'];

function installScripts(scripts: unknown): InstallScriptName[] {
  if (!isJsonObject(scripts)) return [];
  return INSTALL_SCRIPTS.filter((script) => typeof scripts[script] === 'string' && scripts[script] !== '');
}

/**
 * The names a version installs with it: `dependencies` and `optionalDependencies` (peer and
 * dev dependencies are the dependant's or the author's business). Sorted. Null when either
 * field is present but not an object (unknown, never "none").
 */
function dependencyNames(dependencies: unknown, optional: unknown): string[] | null {
  const names = new Set<string>();
  for (const value of [dependencies, optional]) {
    if (value === undefined || value === null) continue;
    if (!isJsonObject(value)) return null;
    for (const name of Object.keys(value)) names.add(name);
  }
  return [...names].sort();
}

/**
 * A pure function of one raw value, remembering its last argument and answer: consecutive
 * versions mostly carry the same publisher, maintainers, scripts and dependencies, and the
 * scan (slim-packument.ts) hands a repeated member over as the very same value. Answers are
 * shared between versions; nothing changes a projected history.
 */
function lastValueMemo<T>(project: (raw: unknown) => T): (raw: unknown) => T {
  let known = false;
  let lastRaw: unknown;
  let lastAnswer: T;
  return (raw) => {
    if (!known || !Object.is(raw, lastRaw)) {
      lastAnswer = project(raw);
      lastRaw = raw;
      known = true;
    }
    return lastAnswer;
  };
}

/** The projections of one document's versions, each remembering its last answer (lastValueMemo). */
function versionProjections() {
  const shared = new Map<string, string[]>();
  let lastLists: [unknown, unknown] | null = null;
  let lastNames: string[] | null = null;
  return {
    publisher: lastValueMemo(projectPublisher),
    maintainers: lastValueMemo(maintainerNames),
    installScripts: lastValueMemo(installScripts),
    /** One shared array per distinct list within a document: thousands of versions repeat a handful of lists. */
    dependencies(manifest: Json): string[] | null {
      const lists: [unknown, unknown] = [manifest.dependencies, manifest.optionalDependencies];
      if (lastLists !== null && Object.is(lists[0], lastLists[0]) && Object.is(lists[1], lastLists[1])) return lastNames;
      const names = dependencyNames(lists[0], lists[1]);
      let answer = names;
      if (names !== null) {
        const key = names.join('\n');
        answer = shared.get(key) ?? names;
        shared.set(key, answer);
      }
      lastLists = lists;
      lastNames = answer;
      return answer;
    },
  };
}

type VersionProjections = ReturnType<typeof versionProjections>;

function projectVersion(version: string, manifest: Json, publishedAt: Instant | null, project: VersionProjections, abbreviated: boolean): VersionRecord {
  const dist = isJsonObject(manifest.dist) ? manifest.dist : {};
  const attestations = isJsonObject(dist.attestations) ? dist.attestations : {};
  const deprecated = stringOrNull(manifest.deprecated);
  return {
    version,
    publishedAt,
    publisher: project.publisher(manifest._npmUser),
    maintainers: project.maintainers(manifest.maintainers),
    provenance: isJsonObject(attestations.provenance),
    integrity: compactDigests(stringOrNull(dist.integrity), stringOrNull(dist.shasum)),
    tarball: stringOrNull(dist.tarball) || null,
    installScripts: project.installScripts(manifest.scripts),
    dependencies: project.dependencies(manifest),
    deprecated: deprecated === '' ? null : deprecated,
    unpublished: false,
    ...(abbreviated && manifest.hasInstallScript === true ? { hasInstallScript: true as const } : {}),
  };
}

function unpublishedVersion(version: string, publishedAt: Instant | null): VersionRecord {
  return {
    version,
    publishedAt,
    publisher: null,
    maintainers: null,
    provenance: false,
    integrity: null,
    tarball: null,
    installScripts: [],
    dependencies: null,
    deprecated: null,
    unpublished: true,
  };
}

const TIME_KEYS = new Set(['created', 'modified', 'unpublished']);

/** Publish time ascending, unknown times last; ties by semver, then by text. */
function byPublishTime(a: VersionRecord, b: VersionRecord): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt - b.publishedAt;
  }
  const sa = semver.valid(a.version);
  const sb = semver.valid(b.version);
  if (sa && sb) return semver.compare(sa, sb);
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

function garbage(name: string, registry: string, why: string): QuarantineError {
  return new QuarantineError(
    ERROR_CODES.registryResponse,
    `${registry}: the document for ${name} is not a package document (${why})`,
    { hint: 'check that the registry URL in your .npmrc points at an npm registry' },
  );
}

/**
 * @param registry Registry the document came from, already free of credentials.
 * @param expectedName The name that was requested; a document for another name is refused.
 * @param abbreviated The registry served an abbreviated document (ReleaseHistory.abbreviated).
 */
export function projectPackument(raw: unknown, registry: string, expectedName?: string, abbreviated = false): ReleaseHistory {
  const label = expectedName ?? (isJsonObject(raw) && typeof raw.name === 'string' ? raw.name : 'a package');
  if (!isJsonObject(raw)) return fail('not a JSON object');
  const { versions, time } = raw;
  if (versions !== undefined && !isJsonObject(versions)) return fail('`versions` is not an object');
  if (time !== undefined && !isJsonObject(time)) return fail('`time` is not an object');
  const name = stringOrNull(raw.name);
  if (name === null && versions === undefined) return fail('no `name` and no `versions`');
  if (name !== null && expectedName !== undefined && name !== expectedName) return fail(`it names ${name}`);

  const times: Json = time ?? {};
  const records: VersionRecord[] = [];
  const project = versionProjections();
  for (const [version, manifest] of Object.entries(versions ?? {})) {
    if (!isJsonObject(manifest)) return fail(`version ${version} is not an object`);
    records.push(projectVersion(version, manifest, instantOf(times[version]), project, abbreviated));
  }
  for (const [key, value] of Object.entries(times)) {
    if (TIME_KEYS.has(key) || (versions !== undefined && Object.hasOwn(versions, key))) continue;
    records.push(unpublishedVersion(key, instantOf(value)));
  }
  records.sort(byPublishTime);

  const distTags = isJsonObject(raw['dist-tags']) ? raw['dist-tags'] : {};
  const unpublished = times.unpublished;
  return {
    name: name ?? label,
    registry,
    created: instantOf(times.created),
    modified: modifiedOf(times, raw),
    maintainers: maintainerNames(raw.maintainers),
    distTags: Object.fromEntries(
      Object.entries(distTags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
    versions: records,
    unpublishedAt: isJsonObject(unpublished) ? instantOf(unpublished.time) : instantOf(unpublished),
    ...(abbreviated ? { abbreviated: true as const } : {}),
  };

  function fail(why: string): never {
    throw garbage(label, registry, why);
  }
}
