/**
 * Takes locked versions out of a lockfile's text, so the package manager's next lockfile-only
 * install resolves them again (under its own release-age setting, for `quarantine fix`). npm
 * and pnpm have no command that moves a locked transitive version *down* within its range
 * (`npm update` / `pnpm update` only move up, and pnpm's update re-resolves every dependency of
 * the subtree), but both fill in a lockfile entry that is missing.
 *
 * - npm v2/v3: the `packages` entries installed at `…node_modules/<name>` with that version.
 *   npm re-resolves only the missing nodes and keeps every other locked node that satisfies.
 * - pnpm v6/v9: the `packages` and `snapshots` entries of `name@version`, and every reference to
 *   them (importers, other snapshots): pnpm resolves a dependency again when its reference is
 *   missing, and ignores an entry whose reference is still there. In a lockfile with two YAML
 *   documents (pnpm 11+) only the main one is edited; the env lockfile is kept as written.
 * - npm v1 (npm 6): refused, with the command that writes a current lockfile.
 *
 * Pure text in, text out. The package manager rewrites the file in its own style afterwards.
 */
import { valid } from 'semver';
import { stringify as stringifyYaml } from 'yaml';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { isJsonObject, type JsonObject } from './json-text.js';
import { nameVersionOfKey, refToKey, stripPeerSuffix, type PnpmFormat } from './pnpm-dep-path.js';
import { parsePnpmDocument, parsePnpmDocumentWithRange } from './pnpm-yaml.js';

export interface LockedVersion {
  name: string;
  version: string;
}

const CURRENT_LOCKFILE_HINT = 'run the package manager\'s install once so it writes a current lockfile, then run `quarantine fix` again';
const NPM_V1_HINT =
  'run `npm install --package-lock-only --ignore-scripts` once with npm 7 or later: it rewrites the lockfile in the current format (lockfileVersion 3 from npm 9 on); review and commit that, then run `quarantine fix` again';

const unsupported = (path: string, why: string, hint = CURRENT_LOCKFILE_HINT) => new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: ${why}`, { hint });

const has = (versions: readonly LockedVersion[], name: string, version: unknown) => versions.some((entry) => entry.name === name && entry.version === version);

/** npm: the name a `packages` key installs (`node_modules/a/node_modules/@s/b` → `@s/b`). */
function installedName(key: string): string | null {
  const at = key.lastIndexOf('node_modules/');
  return at === -1 ? null : key.slice(at + 'node_modules/'.length);
}

export function forgetNpmVersions(text: string, path: string, versions: readonly LockedVersion[]): string {
  const lockfile: unknown = JSON.parse(text);
  if (!isJsonObject(lockfile) || !isJsonObject(lockfile['packages'])) throw unsupported(path, 'an npm lockfile v1 (lockfileVersion 1, written by npm 6 or older) cannot be fixed in place', NPM_V1_HINT);
  const packages: JsonObject = lockfile['packages'];
  for (const [key, entry] of Object.entries(packages)) {
    if (!isJsonObject(entry) || entry['link'] === true) continue;
    const name = typeof entry['name'] === 'string' ? entry['name'] : installedName(key);
    if (name !== null && has(versions, name, entry['version'])) delete packages[key];
  }
  return `${JSON.stringify(lockfile, null, 2)}\n`;
}

function pnpmFormatOf(version: unknown, path: string): PnpmFormat {
  const major = Number.parseInt(String(version ?? ''), 10);
  if (major >= 9) return 9;
  if (major >= 6) return 6;
  throw unsupported(path, `pnpm lockfile version ${String(version)} cannot be fixed in place`);
}

/** A reference (`1.2.0`, `1.2.0(peer@1)`, `real@1.2.0`) points at a forgotten version. */
function refersToForgotten(format: PnpmFormat, alias: string, reference: unknown, versions: readonly LockedVersion[]): boolean {
  if (typeof reference !== 'string') return false;
  const key = refToKey(format, alias, reference);
  const parsed = key === null ? null : nameVersionOfKey(format, stripPeerSuffix(format, key));
  return parsed !== null && has(versions, parsed.name, parsed.version);
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

function dropReferences(holder: unknown, format: PnpmFormat, versions: readonly LockedVersion[], importer: boolean): void {
  if (!isJsonObject(holder)) return;
  for (const field of DEPENDENCY_FIELDS) {
    const map = holder[field];
    if (!isJsonObject(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const reference = importer && isJsonObject(value) ? value['version'] : value;
      if (refersToForgotten(format, name, reference, versions)) delete map[name];
    }
  }
}

/**
 * pnpm: only the main (project) document is edited. pnpm 11 and 12 write an env lockfile
 * (config dependencies, the pnpm version of `packageManager`) as a first YAML document; it is
 * kept byte for byte, so pnpm installs exactly the config dependencies that were locked.
 */
export function forgetPnpmVersions(text: string, path: string, versions: readonly LockedVersion[]): string {
  const { data: lockfile, range } = parsePnpmDocumentWithRange(text, path, CURRENT_LOCKFILE_HINT);
  const format = pnpmFormatOf(lockfile['lockfileVersion'], path);
  for (const section of ['packages', 'snapshots']) {
    const entries = lockfile[section];
    if (!isJsonObject(entries)) continue;
    for (const key of Object.keys(entries)) {
      const parsed = nameVersionOfKey(format, stripPeerSuffix(format, key));
      if (parsed !== null && has(versions, parsed.name, parsed.version)) delete entries[key];
      else dropReferences(entries[key], format, versions, false);
    }
  }
  const importers = lockfile['importers'];
  if (isJsonObject(importers)) for (const importer of Object.values(importers)) dropReferences(importer, format, versions, true);
  else dropReferences(lockfile, format, versions, true);
  const [start, end] = range;
  const marker = text.startsWith('---', start) ? '---\n' : '';
  return `${text.slice(0, start)}${marker}${stringifyYaml(lockfile, { lineWidth: 0 })}${text.slice(end)}`;
}

/**
 * pnpm 11+: the exact versions the env lockfile holds (config dependencies, one level of
 * their optional dependencies, pnpm and its binaries for `packageManager`). pnpm installs
 * them before anything else and applies `minimumReleaseAge` to them, so a run with a
 * stricter window fails on a young one (ERR_PNPM_BAD_CONFIG_DEP) unless it is excluded at
 * exactly its locked version. Empty for a single-document lockfile.
 */
export function pnpmEnvVersions(text: string, path: string): LockedVersion[] {
  const { others } = parsePnpmDocument(text, path, CURRENT_LOCKFILE_HINT);
  const found: LockedVersion[] = [];
  for (const document of others) {
    const packages = document['packages'];
    if (!isJsonObject(packages)) continue;
    const format = pnpmFormatOf(document['lockfileVersion'], path);
    for (const key of Object.keys(packages)) {
      const parsed = nameVersionOfKey(format, stripPeerSuffix(format, key));
      if (parsed?.version && valid(parsed.version) !== null && !has(found, parsed.name, parsed.version)) found.push({ name: parsed.name, version: parsed.version });
    }
  }
  return found;
}
