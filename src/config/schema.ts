/**
 * The policy schema: the single source of the policy's shape, defaults and descriptions.
 * `validatePolicy` interprets it, `policies/schema.json` and the reference part of
 * `docs/policy.md` are generated from it (`npm run schema`), and tests fail when either
 * committed file is stale.
 */
import { RULE_IDS, type RuleId } from '../model/constants.js';
import { DURATION_REGEX_SOURCE, parseDuration } from '../model/duration.js';
import {
  DEFAULT_MAX_EXCEPTION_DAYS,
  DEPENDENCY_TYPES,
  MISSING_FACTS_VALUES,
  RISKS,
  SEVERITY_VALUES,
  SIGNAL_WEIGHTS,
  type RegistryPolicy,
  type RulePolicies,
  type SignalWeight,
} from '../model/policy.js';
import type { Duration, RuleSeverity } from '../model/primitives.js';

/**
 * Checks JSON Schema cannot express; validate-policy.ts implements each one. The JSON Schema
 * still gets a `pattern` so editors catch the common mistakes.
 */
export type StringFormat = 'date' | 'package-spec' | 'name-pattern' | 'registry-url' | 'policy-ref';

export interface StringSchema {
  type: 'string';
  description: string;
  enum?: readonly string[];
  pattern?: string;
  /** Shown in messages when the pattern does not match. */
  patternHint?: string;
  format?: StringFormat;
  minLength?: number;
  default?: string;
  examples?: readonly string[];
}

export interface ArraySchema {
  type: 'array';
  description: string;
  items: Schema;
  minItems?: number;
  examples?: readonly unknown[];
}

export interface ObjectSchema {
  type: 'object';
  description: string;
  properties: Record<string, Schema>;
  required?: readonly string[];
  /** At least one of these keys must be present (an override needs a condition). */
  requiredOneOf?: readonly string[];
  additionalProperties: false;
  examples?: readonly unknown[];
  /** Documented under another key path (the docs do not repeat its keys). */
  sameKeysAs?: string;
}

/**
 * An object whose keys are data (registry URLs), each holding a value of one schema. JSON
 * Schema writes it as an object with `propertyNames` and `additionalProperties`.
 */
export interface MapSchema {
  type: 'map';
  description: string;
  keys: StringSchema;
  values: ObjectSchema;
  examples?: readonly unknown[];
}

/** A whole number between `minimum` and `maximum` (`maxExceptionDays`). */
export interface IntegerSchema {
  type: 'integer';
  description: string;
  minimum: number;
  maximum: number;
  default?: number;
  examples?: readonly number[];
}

export type Schema = StringSchema | ArraySchema | ObjectSchema | MapSchema | IntegerSchema;

