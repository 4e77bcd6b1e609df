import { computeDependencyPaths, PATH_COUNT_LIMIT, type DependencyGraph } from '../../src/lockfile/paths.js';
import { MAX_PATHS_PER_PACKAGE } from '../../src/model/constants.js';

const graph = (roots: string[], edges: Record<string, string[]>): DependencyGraph => ({
  roots,
  children: new Map(Object.entries(edges)),
  step: (id) => id,
});

test('paths are shortest first and start at the roots', () => {
  const result = computeDependencyPaths(graph(['a', 'd'], { a: ['b'], b: ['c'], d: ['c'] }));
  expect(result.get('c')).toEqual({ paths: [['d', 'c'], ['a', 'b', 'c']], pathCount: 2 });
  expect(result.get('a')).toEqual({ paths: [['a']], pathCount: 1 });
});

test('step() names the nodes; unreachable nodes get no entry', () => {
  const result = computeDependencyPaths({
    roots: ['node_modules/a'],
    children: new Map([['node_modules/a', ['node_modules/a/node_modules/b']], ['orphan', ['node_modules/a']]]),
    step: (id) => (id === 'node_modules/a' ? 'a@1.0.0' : 'b@2.0.0'),
  });
  expect(result.get('node_modules/a/node_modules/b')?.paths).toEqual([['a@1.0.0', 'b@2.0.0']]);
  expect(result.has('orphan')).toBe(false);
});

test('cycles end a path instead of looping: paths are simple', () => {
  const result = computeDependencyPaths(graph(['a'], { a: ['b'], b: ['a', 'c'], c: ['b'] }));
  expect(result.get('a')).toEqual({ paths: [['a']], pathCount: 1 });
  expect(result.get('b')).toEqual({ paths: [['a', 'b']], pathCount: 1 });
  expect(result.get('c')).toEqual({ paths: [['a', 'b', 'c']], pathCount: 1 });
});

test('a cycle between two roots: each is reached directly and through the other', () => {
  const result = computeDependencyPaths(graph(['a', 'b'], { a: ['b'], b: ['a'] }));
  expect(result.get('a')).toEqual({ paths: [['a'], ['b', 'a']], pathCount: 2 });
  expect(result.get('b')).toEqual({ paths: [['b'], ['a', 'b']], pathCount: 2 });
});

test('a self-dependency and duplicate edges add no paths', () => {
  const result = computeDependencyPaths(graph(['a', 'a'], { a: ['a', 'b', 'b'] }));
  expect(result.get('a')).toEqual({ paths: [['a']], pathCount: 1 });
  expect(result.get('b')).toEqual({ paths: [['a', 'b']], pathCount: 1 });
});

/** A ladder of `width`-wide layers, every node linked to every node of the next layer. */
function ladder(layers: number, width: number): DependencyGraph {
  const node = (layer: number, i: number): string => `n${layer}.${i}`;
  const edges: Record<string, string[]> = {};
  for (let layer = 0; layer < layers - 1; layer++) {
    for (let i = 0; i < width; i++) edges[node(layer, i)] = Array.from({ length: width }, (_, j) => node(layer + 1, j));
  }
  edges[node(layers - 1, 0)] = ['sink'];
  return graph(Array.from({ length: width }, (_, i) => node(0, i)), edges);
}

test('listing is capped at MAX_PATHS_PER_PACKAGE while the count is exact', () => {
  // 3 layers of 3: 27 paths end at n2.0 and continue to sink.
  const result = computeDependencyPaths(ladder(3, 3));
  const sink = result.get('sink');
  expect(sink?.pathCount).toBe(9);
  expect(result.get('n2.0')?.pathCount).toBe(9);
  const wide = computeDependencyPaths(ladder(4, 3)).get('sink');
  expect(wide?.pathCount).toBe(27);
  expect(wide?.paths).toHaveLength(MAX_PATHS_PER_PACKAGE);
  for (const path of wide?.paths ?? []) expect(path).toHaveLength(5);
});

test('counts saturate instead of exploding (10^40 paths)', () => {
  const result = computeDependencyPaths(ladder(41, 10));
  expect(result.get('sink')?.pathCount).toBe(PATH_COUNT_LIMIT);
  expect(result.get('n1.0')?.pathCount).toBe(10);
  expect(result.get('sink')?.paths).toHaveLength(MAX_PATHS_PER_PACKAGE);
});

test('options override the caps', () => {
  const result = computeDependencyPaths(ladder(4, 3), { maxPaths: 2, countLimit: 10 });
  expect(result.get('sink')).toMatchObject({ pathCount: 10 });
  expect(result.get('sink')?.paths).toHaveLength(2);
});

test('deep chains do not overflow the stack (listing a chain is quadratic: keep it moderate)', () => {
  const edges: Record<string, string[]> = {};
  for (let i = 0; i < 12_000; i++) edges[`p${i}`] = [`p${i + 1}`];
  const result = computeDependencyPaths(graph(['p0'], edges));
  expect(result.get('p12000')?.pathCount).toBe(1);
  expect(result.get('p12000')?.paths[0]).toHaveLength(12_001);
});
