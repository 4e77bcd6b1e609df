/**
 * The policy schema: the single source of the policy's shape, defaults and descriptions.
 * `validatePolicy` interprets it, `policies/schema.json` is generated from it
 * (`npm run schema`), and a test fails when the committed file is stale.
 */
import { RULE_IDS, type RuleId } from '../core/constants.js';
import { DURATION_REGEX_SOURCE } from '../core/duration.js';

export interface StringSchema {
  type: 'string';
  description: string;
  enum?: readonly string[];
  pattern?: string;
  /** Shown in messages when the pattern does not match. */
  patternHint?: string;
  default?: string;
}

export interface ObjectSchema {
  type: 'object';
  description: string;
  properties: Record<string, Schema>;
  additionalProperties: false;
}

export type Schema = StringSchema | ObjectSchema;

const SEVERITY_VALUES = ['block', 'warn', 'off'] as const;

function severity(description: string, defaultValue: (typeof SEVERITY_VALUES)[number]): StringSchema {
  return { type: 'string', description, enum: SEVERITY_VALUES, default: defaultValue };
}

function duration(description: string, defaultValue: string): StringSchema {
  return {
    type: 'string',
    description,
    pattern: DURATION_REGEX_SOURCE,
    patternHint: 'a duration like "7d", "36h", "90m" or "2w"',
    default: defaultValue,
  };
}

function rule(description: string, properties: Record<string, Schema>): ObjectSchema {
  return { type: 'object', description, properties, additionalProperties: false };
}

const ruleSchemas: Record<RuleId, ObjectSchema> = {
  'release-age': rule('The version was published less than minReleaseAge ago.', {
    severity: severity('What a finding does to the verdict.', 'block'),
    minReleaseAge: duration('How old a version must be before it passes.', '7d'),
  }),
  'new-publisher': rule(
    'The version was published by an account that started publishing this package less than `window` ago, while others published it before.',
    {
      severity: severity('What a finding does to the verdict.', 'block'),
      window: duration('How long a new publisher stays new.', '90d'),
    },
  ),
  'maintainer-change': rule(
    "The version's maintainer snapshot added accounts (addedSeverity) or replaced every earlier maintainer (severity) within `window`; also current owners who are in no snapshot yet (addedSeverity).",
    {
      severity: severity('Severity when every earlier maintainer is gone; "off" turns the whole rule off.', 'block'),
      addedSeverity: severity('Severity when accounts were added, or were just given the keys.', 'warn'),
      window: duration('How long a maintainer change stays relevant.', '90d'),
    },
  ),
  'trust-downgrade': rule(
    'Earlier versions of the same release line were published with provenance or trusted publishing and this one was not.',
    { severity: severity('What a finding does to the verdict.', 'block') },
  ),
  'install-script': rule('The version adds a preinstall, install or postinstall script the previous version did not have.', {
    severity: severity('What a finding does to the verdict.', 'warn'),
  }),
  'unknown-publish-time': rule('The registry gives no publish time for the version (fail closed).', {
    severity: severity('What a finding does to the verdict.', 'block'),
  }),
  'missing-version': rule('The locked version, or the whole package, is not in the registry.', {
    severity: severity('What a finding does to the verdict.', 'block'),
  }),
  'non-registry-source': rule('The package comes from git, a tarball URL, or a local file or link: it has no publish history.', {
    severity: severity('What a finding does to the verdict.', 'warn'),
  }),
};

export const policySchema: ObjectSchema = {
  type: 'object',
  description: 'A release-quarantine policy.',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema this file follows, for editors.' },
    rules: {
      type: 'object',
      description: 'Per-rule severity and parameters. Omitted rules and keys take their defaults.',
      additionalProperties: false,
      properties: Object.fromEntries(RULE_IDS.map((id) => [id, ruleSchemas[id]])),
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
    out['additionalProperties'] = false;
  } else {
    if (schema.enum) out['enum'] = [...schema.enum];
    if (schema.pattern) out['pattern'] = schema.pattern;
    if (schema.default !== undefined) out['default'] = schema.default;
  }
  return out;
}
