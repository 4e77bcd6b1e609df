/**
 * Reads the `workspaces` and `packages` sections of a parsed `bun.lock` into plain records,
 * validating shapes on the way. Every problem names its entry and, through `fail`, its line.
 */
import type { Node } from 'jsonc-parser';
import type { QuarantineError } from '../model/errors.js';
import { type JsoncProperty, propertiesOf, valueOf } from './bun-jsonc.js';
import { type BunPackageTuple, parseBunTuple } from './bun-tuple.js';
import { isJsonObject, type JsonObject, parseOptionalString, parseStringMap } from './json-text.js';

/** Builds the error for a problem at `label`, on the line of `offset` when given. */
export type BunFail = (label: string, offset: number | null, problem: string) => QuarantineError;

export type BunEdgeKind = 'prod' | 'dev' | 'optional';

export interface BunDependency {
  name: string;
  spec: string;
  kind: BunEdgeKind;
}

export interface BunWorkspace {
  /** `""` for the root project. */
  path: string;
  /** Empty for an unnamed root project. */
  name: string;
  version: string | null;
  dependencies: BunDependency[];
}

export interface BunPackageEntry {
  key: string;
  offset: number;
  tuple: BunPackageTuple;
  dependencies: BunDependency[];
}

const GROUPS: ReadonlyArray<[string, BunEdgeKind]> = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'prod'],
];

/** The four dependency maps of a workspace or an entry's info object; `optionalPeers` are optional. */
export function parseDependencies(object: JsonObject, fail: (problem: string) => QuarantineError): BunDependency[] {
  const optionalPeers = object.optionalPeers;
  if (optionalPeers !== undefined && !(Array.isArray(optionalPeers) && optionalPeers.every((item) => typeof item === 'string'))) {
    throw fail('"optionalPeers" is not a list of strings');
  }
  const optionalPeerNames = new Set<unknown>(optionalPeers ?? []);
  const dependencies: BunDependency[] = [];
  for (const [field, kind] of GROUPS) {
    for (const [name, spec] of parseStringMap(object, field, fail)) {
      const optionalPeer = field === 'peerDependencies' && optionalPeerNames.has(name);
      dependencies.push({ name, spec, kind: optionalPeer ? 'optional' : kind });
    }
  }
  return dependencies;
}

const labelOf = (section: string, key: string): string => `${section}[${JSON.stringify(key)}]`;

function requireObjectSection(root: Node, section: string, fail: BunFail, optional: boolean): JsoncProperty[] {
  const property = propertiesOf(root)?.find((candidate) => candidate.key === section);
  if (property === undefined) {
    if (optional) return [];
    throw fail(JSON.stringify(section), null, 'is missing');
  }
  const properties = propertiesOf(property.value);
  if (properties === null) throw fail(JSON.stringify(section), property.offset, 'is not an object');
  return properties;
}

export function parseWorkspaces(root: Node, fail: BunFail): BunWorkspace[] {
  const workspaces: BunWorkspace[] = [];
  for (const { key, offset, value } of requireObjectSection(root, 'workspaces', fail, false)) {
    const failHere = (problem: string): QuarantineError => fail(labelOf('workspaces', key), offset, problem);
    const workspace = valueOf(value);
    if (!isJsonObject(workspace)) throw failHere('is not an object');
    const name = parseOptionalString(workspace, 'name', failHere);
    if (name === null && key !== '') throw failHere('has no "name"');
    workspaces.push({
      path: key,
      name: name ?? '',
      version: parseOptionalString(workspace, 'version', failHere),
      dependencies: parseDependencies(workspace, failHere),
    });
  }
  if (!workspaces.some((workspace) => workspace.path === '')) {
    throw fail('"workspaces"', null, 'has no root project entry ("")');
  }
  return workspaces;
}

export function parsePackages(root: Node, lockfileVersion: number, fail: BunFail): BunPackageEntry[] {
  const entries: BunPackageEntry[] = [];
  const seen = new Set<string>();
  for (const { key, offset, value } of requireObjectSection(root, 'packages', fail, true)) {
    const failHere = (problem: string): QuarantineError => fail(labelOf('packages', key), offset, problem);
    if (seen.has(key)) throw failHere('appears twice');
    seen.add(key);
    const tuple = parseBunTuple(valueOf(value), lockfileVersion, failHere);
    // Workspace dependencies are read from `workspaces` (v0 repeats them in the tuple); the
    // root entry's object holds only its bins.
    const hasOwnDependencies = tuple.info !== null && tuple.kind !== 'workspace' && tuple.kind !== 'root';
    const dependencies = hasOwnDependencies && tuple.info !== null ? parseDependencies(tuple.info, failHere) : [];
    entries.push({ key, offset, tuple, dependencies });
  }
  return entries;
}
