/**
 * Where a pnpm package comes from, judged from its `resolution`:
 * - `{integrity}` only -> registry (pnpm leaves out registry tarball URLs);
 * - `{tarball}`: `file:` -> file; a hosted-git archive (codeload.github.com, GitLab's
 *   `/repository/archive`, Bitbucket's `/get/<ref>`; pnpm resolves `github:user/repo` and
 *   friends to these) -> git; http(s) shaped like the registry's `/<name>/-/<name>-<version>.tgz`
 *   for this very name and version -> registry; any other URL -> tarball;
 * - `{type: git, repo, commit}` -> git;
 * - `{type: directory, directory}` -> workspace when the directory is an importer (an injected
 *   workspace package), else link (a local directory, as npm's `file:<dir>`);
 * - any other `type` (pnpm 10's runtime `variations`/`binary`, custom resolvers) -> tarball:
 *   fetched from somewhere that is not the registry.
 * When in doubt the answer is a non-registry kind, never `registry`.
 */
import type { SourceKind } from '../model/types.js';
import type { JsonObject } from './json-text.js';
import { joinPosix } from './pnpm-dep-path.js';
import { isRegistryTarballUrl } from './source-kind.js';

export interface PnpmSource {
  source: SourceKind;
  /** The lockfile's claim: tarball URL, `git+<repo>#<commit>`, `file:<directory>`. */
  resolved: string | null;
  integrity: string | null;
}

const HOSTED_GIT_ARCHIVES: RegExp[] = [
  /^https?:\/\/codeload\.github\.com\//i,
  /^https?:\/\/gitlab\.com\/api\/v4\/projects\/[^/]+\/repository\/archive/i,
  /^https?:\/\/bitbucket\.org\/[^/]+\/[^/]+\/get\//i,
];

export function classifyResolution(
  resolution: JsonObject,
  pkg: { name: string | null; version: string | null },
  importerPaths: ReadonlySet<string>,
): PnpmSource {
  const integrity = typeof resolution.integrity === 'string' ? resolution.integrity : null;
  const tarball = typeof resolution.tarball === 'string' ? resolution.tarball : null;
  const { type } = resolution;
  if (type === 'git') {
    const repo = typeof resolution.repo === 'string' ? resolution.repo : '';
    const commit = typeof resolution.commit === 'string' ? resolution.commit : '';
    return { source: 'git', resolved: `${/^git[+:@]/.test(repo) ? repo : `git+${repo}`}#${commit}`, integrity };
  }
  if (type === 'directory') {
    const directory = typeof resolution.directory === 'string' ? joinPosix('.', resolution.directory) : '.';
    return { source: importerPaths.has(directory) ? 'workspace' : 'link', resolved: `file:${directory}`, integrity };
  }
  if (type !== undefined) return { source: 'tarball', resolved: tarball ?? describeType(type), integrity };
  if (tarball === null) return { source: 'registry', resolved: null, integrity };
  return { source: classifyTarball(tarball, pkg), resolved: tarball, integrity };
}

function classifyTarball(tarball: string, pkg: { name: string | null; version: string | null }): SourceKind {
  if (tarball.startsWith('file:')) return 'file';
  if (HOSTED_GIT_ARCHIVES.some((pattern) => pattern.test(tarball))) return 'git';
  if (!/^https?:\/\//i.test(tarball)) return 'file';
  const { name, version } = pkg;
  return name !== null && version !== null && isRegistryTarballUrl(tarball, name, version) ? 'registry' : 'tarball';
}

function describeType(type: unknown): string {
  return typeof type === 'string' ? `${type}:` : 'unknown:';
}

