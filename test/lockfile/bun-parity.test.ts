/**
 * Parity with Bun itself: next to each generated bun.lock lies `bun pm ls --all` output from
 * the Bun that wrote it (the node_modules tree Bun would install, folder names and versions).
 * The registry packages we read must be the ones Bun lists, and every package Bun nests under
 * another must be a dependency edge of ours.
 */
import type { Lockfile } from '../../src/model/types.js';
import { parseBunLockfile } from '../../src/lockfile/bun.js';
import { aliasRealNames, readLockfileFixture } from '../support/lockfile-fixtures.js';

const read = (variant: string, file: string): string => readLockfileFixture(`bun/${variant}/${file}`);
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;

interface LsEntry {
  name: string;
  version: string;
  parent: string | null;
}

/** `├── a@1.0.0` / `│   └── b@2.0.0` lines; alias folder names mapped to real names via package.json. */
function readBunLs(variant: string): LsEntry[] {
  const manifest = JSON.parse(read(variant, 'project-package.json')) as Record<string, Record<string, string>>;
  const realNames = aliasRealNames(manifest);
  const entries: LsEntry[] = [];
  const stack: string[] = [];
  for (const line of read(variant, 'bun-pm-ls.txt').split('\n').slice(1)) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+)$/u.exec(line);
    if (match === null) continue;
    const depth = (match[1] as string).length / 4;
    const label = match[2] as string;
    const at = label.indexOf('@', 1);
    const folder = label.slice(0, at);
    const name = realNames.get(folder) ?? folder;
    stack.length = depth;
    entries.push({ name, version: label.slice(at + 1), parent: depth === 0 ? null : (stack[depth - 1] as string) });
    stack.push(name);
  }
  return entries;
}

function edgesOf(lockfile: Lockfile): Set<string> {
  const edges = new Set<string>();
  for (const p of lockfile.packages) {
    for (const path of p.paths) {
      for (let i = 1; i < path.length; i++) edges.add(`${(path[i - 1] as string).replace(/@[^@]*$/, '')} -> ${path[i]}`);
    }
  }
  return edges;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

describe.each(['v0', 'v1', 'v2', 'v3'])('%s agrees with bun pm ls', (variant) => {
  const lockfile = parseBunLockfile(read(variant, 'bun.lock'), { path: 'bun.lock' });
  const ls = readBunLs(variant);

  test('registry name@version pairs', () => {
    const ours = lockfile.packages.filter((p) => p.source === 'registry').map((p) => `${p.name}@${p.version}`);
    const bun = ls.filter((entry) => SEMVER.test(entry.version)).map((entry) => `${entry.name}@${entry.version}`);
    expect(sorted(ours)).toEqual(sorted(bun));
    expect(sorted(ours)).toHaveLength(12);
  });

  test('every package, registry or not, is one Bun lists', () => {
    expect(sorted(lockfile.packages.map((p) => p.name))).toEqual(sorted(ls.map((entry) => entry.name)));
  });

  test('packages Bun nests under a parent are that parent\'s dependencies', () => {
    const nested = ls.filter((entry) => entry.parent !== null);
    // In v3 the override makes debug's ms the root's, so one fewer package is nested.
    expect(nested.length).toBeGreaterThanOrEqual(variant === 'v3' ? 3 : 4);
    const edges = edgesOf(lockfile);
    for (const entry of nested) expect(edges).toContain(`${entry.parent} -> ${entry.name}@${entry.version}`);
  });
});
