/**
 * Policy loading: the I/O edge of config/. Finds the project's policy (or takes --policy),
 * follows `extends` through presets and relative files, and resolves the layers. A policy
 * file is data only (JSON with comments): never executed.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../model/constants.js';
import type { ConfigFiles } from '../model/config-files.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
import { parseJsoncText, parseJsonText } from '../model/json-text.js';
import type { Policy } from '../model/policy.js';
import { PACKAGE_JSON_KEY, POLICY_FILE_NAMES } from './policy-files.js';
import { PRESET_NAMES } from './schema.js';
import { resolvePolicy, validatePolicy, type PolicyLayer } from './validate-policy.js';
import { readRegularFile } from './regular-file.js';

export { PACKAGE_JSON_KEY, POLICY_FILE_NAMES } from './policy-files.js';

const PRESETS_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));
const MAX_EXTENDS_DEPTH = 8;

/** Where a project's policy lives. */
export interface PolicyLocation {
  /** Path as shown in messages. */
  path: string;
  /** `file`: the whole file is the policy; `package-json`: the `quarantine` key of package.json. */
  kind: 'file' | 'package-json';
}

export interface LoadedPolicy {
  policy: Policy;
  /** The project's policy location; null when the defaults apply. */
  location: PolicyLocation | null;
  /** Every document read, the project's first: `quarantine.json`, `preset strict`, `preset default`. */
  chain: string[];
}

function labelOf(location: PolicyLocation): string {
  return location.kind === 'package-json' ? `${location.path}#${PACKAGE_JSON_KEY}` : location.path;
}

/** The disk, where the CLI reads the policy (the Action on a pull request reads the base commit's). */
export const DISK_FILES: ConfigFiles = {
  readText: readRegularFile,
  async isFile(path) {
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw error;
    }
  },
};

async function readText(files: ConfigFiles, path: string, label: string, hint: string): Promise<string> {
  try {
    return await files.readText(path);
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.policyRead, `${label}: ${fileReadProblem(error)}`, { hint });
  }
}

function invalid(label: string, message: string): QuarantineError {
  return new QuarantineError(ERROR_CODES.policyInvalid, `${label}: ${message}`, {
    hint: 'a policy file is JSON (comments allowed) of the shape of policies/default.json',
  });
}

/** Validates one document; throws one error that lists every problem with its key path. */
export function parsePolicyDocument(document: unknown, label: string): PolicyLayer {
  const result = validatePolicy(document, label);
  if (result.ok) return result.layer;
  const count = result.issues.length;
  throw new QuarantineError(ERROR_CODES.policyInvalid, `${label}: ${count} problem${count === 1 ? '' : 's'} in the policy`, {
    details: result.issues.map((issue) => `${label}: ${issue.path}: ${issue.message}`),
    hint: 'see policies/schema.json (or docs/policy.md) for every key and its allowed values',
  });
}

/** Parses policy text (JSON with comments) into a layer. */
export function parsePolicyText(text: string, label: string): PolicyLayer {
  const parsed = parseJsoncText(text);
  if (!parsed.ok) throw invalid(label, parsed.message);
  return parsePolicyDocument(parsed.value, label);
}

/** The `quarantine` value of a package.json text, or undefined when it has none. */
export function policyInPackageJson(text: string, label: string): unknown {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw invalid(label, parsed.message);
  const manifest = parsed.value;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return undefined;
  return (manifest as Record<string, unknown>)[PACKAGE_JSON_KEY];
}

async function exists(files: ConfigFiles, path: string): Promise<boolean> {
  try {
    return await files.isFile(path);
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.policyRead, `${path}: ${fileReadProblem(error)}`);
  }
}

/**
 * The project's policy: one of POLICY_FILE_NAMES or a `quarantine` key in package.json.
 * Several at once is an error (the gate never silently picks one); none is null.
 */
export async function findPolicy(dir: string, files: ConfigFiles = DISK_FILES): Promise<PolicyLocation | null> {
  const found: PolicyLocation[] = [];
  for (const name of POLICY_FILE_NAMES) {
    const path = join(dir, name);
    if (await exists(files, path)) found.push({ path, kind: 'file' });
  }
  const manifestPath = join(dir, 'package.json');
  if (await exists(files, manifestPath)) {
    const text = await readText(files, manifestPath, manifestPath, 'fix package.json');
    if (policyInPackageJson(text, manifestPath) !== undefined) found.push({ path: manifestPath, kind: 'package-json' });
  }
  if (found.length > 1) {
    throw new QuarantineError(ERROR_CODES.policyInvalid, `${dir}: found ${found.length} policies: ${found.map(labelOf).join(', ')}`, {
      hint: 'keep one of them, or pass --policy <file>',
    });
  }
  return found[0] ?? null;
}

