/**
 * npm `package-lock.json` and `npm-shrinkwrap.json` (same format), lockfileVersion 1, 2, 3.
 * Pure: takes the text (and optionally the root package.json text), never a path to read.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - v2/v3 read `packages` (keyed by install location, `""` is the root). v1 reads the nested
 *   `dependencies` tree. v2 carries both: `packages` wins.
 * - Real names: a v3 entry installed under an alias folder carries `"name": "real"`; v1 writes
 *   `"version": "npm:real@1.2.3"`. The folder name is recorded in `aliases`.
 * - Edges: an entry's `dependencies`, `optionalDependencies` and `peerDependencies` (folders,
 *   i.e. workspaces and linked directories, also `devDependencies`) resolve with Node's lookup:
 *   from `node_modules/a/node_modules/b`, X is `node_modules/a/node_modules/b/node_modules/X`,
 *   then `node_modules/a/node_modules/X`, then `node_modules/X`; from a workspace folder
 *   `packages/foo`, `packages/foo/node_modules/X`, then `node_modules/X`. A `link: true` entry
 *   stands for its target folder. Dependencies that resolve to nothing (uninstalled optional
 *   or peer dependencies, partial lockfiles) add no edge. v1 edges come from `requires`.
 * - requestedRanges: the spec each dependent wrote (`^1.2.0`); for `npm:real@^1.0.0`, `^1.0.0`.
 *   Non-range specs (git URLs, `file:`) are recorded as written.
 * - Roots: the root project's dependencies, devDependencies, optionalDependencies and
 *   peerDependencies, plus every workspace folder (its own first step, `ws@1.0.0`). Steps are
 *   `name@version`, without the root project. v1 has no root list: the given package.json's
 *   dependencies/devDependencies/optionalDependencies are used; without it, every top-level
 *   entry that no entry requires counts as a direct dependency.
 * - Sources: a folder matched by the root `workspaces` globs is `workspace`; any other linked
 *   folder `link`. `resolved`: `file:` -> file; git prefixes (`git+`, `git:`, `github:`,
 *   `ssh://`...) -> git; http(s) shaped like a registry tarball of this very name and version
 *   (`.../<name>/-/<unscoped>-<version>.tgz`, any host) -> registry; other http(s) -> tarball;
 *   no `resolved` (npm's `omit-lockfile-registry-resolved`) -> registry. v1 non-version specs:
 *   `file:*.tgz` -> file, `file:<dir>` -> link, http(s) -> tarball, git specs -> git; their
 *   version is taken from a `name-1.2.3.tgz` file name, else `0.0.0-<kind>`. Folders without a
 *   version get `0.0.0`.
 * - Flags: `dev` -> dev, `optional` -> optional, `devOptional` -> neither (production installs
 *   may need it). Installs of one name@version merge (see merge.ts). `inBundle` entries are
 *   kept with their classified source: their code ships inside the parent's tarball.
 * - Malformed input throws QuarantineError (E_LOCKFILE_PARSE; E_LOCKFILE_UNSUPPORTED for an
 *   unknown lockfileVersion) with `<path>: <problem> (line N)`, the line when it is known.
 */
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Lockfile } from '../model/types.js';
import type { InstallGraph } from './install-graph.js';
import { isJsonObject, lineOfKey, parseError, parseJsonDocument } from './json-text.js';
import { buildLockedPackages } from './merge.js';
import { type LocatedFail, parsePackagesSection } from './npm-packages.js';
import { parseDependencyTree, parseRootDependencies } from './npm-v1.js';

const SUPPORTED_VERSIONS = [1, 2, 3];
const REGENERATE = 'Regenerate it with `npm install --package-lock-only --ignore-scripts` and commit the result.';

export interface NpmLockfileOptions {
  /** Shown in messages only. */
  path: string;
  /** The root package.json text; used for v1 lockfiles, which do not list the root's deps. */
  packageJson?: string;
}

export function parseNpmLockfile(text: string, options: NpmLockfileOptions): Lockfile {
  const { path } = options;
  const document = parseJsonDocument(text, path, `The file is not valid JSON. ${REGENERATE}`);
  if (!isJsonObject(document)) throw parseError(path, 'the lockfile is not a JSON object', 1, REGENERATE);
  const version = document.lockfileVersion;
  if (version === undefined) {
    throw parseError(path, 'missing "lockfileVersion"; not an npm lockfile?', null, REGENERATE);
  }
  if (typeof version !== 'number' || !SUPPORTED_VERSIONS.includes(version)) {
    throw new QuarantineError(
      ERROR_CODES.lockfileUnsupported,
      `${path}: lockfileVersion ${JSON.stringify(version)} is not supported (supported: 1, 2, 3)` +
        lineSuffix(lineOfKey(text, 'lockfileVersion')),
      { hint: 'Upgrade release-quarantine, or regenerate the lockfile with npm 7 to 11.' },
    );
  }
  const fail: LocatedFail = (label, lineKey, problem) =>
    parseError(path, `${label}: ${problem}`, lineKey === null ? null : lineOfKey(text, lineKey), REGENERATE);
  return {
    path,
    packageManager: 'npm',
    formatVersion: String(version),
    packages: buildLockedPackages(parseGraph(document, version, options, fail)),
  };
}

function parseGraph(document: Record<string, unknown>, version: number, options: NpmLockfileOptions, fail: LocatedFail): InstallGraph {
  const { packages, dependencies } = document;
  if (packages !== undefined || version === 3) {
    if (!isJsonObject(packages)) throw fail('"packages"', 'packages', 'is missing or not an object');
    return parsePackagesSection(packages, fail);
  }
  if (dependencies === undefined) return parseDependencyTree({}, null, fail);
  if (!isJsonObject(dependencies)) throw fail('"dependencies"', 'dependencies', 'is not an object');
  return parseDependencyTree(dependencies, parseRootPackageJson(options), fail);
}

function parseRootPackageJson(options: NpmLockfileOptions): Array<[string, string]> | null {
  if (options.packageJson === undefined) return null;
  const label = `package.json next to ${options.path}`;
  const manifest = parseJsonDocument(options.packageJson, label, 'Fix the JSON syntax of package.json.');
  const fail = (problem: string): QuarantineError => parseError(label, problem, null, 'Fix package.json.');
  if (!isJsonObject(manifest)) throw fail('not a JSON object');
  return parseRootDependencies(manifest, fail);
}

function lineSuffix(line: number | null): string {
  return line === null ? '' : ` (line ${line})`;
}
