/**
 * Yarn classic (Yarn 1) `yarn.lock`, "yarn lockfile v1": Yarn's own format, read with Yarn's
 * own parser (@yarnpkg/lockfile). Pure: takes text, never a path.
 *
 * Semantics (decided for release-quarantine; keep docs/ in step):
 * - Each entry is keyed by every descriptor that resolved to it (`a@^1.0.0, a@^1.1.0`); each is
 *   a requested range. An alias key (`my-alias@npm:is-number@6.0.0`) is package is-number, with
 *   `my-alias` recorded in `aliases` and `6.0.0` as the range.
 * - Sources from `resolved`: `file:` -> file; git (`git+…`, `github:`…, or a git spec in the key,
 *   which covers GitHub's codeload tarballs) -> git; http(s) shaped like a registry tarball of
 *   this very name and version (any host, `#sha1` fragment ignored) -> registry; other http(s)
 *   -> tarball. Without `resolved`: a `link:` key -> link, `file:` (a copied folder) -> file,
 *   otherwise registry. `integrity` is the tarball's, as npm records it.
 * - Graph: `dependencies` and `optionalDependencies` (optional edges) resolve to the entry keyed
 *   `name@spec`; unresolvable ones add no edge.
 * - Roots: Yarn 1 lists no root project and no workspaces. With `packageJson`, the root's
 *   dependencies, optionalDependencies (optional) and devDependencies (dev) are the roots, and
 *   so is every entry that nothing else requires: those are dependencies of workspaces, whose
 *   package.json files we are not given (so they count as production, and workspaces appear in
 *   no path). Without `packageJson`, every entry nothing requires is a root and nothing is dev.
 * - Git conflict markers are rejected, even where Yarn could merge both sides: the file on disk
 *   is not what any install used.
 * - Malformed input: QuarantineError E_LOCKFILE_PARSE `<path>: <problem> (line N)`; a Yarn 2+
 *   lockfile given here: E_LOCKFILE_UNSUPPORTED.
 */
import yarnLockfile from '@yarnpkg/lockfile';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Lockfile, SourceKind } from '../model/types.js';
import { parseAliasSpec, requestedRangeOf } from './install-graph.js';
import { isJsonObject, type JsonObject, parseError, parseOptionalString, parseStringMap } from './json-text.js';
import { buildLockedPackages } from './merge.js';
import { classifyResolved, hasGitPrefix } from './source-kind.js';
import type { YarnLockfileOptions } from './yarn-berry.js';
import { isYarnBerryLockfile } from './yarn-berry-document.js';
import { splitDescriptor } from './yarn-descriptor.js';
import { findUnterminatedString, lineOfEntry, realLineOf } from './yarn-classic-text.js';
import { YarnGraphBuilder } from './yarn-graph.js';
import { parseRootManifest } from './yarn-manifest.js';

const REGENERATE = 'Regenerate it with `yarn install --ignore-scripts` (Yarn 1) and commit the result.';

