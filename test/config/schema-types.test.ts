/**
 * The policy model (model/policy.ts) and the schema (config/schema.ts) cannot drift: each
 * rule's schema is typed key for key and kind for kind by RulePolicies (a missing, extra or
 * wrongly-kinded setting fails `tsc`), and the defaults are read from the schema with the types
 * the model expects. These tests check what the types cannot: the default values themselves.
 */
import { RULE_IDS } from '../../src/model/constants.js';
import { SEVERITY_VALUES, SIGNAL_WEIGHTS } from '../../src/model/policy.js';
import { policySchema, ruleDefaults, type ObjectSchema } from '../../src/config/schema.js';

const rulesSchema = policySchema.properties['rules'] as ObjectSchema;

test.each(RULE_IDS)('%s: one default per schema setting, a severity, a signal weight or a whole number of milliseconds', (id) => {
  const defaults: Record<string, unknown> = ruleDefaults()[id];
  const settings = (rulesSchema.properties[id] as ObjectSchema).properties as Record<string, { setting?: string }>;
  expect(Object.keys(defaults).sort()).toEqual(Object.keys(settings).sort());
  for (const [key, value] of Object.entries(defaults)) {
    const kind = settings[key]?.setting;
    if (kind === 'severity') expect(SEVERITY_VALUES).toContain(value);
    else if (kind === 'weight') expect(SIGNAL_WEIGHTS).toContain(value);
    else expect(Number.isInteger(value) && (value as number) > 0).toBe(true);
  }
});
