/**
 * Parity with pnpm itself: next to each generated lockfile lies `pnpm list --depth Infinity
 * --json` output from the pnpm that wrote it (see test/fixtures/lockfiles/pnpm/README.md). The
 * registry packages we read, the root project's direct dependencies, each workspace's direct
 * dependencies and the edges between registry packages must be the ones pnpm reports.
 */
import type { Lockfile } from '../../src/model/types.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { readLockfileFixture } from '../support/lockfile-fixtures.js';

interface ListNode {
  from: string;
  version: string;
  resolved?: string;
  dependencies?: Record<string, ListNode>;
  devDependencies?: Record<string, ListNode>;
  optionalDependencies?: Record<string, ListNode>;
}

interface ListProject extends Omit<ListNode, 'from'> {
  name: string;
  path: string;
}

interface Facts {
  registry: Set<string>;
  /** Direct dependencies per project path (`.`, `packages/ws-a`): registry ones only. */
  direct: Map<string, Set<string>>;
  /** `a@1 -> b@2` between registry packages. */
  edges: Set<string>;
}

const read = (variant: string, file: string): string => readLockfileFixture(`pnpm/${variant}/${file}`);
const REGISTRY = 'https://registry.npmjs.org/';
const childrenOf = (node: Omit<ListNode, 'from'>): ListNode[] =>
  [node.dependencies, node.devDependencies, node.optionalDependencies].flatMap((map) => Object.values(map ?? {}));

function fromPnpmList(variant: string): Facts {
  const projects = JSON.parse(read(variant, 'pnpm-list.json')) as ListProject[];
  const facts: Facts = { registry: new Set(), direct: new Map(), edges: new Set() };
  const isRegistry = (node: ListNode): boolean => node.resolved?.startsWith(REGISTRY) === true;
  const walk = (parent: string, node: ListNode): void => {
    const here = `${node.from}@${node.version}`;
    facts.registry.add(here);
    facts.edges.add(`${parent} -> ${here}`);
    for (const child of childrenOf(node)) if (isRegistry(child)) walk(here, child);
  };
  for (const project of projects) {
    const direct = childrenOf(project).filter(isRegistry);
    facts.direct.set(project.path, new Set(direct.map((node) => `${node.from}@${node.version}`)));
    for (const node of direct) for (const child of childrenOf(node)) if (isRegistry(child)) walk(`${node.from}@${node.version}`, child);
    for (const node of direct) facts.registry.add(`${node.from}@${node.version}`);
  }
  // Non-registry packages (git, tarballs, file:) have registry dependencies too.
  for (const project of projects) {
    for (const node of childrenOf(project).filter((n) => !isRegistry(n))) {
      for (const child of childrenOf(node)) if (isRegistry(child)) walk('(non-registry)', child);
    }
  }
  for (const edge of [...facts.edges]) if (edge.startsWith('(non-registry)')) facts.edges.delete(edge);
  return facts;
}

function fromParser(lockfile: Lockfile, projects: ListProject[]): Facts {
  // `pnpm list` lists the project's packages, not the env lockfile's config dependencies.
  const registryPackages = lockfile.packages.filter((p) => p.source === 'registry' && p.configDependency !== true);
  const registry = new Set(registryPackages.map((p) => `${p.name}@${p.version}`));
  const facts: Facts = { registry, direct: new Map(), edges: new Set() };
  // A workspace's first step is `<name or path>@0.0.0`; map it back to its directory.
  const projectOfStep = (step: string): string | null => {
    const project = projects.find((p) => p.path !== '.' && (step === `${p.name}@0.0.0` || step === `${p.path}@0.0.0`));
    return project?.path ?? null;
  };
  const addDirect = (project: string, step: string): void => {
    facts.direct.set(project, (facts.direct.get(project) ?? new Set()).add(step));
  };
  for (const p of registryPackages) {
    expect(p.pathCount).toBe(p.paths.length); // nothing capped in this small project
    const here = `${p.name}@${p.version}`;
    for (const path of p.paths) {
      if (path.length === 1) addDirect('.', here);
      const parent = path[path.length - 2];
      if (parent === undefined) continue;
      const project = projectOfStep(parent);
      if (project !== null) addDirect(project, here);
      else if (registry.has(parent)) facts.edges.add(`${parent} -> ${here}`);
    }
  }
  for (const project of projects) if (!facts.direct.has(project.path)) facts.direct.set(project.path, new Set());
  return facts;
}

const sorted = (set: Iterable<string>): string[] => [...set].sort();

describe.each(['v5.4-single', 'v6.0', 'v6.0-single', 'v9.0-pnpm9', 'v9.0-pnpm10', 'v9.0-pnpm11', 'v9.0-pnpm12'])(
  '%s agrees with pnpm list',
  (variant) => {
    const projects = JSON.parse(read(variant, 'pnpm-list.json')) as ListProject[];
    const ours = fromParser(parsePnpmLockfile(read(variant, 'pnpm-lock.yaml'), { path: 'pnpm-lock.yaml' }), projects);
    const pnpm = fromPnpmList(variant);

    test('registry name@version pairs', () => {
      expect(sorted(ours.registry)).toEqual(sorted(pnpm.registry));
      expect(ours.registry.size).toBeGreaterThanOrEqual(15);
    });

    test('direct dependencies of the root project and of each workspace', () => {
      expect(sorted(ours.direct.keys())).toEqual(sorted(pnpm.direct.keys()));
      for (const [project, direct] of pnpm.direct) expect([project, sorted(ours.direct.get(project) ?? [])]).toEqual([project, sorted(direct)]);
    });

    test('edges between registry packages', () => {
      expect(sorted(ours.edges)).toEqual(sorted(pnpm.edges));
      expect(ours.edges.size).toBeGreaterThan(8);
    });
  },
);
