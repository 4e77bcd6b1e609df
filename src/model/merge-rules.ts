import type { RuleId } from './constants.js';
import type { PartialRulePolicies, RulePolicies } from './policy.js';

/** `base` with the keys `layer` sets replaced. */
export function mergeRules(base: RulePolicies, layer: PartialRulePolicies): RulePolicies {
  const merged = { ...base } as Record<RuleId, object>;
  for (const [id, settings] of Object.entries(layer) as Array<[RuleId, object | undefined]>) {
    if (settings) merged[id] = { ...merged[id], ...settings };
  }
  return merged as RulePolicies;
}
