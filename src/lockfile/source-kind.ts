/**
 * Where a package comes from, judged from the lockfile's `resolved` (v2/v3) or a v1 `version`
 * spec. Only `registry` packages are looked up; everything else is reported as a
 * non-registry source. When in doubt we answer a non-registry kind, never `registry`.
 */
import type { SourceKind } from '../model/types.js';

const GIT_PREFIXES = ['git+', 'git:', 'git@', 'github:', 'gitlab:', 'bitbucket:', 'gist:', 'ssh://'];
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/i;

export function hasGitPrefix(spec: string): boolean {
  return GIT_PREFIXES.some((prefix) => spec.startsWith(prefix));
}

/** A git prefix, or the `user/repo#ref` GitHub shorthand npm 6 may write as a v1 version. */
function isGitSpec(spec: string): boolean {
  return hasGitPrefix(spec) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec);
}

/**
 * True when `url` is shaped like a registry tarball for exactly this name and version:
 * `<any registry>/<name>/-/<unscoped-name>-<version>.tgz` (scoped names may be `%2f`-encoded).
 * The host is not checked here: a lockfile can point a registry-shaped URL at any host, so
 * callers that care compare `resolved` with the configured registries.
 */
export function isRegistryTarballUrl(url: string, name: string, version: string): boolean {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return false;
  }
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return pathname.endsWith(`/${name}/-/${unscoped}-${version}.tgz`);
}

/** Classifies a v2/v3 entry's `resolved`; a missing one means the default registry. */
export function classifyResolved(resolved: string | null, name: string, version: string): SourceKind {
  if (resolved === null) return 'registry';
  if (resolved.startsWith('file:')) return 'file';
  if (hasGitPrefix(resolved)) return 'git';
  if (/^https?:\/\//i.test(resolved)) {
    return isRegistryTarballUrl(resolved, name, version) ? 'registry' : 'tarball';
  }
  // Anything else (a bare path, an unknown scheme) is local to the machine that wrote it.
  return 'file';
}

/**
 * Classifies a v1 `version` that is not a plain version. `file:` pointing at a tarball is
 * `file`; at a directory, npm installs a symlink, so it is `link` (as v2/v3 record it).
 */
export function classifyV1Spec(spec: string): SourceKind {
  if (spec.startsWith('file:')) return TARBALL_FILE.test(spec) ? 'file' : 'link';
  if (/^https?:\/\//i.test(spec)) return 'tarball';
  if (isGitSpec(spec)) return 'git';
  return 'file';
}

/**
 * The version a non-registry v1 spec carries in its file name (`…/name-1.2.3.tgz` -> `1.2.3`),
 * else `0.0.0-<kind>`: v1 lockfiles do not record the real version of such packages.
 */
export function versionOfV1Spec(spec: string, kind: SourceKind): string {
  const match = /-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.(?:tgz|tar\.gz|tar)$/i.exec(spec);
  return match?.[1] ?? `0.0.0-${kind}`;
}
