/**
 * Parity with npm itself: next to each generated lockfile lies `npm ls --all --json` output
 * from the npm that wrote it. The registry packages we read, the direct dependencies and the
 * dependency edges must be the ones npm reports.
 */
import type { Lockfile } from '../../src/model/types.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { aliasRealNames, readLockfileFixture } from '../support/lockfile-fixtures.js';

interface LsNode {
  version?: string;
  resolved?: string;
  dependencies?: Record<string, LsNode>;
}

const read = (variant: string, file: string): string => readLockfileFixture(`npm/${variant}/${file}`);

/** What `npm ls` says, with alias folder names mapped to real names via the project's package.json. */
function fromNpmLs(variant: string): { registry: Set<string>; roots: Set<string>; edges: Set<string> } {
  const ls = JSON.parse(read(variant, 'npm-ls.json')) as LsNode;
  const manifest = JSON.parse(read(variant, 'project-package.json')) as Record<string, Record<string, string>>;
  const realNames = aliasRealNames(manifest);
  const label = (key: string, node: LsNode): string => `${realNames.get(key) ?? key}@${node.version ?? '?'}`;
  const all = new Set<string>();
  const nonRegistry = new Set<string>();
  const roots = new Set<string>();
  const edges = new Set<string>();
  const walk = (parent: string | null, children: Record<string, LsNode>): void => {
    for (const [key, node] of Object.entries(children)) {
      const here = label(key, node);
      all.add(here);
      const resolved = node.resolved;
      // Deduplicated nodes carry no `resolved`; their first occurrence does.
      if (node.version === undefined || (resolved !== undefined && !resolved.startsWith('https://registry.npmjs.org/'))) {
        nonRegistry.add(here);
      }
      if (parent === null) roots.add(here);
      else edges.add(`${parent} -> ${here}`);
      walk(here, node.dependencies ?? {});
    }
  };
  walk(null, ls.dependencies ?? {});
  return { registry: new Set([...all].filter((l) => !nonRegistry.has(l))), roots, edges };
}

function fromParser(lockfile: Lockfile): { registry: Set<string>; roots: Set<string>; edges: Set<string> } {
  const roots = new Set<string>();
  const edges = new Set<string>();
  for (const p of lockfile.packages) {
    expect(p.pathCount).toBe(p.paths.length); // nothing capped in this small project
    for (const path of p.paths) {
      if (path.length === 1) roots.add(path[0] as string);
      for (let i = 1; i < path.length; i++) edges.add(`${path[i - 1]} -> ${path[i]}`);
    }
  }
  const registry = new Set(lockfile.packages.filter((p) => p.source === 'registry').map((p) => `${p.name}@${p.version}`));
  return { registry, roots, edges };
}

const sorted = (set: Set<string>): string[] => [...set].sort();

describe.each([
  ['v3', 'package-lock.json'],
  ['v3-npm12', 'package-lock.json'],
  ['v3-omit-resolved', 'package-lock.json'],
  ['v2', 'package-lock.json'],
  ['shrinkwrap', 'npm-shrinkwrap.json'],
])('%s agrees with npm ls', (variant, file) => {
  const ours = fromParser(parseNpmLockfile(read(variant, file), { path: file }));
  const npm = fromNpmLs(variant);

  test('registry name@version pairs', () => {
    expect(sorted(ours.registry)).toEqual(sorted(npm.registry));
    expect(ours.registry.size).toBe(12);
  });

  test('direct dependencies and workspaces', () => {
    expect(sorted(ours.roots)).toEqual(sorted(npm.roots));
  });

  test('dependency edges', () => {
    expect(sorted(ours.edges)).toEqual(sorted(npm.edges));
  });
});

test('v1 agrees with npm ls on registry packages and the edges between them', () => {
  const ours = fromParser(
    parseNpmLockfile(read('v1', 'package-lock.json'), { path: 'package-lock.json', packageJson: read('v1', 'project-package.json') }),
  );
  const npm = fromNpmLs('v1');
  expect(sorted(ours.registry)).toEqual(sorted(npm.registry));
  const registryOnly = (edges: Set<string>, registry: Set<string>): string[] =>
    sorted(edges).filter((edge) => edge.split(' -> ').every((step) => registry.has(step)));
  expect(registryOnly(ours.edges, ours.registry)).toEqual(registryOnly(npm.edges, npm.registry));
  expect(registryOnly(ours.edges, ours.registry).length).toBeGreaterThan(5);
});
