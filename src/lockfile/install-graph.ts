/**
 * The format-independent middle of every lockfile reader: one node per install (npm: per
 * install location), edges parent -> child with the range the parent asked for, and roots
 * (direct dependencies of the root project, and workspace importers). merge.ts turns it into
 * LockedPackage[].
 */
import type { SourceKind } from '../model/types.js';

export interface Install {
  /** Unique per install; npm uses the location key (`node_modules/a/node_modules/b`). */
  id: string;
  /** Real package name. */
  name: string;
  version: string;
  source: SourceKind;
  resolved: string | null;
  integrity: string | null;
  dev: boolean;
  optional: boolean;
  /** Other names it is installed or linked under. */
  aliases: Set<string>;
  /** Specs its dependents wrote for it (alias specs reduced to their range). */
  requestedRanges: Set<string>;
  /** Each edge into it: the dependent's install id (null: the root project) -> the range on that edge (null: not recorded). */
  dependents: Map<string | null, string | null>;
}

export interface InstallGraph {
  installs: ReadonlyMap<string, Install>;
  roots: readonly string[];
  /** Installs the root project itself depends on (not workspace importers or their deps). */
  direct: ReadonlySet<string>;
  children: ReadonlyMap<string, readonly string[]>;
}

export type InstallInit = Omit<Install, 'aliases' | 'requestedRanges' | 'dependents'>;

export class InstallGraphBuilder {
  private readonly installs = new Map<string, Install>();
  private readonly roots: string[] = [];
  private readonly direct = new Set<string>();
  private readonly children = new Map<string, string[]>();

  add(init: InstallInit): Install {
    const install: Install = { ...init, aliases: new Set(), requestedRanges: new Set(), dependents: new Map() };
    this.installs.set(install.id, install);
    return install;
  }

  get(id: string): Install | undefined {
    return this.installs.get(id);
  }

  /**
   * `from` null means the root project: `to` becomes a root. `edgeRange`: the range on this
   * edge when the format records ranges elsewhere (Yarn's descriptors) and `requestedRange` is null.
   */
  addEdge(from: string | null, to: string, requestedRange: string | null, edgeRange: string | null = null): void {
    const target = this.installs.get(to);
    if (target === undefined) return;
    if (requestedRange !== null) target.requestedRanges.add(requestedRange);
    const range = requestedRange ?? edgeRange;
    if (range !== null || !target.dependents.has(from)) target.dependents.set(from, range);
    if (from === null) {
      this.roots.push(to);
      this.direct.add(to);
      return;
    }
    const list = this.children.get(from) ?? [];
    list.push(to);
    this.children.set(from, list);
  }

  addRoot(id: string): void {
    if (this.installs.has(id)) this.roots.push(id);
  }

  build(): InstallGraph {
    return { installs: this.installs, roots: this.roots, direct: this.direct, children: this.children };
  }
}

/** `npm:real@^1.0.0` -> `{ name: 'real', range: '^1.0.0' }`; null for other specs. */
export function parseAliasSpec(spec: string): { name: string; range: string } | null {
  if (!spec.startsWith('npm:')) return null;
  const body = spec.slice(4);
  const at = body.indexOf('@', 1);
  if (at === -1) return body.length > 0 ? { name: body, range: '*' } : null;
  return { name: body.slice(0, at), range: body.slice(at + 1) || '*' };
}

/** The range to record for an edge: the spec as written, or the range of an alias spec. */
export function requestedRangeOf(spec: string): string {
  return parseAliasSpec(spec)?.range ?? spec;
}