export const PRESET_NAMES = ['default', 'strict', 'observe'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * A rule setting: a severity, a change-of-hands signal weight (strong, weak, off), or a
 * duration written as text ("7d") and held in milliseconds.
 */
export type SettingSchema = StringSchema & { setting: 'severity' | 'weight' | 'duration'; default: string };

type SettingKind<T> = T extends RuleSeverity ? 'severity' : T extends SignalWeight ? 'weight' : 'duration';

/**
 * A rule's settings, key for key the fields of its RulePolicies entry (model/policy.ts), each
 * of the matching kind: the type checker fails when the schema and the model drift apart.
 */
export type RuleSettingsSchema<R extends RuleId> = ObjectSchema & {
  properties: { [K in keyof RulePolicies[R]]-?: SettingSchema & { setting: SettingKind<RulePolicies[R][K]> } };
};

function severity(description: string, defaultValue: RuleSeverity): SettingSchema & { setting: 'severity' } {
  return { type: 'string', description, enum: SEVERITY_VALUES, default: defaultValue, setting: 'severity' };
}

function weight(description: string, defaultValue: SignalWeight): SettingSchema & { setting: 'weight' } {
  return { type: 'string', description: `${description} strong: 2 points, weak: 1, off: not counted.`, enum: SIGNAL_WEIGHTS, default: defaultValue, setting: 'weight' };
}

function duration(description: string, defaultValue: string): SettingSchema & { setting: 'duration' } {
  return {
    type: 'string',
    description,
    pattern: DURATION_REGEX_SOURCE,
    patternHint: 'a duration like "7d", "36h", "90m" or "2w"',
    default: defaultValue,
    setting: 'duration',
  };
}

function rule<R extends RuleId>(description: string, properties: RuleSettingsSchema<R>['properties']): RuleSettingsSchema<R> {
  return { type: 'object', description, properties, additionalProperties: false };
}

const ruleSchemas: { [R in RuleId]: RuleSettingsSchema<R> } = {
  'release-age': rule<'release-age'>('The version was published less than minReleaseAge ago.', {
    severity: severity('What a finding does to the verdict.', 'block'),
    minReleaseAge: duration('How old a version must be before it passes.', '7d'),
  }),
  'new-publisher': rule<'new-publisher'>(
    'A change of hands: the version was published by an account that started publishing this package less than `window` ago, while others published it before. The signals that fired with it score points (a handover counts once); 4 points block, 2 warn; an account that already publishes other packages of the project takes 2 off (see docs/detection.md).',
    {
      severity: severity('The highest severity a change of hands can reach; "off" turns change-of-hands detection off.', 'block'),
      window: duration('How long a new publisher stays new; the finding lapses when their tenure reaches it.', '90d'),
      alone: severity('The least any new publisher gets, whatever its signals score ("warn" lists every newcomer).', 'off'),
      previousPublishersGone: weight('Nobody who published before the newcomer is still a maintainer or publishes since.', 'strong'),
      ownersReplaced: weight("The version's maintainer list shares nobody with the list before the newcomer came.", 'strong'),
      newDependency: weight('The version adds a dependency no earlier version had.', 'weak'),
      youngDependency: weight('The version adds a dependency first published less than `youngDependencyAge` before it (known for packages of the project).', 'strong'),
      dormantRevived: weight('The version is the first after `dormantAfter` without any release.', 'strong'),
      installScript: weight('The version adds a preinstall, install or postinstall script.', 'strong'),
      trustDowngrade: weight('The version has less trust evidence than earlier versions of its line.', 'strong'),
      establishedAfter: duration('A newcomer who first published another package of the project at least this long before the version loses 2 points.', '180d'),
      youngDependencyAge: duration('A new dependency first published less than this before the version is young.', '30d'),
      dormantAfter: duration('Silence after which a release revives a dormant package.', '365d'),
    },
  ),
  'maintainer-change': rule<'maintainer-change'>(
    "The version's maintainer snapshot replaced every earlier maintainer (severity) or added accounts (addedSeverity) within `window`, without a new publisher (a newcomer's release is judged by new-publisher); also current owners who are in no snapshot yet (addedSeverity).",
    {
      severity: severity('Severity when every earlier maintainer is gone; "off" turns the whole rule off.', 'warn'),
      addedSeverity: severity('Severity when accounts were added, or were just given the keys.', 'off'),
      window: duration('How long a maintainer change stays relevant.', '90d'),
    },
  ),
  'trust-downgrade': rule<'trust-downgrade'>(
    'Earlier versions of the same release line were published with more trust evidence (staged publishing = trusted publishing > provenance > none) than this one.',
    {
      severity: severity('What a finding does to the verdict.', 'block'),
      hold: duration('How long after its publish time a downgraded version is held: a slow lane, not a ban.', '30d'),
    },
  ),
  'install-script': rule<'install-script'>('The version adds a preinstall, install or postinstall script the previous version did not have.', {
    severity: severity('What a finding does to the verdict.', 'warn'),
  }),
  'unknown-publish-time': rule<'unknown-publish-time'>('The registry gives no publish time for the version (fail closed).', {
    severity: severity('What a finding does to the verdict.', 'block'),
  }),
  'missing-version': rule<'missing-version'>('The locked version, or the whole package, is not in the registry.', {
    severity: severity('What a finding does to the verdict.', 'block'),
  }),
  'non-registry-source': rule<'non-registry-source'>('The package comes from git, a tarball URL, or a local file or link: no publish history vouches for those bytes.', {
    severity: severity('What a finding does to the verdict.', 'warn'),
  }),
  'lockfile-binding': rule<'lockfile-binding'>(
    "A registry package's lockfile entry is not what the registry published: its resolved URL is not the registry's dist.tarball (nor a tarball URL on a host the configuration names as a registry for it), or its integrity differs from dist.integrity/dist.shasum or is missing. Every install location is checked.",
    { severity: severity('What a finding does to the verdict.', 'block') },
  ),
};

function settingsDefaults<R extends RuleId>(schema: RuleSettingsSchema<R>): RulePolicies[R] {
  const entries = Object.entries<SettingSchema>(schema.properties).map(([key, setting]) => {
    const value: RuleSeverity | SignalWeight | Duration =
      setting.setting === 'duration' ? (parseDuration(setting.default) ?? Number.NaN) : (setting.default as RuleSeverity | SignalWeight);
    return [key, value] as const;
  });
  // Key for key and kind for kind, as RuleSettingsSchema<R> checks; Object.fromEntries cannot say so.
  return Object.fromEntries(entries) as RulePolicies[R];
}

/** Every rule setting at its schema default: the base every policy is resolved over. */
export function ruleDefaults(): RulePolicies {
  return {
    'release-age': settingsDefaults(ruleSchemas['release-age']),
    'new-publisher': settingsDefaults(ruleSchemas['new-publisher']),
    'maintainer-change': settingsDefaults(ruleSchemas['maintainer-change']),
    'trust-downgrade': settingsDefaults(ruleSchemas['trust-downgrade']),
    'install-script': settingsDefaults(ruleSchemas['install-script']),
    'unknown-publish-time': settingsDefaults(ruleSchemas['unknown-publish-time']),
    'missing-version': settingsDefaults(ruleSchemas['missing-version']),
    'non-registry-source': settingsDefaults(ruleSchemas['non-registry-source']),
    'lockfile-binding': settingsDefaults(ruleSchemas['lockfile-binding']),
  };
}

/** The same schema with every `default` removed: override rules inherit, they do not reset. */
function withoutDefaults(schema: Schema): Schema {
  if (schema.type === 'object') {
    const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, withoutDefaults(child)]));
    return { ...schema, properties };
  }
  if (schema.type === 'array') return { ...schema, items: withoutDefaults(schema.items) };
  if (schema.type === 'map') return { ...schema, values: withoutDefaults(schema.values) as ObjectSchema };
  if (schema.type === 'integer') {
    const { default: _dropped, ...rest } = schema;
    return rest;
  }
  const { default: _dropped, ...rest } = schema;
  return rest;
}

