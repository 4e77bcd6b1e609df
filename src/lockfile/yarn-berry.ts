/**
 * Yarn Berry (Yarn 2, 3, 4) `yarn.lock`: YAML with `__metadata` and one entry per resolved
 * package, keyed by every descriptor that resolved to it. Pure: takes text, never a path.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - formatVersion is `__metadata.version` as written (Yarn 2.4 wrote 4, 3.8 wrote 6, 4.x 8 and,
 *   from 4.1x, 10). Any integer >= 4 is read the same way, without a warning: the entry shape has
 *   not changed across those versions. Below 4, missing or not an integer: E_LOCKFILE_UNSUPPORTED.
 * - `resolution` is the truth: `name@npm:1.2.3` is registry package name@1.2.3. An alias key
 *   (`my-alias@npm:is-number@6.0.0`) resolves to `is-number@npm:6.0.0`; the key's name is
 *   recorded in `aliases`. `patch:` is unwrapped: `left-pad@patch:left-pad@npm%3A1.3.0#...` is
 *   registry left-pad@1.3.0 (it merges with the unpatched entry), so the registry history of
 *   the code the patch starts from is what gets checked.
 * - Sources: `workspace:` -> workspace, `link:`/`portal:` -> link, `file:` (tarball or folder)
 *   and `exec:` -> file, git (`git+…`, `…#commit=…`, `….git`) -> git, other http(s) -> tarball,
 *   unknown protocols -> file. Local packages keep the version Yarn wrote (`0.0.0-use.local`).
 *   `resolved` is the resolution locator as written; `integrity` is null (Berry's `checksum` is
 *   of Yarn's cache archive, not of the registry tarball).
 * - Graph: an entry's `dependencies` (Berry writes devDependencies of workspaces there too)
 *   resolve through the keys: `name@range`, then `name@npm:range` (Yarn 2/3 wrote ranges
 *   without the default protocol), each also bound to the dependent (`::locator=<dependent>`,
 *   as Yarn binds `link:`, `file:` and `patch:` descriptors), then a unique key equal up to its
 *   `::` parameters. `peerDependencies` add no edge: the dependent that provides a peer depends
 *   on it directly. Unresolvable dependencies add no edge.
 * - Roots: the root workspace (`<name>@workspace:.`) is the project, not a package: its
 *   dependencies are the direct ones. Every other workspace is an importer: its own first path
 *   step (`ws-a@0.0.0-use.local`). Without a root workspace entry, entries nothing depends on
 *   are roots.
 * - Flags: optional edges come from `dependenciesMeta.<name>.optional`; dev edges only from the
 *   root package.json (`packageJson`), whose devDependencies-only names are dev. Workspaces'
 *   devDependencies cannot be told apart (only the root package.json is given): they count as
 *   production. See yarn-graph.ts for how flags follow from the edges.
 * - requestedRanges: every descriptor of an entry's key (`npm:^1.2.0` -> `^1.2.0`; aliases and
 *   patches reduced to their range; others as written without `::` parameters).
 * - Malformed input: QuarantineError E_LOCKFILE_PARSE `<path>: <problem> (line N)`.
 */
import type { Lockfile } from '../model/types.js';
import { buildLockedPackages } from './merge.js';
import { type BerryEntry, parseBerryDocument } from './yarn-berry-document.js';
import { classifyBerryLocator, requestedBerryRange, splitDescriptor, withoutParams } from './yarn-descriptor.js';
import { YarnGraphBuilder } from './yarn-graph.js';
import { parseRootManifest, type RootManifest } from './yarn-manifest.js';

export { isYarnBerryLockfile } from './yarn-berry-document.js';

export interface YarnLockfileOptions {
  /** Shown in messages only. */
  path: string;
  /** The root package.json text: tells which root dependencies are dev-only. */
  packageJson?: string;
}

