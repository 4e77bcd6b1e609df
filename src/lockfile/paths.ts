/**
 * Dependency paths, for any lockfile format. The graph's nodes are whatever the format installs
 * (npm: install locations; pnpm: snapshot keys); `step` names a node in a path (`name@version`).
 * Roots are where paths start: the root project's direct dependencies and workspace importers
 * (an importer is a step of its own, so monorepo paths start at it). Paths are simple: no node
 * appears twice, so cycles (a -> b -> a) end a path instead of looping.
 *
 * Listing: a breadth-first search over partial paths, so every node's paths come out shortest
 * first and its first path is a shortest one. Each node keeps and extends only its first
 * `maxPaths` arrivals, which bounds the work by maxPaths x edges. In an acyclic graph these are
 * exactly its `maxPaths` shortest paths; through a cycle a few longer alternatives may be
 * listed instead of equally short ones (all listed paths are still real and simple).
 *
 * Counting: dynamic programming over the graph with back edges removed (a depth-first search
 * from the roots, in order, drops each edge to a node still on its stack). Exact for an acyclic
 * graph; with cycles it counts the simple paths that avoid the dropped edges, a lower bound,
 * and never less than the number of paths listed. Counts saturate at PATH_COUNT_LIMIT, so a
 * node reached by 10^15 paths reports PATH_COUNT_LIMIT and no work is exponential.
 */
import { MAX_PATHS_PER_PACKAGE } from '../model/constants.js';

/** Path counts stop growing here; reporters may print it as "1000000+". */
export const PATH_COUNT_LIMIT = 1_000_000;

export interface DependencyGraph {
  /** Start nodes, in a stable order (duplicates ignored). */
  roots: readonly string[];
  /** Child node ids per node, in a stable order. Missing means no children. */
  children: ReadonlyMap<string, readonly string[]>;
  /** The step a node contributes to a path, e.g. `express@4.18.2`. */
  step: (id: string) => string;
}

export interface NodePaths {
  /** Shortest first, at most `maxPaths`; each ends with the node's own step. */
  paths: string[][];
  /** See the module comment: exact without cycles, saturating at PATH_COUNT_LIMIT. */
  pathCount: number;
}

interface Arrival {
  node: string;
  prev: Arrival | null;
  /** Position in the path, 0 for a root. */
  depth: number;
}

export function computeDependencyPaths(
  graph: DependencyGraph,
  options: { maxPaths?: number; countLimit?: number } = {},
): Map<string, NodePaths> {
  const maxPaths = options.maxPaths ?? MAX_PATHS_PER_PACKAGE;
  const limit = options.countLimit ?? PATH_COUNT_LIMIT;
  const roots = [...new Set(graph.roots)];
  const unique = new Map<string, string[]>();
  const childrenOf = (id: string): string[] => {
    let list = unique.get(id);
    if (list === undefined) {
      list = [...new Set(graph.children.get(id) ?? [])];
      unique.set(id, list);
    }
    return list;
  };

  const { counts, hasCycles } = countPaths(roots, childrenOf, limit);
  const steps = new Map<string, string>();
  const stepOf = (id: string): string => {
    let text = steps.get(id);
    if (text === undefined) {
      text = graph.step(id);
      steps.set(id, text);
    }
    return text;
  };
  // Listing is done on first use, once for every node: `check` and `ls` only need counts.
  let listed: Map<string, Arrival[]> | undefined;
  const arrivalsOf = (node: string): Arrival[] => {
    listed ??= listPaths(roots, childrenOf, maxPaths);
    return listed.get(node) ?? [];
  };
  const result = new Map<string, NodePaths>();
  for (const [node, count] of counts) {
    let paths: string[][] | undefined;
    result.set(node, {
      get paths() {
        paths ??= arrivalsOf(node).map((arrival) => toSteps(arrival, stepOf));
        return paths;
      },
      // Without cycles the count is exact and at least the number listed; with cycles it is a
      // lower bound, so the listing (then done up front) keeps it honest.
      pathCount: hasCycles ? Math.max(count, arrivalsOf(node).length) : count,
    });
  }
  return result;
}

