/**
 * Importers and entries -> InstallGraph. Nodes are instances (snapshot or package keys), `link:`
 * directories and workspace importers other than the root. Edges resolve each reference
 * (pnpm-dep-path.ts); a reference to a key the lockfile does not hold is an error, since pnpm
 * itself could not install it. dev and optional are computed from the graph (see module
 * comment of pnpm.ts), not copied from the lockfile's flags.
 */
import { type InstallGraph, InstallGraphBuilder } from './install-graph.js';
import { linkTargetOf, type PnpmFormat, refToKey } from './pnpm-dep-path.js';
import { workspaceSpecName } from './pnpm-importers.js';
import type { DependencyKind, PnpmDependency, PnpmEntry, PnpmImporter } from './pnpm-model.js';
import type { PnpmFail } from './pnpm-yaml.js';

type GraphNode = Pick<PnpmEntry, 'name' | 'version' | 'source' | 'resolved' | 'integrity'>;

interface Edge {
  /** null: the root project. */
  from: string | null;
  to: string;
  kind: DependencyKind;
  range: string | null;
  alias: string;
}

const importerNodeId = (id: string): string => `importer:${id}`;

export function buildPnpmGraph(importers: PnpmImporter[], entries: PnpmEntry[], format: PnpmFormat, fail: PnpmFail): InstallGraph {
  const nodes = new Map<string, GraphNode>();
  for (const { key, dependencies: _dependencies, ...node } of entries) nodes.set(key, node);
  const importerPaths = new Set(importers.map((importer) => importer.id));
  const workspaceNodes = importers.filter((importer) => importer.id !== '.').map((importer) => importerNodeId(importer.id));

  const resolve = (dependency: PnpmDependency, fromDirectory: string): string | null => {
    const link = linkTargetOf(dependency.ref, fromDirectory);
    if (link !== null) {
      if (importerPaths.has(link)) return link === '.' ? null : importerNodeId(link);
      const id = `link:${link}`;
      if (!nodes.has(id)) nodes.set(id, { name: null, version: '0.0.0', source: 'link', resolved: id, integrity: null });
      return id;
    }
    const key = refToKey(format, dependency.alias, dependency.ref) ?? dependency.ref;
    if (!nodes.has(key)) throw fail(dependency.label, dependency.at, `${JSON.stringify(key)} is not in the lockfile`);
    return key;
  };

  const edges: Edge[] = [];
  const importerNames = new Map<string, string>();
  const addEdges = (from: string | null, fromDirectory: string, dependencies: PnpmDependency[]): void => {
    for (const dependency of dependencies) {
      const to = resolve(dependency, fromDirectory);
      if (to === null) continue;
      const { kind, range, alias } = dependency;
      edges.push({ from, to, kind, range, alias });
      if (to.startsWith('importer:') && !importerNames.has(to)) importerNames.set(to, workspaceSpecName(range) ?? alias);
    }
  };
  for (const importer of importers) addEdges(importer.id === '.' ? null : importerNodeId(importer.id), importer.id, importer.dependencies);
  for (const entry of entries) addEdges(entry.key, '.', entry.dependencies);

  const builder = new InstallGraphBuilder();
  for (const importer of importers) {
    if (importer.id === '.') continue;
    const id = importerNodeId(importer.id);
    const name = importerNames.get(id) ?? importer.id;
    builder.add({ id, name, version: '0.0.0', source: 'workspace', resolved: null, integrity: null, dev: false, optional: false });
  }
  const firstAlias = new Map<string, string>();
  for (const edge of edges) if (!firstAlias.has(edge.to)) firstAlias.set(edge.to, edge.alias);
  for (const [id, node] of nodes) {
    const name = node.name ?? firstAlias.get(id) ?? id;
    builder.add({ id, ...node, name, dev: false, optional: false });
  }
  for (const id of workspaceNodes) builder.addRoot(id);
  for (const edge of edges) {
    builder.addEdge(edge.from, edge.to, edge.range);
    const install = builder.get(edge.to);
    if (install !== undefined && install.name !== edge.alias) install.aliases.add(edge.alias);
  }
  applyFlags(builder, edges, workspaceNodes);
  return builder.build();
}

/**
 * dev: reached only through importers' devDependencies. optional: reached only through
 * optionalDependencies (of importers or packages). Unreachable instances are neither.
 */
function applyFlags(builder: InstallGraphBuilder, edges: Edge[], workspaceNodes: string[]): void {
  const outgoing = new Map<string, Edge[]>();
  for (const edge of edges) {
    if (edge.from === null) continue;
    const list = outgoing.get(edge.from);
    if (list === undefined) outgoing.set(edge.from, [edge]);
    else list.push(edge);
  }
  const reach = (follow: (edge: Edge) => boolean): Set<string> => {
    const seen = new Set<string>(workspaceNodes);
    const queue = [...workspaceNodes];
    for (const edge of edges) {
      if (edge.from === null && follow(edge) && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    for (let next = 0; next < queue.length; next++) {
      for (const edge of outgoing.get(queue[next] as string) ?? []) {
        if (!follow(edge) || seen.has(edge.to)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    return seen;
  };
  const reachable = reach(() => true);
  const production = reach((edge) => edge.kind !== 'dev');
  const required = reach((edge) => edge.kind !== 'optional');
  for (const id of reachable) {
    const install = builder.get(id);
    if (install === undefined) continue;
    install.dev = !production.has(id);
    install.optional = !required.has(id);
  }
}
