/**
 * pnpm `packages` (and, in 9.x, `snapshots`) -> one PnpmEntry per installed instance.
 * - 5.x/6.x: `packages` keys are instances (peer suffix included); each holds `resolution`,
 *   optional `name`/`version` (non-registry keys) and its dependency maps.
 * - 9.x: `packages` keys (`name@version`) hold `resolution` and metadata; `snapshots` keys add
 *   the peer suffix and hold the dependency maps. A `packages` entry no snapshot instantiates is
 *   still listed (with no dependencies): it is in the lockfile, so it is checked.
 * Name: `name` field, else from the key, else (null) the name it is installed under. Version:
 * `version` field, else from the key; directories without one get `0.0.0`, other non-registry
 * sources `0.0.0-<kind>`; a registry entry without a version is an error.
 */
import { isJsonObject, type JsonObject } from './json-text.js';
import { nameVersionOfKey, type PnpmFormat, stripPeerSuffix } from './pnpm-dep-path.js';
import { type PnpmDependency, type PnpmEntry, quoteKey, parseStringEntries } from './pnpm-model.js';
import { classifyResolution } from './pnpm-source.js';
import type { PnpmFail } from './pnpm-yaml.js';

export function parseEntries(document: JsonObject, format: PnpmFormat, importerPaths: ReadonlySet<string>, fail: PnpmFail): PnpmEntry[] {
  const packages = parseSection(document, 'packages', fail);
  if (format !== 9) {
    return Object.entries(packages).map(([key, value]) => {
      const where = { label: `packages${quoteKey(key)}`, at: ['packages', key] };
      const pkg = asEntryObject(value, where, fail);
      return toEntry(key, stripPeerSuffix(format, key), pkg, pkg, format, importerPaths, where, fail);
    });
  }
  const snapshots = parseSection(document, 'snapshots', fail);
  const entries: PnpmEntry[] = [];
  const instantiated = new Set<string>();
  for (const [key, value] of Object.entries(snapshots)) {
    const where = { label: `snapshots${quoteKey(key)}`, at: ['snapshots', key] };
    const snapshot = asEntryObject(value, where, fail);
    const base = stripPeerSuffix(9, key);
    const pkg = packages[base];
    if (pkg === undefined) throw fail(where.label, where.at, `has no entry ${JSON.stringify(base)} in "packages"`);
    const pkgWhere = { label: `packages${quoteKey(base)}`, at: ['packages', base] };
    instantiated.add(base);
    entries.push(toEntry(key, base, asEntryObject(pkg, pkgWhere, fail), snapshot, format, importerPaths, where, fail));
  }
  for (const [key, value] of Object.entries(packages)) {
    if (instantiated.has(key)) continue;
    const where = { label: `packages${quoteKey(key)}`, at: ['packages', key] };
    entries.push(toEntry(key, key, asEntryObject(value, where, fail), {}, format, importerPaths, where, fail));
  }
  return entries;
}

function parseSection(document: JsonObject, field: string, fail: PnpmFail): JsonObject {
  const value = document[field];
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw fail(JSON.stringify(field), [field], 'is not a mapping');
  return value;
}

function asEntryObject(value: unknown, where: { label: string; at: readonly string[] }, fail: PnpmFail): JsonObject {
  if (!isJsonObject(value)) throw fail(where.label, where.at, 'entry is not a mapping');
  return value;
}

interface Where {
  label: string;
  at: readonly string[];
}

function toEntry(
  key: string,
  baseKey: string,
  pkg: JsonObject,
  snapshot: JsonObject,
  format: PnpmFormat,
  importerPaths: ReadonlySet<string>,
  where: Where,
  fail: PnpmFail,
): PnpmEntry {
  const pkgWhere = format === 9 ? { label: `packages${quoteKey(baseKey)}`, at: ['packages', baseKey] } : where;
  const fromKey = nameVersionOfKey(format, baseKey);
  const name = optionalString(pkg, 'name', pkgWhere, fail) ?? fromKey?.name ?? null;
  const writtenVersion = optionalString(pkg, 'version', pkgWhere, fail) ?? fromKey?.version ?? null;
  const { resolution } = pkg;
  if (!isJsonObject(resolution)) throw fail(pkgWhere.label, pkgWhere.at, 'entry has no "resolution" mapping');
  const { source, resolved, integrity } = classifyResolution(resolution, { name, version: writtenVersion }, importerPaths);
  if (writtenVersion === null && source === 'registry') throw fail(pkgWhere.label, pkgWhere.at, 'entry has no version');
  const version = writtenVersion ?? (source === 'link' || source === 'workspace' ? '0.0.0' : `0.0.0-${source}`);
  return {
    key,
    name,
    version,
    source,
    resolved,
    integrity,
    dependencies: parseDependencies(snapshot, where, new Map(parseStringEntries(pkg, 'peerDependencies', pkgWhere, fail)), fail),
  };
}

/** Dependency edges of an instance; peer dependencies resolved here take the peer range. */
function parseDependencies(snapshot: JsonObject, where: Where, peerRanges: ReadonlyMap<string, string>, fail: PnpmFail): PnpmDependency[] {
  const dependencies: PnpmDependency[] = [];
  for (const [field, kind] of [['dependencies', 'prod'], ['optionalDependencies', 'optional']] as const) {
    for (const [alias, ref] of parseStringEntries(snapshot, field, where, fail)) {
      dependencies.push({
        alias,
        ref,
        kind,
        range: peerRanges.get(alias) ?? null,
        label: `${where.label}.${field}${quoteKey(alias)}`,
        at: [...where.at, field, alias],
      });
    }
  }
  return dependencies;
}

function optionalString(object: JsonObject, field: string, where: Where, fail: PnpmFail): string | null {
  const value = object[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fail(`${where.label}.${field}`, [...where.at, field], 'is not a string');
  return value;
}
