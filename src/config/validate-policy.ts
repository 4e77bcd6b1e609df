/**
 * Pure policy validation: JSON value in, a resolved Policy (or every problem, each with its
 * key path) out. File reading lives in read-policy.ts.
 */
import { parseDuration } from '../core/duration.js';
import type { Policy } from '../core/policy.js';
import type { RuleSeverity } from '../core/types.js';
import { policySchema, type ObjectSchema, type Schema, type StringSchema } from './schema.js';

export interface PolicyIssue {
  /** Key path such as `rules.release-age.minReleaseAge` (`(root)` for the document itself). */
  path: string;
  message: string;
}

export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
function closest(key: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

function checkString(schema: StringSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (typeof value !== 'string') {
    issues.push({ path, message: `expected a string, got ${describe(value)}` });
  } else if (schema.enum && !schema.enum.includes(value)) {
    issues.push({ path, message: `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}` });
  } else if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
    issues.push({ path, message: `expected ${schema.patternHint ?? `a string matching ${schema.pattern}`}, got ${describe(value)}` });
  }
}

function checkObject(schema: ObjectSchema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (!isObject(value)) {
    issues.push({ path: path || '(root)', message: `expected an object, got ${describe(value)}` });
    return;
  }
  const known = Object.keys(schema.properties);
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties[key];
    if (childSchema) {
      check(childSchema, child, join(path, key), issues);
    } else {
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${known.join(', ')}`;
      issues.push({ path: join(path, key), message: `unknown key (${hint})` });
    }
  }
}

function check(schema: Schema, value: unknown, path: string, issues: PolicyIssue[]): void {
  if (schema.type === 'object') checkObject(schema, value, path, issues);
  else checkString(schema, value, path, issues);
}

/** Reads `rules.<id>.<key>` from a validated document, falling back to the schema default. */
function setting(document: JsonObject, ruleId: string, key: string): string {
  const rules = isObject(document['rules']) ? document['rules'] : {};
  const rule = isObject(rules[ruleId]) ? rules[ruleId] : {};
  const value = rule[key];
  if (typeof value === 'string') return value;
  const rulesSchema = policySchema.properties['rules'] as ObjectSchema;
  const keySchema = (rulesSchema.properties[ruleId] as ObjectSchema).properties[key] as StringSchema;
  return keySchema.default as string;
}

function resolve(document: JsonObject): Policy {
  const severity = (id: string, key = 'severity'): RuleSeverity => setting(document, id, key) as RuleSeverity;
  const duration = (id: string, key: string): number => parseDuration(setting(document, id, key)) as number;
  return {
    rules: {
      'release-age': { severity: severity('release-age'), minReleaseAge: duration('release-age', 'minReleaseAge') },
      'new-publisher': { severity: severity('new-publisher'), window: duration('new-publisher', 'window') },
      'maintainer-change': {
        severity: severity('maintainer-change'),
        addedSeverity: severity('maintainer-change', 'addedSeverity'),
        window: duration('maintainer-change', 'window'),
      },
      'trust-downgrade': { severity: severity('trust-downgrade') },
      'install-script': { severity: severity('install-script') },
      'unknown-publish-time': { severity: severity('unknown-publish-time') },
      'missing-version': { severity: severity('missing-version') },
      'non-registry-source': { severity: severity('non-registry-source') },
    },
  };
}

/** Validates a parsed policy document. Every problem is reported, not just the first. */
export function validatePolicy(document: unknown): PolicyValidation {
  const issues: PolicyIssue[] = [];
  check(policySchema, document, '', issues);
  if (issues.length > 0 || !isObject(document)) return { ok: false, issues };
  return { ok: true, policy: resolve(document) };
}

/** The policy with every default: what `policies/default.json` spells out. */
export function defaultPolicy(): Policy {
  return resolve({});
}
