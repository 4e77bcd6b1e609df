/**
 * pnpm's in-memory lockfile (what `.pnpmfile.cjs` hooks receive: `preResolution`'s
 * `wantedLockfile`, `afterAllResolved`'s first argument) -> the lockfile file format v9, so the
 * one pnpm reader (pnpm.ts) reads it with all its checks. Pure.
 *
 * pnpm 9 and 10 keep the lockfile in memory in a shape of their own (verified with pnpm 10.34):
 * - `importers[id]` has `specifiers: {alias: specifier}` and `dependencies` /
 *   `devDependencies` / `optionalDependencies` as `{alias: reference}` (the v5 importer shape);
 *   the file format v9 writes `{alias: {specifier, version}}`.
 * - `packages[depPath]` is keyed by the full dep path with its peer suffix
 *   (`react-dom@18.2.0(react@18.2.0)`) and holds the package fields (`resolution`, `name`,
 *   `version`, `peerDependencies`, ...) together with the instance's `dependencies`; the file
 *   format v9 splits them into `packages` (keyed without the peer suffix) and `snapshots`.
 * Anything that is not shaped like that is passed through unchanged, so the reader reports it.
 */
import { stringify } from 'yaml';
import type { Lockfile } from '../model/types.js';
import { isJsonObject, type JsonObject } from './json-text.js';
import { stripPeerSuffix } from './pnpm-dep-path.js';
import { DEPENDENCY_FIELDS } from './pnpm-model.js';
import { parsePnpmLockfile } from './pnpm.js';

const SNAPSHOT_FIELDS = new Set(['dependencies', 'optionalDependencies', 'transitivePeerDependencies', 'dev', 'optional']);

function importerToFile(importer: unknown): unknown {
  if (!isJsonObject(importer) || !isJsonObject(importer.specifiers)) return importer;
  const specifiers = importer.specifiers;
  const out: JsonObject = {};
  for (const [field] of DEPENDENCY_FIELDS) {
    const map = importer[field];
    if (!isJsonObject(map)) continue;
    const entries = Object.entries(map).map(([alias, version]) => {
      const specifier = specifiers[alias];
      return [alias, typeof specifier === 'string' ? { specifier, version } : { version }] as const;
    });
    if (entries.length > 0) out[field] = Object.fromEntries(entries);
  }
  return out;
}

function splitPackages(packages: JsonObject): { packages: JsonObject; snapshots: JsonObject } {
  const files: JsonObject = {};
  const snapshots: JsonObject = {};
  for (const [depPath, entry] of Object.entries(packages)) {
    if (!isJsonObject(entry)) {
      files[depPath] = entry;
      continue;
    }
    const pkg: JsonObject = {};
    const snapshot: JsonObject = {};
    for (const [field, value] of Object.entries(entry)) (SNAPSHOT_FIELDS.has(field) ? snapshot : pkg)[field] = value;
    files[stripPeerSuffix(9, depPath)] = pkg;
    snapshots[depPath] = snapshot;
  }
  return { packages: files, snapshots };
}

/** The in-memory lockfile as the v9 file document (plain data). */
export function pnpmLockfileObjectToFile(lockfile: unknown): unknown {
  if (!isJsonObject(lockfile)) return lockfile;
  const importers = isJsonObject(lockfile.importers)
    ? Object.fromEntries(Object.entries(lockfile.importers).map(([id, importer]) => [id, importerToFile(importer)]))
    : lockfile.importers;
  const split = isJsonObject(lockfile.packages) ? splitPackages(lockfile.packages) : { packages: lockfile.packages, snapshots: undefined };
  return { lockfileVersion: lockfile.lockfileVersion, importers, packages: split.packages, snapshots: split.snapshots };
}

/** Reads pnpm's in-memory lockfile object with the pnpm reader; `path` names it in messages. */
export function parsePnpmLockfileObject(lockfile: unknown, options: { path: string }): Lockfile {
  return parsePnpmLockfile(stringify(pnpmLockfileObjectToFile(lockfile)), options);
}
