/**
 * pnpm `pnpm-lock.yaml`, lockfileVersion 5.x (pnpm 5 to 7), 6.x (pnpm 8) and 9.x (pnpm 9 to 12).
 * Pure: takes the text, never a path to read.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - Documents: every YAML document is parsed; the main one is the last with a
 *   `lockfileVersion` that is not pnpm 11's env lockfile (importers holding only
 *   `configDependencies`/`packageManagerDependencies`). Config dependencies are not read.
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
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Lockfile } from '../model/types.js';
import { located, parseError } from './json-text.js';
import { buildLockedPackages } from './merge.js';
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
  const { data, versionText, lineOf } = parsePnpmDocument(text, path, `The file is not valid YAML. ${REGENERATE}`);
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
  return {
    path,
    packageManager: 'pnpm',
    formatVersion: written,
    packages: buildLockedPackages(buildPnpmGraph(importers, entries, format, fail)),
  };
}

/** `5.4`, `'6.0'`, `'9.0'` (a number or a string) -> the key format; null when unknown. */
function formatOf(version: unknown, written: string): PnpmFormat | null {
  if (typeof version !== 'number' && typeof version !== 'string') return null;
  const match = /^(\d+)(?:\.\d+)?$/.exec(written);
  const major = Number(match?.[1]);
  return major === 5 || major === 6 || major === 9 ? major : null;
}
