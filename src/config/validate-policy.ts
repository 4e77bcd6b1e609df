/**
 * Pure policy validation. One policy document (JSON value) in; a PolicyLayer, or every
 * problem with its key path, out. `resolvePolicy` folds layers (a preset, the files it
 * extends, the project file) over the schema defaults. File reading lives in read-policy.ts.
 */
import semver from 'semver';
import type { RuleId } from '../model/constants.js';
import { closest } from '../model/closest.js';
import { parseDuration } from '../model/duration.js';
import { mergeRules } from '../model/merge-rules.js';
import { parseExpiry } from '../model/instant.js';
import { isJsonObject, type JsonObject } from '../model/json-text.js';
import { isValidNamePattern, splitPackageSpec } from '../model/name-pattern.js';
import { withTrailingSlash } from '../model/registry-url.js';
import { DEFAULT_MAX_EXCEPTION_DAYS, DEFAULT_REGISTRY_POLICY, registryKey, type PartialRulePolicies, type Policy, type PolicyException, type PolicyOverride, type RegistryPolicy } from '../model/policy.js';
import {
  policySchema,
  PRESET_NAMES,
  ruleDefaults,
  type ArraySchema,
  type IntegerSchema,
  type MapSchema,
  type ObjectSchema,
  type Schema,
  type StringFormat,
  type StringSchema,
} from './schema.js';

export interface PolicyIssue {
  /** Key path such as `rules.release-age.minReleaseAge` or `exceptions[0].expires` (`(root)` for the document). */
  path: string;
  message: string;
}

/** One policy document, validated: only what it sets. */
export interface PolicyLayer {
  /** The preset name or relative path it extends, as written. */
  extends: string | null;
  rules: PartialRulePolicies;
  overrides: PolicyOverride[];
  exceptions: PolicyException[];
  /** Per registry URL (ending with `/`): only the keys this document sets. */
  registries: Record<string, Partial<RegistryPolicy>>;
  /** null: not set here (the layer below, or the default, applies). */
  maxExceptionDays: number | null;
}

export type PolicyValidation = { ok: true; layer: PolicyLayer } | { ok: false; issues: PolicyIssue[] };


function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The closest known key, for "did you mean" hints on typos. */
function closestKey(key: string, candidates: string[]): string | undefined {
  return closest(key, candidates, 3);
}

/** What is wrong with a value of a given format, or null when it is fine. */
function formatProblem(format: StringFormat, value: string): string | null {
  switch (format) {
    case 'date':
      return parseExpiry(value) === null ? 'expected a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z"' : null;
    case 'name-pattern':
      return isValidNamePattern(value) ? null : 'expected a package name or a glob such as "@myorg/*"';
    case 'package-spec': {
      const { name, version } = splitPackageSpec(value);
      if (!isValidNamePattern(name)) return 'expected "name@version", a package name, or a glob such as "@myorg/*"';
      if (version === null) return null;
      if (name.includes('*')) return 'a glob covers every version: write "@myorg/*" without a version, or name one package';
      return semver.valid(version) === version ? null : `expected an exact version after "@" (a range or tag is not a reviewed version)`;
    }
    case 'policy-ref': {
      if ((PRESET_NAMES as readonly string[]).includes(value) || /^\.{1,2}\/|\.jsonc?$/.test(value)) return null;
      const guess = closestKey(value, [...PRESET_NAMES]);
      const presets = PRESET_NAMES.join(', ');
      return guess
        ? `unknown preset (did you mean "${guess}"?); expected one of ${presets} or a relative path such as "./base.json"`
        : `expected a preset (${presets}) or a relative path such as "./base.json"`;
    }
    case 'registry-url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return 'expected an http(s) URL such as "https://npm.example.com/"';
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http(s) URL such as "https://npm.example.com/"';
      return url.username || url.password ? 'a registry URL in a policy must not contain credentials' : null;
    }
  }
}

function checkString(schema: StringSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (typeof value !== 'string') {
    issues.push({ path, message: `expected a string, got ${describe(value)}` });
  } else if (schema.enum && !schema.enum.includes(value)) {
    issues.push({ path, message: `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}` });
  } else if (schema.minLength !== undefined && value.trim().length < schema.minLength) {
    issues.push({ path, message: 'must not be empty' });
  } else if (schema.format) {
    const problem = formatProblem(schema.format, value);
    if (problem) issues.push({ path, message: `${problem}, got ${describe(value)}` });
  } else if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
    issues.push({ path, message: `expected ${schema.patternHint ?? `a string matching ${schema.pattern}`}, got ${describe(value)}` });
  }
}

