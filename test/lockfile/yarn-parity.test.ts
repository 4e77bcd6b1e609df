/**
 * Parity with Yarn itself: next to each generated yarn.lock lies Yarn's own listing, recorded
 * when the lockfile was written (Berry: `yarn info --all --recursive --json`; Yarn 1:
 * `yarn list --json`). The registry packages we read, and (Berry) the dependency edges between
 * them and the root's direct dependencies, must be the ones Yarn reports.
 */
import type { Lockfile } from '../../src/model/types.js';
import { parseYarnBerryLockfile } from '../../src/lockfile/yarn-berry.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';
import { aliasRealNames, readLockfileFixture as read } from '../support/lockfile-fixtures.js';

const sorted = (set: Set<string>): string[] => [...set].sort();

interface InfoLine {
  value: string;
  children: { Dependencies?: Array<{ descriptor: string; locator: string }> };
}

/** `name@npm:1.2.3` (after dropping `virtual:…#` and unwrapping `patch:`) -> `name@1.2.3`; else null. */
function registryStep(locator: string): string | null {
  const at = locator.indexOf('@', 1);
  const name = locator.slice(0, at);
  const reference = locator.slice(at + 1).replace(/^virtual:[0-9a-f]+#/, '');
  if (reference.startsWith('patch:')) return registryStep(decodeURIComponent(reference.slice(6).split('#')[0] as string));
  return reference.startsWith('npm:') ? `${name}@${reference.slice(4)}` : null;
}

function fromYarnInfo(variant: string): { registry: Set<string>; roots: Set<string>; edges: Set<string> } {
  const lines = read(`yarn-berry/${variant}/yarn-info.ndjson`).trim().split('\n').map((line) => JSON.parse(line) as InfoLine);
  const registry = new Set<string>();
  const roots = new Set<string>();
  const edges = new Set<string>();
  for (const line of lines) {
    const from = registryStep(line.value);
    if (from !== null) registry.add(from);
    for (const dependency of line.children.Dependencies ?? []) {
      const to = registryStep(dependency.locator);
      if (to === null) continue;
      if (line.value.endsWith('@workspace:.')) roots.add(to);
      else if (from !== null) edges.add(`${from} -> ${to}`);
    }
  }
  return { registry, roots, edges };
}

function fromParser(lockfile: Lockfile): { registry: Set<string>; roots: Set<string>; edges: Set<string> } {
  const registry = new Set(lockfile.packages.filter((p) => p.source === 'registry').map((p) => `${p.name}@${p.version}`));
  const roots = new Set<string>();
  const edges = new Set<string>();
  for (const p of lockfile.packages) {
    expect(p.pathCount).toBe(p.paths.length); // nothing capped in this small project
    for (const path of p.paths) {
      if (path.length === 1 && registry.has(path[0] as string)) roots.add(path[0] as string);
      for (let i = 1; i < path.length; i++) {
        if (registry.has(path[i - 1] as string) && registry.has(path[i] as string)) edges.add(`${path[i - 1]} -> ${path[i]}`);
      }
    }
  }
  return { registry, roots, edges };
}

describe.each(['yarn4', 'yarn3', 'yarn2'])('%s agrees with yarn info', (variant) => {
  const ours = fromParser(
    parseYarnBerryLockfile(read(`yarn-berry/${variant}/yarn.lock`), { path: 'yarn.lock', packageJson: read(`yarn-berry/${variant}/project-package.json`) }),
  );
  const yarn = fromYarnInfo(variant);

  test('registry name@version pairs', () => {
    expect(sorted(ours.registry)).toEqual(sorted(yarn.registry));
    expect(ours.registry.size).toBe(15);
  });

  test('registry packages the root depends on directly', () => {
    expect(sorted(ours.roots)).toEqual(sorted(yarn.roots));
  });

  test('dependency edges between registry packages', () => {
    expect(sorted(ours.edges)).toEqual(sorted(yarn.edges));
    expect(ours.edges.size).toBeGreaterThan(5);
  });
});

interface ListNode {
  name: string;
  shadow?: boolean;
  children?: ListNode[];
}

test('yarn classic agrees with yarn list on registry packages', () => {
  const manifest = JSON.parse(read('yarn-classic/v1/project-package.json')) as Record<string, Record<string, string>>;
  const members = JSON.parse(read('yarn-classic/v1/workspace-manifests.json')) as Record<string, { name: string }>;
  const realNames = aliasRealNames(manifest);
  const nonRegistry = new Set(Object.values(members).map((member) => member.name));
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^(?:file:|link:|https?:|git)/.test(spec)) nonRegistry.add(name); // never an `npm:` alias
    }
  }
  const listed = new Set<string>();
  const walk = (nodes: ListNode[]): void => {
    for (const node of nodes) {
      if (node.shadow === true) continue; // a reference to a node listed elsewhere
      const at = node.name.lastIndexOf('@');
      const name = node.name.slice(0, at);
      if (!nonRegistry.has(name)) listed.add(`${realNames.get(name) ?? name}@${node.name.slice(at + 1)}`);
      walk(node.children ?? []);
    }
  };
  walk((JSON.parse(read('yarn-classic/v1/yarn-list.json')) as { data: { trees: ListNode[] } }).data.trees);
  const lockfile = parseYarnClassicLockfile(read('yarn-classic/v1/yarn.lock'), { path: 'yarn.lock', packageJson: read('yarn-classic/v1/project-package.json') });
  expect(sorted(fromParser(lockfile).registry)).toEqual(sorted(listed));
  expect(listed.size).toBe(14);
});