export function parseYarnBerryLockfile(text: string, options: YarnLockfileOptions): Lockfile {
  const { formatVersion, entries } = parseBerryDocument(text, options.path);
  const manifest = options.packageJson === undefined ? null : parseRootManifest(options.packageJson, options.path);
  return {
    path: options.path,
    packageManager: 'yarn-berry',
    formatVersion,
    // Berry records a locator and a checksum of its own zip, not a tarball URL and integrity.
    packages: buildLockedPackages(buildGraph(entries, manifest), { recordsIntegrity: false }),
  };
}

const isRootWorkspace = (resolution: string): boolean => splitDescriptor(resolution)?.range === 'workspace:.';

function buildGraph(entries: BerryEntry[], manifest: RootManifest | null): ReturnType<YarnGraphBuilder['build']> {
  const graph = new YarnGraphBuilder();
  const resolutionOf = new Map<string, string>();
  const looseResolutions = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const descriptor of entry.descriptors) {
      resolutionOf.set(descriptor, entry.resolution);
      const loose = withoutParams(descriptor);
      looseResolutions.set(loose, (looseResolutions.get(loose) ?? new Set()).add(entry.resolution));
    }
  }
  const root = entries.find((entry) => isRootWorkspace(entry.resolution)) ?? null;

  for (const entry of entries) {
    if (entry === root) continue;
    const locator = splitDescriptor(entry.resolution);
    const kind = classifyBerryLocator(locator?.name ?? entry.resolution, locator?.range ?? '');
    const install =
      graph.get(entry.resolution) ??
      graph.add({
        id: entry.resolution,
        name: kind.name,
        version: kind.version ?? entry.version,
        source: locator === null ? 'file' : kind.source,
        resolved: entry.resolution,
        integrity: null,
      });
    for (const descriptor of entry.descriptors) {
      const split = splitDescriptor(descriptor);
      if (split === null) continue;
      if (split.name !== install.name) install.aliases.add(split.name);
      install.requestedRanges.add(requestedBerryRange(split.range));
    }
    if (kind.source === 'workspace') graph.addImporter(entry.resolution);
  }

  const resolve = (name: string, range: string, dependent: string): string | null => {
    const ranges = range.includes(':') ? [range] : [range, `npm:${range}`];
    const binding = `locator=${encodeURIComponent(dependent)}`;
    for (const candidate of ranges) {
      const bound = `${candidate}${candidate.includes('::') ? '&' : '::'}${binding}`;
      const found = resolutionOf.get(`${name}@${candidate}`) ?? resolutionOf.get(`${name}@${bound}`);
      if (found !== undefined) return found;
    }
    for (const candidate of ranges) {
      const loose = looseResolutions.get(`${name}@${withoutParams(candidate)}`);
      if (loose?.size === 1) return [...loose][0] as string;
    }
    return null;
  };
  for (const entry of entries) {
    const isRoot = entry === root;
    for (const [name, range] of entry.dependencies) {
      const target = resolve(name, range, entry.resolution);
      if (target === null || (root !== null && target === root.resolution)) continue;
      const optional = entry.optional.has(name) || (isRoot && manifest?.optional.has(name) === true);
      const dev = isRoot && manifest?.devOnly.has(name) === true;
      graph.addEdge(isRoot ? null : entry.resolution, target, { dev, optional, range: requestedBerryRange(range) });
    }
  }
  if (root === null) addUnrequiredRoots(graph, entries);
  return graph.build();
}

/** No root workspace entry: entries that nothing depends on stand for the root's dependencies. */
function addUnrequiredRoots(graph: YarnGraphBuilder, entries: BerryEntry[]): void {
  const built = new Set(entries.map((entry) => entry.resolution));
  const required = graph.targets();
  for (const resolution of built) {
    const install = graph.get(resolution);
    if (install !== undefined && install.source !== 'workspace' && !required.has(resolution)) graph.addEdge(null, resolution);
  }
}
