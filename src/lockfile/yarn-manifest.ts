/**
 * The root package.json, as the Yarn readers use it: which root dependencies are dev-only or
 * optional. Yarn lockfiles do not say (Berry merges devDependencies into the workspace's
 * `dependencies`; classic lists no root at all).
 */
import type { QuarantineError } from '../model/errors.js';
import { isJsonObject, parseError, parseJsonDocument, parseStringMap } from './json-text.js';

export interface RootManifest {
  /** Every `[name, spec]` the root asks for, in package.json order (dependencies first). */
  dependencies: Array<[string, string]>;
  /** Names only in devDependencies (not also in dependencies/optionalDependencies). */
  devOnly: Set<string>;
  /** Names in optionalDependencies. */
  optional: Set<string>;
}

export function parseRootManifest(text: string, lockfilePath: string): RootManifest {
  const label = `package.json next to ${lockfilePath}`;
  const manifest = parseJsonDocument(text, label, 'Fix the JSON syntax of package.json.');
  const fail = (problem: string): QuarantineError => parseError(label, problem, null, 'Fix package.json.');
  if (!isJsonObject(manifest)) throw fail('not a JSON object');
  const prod = parseStringMap(manifest, 'dependencies', fail);
  const optional = parseStringMap(manifest, 'optionalDependencies', fail);
  const dev = parseStringMap(manifest, 'devDependencies', fail);
  const runtime = new Set([...prod, ...optional].map(([name]) => name));
  return {
    dependencies: [...prod, ...optional, ...dev.filter(([name]) => !runtime.has(name))],
    devOnly: new Set(dev.map(([name]) => name).filter((name) => !runtime.has(name))),
    optional: new Set(optional.map(([name]) => name)),
  };
}