function checkArray(schema: ArraySchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (!Array.isArray(value)) {
    issues.push({ path, message: `expected an array, got ${describe(value)}` });
    return;
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    issues.push({ path, message: `expected at least ${schema.minItems} entr${schema.minItems === 1 ? 'y' : 'ies'}` });
  }
  value.forEach((item, index) => check(schema.items, item, `${path}[${index}]`, issues));
}

function checkObject(schema: ObjectSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (!isJsonObject(value)) {
    issues.push({ path: path || '(root)', message: `expected an object, got ${describe(value)}` });
    return;
  }
  const known = Object.keys(schema.properties);
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties[key];
    if (childSchema) {
      check(childSchema, child, join(path, key), issues);
    } else {
      const guess = closestKey(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${known.join(', ')}`;
      issues.push({ path: join(path, key), message: `unknown key (${hint})` });
    }
  }
  for (const key of schema.required ?? []) {
    if (!(key in value)) issues.push({ path: join(path, key), message: `missing (required)` });
  }
  if (schema.requiredOneOf && !schema.requiredOneOf.some((key) => key in value)) {
    issues.push({ path: path || '(root)', message: `needs at least one condition: ${schema.requiredOneOf.join(', ')}` });
  }
}

const normalRegistryUrl = registryKey;

function checkMap(schema: MapSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (!isJsonObject(value)) {
    issues.push({ path, message: `expected an object keyed by registry URL, got ${describe(value)}` });
    return;
  }
  const seen = new Map<string, string>();
  for (const [key, child] of Object.entries(value)) {
    const keyPath = `${path}[${JSON.stringify(key)}]`;
    const keyIssues: PolicyIssue[] = [];
    checkString(schema.keys, key, keyPath, keyIssues);
    issues.push(...keyIssues.map((issue) => ({ path: issue.path, message: `key: ${issue.message}` })));
    if (keyIssues.length === 0) {
      const normal = normalRegistryUrl(key);
      const earlier = seen.get(normal);
      if (earlier !== undefined) issues.push({ path: keyPath, message: `names the same registry as ${JSON.stringify(earlier)}` });
      seen.set(normal, key);
    }
    check(schema.values, child, keyPath, issues);
    if (keyIssues.length === 0 && isJsonObject(child) && typeof child['historyFrom'] === 'string' && formatProblem('registry-url', child['historyFrom']) === null) {
      if (normalRegistryUrl(child['historyFrom']) === normalRegistryUrl(key)) {
        issues.push({ path: `${keyPath}.historyFrom`, message: 'names the registry itself: take the history from another registry, or remove historyFrom' });
      }
    }
  }
}

function checkInteger(schema: IntegerSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < schema.minimum || value > schema.maximum) {
    issues.push({ path, message: `expected a whole number from ${schema.minimum} to ${schema.maximum}, got ${describe(value)}` });
  }
}

function check(schema: Schema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (schema.type === 'integer') checkInteger(schema, value, path, issues);
  else if (schema.type === 'map') checkMap(schema, value, path, issues);
  else if (schema.type === 'object') checkObject(schema, value, path, issues);
  else if (schema.type === 'array') checkArray(schema, value, path, issues);
  else checkString(schema, value, path, issues);
}

/** A validated `rules` object with durations in milliseconds. */
function toRules(value: unknown): PartialRulePolicies {
  if (!isJsonObject(value)) return {};
  const rules: Record<string, Record<string, unknown>> = {};
  for (const [id, settings] of Object.entries(value)) {
    if (!isJsonObject(settings)) continue;
    rules[id] = Object.fromEntries(
      Object.entries(settings).map(([key, setting]) => {
        const duration = typeof setting === 'string' ? parseDuration(setting) : null;
        return [key, duration ?? setting];
      }),
    );
  }
  return rules as PartialRulePolicies;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toOverride(value: JsonObject, source: string): PolicyOverride {
  const registry = stringOrNull(value['registry']);
  return {
    source,
    description: stringOrNull(value['description']),
    packages: Array.isArray(value['packages']) ? (value['packages'] as string[]) : null,
    dependencyType: (stringOrNull(value['dependencyType']) as PolicyOverride['dependencyType']) ?? null,
    registry: registry === null ? null : withTrailingSlash(new URL(registry).href),
    risk: Array.isArray(value['risk']) ? (value['risk'] as PolicyOverride['risk']) : null,
    rules: toRules(value['rules']),
  };
}

function toException(value: JsonObject, source: string): PolicyException {
  const spec = value['package'] as string;
  const expires = value['expires'] as string;
  const { name, version } = splitPackageSpec(spec);
  return {
    source,
    package: spec,
    name,
    version,
    rules: Array.isArray(value['rules']) ? [...new Set(value['rules'] as RuleId[])] : null,
    reason: (value['reason'] as string).trim(),
    expires,
    expiresAt: parseExpiry(expires) as number,
    ticket: stringOrNull(value['ticket']),
  };
}

/** A validated `registries` object: normalised keys, durations in milliseconds, only the keys set. */
function toRegistries(value: unknown): Record<string, Partial<RegistryPolicy>> {
  if (!isJsonObject(value)) return {};
  const registries: Record<string, Partial<RegistryPolicy>> = {};
  for (const [key, settings] of Object.entries(value)) {
    if (!isJsonObject(settings)) continue;
    const entry: Partial<RegistryPolicy> = {};
    if (settings['missingFacts'] === 'fail' || settings['missingFacts'] === 'acknowledge') entry.missingFacts = settings['missingFacts'];
    if (typeof settings['historyFrom'] === 'string') entry.historyFrom = normalRegistryUrl(settings['historyFrom']);
    if (typeof settings['cacheMaxAge'] === 'string') entry.cacheMaxAge = parseDuration(settings['cacheMaxAge']);
    registries[normalRegistryUrl(key)] = entry;
  }
  return registries;
}

/** Later layers win key by key, registry by registry. */
function mergeRegistries(base: Record<string, RegistryPolicy>, layer: Record<string, Partial<RegistryPolicy>>): Record<string, RegistryPolicy> {
  const merged = { ...base };
  for (const [registry, settings] of Object.entries(layer)) merged[registry] = { ...(merged[registry] ?? DEFAULT_REGISTRY_POLICY), ...settings };
  return merged;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/**
 * Validates one parsed policy document. Every problem is reported, not just the first.
 * `label` names the document in `source` fields (`quarantine.json: exceptions[0]`).
 */
export function validatePolicy(document: unknown, label = 'policy'): PolicyValidation {
  const issues: PolicyIssue[] = [];
  check(policySchema, document, '', issues);
  if (issues.length > 0 || !isJsonObject(document)) return { ok: false, issues };
  return {
    ok: true,
    layer: {
      extends: stringOrNull(document['extends']),
      rules: toRules(document['rules']),
      overrides: objects(document['overrides']).map((entry, index) => toOverride(entry, `${label}: overrides[${index}]`)),
      exceptions: objects(document['exceptions']).map((entry, index) => toException(entry, `${label}: exceptions[${index}]`)),
      registries: toRegistries(document['registries']),
      maxExceptionDays: typeof document['maxExceptionDays'] === 'number' ? document['maxExceptionDays'] : null,
    },
  };
}

/** Folds layers, base first, over the defaults: later rules win; overrides and exceptions accumulate. */
export function resolvePolicy(layers: readonly PolicyLayer[]): Policy {
  return layers.reduce<Policy>(
    (policy, layer) => ({
      rules: mergeRules(policy.rules, layer.rules),
      overrides: [...policy.overrides, ...layer.overrides],
      exceptions: [...policy.exceptions, ...layer.exceptions],
      registries: mergeRegistries(policy.registries, layer.registries),
      maxExceptionDays: layer.maxExceptionDays ?? policy.maxExceptionDays,
    }),
    { rules: ruleDefaults(), overrides: [], exceptions: [], registries: {}, maxExceptionDays: DEFAULT_MAX_EXCEPTION_DAYS },
  );
}

/** The policy with every default: what `policies/default.json` spells out. */
export function defaultPolicy(): Policy {
  return resolvePolicy([]);
}
