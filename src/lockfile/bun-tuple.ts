/**
 * One `bun.lock` package entry: a tuple whose first element is `name@resolution` and whose
 * shape depends on the resolution (Bun's `bun.lock.zig` / `bun.lock.rs`):
 *
 *   npm         ["name@1.2.3", "<tarball url, or empty for the default registry>", {info}, "sha512-..."]
 *   workspace   ["name@workspace:packages/a"]            (v0: plus {info})
 *   folder      ["name@file:local/dir", {info}]
 *   symlink     ["name@link:name", {info}]
 *   tarball     ["name@vendor/x-1.0.0.tgz" | "name@https://host/x.tgz", {info}, "sha512-..."?]
 *   git/github  ["name@git+https://host/repo#sha" | "name@github:owner/repo#sha", {info}, "<bun-tag>", "sha512-..."?]
 *   root        ["name@root:", {bin}]                    (the project itself)
 */
import type { QuarantineError } from '../model/errors.js';
import { isJsonObject, type JsonObject } from './json-text.js';
import { hasGitPrefix } from './source-kind.js';

export type BunResolutionKind = 'npm' | 'workspace' | 'file' | 'link' | 'tarball' | 'git' | 'root';

export interface BunPackageTuple {
  /** Real package name (the part before `@resolution`). */
  name: string;
  kind: BunResolutionKind;
  /** What follows `name@`: a version, `workspace:path`, `file:path`, a URL... */
  resolution: string;
  /** Dependencies, optionalPeers, os/cpu, bin; null for workspace (v1+) entries. */
  info: JsonObject | null;
  /** npm entries only: the tarball URL Bun wrote, null for the default registry (""). */
  registryUrl: string | null;
  integrity: string | null;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/i;
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;

/** Bun's own order of checks (`Resolution.fromTextLockfile`); null for anything else. */
export function classifyBunResolution(resolution: string): BunResolutionKind | null {
  if (resolution.startsWith('root:')) return 'root';
  if (resolution.startsWith('link:')) return 'link';
  if (resolution.startsWith('workspace:')) return 'workspace';
  if (resolution.startsWith('file:')) return 'file';
  if (hasGitPrefix(resolution)) return 'git';
  if (/^https?:\/\//i.test(resolution)) return 'tarball';
  if (TARBALL_FILE.test(resolution)) return 'file';
  if (SEMVER.test(resolution)) return 'npm';
  if (GITHUB_SHORTHAND.test(resolution)) return 'git';
  return null;
}

/** `@s/a@1.0.0` -> [`@s/a`, `1.0.0`]; `@root:` (an unnamed root) -> [``, `root:`]. */
function splitNameAndResolution(text: string): [string, string] | null {
  if (text.startsWith('@root:')) return ['', text.slice(1)];
  const at = text.indexOf('@', 1);
  if (at <= 0 || at === text.length - 1) return null;
  return [text.slice(0, at), text.slice(at + 1)];
}

export function parseBunTuple(value: unknown, lockfileVersion: number, fail: (problem: string) => QuarantineError): BunPackageTuple {
  if (!Array.isArray(value) || value.length === 0) throw fail('entry is not a ["name@resolution", ...] list');
  const items: unknown[] = value;
  const head = items[0];
  const split = typeof head === 'string' ? splitNameAndResolution(head) : null;
  if (split === null) throw fail(`first element ${JSON.stringify(head)} is not "name@resolution"`);
  const [name, resolution] = split;
  const kind = classifyBunResolution(resolution);
  if (kind === null) throw fail(`unexpected resolution ${JSON.stringify(resolution)}`);

  const objectAt = (index: number, what: string): JsonObject => {
    const item = items[index];
    if (!isJsonObject(item)) throw fail(`${kind} entry: element ${index + 1} (${what}) is missing or not an object`);
    return item;
  };
  const stringAt = (index: number, what: string): string => {
    const item = items[index];
    if (typeof item !== 'string') throw fail(`${kind} entry: element ${index + 1} (${what}) is missing or not a string`);
    return item;
  };
  const optionalIntegrityAt = (index: number): string | null => {
    const item = items[index];
    return typeof item === 'string' && item !== '' ? item : null;
  };

  const tuple = { name, kind, resolution, registryUrl: null, integrity: null };
  switch (kind) {
    case 'npm': {
      const registry = stringAt(1, 'registry');
      const info = objectAt(2, 'dependencies');
      const integrity = stringAt(3, 'integrity');
      return { ...tuple, info, registryUrl: registry === '' ? null : registry, integrity: integrity === '' ? null : integrity };
    }
    case 'workspace':
      // v0 repeated the workspace's dependencies here; v1 and later keep them in `workspaces` only.
      return { ...tuple, info: lockfileVersion === 0 ? objectAt(1, 'dependencies') : null };
    case 'root':
      return { ...tuple, info: objectAt(1, 'bin') };
    case 'git':
      stringAt(2, 'commit tag');
      return { ...tuple, info: objectAt(1, 'dependencies'), integrity: optionalIntegrityAt(3) };
    case 'file':
    case 'link':
    case 'tarball':
      return { ...tuple, info: objectAt(1, 'dependencies'), integrity: optionalIntegrityAt(2) };
  }
}