const rulesSchema: ObjectSchema = {
  type: 'object',
  description: 'Per-rule severity and parameters. Omitted rules and keys keep the value of the policy this one extends (or the default).',
  additionalProperties: false,
  properties: Object.fromEntries(RULE_IDS.map((id) => [id, ruleSchemas[id]])),
  examples: [{ 'release-age': { minReleaseAge: '14d' }, 'install-script': { severity: 'block' } }],
};

const namePattern: StringSchema = {
  type: 'string',
  description: 'A package name, or a glob over names: `*` matches within one segment (`@myorg/*`, `eslint-plugin-*`), `**` any name.',
  format: 'name-pattern',
  pattern: '^[^\\s]+$',
  patternHint: 'a package name or a glob such as "@myorg/*"',
  examples: ['@myorg/*', 'eslint-plugin-*', 'left-pad'],
};

const overrideSchema: ObjectSchema = {
  type: 'object',
  description:
    'Rule settings that apply only to the packages matching every condition given here. Later overrides win over earlier ones; the settings of every matching override are applied in order.',
  additionalProperties: false,
  required: ['rules'],
  requiredOneOf: ['packages', 'dependencyType', 'registry', 'risk'],
  properties: {
    description: { type: 'string', description: 'Why this override exists, for reviewers. Not used by the gate.' },
    packages: { type: 'array', description: 'Package names or name globs the override applies to.', items: namePattern, minItems: 1 },
    dependencyType: {
      type: 'string',
      description: '`dev`: packages only needed for development; `prod`: packages installed in production.',
      enum: DEPENDENCY_TYPES,
    },
    registry: {
      type: 'string',
      description: 'Registry URL prefix: applies to packages fetched from this registry (for example a private registry).',
      format: 'registry-url',
      pattern: '^https?://',
      patternHint: 'an http(s) URL such as "https://npm.example.com/"',
      examples: ['https://npm.pkg.example.com/'],
    },
    risk: {
      type: 'array',
      description:
        '`install-scripts`: the version declares a preinstall, install or postinstall script; `no-provenance`: the version was published without provenance or trusted publishing. Every listed risk must hold.',
      items: { type: 'string', description: 'A risk the version carries.', enum: RISKS },
      minItems: 1,
    },
    rules: {
      ...(withoutDefaults(rulesSchema) as ObjectSchema),
      description: 'The same keys as the top-level `rules`, without defaults: only the keys set here change, everything else is inherited.',
      sameKeysAs: 'rules',
      examples: [{ 'release-age': { minReleaseAge: '14d' } }],
    },
  },
  examples: [
    { packages: ['@myorg/*'], rules: { 'release-age': { severity: 'off' }, 'new-publisher': { severity: 'warn' } } },
    { risk: ['install-scripts'], rules: { 'release-age': { minReleaseAge: '14d' } } },
    { registry: 'https://npm.pkg.example.com/', rules: { 'unknown-publish-time': { severity: 'warn' } } },
  ],
};

