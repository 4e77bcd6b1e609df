/**
 * The InstallGraph for Yarn lockfiles, which carry no dev/optional flags per package: edges are
 * collected with the dependent's own flags (a root devDependency; a `dependenciesMeta` or
 * `optionalDependencies` entry), then each install's flags follow from reachability:
 * - dev: no path reaches it from a non-dev root edge or a workspace importer;
 * - optional: every path from the roots crosses an optional edge.
 * An install no root reaches at all is neither (checked as if production needs it).
 */
import { InstallGraphBuilder, type Install, type InstallGraph, type InstallInit } from './install-graph.js';

interface Edge {
  from: string | null;
  to: string;
  dev: boolean;
  optional: boolean;
  /** The range the dependent wrote, when known. */
  range: string | null;
}

export class YarnGraphBuilder {
  private readonly builder = new InstallGraphBuilder();
  private readonly edges: Edge[] = [];
  private readonly importers: string[] = [];

  /** Flags are computed in build(); whatever is given here is overwritten. */
  add(init: Omit<InstallInit, 'dev' | 'optional'>): Install {
    return this.builder.add({ ...init, dev: false, optional: false });
  }

  get(id: string): Install | undefined {
    return this.builder.get(id);
  }

  /** `from` null: a dependency of the root project. Ranges are recorded by the caller. */
  addEdge(from: string | null, to: string, flags: { dev?: boolean; optional?: boolean; range?: string } = {}): void {
    if (from === to || this.builder.get(to) === undefined) return;
    this.edges.push({ from, to, dev: flags.dev === true, optional: flags.optional === true, range: flags.range ?? null });
  }

  /** A workspace: a root of its own (its own first path step), never dev or optional. */
  addImporter(id: string): void {
    if (this.builder.get(id) !== undefined) this.importers.push(id);
  }

  /** Every install some edge (or the root) points at. */
  targets(): Set<string> {
    return new Set(this.edges.map((edge) => edge.to));
  }

  build(): InstallGraph {
    for (const edge of this.edges) this.builder.addEdge(edge.from, edge.to, null, edge.range);
    for (const id of this.importers) this.builder.addRoot(id);
    const graph = this.builder.build();
    const rootEdges = this.edges.filter((edge) => edge.from === null);
    const children = new Map<string, Edge[]>();
    for (const edge of this.edges) {
      if (edge.from !== null) children.set(edge.from, [...(children.get(edge.from) ?? []), edge]);
    }
    const reach = (starts: string[], follow: (edge: Edge) => boolean): Set<string> => {
      const seen = new Set(starts);
      const queue = [...starts];
      for (let i = 0; i < queue.length; i++) {
        for (const edge of children.get(queue[i] as string) ?? []) {
          if (follow(edge) && !seen.has(edge.to)) {
            seen.add(edge.to);
            queue.push(edge.to);
          }
        }
      }
      return seen;
    };
    const all = reach([...this.importers, ...rootEdges.map((edge) => edge.to)], () => true);
    const production = reach([...this.importers, ...rootEdges.filter((edge) => !edge.dev).map((edge) => edge.to)], () => true);
    const required = reach([...this.importers, ...rootEdges.filter((edge) => !edge.optional).map((edge) => edge.to)], (edge) => !edge.optional);
    for (const install of graph.installs.values()) {
      const reached = all.has(install.id);
      install.dev = reached && !production.has(install.id);
      install.optional = reached && !required.has(install.id);
    }
    return graph;
  }
}
