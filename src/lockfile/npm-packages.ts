/** Reads the v2/v3 `packages` section (keyed by install location) into an InstallGraph. */
import type { QuarantineError } from '../model/errors.js';
import type { SourceKind } from '../model/types.js';
import { InstallGraphBuilder, type InstallGraph, requestedRangeOf } from './install-graph.js';
import { isJsonObject, type JsonObject, parseOptionalString, parseStringMap } from './json-text.js';
import { createWorkspaceMatcher, installedNameOf, lookupCandidates, normaliseLocation } from './npm-layout.js';
import { classifyResolved } from './source-kind.js';

/**
 * Builds the error for a problem at `label` (e.g. `packages["node_modules/a"]`); the line is
 * that of `lineKey` when the key occurs once in the text. The caller adds path and hint.
 */
export type LocatedFail = (label: string, lineKey: string | null, problem: string) => QuarantineError;

const labelOf = (key: string): string => `packages[${JSON.stringify(key)}]`;

/** Longest `workspaces` glob read (a path; Linux's PATH_MAX). */
const MAX_WORKSPACE_GLOB = 4096;

const RUNTIME_DEPS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const ALL_DEPS = ['dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies'] as const;

export function parsePackagesSection(packages: JsonObject, fail: LocatedFail): InstallGraph {
  const root = packages[''];
  if (root !== undefined && !isJsonObject(root)) throw fail(labelOf(''), null, 'the root entry is not an object');
  const rootEntry = root ?? {};
  const isWorkspace = createWorkspaceMatcher(parseWorkspaces(rootEntry, fail));
  const builder = new InstallGraphBuilder();
  const links = new Map<string, string>();
  const entries = new Map<string, JsonObject>();

  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    if (!isJsonObject(entry)) throw fail(labelOf(key), key, 'entry is not an object');
    const failHere = (problem: string): QuarantineError => fail(labelOf(key), key, problem);
    if (entry.link === true) {
      const target = parseOptionalString(entry, 'resolved', failHere);
      if (target === null) throw failHere('link entry has no "resolved" target');
      links.set(key, normaliseLocation(target));
      continue;
    }
    entries.set(key, entry);
    const installedAs = installedNameOf(key);
    const name = parseOptionalString(entry, 'name', failHere) ?? installedAs ?? key.split('/').pop() ?? key;
    const version = parseOptionalString(entry, 'version', failHere);
    // A folder (workspace or link target) may have no version; an installed package must.
    if (version === null && installedAs !== null) throw failHere('entry has no "version"');
    const resolved = parseOptionalString(entry, 'resolved', failHere);
    const folderKind: SourceKind = isWorkspace(key) ? 'workspace' : 'link';
    const install = builder.add({
      id: key,
      name,
      version: version ?? '0.0.0',
      source: installedAs === null ? folderKind : classifyResolved(resolved, name, version ?? ''),
      resolved: installedAs === null ? key : resolved,
      integrity: parseOptionalString(entry, 'integrity', failHere),
      dev: entry.dev === true,
      optional: entry.optional === true,
    });
    if (installedAs !== null && installedAs !== name) install.aliases.add(installedAs);
  }

  // A link to a folder the lockfile does not describe still installs that folder.
  for (const [key, target] of links) {
    const linkedAs = installedNameOf(key) ?? key;
    const existing = builder.get(target);
    const install =
      existing ??
      builder.add({
        id: target,
        name: linkedAs,
        version: '0.0.0',
        source: isWorkspace(target) ? 'workspace' : 'link',
        resolved: target,
        integrity: null,
        dev: false,
        optional: false,
      });
    if (linkedAs !== install.name) install.aliases.add(linkedAs);
  }

  const resolve = (from: string, name: string): string | null => {
    for (const candidate of lookupCandidates(from, name)) {
      const linked = links.get(candidate);
      if (linked !== undefined) return linked;
      if (entries.has(candidate)) return candidate;
    }
    return null;
  };
  const addEdges = (from: string, entry: JsonObject, fields: readonly string[]): void => {
    for (const field of fields) {
      for (const [name, spec] of parseStringMap(entry, field, (problem) => fail(labelOf(from), from === '' ? null : from, problem))) {
        const target = resolve(from, name);
        // Unresolvable: an optional or peer dependency that is not installed, or a partial lockfile.
        if (target !== null && target !== from) builder.addEdge(from === '' ? null : from, target, requestedRangeOf(spec));
      }
    }
  };

  addEdges('', rootEntry, ALL_DEPS);
  for (const key of [...entries.keys()].sort()) {
    if (installedNameOf(key) === null && isWorkspace(key)) builder.addRoot(key);
  }
  for (const [key, entry] of entries) {
    // Folders (workspaces, linked directories) install their devDependencies too.
    addEdges(key, entry, installedNameOf(key) === null ? ALL_DEPS : RUNTIME_DEPS);
  }
  return builder.build();
}

function parseWorkspaces(root: JsonObject, fail: LocatedFail): string[] {
  const value = root.workspaces;
  const list = isJsonObject(value) ? value.packages : value;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string')) {
    throw fail(labelOf(''), 'workspaces', '"workspaces" is not a list of strings');
  }
  // A folder pattern is a path; megabytes of one only cost a regular expression too large to
  // compile (and an error message that echoes it).
  const long = list.find((glob) => glob.length > MAX_WORKSPACE_GLOB);
  if (long !== undefined) {
    throw fail(labelOf(''), 'workspaces', `"workspaces" has a glob of ${long.length} characters, longer than ${MAX_WORKSPACE_GLOB}: not a folder pattern`);
  }
  return list;
}