const exceptionSchema: ObjectSchema = {
  type: 'object',
  description:
    'Lets one package (or pattern) through the named rules until `expires`, for a stated reason. An expired exception is reported and no longer applies.',
  additionalProperties: false,
  required: ['package', 'reason', 'expires'],
  properties: {
    package: {
      type: 'string',
      description: '`name@version` for one exact version, or a name or name glob (any version).',
      format: 'package-spec',
      patternHint: '"name@version", a package name, or a glob such as "@myorg/*"',
      examples: ['left-pad@1.3.0', '@myorg/*'],
    },
    rules: {
      type: 'array',
      description: 'The rules the exception lets through; all rules when omitted.',
      items: { type: 'string', description: 'A rule id.', enum: RULE_IDS },
      minItems: 1,
    },
    reason: { type: 'string', description: 'Why the exception is safe: reviewers read this.', minLength: 1 },
    expires: {
      type: 'string',
      description:
        'The last day the exception applies (`2026-12-31`, through the end of that day UTC), or an exact instant (`2026-12-31T18:00:00Z`).',
      format: 'date',
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
      patternHint: 'a date like "2026-12-31" or an instant like "2026-12-31T18:00:00Z"',
    },
    ticket: { type: 'string', description: 'A ticket or review link for the exception.' },
  },
  examples: [
    { package: 'left-pad@1.3.0', rules: ['release-age'], reason: 'Security fix we need now; diff reviewed.', expires: '2026-12-31', ticket: 'SEC-142' },
  ],
};

const registryUrl = (description: string): StringSchema => ({
  type: 'string',
  description,
  format: 'registry-url',
  pattern: '^https?://',
  patternHint: 'an http(s) URL such as "https://npm.example.com/"',
});

/** One registry's settings, key for key the fields of RegistryPolicy (model/policy.ts). */
const registryPolicySchema: ObjectSchema & { properties: { [K in keyof RegistryPolicy]-?: StringSchema } } = {
  type: 'object',
  description: 'What the gate does about the facts this registry does not give, and how its documents are cached.',
  additionalProperties: false,
  properties: {
    missingFacts: {
      type: 'string',
      description:
        'What to do about the facts this registry does not give (publishers, account lists, provenance). `fail`: the gate does not guess: a rule that needs a missing fact cannot run for its packages, the report says so once for the registry (UNKNOWN) naming this setting, and a version without a publisher among versions that have one is judged as an unknown newcomer. `acknowledge`: the gap is accepted: the rules that need the missing facts are skipped for this registry\'s packages, said once in the report. Publish times are never acknowledged: a version without one is blocked by unknown-publish-time (use `historyFrom`, or an override of that rule).',
      enum: MISSING_FACTS_VALUES,
      default: 'fail',
    },
    historyFrom: registryUrl(
      'Take publish times, publishers, account lists and provenance from this registry (for example https://registry.npmjs.org/ behind a mirror that strips them), while the lockfile stays bound to what this registry serves: the locked version must exist on both with the same tarball integrity, or the package is blocked (lockfile-binding). Its token is the one the project\'s .npmrc configures for that URL. A package the history registry does not have (404) is judged by this registry\'s own facts and `missingFacts`; any other failure to read it stops the check (could not decide).',
    ),
    cacheMaxAge: {
      type: 'string',
      description:
        'For a registry whose responses give no lifetime of their own (no Cache-Control max-age): how long a fetched document is reused without asking again. For a registry that also sends no ETag or Last-Modified, nothing is cached without it (a notice says so once); one that sends an ETag but never answers 304 (Verdaccio 6) would otherwise download every document in full on every run. Off when omitted.',
      pattern: DURATION_REGEX_SOURCE,
      patternHint: 'a duration like "7d", "36h", "90m" or "2w"',
    },
  },
  examples: [{ missingFacts: 'acknowledge' }, { historyFrom: 'https://registry.npmjs.org/', cacheMaxAge: '1h' }],
};

