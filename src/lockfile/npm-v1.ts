/**
 * Reads the v1 nested `dependencies` tree (npm 5 and 6) into an InstallGraph. Nesting mirrors
 * node_modules, so every entry gets the location key v2/v3 would give it and the same Node
 * lookup resolves its `requires`.
 */
import type { QuarantineError } from '../model/errors.js';
import type { SourceKind } from '../model/types.js';
import { InstallGraphBuilder, type InstallGraph, parseAliasSpec, requestedRangeOf } from './install-graph.js';
import { isJsonObject, type JsonObject, parseOptionalString, parseStringMap } from './json-text.js';
import { lookupCandidates } from './npm-layout.js';
import type { LocatedFail } from './npm-packages.js';
import { classifyResolved, classifyV1Spec, versionOfV1Spec } from './source-kind.js';

const PLAIN_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;
const ROOT_DEPS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const;

/**
 * `rootDeps`: the root project's `[name, spec]` pairs from package.json, or null when it was
 * not given (then every top-level entry nothing else requires counts as a direct dependency).
 */
export function parseDependencyTree(
  dependencies: JsonObject,
  rootDeps: Array<[string, string]> | null,
  fail: LocatedFail,
): InstallGraph {
  const builder = new InstallGraphBuilder();
  const entries = new Map<string, JsonObject>();
  const labels = new Map<string, string>();
  const pending: Array<{ parent: string; tree: JsonObject; where: string }> = [
    { parent: '', tree: dependencies, where: 'dependencies' },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    for (const [key, entry] of Object.entries(item.tree)) {
      const location = item.parent === '' ? `node_modules/${key}` : `${item.parent}/node_modules/${key}`;
      const where = `${item.where}[${JSON.stringify(key)}]`;
      const failHere = (problem: string): QuarantineError => fail(where, key, problem);
      if (!isJsonObject(entry)) throw failHere('entry is not an object');
      const spec = parseOptionalString(entry, 'version', failHere);
      if (spec === null) throw failHere('entry has no "version"');
      const alias = parseAliasSpec(spec);
      const name = alias?.name ?? key;
      const resolved = parseOptionalString(entry, 'resolved', failHere);
      let version = alias?.range ?? spec;
      let source: SourceKind;
      if (alias !== null || PLAIN_VERSION.test(spec)) {
        source = classifyResolved(resolved, name, version);
      } else {
        source = classifyV1Spec(spec);
        version = versionOfV1Spec(spec, source);
      }
      const install = builder.add({
        id: location,
        name,
        version,
        source,
        resolved: resolved ?? (source === 'registry' ? null : spec),
        integrity: parseOptionalString(entry, 'integrity', failHere),
        dev: entry.dev === true,
        optional: entry.optional === true,
      });
      if (name !== key) install.aliases.add(key);
      entries.set(location, entry);
      labels.set(location, where);
      const nested = entry.dependencies;
      if (nested !== undefined && !isJsonObject(nested)) throw failHere('"dependencies" is not an object');
      if (nested !== undefined) pending.push({ parent: location, tree: nested, where: `${where}.dependencies` });
    }
  }

  const resolve = (from: string, name: string): string | null =>
    lookupCandidates(from, name).find((candidate) => entries.has(candidate)) ?? null;
  const required = new Set<string>();
  for (const [location, entry] of entries) {
    // `requires` is a map of name -> spec in v1 entries (`requires: true` only at the top).
    const requires = isJsonObject(entry.requires) ? parseStringMap(entry, 'requires', (p) => fail(labels.get(location) ?? location, null, p)) : [];
    for (const [name, spec] of requires) {
      const target = resolve(location, name);
      if (target === null || target === location) continue;
      builder.addEdge(location, target, requestedRangeOf(spec));
      required.add(target);
    }
  }
  if (rootDeps !== null) {
    for (const [name, spec] of rootDeps) {
      const target = resolve('', name);
      if (target !== null) builder.addEdge(null, target, requestedRangeOf(spec));
    }
  } else {
    for (const location of entries.keys()) {
      if (!location.includes('/node_modules/') && !required.has(location)) builder.addRoot(location);
    }
  }
  return builder.build();
}

/** The root project's dependencies from package.json text, for v1 lockfiles. */
export function parseRootDependencies(manifest: JsonObject, fail: (problem: string) => QuarantineError): Array<[string, string]> {
  return ROOT_DEPS.flatMap((field) => parseStringMap(manifest, field, fail));
}
