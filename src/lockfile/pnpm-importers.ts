/**
 * pnpm importers: the projects of a workspace (`importers`, keyed by directory) or, in 5.x and
 * 6.x lockfiles of a single project, the top level of the document itself.
 * - 5.x: `specifiers: {name: spec}` beside `dependencies: {name: ref}` (and dev/optional);
 * - 6.x and 9.x: `dependencies: {name: {specifier, version}}`.
 */
import { isJsonObject, type JsonObject } from './json-text.js';
import type { PnpmFormat } from './pnpm-dep-path.js';
import { DEPENDENCY_FIELDS, type PnpmDependency, type PnpmImporter, quoteKey, parseStringEntries } from './pnpm-model.js';
import type { PnpmFail } from './pnpm-yaml.js';
import { requestedRangeOf } from './install-graph.js';

export function parseImporters(document: JsonObject, format: PnpmFormat, fail: PnpmFail): PnpmImporter[] {
  const { importers } = document;
  if (importers === undefined && format !== 9) {
    return [parseImporter('.', document, format, { label: 'the root project', at: [] }, fail)];
  }
  if (!isJsonObject(importers)) throw fail('"importers"', ['importers'], 'is missing or not a mapping');
  return Object.entries(importers).map(([id, importer]) => {
    const where = { label: `importers${quoteKey(id)}`, at: ['importers', id] };
    if (!isJsonObject(importer)) throw fail(where.label, where.at, 'is not a mapping');
    return parseImporter(id, importer, format, where, fail);
  });
}

function parseImporter(
  id: string,
  importer: JsonObject,
  format: PnpmFormat,
  where: { label: string; at: readonly string[] },
  fail: PnpmFail,
): PnpmImporter {
  const dependencies: PnpmDependency[] = [];
  const specifiers = format === 5 ? new Map(parseStringEntries(importer, 'specifiers', where, fail)) : null;
  for (const [field, kind] of DEPENDENCY_FIELDS) {
    if (specifiers !== null) {
      for (const [alias, ref] of parseStringEntries(importer, field, where, fail)) {
        const specifier = specifiers.get(alias);
        dependencies.push(dependency(alias, ref, kind, specifier ?? null, where, field));
      }
      continue;
    }
    const map = importer[field];
    if (map === undefined || map === null) continue;
    if (!isJsonObject(map)) throw fail(`${where.label}.${field}`, [...where.at, field], 'is not a mapping');
    for (const [alias, value] of Object.entries(map)) {
      const entry = dependency(alias, '', kind, null, where, field);
      if (!isJsonObject(value) || typeof value.version !== 'string') {
        throw fail(entry.label, entry.at, 'has no "version" string');
      }
      const specifier = typeof value.specifier === 'string' ? value.specifier : null;
      dependencies.push({ ...entry, ref: value.version, range: specifier === null ? null : requestedRangeOf(specifier) });
    }
  }
  return { id, dependencies };
}

function dependency(
  alias: string,
  ref: string,
  kind: PnpmDependency['kind'],
  specifier: string | null,
  where: { label: string; at: readonly string[] },
  field: string,
): PnpmDependency {
  return {
    alias,
    ref,
    kind,
    range: specifier === null ? null : requestedRangeOf(specifier),
    label: `${where.label}.${field}${quoteKey(alias)}`,
    at: [...where.at, field, alias],
  };
}

/**
 * The package name a workspace specifier names: `workspace:ws-a@*` -> `ws-a`; null for
 * `workspace:*`, `workspace:^1.0.0` and other specs.
 */
export function workspaceSpecName(specifier: string | null): string | null {
  if (specifier === null || !specifier.startsWith('workspace:')) return null;
  const match = /^(@?[^@]+)@/.exec(specifier.slice('workspace:'.length));
  return match?.[1] ?? null;
}