export function parseYarnClassicLockfile(text: string, options: YarnLockfileOptions): Lockfile {
  const { path } = options;
  const entries = parseEntries(text, path);
  const fail = (key: string, problem: string): QuarantineError =>
    parseError(path, `${JSON.stringify(key)}: ${problem}`, lineOfEntry(text, key), REGENERATE);
  const graph = new YarnGraphBuilder();
  const idOf = new Map<JsonObject, string>();
  const keysOf = new Map<string, string[]>();
  for (const [key, entry] of entries) {
    const id = idOf.get(entry) ?? key;
    idOf.set(entry, id);
    keysOf.set(id, [...(keysOf.get(id) ?? []), key]);
  }
  for (const [id, keys] of keysOf) {
    const entry = entries.get(id) as JsonObject;
    const failHere = (problem: string): QuarantineError => fail(id, problem);
    const version = parseOptionalString(entry, 'version', failHere);
    if (version === null) throw failHere('entry has no "version"');
    const descriptors = keys.map((key) => splitDescriptor(key) ?? { name: key, range: '*' });
    const realName = descriptors.map((d) => parseAliasSpec(d.range)?.name).find((name) => name !== undefined);
    const name = realName ?? (descriptors[0] as { name: string }).name;
    const resolved = parseOptionalString(entry, 'resolved', failHere);
    const install = graph.add({
      id,
      name,
      version,
      source: classify(resolved, name, version, descriptors.map((d) => d.range)),
      resolved,
      integrity: parseOptionalString(entry, 'integrity', failHere),
    });
    for (const descriptor of descriptors) {
      if (descriptor.name !== name) install.aliases.add(descriptor.name);
      install.requestedRanges.add(requestedRangeOf(descriptor.range));
    }
  }

  const targetOf = (name: string, spec: string): string | null => {
    const entry = entries.get(`${name}@${spec}`);
    return entry === undefined ? null : (idOf.get(entry) ?? null);
  };
  for (const [id] of keysOf) {
    const entry = entries.get(id) as JsonObject;
    for (const [field, optional] of [['dependencies', false], ['optionalDependencies', true]] as const) {
      for (const [name, spec] of parseStringMap(entry, field, (problem) => fail(id, problem))) {
        const target = targetOf(name, spec);
        if (target !== null) graph.addEdge(id, target, { optional, range: requestedRangeOf(spec) });
      }
    }
  }
  if (options.packageJson !== undefined) {
    const manifest = parseRootManifest(options.packageJson, path);
    for (const [name, spec] of manifest.dependencies) {
      const target = targetOf(name, spec);
      if (target !== null) graph.addEdge(null, target, { dev: manifest.devOnly.has(name), optional: manifest.optional.has(name), range: requestedRangeOf(spec) });
    }
  }
  const required = graph.targets();
  for (const id of keysOf.keys()) if (!required.has(id)) graph.addEdge(null, id);
  return { path, packageManager: 'yarn-classic', formatVersion: '1', packages: buildLockedPackages(graph.build()) };
}

function parseEntries(text: string, path: string): Map<string, JsonObject> {
  if (text.trim() === '') throw parseError(path, 'the file is empty', null, REGENERATE);
  if (isYarnBerryLockfile(text)) {
    throw new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: this is a Yarn 2+ (Berry) lockfile, not a Yarn classic v1 one`, {
      hint: 'Read it as a Yarn Berry lockfile.',
    });
  }
  const conflict = text.split('\n').findIndex((line) => /^(?:<{7}|={7}|>{7})(?: |$)/.test(line));
  if (conflict !== -1) {
    throw parseError(path, 'the file contains git merge conflict markers', conflict + 1, `Resolve the conflict: ${REGENERATE}`);
  }
  const unterminated = findUnterminatedString(text);
  if (unterminated !== null) throw parseError(path, 'not a valid yarn.lock v1 file: unterminated string', unterminated, REGENERATE);
  let parsed: Record<string, unknown>;
  try {
    parsed = yarnLockfile.parse(text).object;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = / (\d+):(\d+) in lockfile$/.exec(message);
    const problem = message.replace(/ \d+:\d+ in lockfile$/, '').replace(/^Unknown token: \{.*\}$/, 'unknown token');
    throw parseError(path, `not a valid yarn.lock v1 file: ${problem}`, position ? realLineOf(text, Number(position[1])) : null, REGENERATE);
  }
  const entries = new Map<string, JsonObject>();
  for (const [key, entry] of Object.entries(parsed)) {
    if (!isJsonObject(entry)) throw parseError(path, `${JSON.stringify(key)}: entry is not a mapping`, lineOfEntry(text, key), REGENERATE);
    entries.set(key, entry);
  }
  return entries;
}

function classify(resolved: string | null, name: string, version: string, ranges: string[]): SourceKind {
  const isGitSpec = (spec: string): boolean => hasGitPrefix(spec) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec);
  if (resolved === null) {
    if (ranges.some((range) => range.startsWith('link:'))) return 'link';
    if (ranges.some((range) => range.startsWith('file:'))) return 'file';
    if (ranges.some(isGitSpec)) return 'git';
    return ranges.some((range) => /^https?:/i.test(range)) ? 'tarball' : 'registry';
  }
  if (!resolved.startsWith('file:') && ranges.some(isGitSpec)) return 'git';
  return classifyResolved(resolved, name, version);
}