interface LayerRef {
  label: string;
  /** Absolute path of the file (for relative `extends` and cycle detection). */
  file: string;
  /** Where a relative `extends` of this layer is read from. */
  files: ConfigFiles;
  document: () => Promise<unknown>;
}

function presetRef(name: string): LayerRef {
  // Presets ship with the tool: always from the disk.
  const file = join(PRESETS_DIR, `${name}.json`);
  return {
    label: `preset ${name}`,
    file,
    files: DISK_FILES,
    document: async () => {
      const parsed = parseJsoncText(await readText(DISK_FILES, file, `preset ${name}`, 'reinstall release-quarantine'));
      if (!parsed.ok) throw invalid(`preset ${name}`, parsed.message);
      return parsed.value;
    },
  };
}

function fileRef(files: ConfigFiles, path: string, label: string): LayerRef {
  const file = resolve(path);
  return {
    label,
    file,
    files,
    document: async () => {
      const parsed = parseJsoncText(await readText(files, file, label, 'check the path given to --policy or in "extends"'));
      if (!parsed.ok) throw invalid(label, parsed.message);
      return parsed.value;
    },
  };
}

function locationRef(files: ConfigFiles, location: PolicyLocation): LayerRef {
  if (location.kind === 'file') return fileRef(files, location.path, location.path);
  const label = labelOf(location);
  return {
    label,
    file: resolve(location.path),
    files,
    document: async () => policyInPackageJson(await readText(files, location.path, location.path, 'fix package.json'), location.path),
  };
}

function extendsRef(from: LayerRef, target: string): LayerRef {
  if ((PRESET_NAMES as readonly string[]).includes(target)) return presetRef(target);
  const path = resolve(dirname(from.file), target);
  return fileRef(from.files, path, `${target} (extended by ${from.label})`);
}

/** Reads a policy and everything it extends; layers come back base first. */
async function readLayers(start: LayerRef): Promise<{ layers: PolicyLayer[]; chain: string[] }> {
  const layers: PolicyLayer[] = [];
  const chain: string[] = [];
  const seen = new Set<string>();
  let ref: LayerRef | null = start;
  while (ref) {
    if (seen.has(ref.file)) throw invalid(ref.label, `"extends" loops back to ${ref.label}: ${[...chain, ref.label].join(' -> ')}`);
    if (chain.length >= MAX_EXTENDS_DEPTH) throw invalid(start.label, `"extends" goes more than ${MAX_EXTENDS_DEPTH} files deep`);
    seen.add(ref.file);
    chain.push(ref.label);
    const layer = parsePolicyDocument(await ref.document(), ref.label);
    layers.unshift(layer);
    ref = layer.extends === null ? null : extendsRef(ref, layer.extends);
  }
  return { layers, chain };
}

/** Reads one policy file given by path (`--policy`), following its `extends`. */
export async function readPolicyFile(path: string): Promise<Policy> {
  const { layers } = await readLayers(fileRef(DISK_FILES, path, path));
  return resolvePolicy(layers);
}

/** A shipped preset, resolved. */
export async function readPreset(name: (typeof PRESET_NAMES)[number]): Promise<Policy> {
  const { layers } = await readLayers(presetRef(name));
  return resolvePolicy(layers);
}

/**
 * The policy `check` and `why` use: `--policy <file>` when given, else the project's policy
 * file or package.json key, else the defaults.
 */
export async function loadPolicy(options: { dir: string; policy?: string | undefined; files?: ConfigFiles | undefined }): Promise<LoadedPolicy> {
  const files = options.files ?? DISK_FILES;
  const location: PolicyLocation | null = options.policy ? { path: options.policy, kind: 'file' } : await findPolicy(options.dir, files);
  if (location === null) return { policy: resolvePolicy([]), location: null, chain: [] };
  const { layers, chain } = await readLayers(locationRef(files, location));
  return { policy: resolvePolicy(layers), location, chain };
}

/** `quarantine.json (extends preset strict, preset default)`, or `default`. */
export function describePolicySource(loaded: LoadedPolicy): string {
  if (loaded.location === null) return 'default';
  const [first, ...rest] = loaded.chain;
  return rest.length === 0 ? (first as string) : `${first} (extends ${rest.join(', ')})`;
}
