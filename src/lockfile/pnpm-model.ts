/** What the pnpm reader extracts from the YAML before building the install graph. */
import type { SourceKind } from '../model/types.js';
import { isJsonObject, type JsonObject } from './json-text.js';
import type { PnpmFail } from './pnpm-yaml.js';

export type DependencyKind = 'prod' | 'dev' | 'optional';

export interface PnpmDependency {
  /** Name it is installed under (an alias when it differs from the real name). */
  alias: string;
  /** The lockfile's reference: a version, a dep path, `link:…`, `file:…`. */
  ref: string;
  kind: DependencyKind;
  /** The range asked for, when the lockfile records one (importer specifiers, peer ranges). */
  range: string | null;
  /** Names the entry in messages, e.g. `importers["."].dependencies["ms"]`. */
  label: string;
  /** YAML key path of the entry, for the line in messages. */
  at: readonly string[];
}

export interface PnpmImporter {
  /** Directory relative to the lockfile, `.` for the root project. */
  id: string;
  dependencies: PnpmDependency[];
}

export interface PnpmEntry {
  /** Node id: the snapshot key (9.x) or package key (5.x, 6.x), peer suffix included. */
  key: string;
  /** null when neither a field nor the key says (the name it is installed under is used). */
  name: string | null;
  version: string;
  source: SourceKind;
  resolved: string | null;
  integrity: string | null;
  dependencies: PnpmDependency[];
}

export const DEPENDENCY_FIELDS: ReadonlyArray<[string, DependencyKind]> = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
];

/** A `{name: string}` map at `object[field]`; absent is empty, anything else a parse error. */
export function parseStringEntries(
  object: JsonObject,
  field: string,
  where: { label: string; at: readonly string[] },
  fail: PnpmFail,
): Array<[string, string]> {
  const value = object[field];
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw fail(`${where.label}.${field}`, [...where.at, field], 'is not a mapping');
  return Object.entries(value).map(([name, item]) => {
    if (typeof item !== 'string') {
      throw fail(`${where.label}.${field}[${JSON.stringify(name)}]`, [...where.at, field, name], 'is not a string');
    }
    return [name, item];
  });
}

export function quoteKey(key: string): string {
  return `[${JSON.stringify(key)}]`;
}
