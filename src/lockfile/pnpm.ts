/**
 * pnpm `pnpm-lock.yaml`, lockfileVersion 5.x (pnpm 5 to 7), 6.x (pnpm 8) and 9.x (pnpm 9 to 12).
 * Pure: takes the text, never a path to read.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - Documents: every YAML document is parsed; the main one is the last with a
 *   `lockfileVersion` that is not pnpm 11's env lockfile (importers holding only
 *   `configDependencies`/`packageManagerDependencies`). The env lockfile's config dependencies
 *   (pnpm 11+) are read too (pnpm-config-deps.ts): each is a package flagged
 *   `configDependency`, with the path `[name@version]`; one that the project also installs at
 *   the same version is one package, flagged, with both lockfile claims as copies.
 * - Instances: 5.x/6.x `packages` keys, 9.x `snapshots` keys joined to their `packages` entry
 *   by removing the peer suffix (`(react@18.2.0)`, 5.x `_react@18.2.0`). Instances of one
 *   name@version merge (merge.ts), so peer variants report once under the plain version.
 * - Real names: the entry's `name` field, else the key (`/name/1.0.0`, `/name@1.0.0`,
 *   `name@1.0.0`), else the name it is installed under. Aliases (`my-alias: npm:real@1.0.0`,
 *   written as a reference to `real`'s key) keep the alias in `aliases`.
 * - Sources: see pnpm-source.ts (hosted-git archive tarballs count as git). `link:` to an
 *   importer is that workspace; `link:` elsewhere is a `link` package named after the alias,
 *   version `0.0.0` (pnpm does not record it). Directory entries without a version are `0.0.0`;
 *   other non-registry entries without one `0.0.0-<kind>`.
 * - Roots and paths: the root importer's dependencies, devDependencies and
 *   optionalDependencies; every other importer is a root and its own first step,
 *   `<name>@0.0.0` where the name is the one another importer links it under (or names in a
 *   `workspace:name@…` specifier), else the importer's directory (the lockfile records
 *   neither an importer's name nor its version).
 * - requestedRanges: importer specifiers (`npm:real@^1.0.0` -> `^1.0.0`; `workspace:*`,
 *   `link:`, `file:` and URLs as written) and, for a peer dependency an instance resolved, the
 *   peer range. Other dependency maps hold resolved versions only: nothing is recorded.
 * - Flags, computed from the graph for every version: dev when reached only through
 *   importers' devDependencies, optional when reached only through optionalDependencies.
 *   pnpm's own `dev`/`optional` fields mean the same but are edits away from lying.
 * - Malformed input throws QuarantineError (E_LOCKFILE_PARSE; E_LOCKFILE_UNSUPPORTED for an
 *   unknown lockfileVersion) with `<path>: <problem> (line N)`, the line when it is known.
 */
import { ERROR_CODES, MAX_PATHS_PER_PACKAGE } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { LockedPackage, Lockfile } from '../model/types.js';
import { located, parseError } from './json-text.js';
import { buildLockedPackages, comparePackages } from './merge.js';
import { parsePnpmConfigDependencies } from './pnpm-config-deps.js';
import type { PnpmFormat } from './pnpm-dep-path.js';
import { buildPnpmGraph } from './pnpm-graph.js';
import { parseImporters } from './pnpm-importers.js';
import { parseEntries } from './pnpm-packages.js';
import { type PnpmFail, parsePnpmDocument } from './pnpm-yaml.js';

const REGENERATE = 'Regenerate it with `pnpm install --lockfile-only` and commit the result.';
const SUPPORTED = '5.x, 6.x, 9.x';

export interface PnpmLockfileOptions {
  /** Shown in messages only. */
  path: string;
}

export function parsePnpmLockfile(text: string, options: PnpmLockfileOptions): Lockfile {
  const { path } = options;
  const { data, versionText, lineOf, others } = parsePnpmDocument(text, path, `The file is not valid YAML. ${REGENERATE}`);
  const version = data.lockfileVersion;
  if (version === undefined || version === null) {
    throw parseError(path, 'missing "lockfileVersion"; not a pnpm lockfile?', null, REGENERATE);
  }
  const written = versionText ?? String(version);
  const format = formatOf(version, written);
  if (format === null) {
    throw new QuarantineError(
      ERROR_CODES.lockfileUnsupported,
      located(path, `lockfileVersion ${JSON.stringify(written)} is not supported (supported: ${SUPPORTED})`, lineOf(['lockfileVersion'])),
      { hint: 'Upgrade release-quarantine, or regenerate the lockfile with pnpm 7 to 12.' },
    );
  }
  const fail: PnpmFail = (label, at, problem) => parseError(path, `${label}: ${problem}`, at === null ? null : lineOf(at), REGENERATE);
  const importers = parseImporters(data, format, fail);
  const entries = parseEntries(data, format, new Set(importers.map((importer) => importer.id)), fail);
  const packages = buildLockedPackages(buildPnpmGraph(importers, entries, format, fail));
  for (const env of others) {
    if (env.lockfileVersion === undefined) continue;
    const envWritten = String(env.lockfileVersion);
    const envFormat = formatOf(env.lockfileVersion, envWritten);
    // Fail closed: config dependencies in a document we cannot read would pass unjudged.
    if (envFormat === null) {
      throw new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: the env document's lockfileVersion ${JSON.stringify(envWritten)} is not supported (supported: ${SUPPORTED})`, {
        hint: 'Upgrade release-quarantine, or regenerate the lockfile with pnpm 7 to 12.',
      });
    }
    addConfigDependencies(packages, parsePnpmConfigDependencies(env, envFormat, fail));
  }
  return { path, packageManager: 'pnpm', formatVersion: written, packages: packages.sort(comparePackages) };
}

/** A config dependency the project also installs (same name, version and origin) is one package. */
function addConfigDependencies(packages: LockedPackage[], configDependencies: readonly LockedPackage[]): void {
  const identity = (pkg: LockedPackage) => JSON.stringify([pkg.name, pkg.version, pkg.source, pkg.source === 'registry' ? '' : pkg.resolved]);
  for (const config of configDependencies) {
    const at = packages.findIndex((pkg) => identity(pkg) === identity(config));
    const same = packages[at];
    if (same === undefined) {
      packages.push(config);
      continue;
    }
    const copies = [...same.copies];
    for (const copy of config.copies) {
      if (!copies.some((known) => known.resolved === copy.resolved && known.integrity === copy.integrity)) copies.push(copy);
    }
    packages[at] = {
      ...same,
      configDependency: true,
      copies,
      dev: false,
      optional: same.optional && config.optional,
      direct: true,
      paths: [...config.paths, ...same.paths].slice(0, MAX_PATHS_PER_PACKAGE),
      pathCount: config.pathCount + same.pathCount,
      requestedRanges: [...new Set([...same.requestedRanges, ...config.requestedRanges])].sort(),
      dependents: same.dependents === null || config.dependents === null ? (same.dependents ?? config.dependents) : [...same.dependents, ...config.dependents],
    };
  }
}

/** `5.4`, `'6.0'`, `'9.0'` (a number or a string) -> the key format; null when unknown. */
function formatOf(version: unknown, written: string): PnpmFormat | null {
  if (typeof version !== 'number' && typeof version !== 'string') return null;
  const match = /^(\d+)(?:\.\d+)?$/.exec(written);
  const major = Number(match?.[1]);
  return major === 5 || major === 6 || major === 9 ? major : null;
}