const registriesSchema: MapSchema = {
  type: 'map',
  description:
    'Per registry (its URL as .npmrc names it; a trailing `/` is added): what to do about the facts it does not give. A registry not listed here gets the defaults (`missingFacts: "fail"`).',
  keys: registryUrl('A registry URL.'),
  values: registryPolicySchema,
  examples: [
    { 'https://artifactory.example.com/api/npm/npm-remote/': { historyFrom: 'https://registry.npmjs.org/' } },
    { 'https://npm.pkg.github.com/': { missingFacts: 'acknowledge', cacheMaxAge: '1h' } },
  ],
};

export const policySchema: ObjectSchema = {
  type: 'object',
  description: 'A release-quarantine policy.',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema this file follows, for editors.' },
    extends: {
      type: 'string',
      description: `A shipped preset (${PRESET_NAMES.map((name) => `\`${name}\``).join(', ')}) or a path to another policy file, relative to this one. This file's settings apply on top of it.`,
      format: 'policy-ref',
      examples: ['strict', './policies/base.json'],
    },
    rules: rulesSchema,
    overrides: { type: 'array', description: 'Rule settings for some packages only.', items: overrideSchema },
    exceptions: { type: 'array', description: 'Reviewed, expiring exceptions for packages the gate would block or warn about.', items: exceptionSchema },
    registries: registriesSchema,
    maxExceptionDays: {
      type: 'integer',
      description:
        'The longest an exception may run, in days from when `quarantine allow` records it: a longer `--expires` is refused unless given `--force-long-expiry`. `check` warns about an exception in the policy that runs longer than this from now. The `quarantine allow` that `check`, `why` and the Action suggest never expires later than this, so it is accepted as printed (when the version becomes eligible later, the text says the expiry is capped). An exception is a reviewed, short-lived way through the gate; a lasting change belongs in `rules` or `overrides`.',
      minimum: 1,
      maximum: 3650,
      default: DEFAULT_MAX_EXCEPTION_DAYS,
    },
  },
};

/** The schema as a JSON Schema document (draft 2020-12), for policies/schema.json. */
export function toJsonSchema(schema: Schema = policySchema, root = true): Record<string, unknown> {
  const out: Record<string, unknown> = root ? { $schema: 'https://json-schema.org/draft/2020-12/schema' } : {};
  out['type'] = schema.type;
  out['description'] = schema.description;
  if (schema.type === 'object') {
    out['properties'] = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => [key, toJsonSchema(child, false)]),
    );
    if (schema.required) out['required'] = [...schema.required];
    if (schema.requiredOneOf) out['anyOf'] = schema.requiredOneOf.map((key) => ({ required: [key] }));
    out['additionalProperties'] = false;
  } else if (schema.type === 'map') {
    out['type'] = 'object';
    out['propertyNames'] = toJsonSchema(schema.keys, false);
    out['additionalProperties'] = toJsonSchema(schema.values, false);
  } else if (schema.type === 'integer') {
    out['minimum'] = schema.minimum;
    out['maximum'] = schema.maximum;
    if (schema.default !== undefined) out['default'] = schema.default;
  } else if (schema.type === 'array') {
    out['items'] = toJsonSchema(schema.items, false);
    if (schema.minItems !== undefined) out['minItems'] = schema.minItems;
  } else {
    if (schema.enum) out['enum'] = [...schema.enum];
    if (schema.pattern) out['pattern'] = schema.pattern;
    if (schema.minLength !== undefined) out['minLength'] = schema.minLength;
    if (schema.default !== undefined) out['default'] = schema.default;
  }
  if (schema.examples) out['examples'] = [...schema.examples];
  return out;
}