function listPaths(roots: string[], childrenOf: (id: string) => string[], maxPaths: number): Map<string, Arrival[]> {
  const distance = shortestDistances(roots, childrenOf);
  const arrivals = new Map<string, Arrival[]>();
  const queue: Arrival[] = [];
  const record = (arrival: Arrival): void => {
    const list = arrivals.get(arrival.node) ?? [];
    if (list.length >= maxPaths) return;
    list.push(arrival);
    arrivals.set(arrival.node, list);
    queue.push(arrival);
  };
  for (const root of roots) record({ node: root, prev: null, depth: 0 });
  // FIFO: arrivals are processed in order of path length.
  for (let next = 0; next < queue.length; next++) {
    const arrival = queue[next] as Arrival;
    for (const child of childrenOf(arrival.node)) {
      const onPath = isOnPath(arrival, child, distance.get(child) ?? 0);
      if (!onPath) record({ node: child, prev: arrival, depth: arrival.depth + 1 });
    }
  }
  return arrivals;
}

/** A node at distance d from the roots cannot sit at a position below d: stop looking there. */
function isOnPath(arrival: Arrival, node: string, distance: number): boolean {
  for (let at: Arrival | null = arrival; at !== null && at.depth >= distance; at = at.prev) {
    if (at.node === node) return true;
  }
  return false;
}

function shortestDistances(roots: string[], childrenOf: (id: string) => string[]): Map<string, number> {
  const distance = new Map<string, number>(roots.map((root) => [root, 0]));
  const queue = [...roots];
  for (let next = 0; next < queue.length; next++) {
    const node = queue[next] as string;
    const here = distance.get(node) ?? 0;
    for (const child of childrenOf(node)) {
      if (distance.has(child)) continue;
      distance.set(child, here + 1);
      queue.push(child);
    }
  }
  return distance;
}

function toSteps(arrival: Arrival, step: (id: string) => string): string[] {
  const steps: string[] = [];
  for (let at: Arrival | null = arrival; at !== null; at = at.prev) steps.push(step(at.node));
  return steps.reverse();
}

function countPaths(
  roots: string[],
  childrenOf: (id: string) => string[],
  limit: number,
): { counts: Map<string, number>; hasCycles: boolean } {
  let hasCycles = false;
  // Iterative depth-first search: postorder, and the edges that close a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const postorder: string[] = [];
  const dagChildren = new Map<string, string[]>();
  for (const root of roots) {
    if (state.has(root)) continue;
    state.set(root, 'open');
    const stack: Array<{ node: string; children: string[]; next: number }> = [
      { node: root, children: childrenOf(root), next: 0 },
    ];
    dagChildren.set(root, []);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const child = frame.children[frame.next++];
      if (child === undefined) {
        state.set(frame.node, 'done');
        postorder.push(frame.node);
        stack.pop();
        continue;
      }
      const seen = state.get(child);
      if (seen === 'open') {
        hasCycles = true; // back edge: would close a cycle
        continue;
      }
      (dagChildren.get(frame.node) as string[]).push(child);
      if (seen === undefined) {
        state.set(child, 'open');
        dagChildren.set(child, []);
        stack.push({ node: child, children: childrenOf(child), next: 0 });
      }
    }
  }
  const counts = new Map<string, number>();
  for (const root of roots) counts.set(root, 1);
  for (let i = postorder.length - 1; i >= 0; i--) {
    const node = postorder[i] as string;
    const here = counts.get(node) ?? 0;
    for (const child of dagChildren.get(node) ?? []) {
      counts.set(child, Math.min(limit, (counts.get(child) ?? 0) + here));
    }
  }
  return { counts, hasCycles };
}
