/**
 * Bun `bun.lock` (JSONC text), lockfileVersion 0 (Bun 1.1.39-1.1.x), 1 (Bun 1.2+), 2 and 3
 * (Bun 1.3+: same content, stricter parsing; 3 allows object values in `overrides`). The binary
 * `bun.lockb` is refused with a way out (bunLockbError). Pure: takes the text, never a path.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - `workspaces` maps folder paths to package.json snapshots; `""` is the root project and is
 *   required. `packages` maps package keys to tuples (see bun-tuple.ts). `trustedDependencies`,
 *   `patchedDependencies`, `overrides`, `catalog(s)` and `configVersion` do not change what is
 *   installed from where, so they are not read.
 * - Keys are install paths made of package names: `a`, `a/b` (b nested under a), `@s/x/@s/y`,
 *   `ws-a/ms` (a copy under workspace ws-a). Real name and version come from the tuple's first
 *   element (`name@1.2.3`); when the key's last name differs (`"my-alias": ["is-number@6.0.0",
 *   ...]`), that name is recorded in `aliases`. A workspace listed under another key is an
 *   alias of the workspace.
 * - Edges: an entry's dependencies, optionalDependencies, peerDependencies and
 *   devDependencies resolve like Bun's `findResolution`: from key `a/b`, X is `a/b/X`, then
 *   `a/X`, then `X`. The root project's dependencies are top-level keys; a workspace's are
 *   `<workspace name>/X`, then `X`. Unresolved dependencies (optional ones for other platforms,
 *   uninstalled optional peers, partial lockfiles) add no edge.
 * - Roots: the root project's dependencies of every kind, plus every workspace (its own first
 *   step, `ws-a@1.0.0`, version from `workspaces`, else 0.0.0). Steps are `name@version`.
 * - dev/optional (Bun writes no flags): dev when no path from the root project or a workspace
 *   reaches it without a devDependencies edge; optional when none reaches it without an
 *   optionalDependencies edge or an optional peer (`optionalPeers`). Reachable both ways
 *   (npm's devOptional) is neither; an unreachable entry is neither.
 * - Sources: `name@<version>` -> registry (an npm tuple whose URL is not shaped like this name's
 *   registry tarball -> tarball); `workspace:` -> workspace; `file:<dir>` and local `*.tgz`
 *   -> file; `link:` -> link; http(s) URL -> tarball; `git+…`, `github:…` -> git; `root:` is
 *   the project itself (no package). Non-registry versions come from a `name-1.2.3.tgz` file
 *   name, else `0.0.0-<kind>` (Bun does not record them). `resolved` is the npm tuple's URL
 *   (null for the default registry, written as "") or the resolution as written.
 * - requestedRanges: each dependent's spec (`^1.2.0`; `npm:real@^1.0.0` -> `^1.0.0`).
 * - Malformed input throws QuarantineError (E_LOCKFILE_PARSE; E_LOCKFILE_UNSUPPORTED for an
 *   unknown lockfileVersion) as `<path>: <problem> (line N)` with a hint.
 */
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Lockfile } from '../model/types.js';
import { buildBunGraph } from './bun-graph.js';
import { lineAt, parseJsoncDocument, propertiesOf, valueOf } from './bun-jsonc.js';
import { type BunFail, parsePackages, parseWorkspaces } from './bun-sections.js';
import { located, parseError } from './json-text.js';
import { buildLockedPackages } from './merge.js';

const SUPPORTED_VERSIONS = [0, 1, 2, 3];
const REGENERATE = 'Regenerate it with `bun install --lockfile-only --ignore-scripts` and commit the result.';
const MIGRATE_COMMAND = 'bun install --save-text-lockfile --frozen-lockfile --lockfile-only';

export interface BunLockfileOptions {
  /** Shown in messages only. */
  path: string;
}

export function parseBunLockfile(text: string, options: BunLockfileOptions): Lockfile {
  const { path } = options;
  const document = parseJsoncDocument(text, path, `The file is not valid JSONC. ${REGENERATE}`);
  const properties = propertiesOf(document.root);
  if (properties === null) throw parseError(path, 'the lockfile is not a JSON object', lineAt(document, document.root.offset), REGENERATE);
  const versionProperty = properties.find((property) => property.key === 'lockfileVersion');
  if (versionProperty === undefined) throw parseError(path, 'missing "lockfileVersion"; not a Bun lockfile?', null, REGENERATE);
  const version = valueOf(versionProperty.value);
  if (typeof version !== 'number' || !SUPPORTED_VERSIONS.includes(version)) {
    throw new QuarantineError(
      ERROR_CODES.lockfileUnsupported,
      located(path, `lockfileVersion ${JSON.stringify(version)} is not supported (supported: 0, 1, 2, 3)`, lineAt(document, versionProperty.offset)),
      { hint: 'Upgrade release-quarantine. If the lockfile was edited by hand, regenerate it with `bun install --lockfile-only`.' },
    );
  }
  const fail: BunFail = (label, offset, problem) =>
    parseError(path, `${label}: ${problem}`, offset === null ? null : lineAt(document, offset), REGENERATE);
  const workspaces = parseWorkspaces(document.root, fail);
  const packages = parsePackages(document.root, version, fail);
  return {
    path,
    packageManager: 'bun',
    formatVersion: String(version),
    packages: buildLockedPackages(buildBunGraph(workspaces, packages, fail)),
  };
}

/** `bun.lockb` is a binary format of Bun's own; we refuse it rather than guess. */
export function bunLockbError(path: string): QuarantineError {
  return new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: bun.lockb is Bun's binary lockfile and cannot be read`, {
    hint:
      `Convert it to the text format with \`${MIGRATE_COMMAND}\` (Bun 1.2 or later), delete ` +
      'bun.lockb if it is still there, and commit bun.lock. ' +
      'Upgrading Bun to 1.2 or later makes bun.lock the default.',
  });
}
