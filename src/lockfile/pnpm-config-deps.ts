/**
 * pnpm 11+ env lockfile (the first YAML document of pnpm-lock.yaml) -> the config dependencies
 * it locks, as LockedPackages flagged `configDependency`.
 *
 * pnpm 11 and 12 record `configDependencies` of pnpm-workspace.yaml as the root importer's
 * `configDependencies` (`{name: {specifier, version}}`) with their `packages` (resolution:
 * integrity, or a tarball) and `snapshots` (one level of optional dependencies). pnpm installs
 * them first, into node_modules/.pnpm-config, and runs their pnpmfile hooks: they are judged
 * like any package. Read: every importer's `configDependencies` and what they reach; not read:
 * `packageManagerDependencies` (pnpm itself for the `packageManager` field), which the
 * project pins by version in package.json.
 */
import type { LockedPackage } from '../model/types.js';
import { isJsonObject, type JsonObject } from './json-text.js';
import { buildLockedPackages } from './merge.js';
import type { PnpmFormat } from './pnpm-dep-path.js';
import { buildPnpmGraph } from './pnpm-graph.js';
import { type PnpmImporter, quoteKey } from './pnpm-model.js';
import { parseEntries } from './pnpm-packages.js';
import type { PnpmFail } from './pnpm-yaml.js';

const FIELD = 'configDependencies';

export function parsePnpmConfigDependencies(document: JsonObject, format: PnpmFormat, fail: PnpmFail): LockedPackage[] {
  const { importers } = document;
  if (!isJsonObject(importers)) return [];
  const importer: PnpmImporter = { id: '.', dependencies: [] };
  for (const [id, value] of Object.entries(importers)) {
    if (!isJsonObject(value)) throw fail(`env importers${quoteKey(id)}`, null, 'is not a mapping');
    const map = value[FIELD];
    if (map === undefined || map === null) continue;
    const label = `env importers${quoteKey(id)}.${FIELD}`;
    if (!isJsonObject(map)) throw fail(label, null, 'is not a mapping');
    for (const [alias, entry] of Object.entries(map)) {
      if (!isJsonObject(entry) || typeof entry.version !== 'string') throw fail(`${label}${quoteKey(alias)}`, null, 'has no "version" string');
      importer.dependencies.push({
        alias,
        ref: entry.version,
        kind: 'prod',
        // The specifier is the exact pin itself, not a range the project asks within: any
        // version that passes is a remedy (re-pinned with `pnpm add --config`), so none is recorded.
        range: null,
        label: `${label}${quoteKey(alias)}`,
        at: [],
      });
    }
  }
  if (importer.dependencies.length === 0) return [];
  // Line numbers point into the main document; the env document's problems name their entry instead.
  const envFail: PnpmFail = (where, _at, problem) => fail(where.startsWith('env ') ? where : `env ${where}`, null, problem);
  const entries = parseEntries(document, format, new Set(['.']), envFail);
  const graph = buildPnpmGraph([importer], entries, format, envFail);
  // Unreachable from configDependencies (pnpm of packageManagerDependencies): not a config dependency.
  return buildLockedPackages(graph)
    .filter((pkg) => pkg.pathCount > 0)
    .map((pkg) => ({ ...pkg, configDependency: true }));
}
