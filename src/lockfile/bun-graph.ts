/**
 * `bun.lock` records -> InstallGraph: one install per package key (workspaces: one per
 * workspace folder), edges resolved with Bun's key lookup, dev/optional from reachability.
 */
import type { SourceKind } from '../model/types.js';
import type { BunPackageTuple } from './bun-tuple.js';
import { installedNameOfKey, lookupCandidates } from './bun-keys.js';
import type { BunDependency, BunEdgeKind, BunFail, BunPackageEntry, BunWorkspace } from './bun-sections.js';
import { type InstallGraph, InstallGraphBuilder, requestedRangeOf } from './install-graph.js';
import { classifyResolved, versionOfV1Spec } from './source-kind.js';

interface Edge {
  from: string | null;
  to: string;
  kind: BunEdgeKind;
}

const workspaceId = (path: string): string => `workspace:${path}`;

export function buildBunGraph(workspaces: readonly BunWorkspace[], packages: readonly BunPackageEntry[], fail: BunFail): InstallGraph {
  const builder = new InstallGraphBuilder();
  const importers = workspaces.filter((workspace) => workspace.path !== '').sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const workspace of importers) {
    builder.add({
      id: workspaceId(workspace.path),
      name: workspace.name,
      version: workspace.version ?? '0.0.0',
      source: 'workspace',
      resolved: workspace.path,
      integrity: null,
      dev: false,
      optional: false,
    });
  }

  // Package key -> install id; null stands for the root project itself (`name@root:`).
  const installOfKey = new Map<string, string | null>();
  for (const { key, offset, tuple } of packages) {
    const installedAs = installedNameOfKey(key);
    if (tuple.kind === 'root') {
      installOfKey.set(key, null);
      continue;
    }
    if (tuple.kind === 'workspace') {
      const path = tuple.resolution.slice('workspace:'.length);
      const install = builder.get(workspaceId(path));
      if (install === undefined) {
        throw fail(`packages[${JSON.stringify(key)}]`, offset, `workspace ${JSON.stringify(path)} is not listed in "workspaces"`);
      }
      if (installedAs !== install.name) install.aliases.add(installedAs);
      installOfKey.set(key, install.id);
      continue;
    }
    if (builder.get(key) !== undefined) throw fail(`packages[${JSON.stringify(key)}]`, offset, 'is not a package path');
    const source = sourceOf(tuple);
    const install = builder.add({
      id: key,
      name: tuple.name,
      version: tuple.kind === 'npm' ? tuple.resolution : versionOfV1Spec(tuple.resolution, source),
      source,
      resolved: tuple.kind === 'npm' ? tuple.registryUrl : tuple.resolution,
      integrity: tuple.integrity,
      dev: false,
      optional: false,
    });
    if (installedAs !== tuple.name) install.aliases.add(installedAs);
    installOfKey.set(key, key);
  }

  const edges: Edge[] = [];
  const addEdges = (from: string | null, lookupFrom: string, dependencies: readonly BunDependency[]): void => {
    for (const { name, spec, kind } of dependencies) {
      const candidate = lookupCandidates(lookupFrom, name).find((key) => installOfKey.has(key));
      const to = candidate === undefined ? null : installOfKey.get(candidate);
      // Unresolved: an optional dependency for another platform, an optional peer nobody
      // installs, or a partial lockfile. Null: the root project, already where paths start.
      if (to === null || to === undefined || to === from) continue;
      edges.push({ from, to, kind });
      // A name listed in two groups (peer and dev, say) is two edges; paths.ts counts it once.
      builder.addEdge(from, to, requestedRangeOf(spec));
    }
  };

  const root = workspaces.find((workspace) => workspace.path === '');
  addEdges(null, '', root?.dependencies ?? []);
  for (const workspace of importers) {
    builder.addRoot(workspaceId(workspace.path));
    // Bun looks a workspace's dependencies up as `<workspace name>/<dep>`, then `<dep>`.
    addEdges(workspaceId(workspace.path), workspace.name, workspace.dependencies);
  }
  for (const { key, dependencies } of packages) {
    const id = installOfKey.get(key);
    if (id === key) addEdges(key, key, dependencies);
  }

  const graph = builder.build();
  markDevAndOptional(graph, edges, importers.map((workspace) => workspaceId(workspace.path)));
  return graph;
}

function sourceOf(tuple: BunPackageTuple): SourceKind {
  switch (tuple.kind) {
    case 'npm':
      // A tarball URL off the registry's `<name>/-/<name>-<version>.tgz` shape is not trusted as registry.
      return tuple.registryUrl === null ? 'registry' : classifyResolved(tuple.registryUrl, tuple.name, tuple.resolution);
    case 'file':
    case 'link':
    case 'tarball':
    case 'git':
      return tuple.kind;
    default:
      return 'workspace';
  }
}

/**
 * dev: not reachable from the root project and the workspaces without a devDependencies edge.
 * optional: not reachable without an optionalDependencies (or optional peer) edge. A package
 * reachable both ways (npm's `devOptional`) is neither. Unreachable entries are neither too:
 * nothing may hide a package from the checks.
 */
function markDevAndOptional(graph: InstallGraph, edges: readonly Edge[], importers: readonly string[]): void {
  const outgoing = new Map<string | null, Edge[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.from);
    if (list === undefined) outgoing.set(edge.from, [edge]);
    else list.push(edge);
  }
  const reach = (skip: BunEdgeKind | null): Set<string> => {
    const reached = new Set<string>(importers);
    const queue = [...importers];
    for (const edge of outgoing.get(null) ?? []) {
      if (edge.kind !== skip && !reached.has(edge.to)) {
        reached.add(edge.to);
        queue.push(edge.to);
      }
    }
    for (let next = 0; next < queue.length; next++) {
      for (const edge of outgoing.get(queue[next] as string) ?? []) {
        if (edge.kind === skip || reached.has(edge.to)) continue;
        reached.add(edge.to);
        queue.push(edge.to);
      }
    }
    return reached;
  };
  const reachable = reach(null);
  const withoutDev = reach('dev');
  const withoutOptional = reach('optional');
  for (const install of graph.installs.values()) {
    if (!reachable.has(install.id)) continue;
    install.dev = !withoutDev.has(install.id);
    install.optional = !withoutOptional.has(install.id);
  }
}
