/**
 * InstallGraph -> LockedPackage[]: one package per distinct name@version (and source), merged
 * over every place it is installed. dev/optional hold only when every install is dev/optional;
 * aliases, requested ranges and paths are unions. Registry installs merge by name@version;
 * non-registry ones also by `resolved`, so two git commits that both claim 1.0.0 stay apart
 * and a git copy of a registry version is never hidden behind the registry one. Merging is for
 * the history lookup only: `copies` keeps each install's distinct (resolved, integrity), so a
 * nested copy fetched from another host is judged as well as the first one.
 */
import { MAX_PATHS_PER_PACKAGE } from '../model/constants.js';
import type { Dependent, LockedCopy, LockedPackage } from '../model/types.js';
import type { Install, InstallGraph } from './install-graph.js';
import { computeDependencyPaths, PATH_COUNT_LIMIT, type NodePaths } from './paths.js';

export function stepOf(install: { name: string; version: string }): string {
  return `${install.name}@${install.version}`;
}

function mergeKey(install: Install): string {
  const origin = install.source === 'registry' ? '' : (install.resolved ?? install.id);
  return JSON.stringify([install.name, install.version, install.source, origin]);
}

export interface BuildOptions {
  /** False for formats that record no tarball integrity (Yarn Berry). Default true. */
  recordsIntegrity?: boolean;
}

export function buildLockedPackages(graph: InstallGraph, options: BuildOptions = {}): LockedPackage[] {
  const recordsIntegrity = options.recordsIntegrity ?? true;
  const nodePaths = computeDependencyPaths({
    roots: graph.roots,
    children: graph.children,
    step: (id) => {
      const install = graph.installs.get(id);
      return install === undefined ? id : stepOf(install);
    },
  });
  const groups = new Map<string, Install[]>();
  for (const install of graph.installs.values()) {
    const key = mergeKey(install);
    groups.set(key, [...(groups.get(key) ?? []), install]);
  }
  const packages = [...groups.values()].map((installs) => mergeInstalls(installs, nodePaths, graph, recordsIntegrity));
  return packages.sort(comparePackages);
}

/** Each distinct (resolved, integrity) once, at the first install that has it. */
function copiesOf(installs: readonly Install[], recordsIntegrity: boolean): LockedCopy[] {
  const copies = new Map<string, LockedCopy>();
  for (const { id, resolved, integrity } of installs) {
    const key = JSON.stringify([resolved, integrity]);
    if (!copies.has(key)) copies.set(key, { location: id, resolved, integrity, recordsIntegrity });
  }
  return [...copies.values()];
}

/** Every edge into the installs, each dependent named `name@version` (null: the root project or a workspace importer). */
function dependentsOf(installs: readonly Install[], graph: InstallGraph): Dependent[] {
  const edges = new Map<string, Dependent>();
  for (const install of installs) {
    for (const [from, range] of install.dependents) {
      const source = from === null ? undefined : graph.installs.get(from);
      const dependent = source === undefined || source.source === 'workspace' ? null : stepOf(source);
      const key = JSON.stringify([dependent, range]);
      if (!edges.has(key)) edges.set(key, { dependent, range });
    }
  }
  return [...edges.values()];
}

function mergeInstalls(installs: Install[], nodePaths: ReadonlyMap<string, NodePaths>, graph: InstallGraph, recordsIntegrity: boolean): LockedPackage {
  const direct = graph.direct;
  const first = installs[0] as Install;
  const aliases = new Set<string>();
  const ranges = new Set<string>();
  let pathCount = 0;
  const found: NodePaths[] = [];
  for (const install of installs) {
    for (const alias of install.aliases) if (alias !== first.name) aliases.add(alias);
    for (const range of install.requestedRanges) ranges.add(range);
    const nodes = nodePaths.get(install.id);
    if (nodes === undefined) continue;
    // Each install's count is at least its listed paths, so the sum bounds their union.
    pathCount = Math.min(PATH_COUNT_LIMIT, pathCount + nodes.pathCount);
    found.push(nodes);
  }
  let shortest: string[][] | undefined;
  const shortestPaths = (): string[][] => {
    if (shortest) return shortest;
    const unique = new Map<string, string[]>();
    for (const nodes of found) for (const path of nodes.paths) unique.set(path.join('\u0000'), path);
    // Stable sort: equal lengths keep breadth-first order, per install in lockfile order.
    shortest = [...unique.values()].sort((a, b) => a.length - b.length).slice(0, MAX_PATHS_PER_PACKAGE);
    return shortest;
  };
  return {
    name: first.name,
    version: first.version,
    source: first.source,
    aliases: [...aliases].sort(),
    resolved: first.resolved,
    integrity: first.integrity,
    copies: copiesOf(installs, recordsIntegrity),
    dev: installs.every((install) => install.dev),
    optional: installs.every((install) => install.optional),
    direct: installs.some((install) => direct.has(install.id)),
    // Materialised on first use (why); check and ls never pay for listing paths.
    get paths() {
      return shortestPaths();
    },
    pathCount,
    requestedRanges: [...ranges].sort(),
    dependents: dependentsOf(installs, graph),
  };
}

export function comparePackages(a: LockedPackage, b: LockedPackage): number {
  return compare(a.name, b.name) || compare(a.version, b.version) || compare(a.source, b.source);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
