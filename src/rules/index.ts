/** Every policy rule, in RULE_IDS order (the order findings are reported in). */
import type { RuleId } from '../model/constants.js';
import { installScriptRule } from './install-script.js';
import { lockfileBindingRule } from './lockfile-binding.js';
import { maintainerChangeRule } from './maintainer-change.js';
import { missingVersionRule } from './missing-version.js';
import { newPublisherRule } from './new-publisher.js';
import { nonRegistrySourceRule } from './non-registry-source.js';
import { releaseAgeRule } from './release-age.js';
import type { Rule } from '../model/rule.js';
import { trustDowngradeRule } from './trust-downgrade.js';
import { unknownPublishTimeRule } from './unknown-publish-time.js';

/** One rule per id: adding an id to RULE_IDS without a rule fails to compile. */
export const RULES_BY_ID: { readonly [R in RuleId]: Rule<R> } = {
  'release-age': releaseAgeRule,
  'new-publisher': newPublisherRule,
  'maintainer-change': maintainerChangeRule,
  'trust-downgrade': trustDowngradeRule,
  'install-script': installScriptRule,
  'unknown-publish-time': unknownPublishTimeRule,
  'missing-version': missingVersionRule,
  'non-registry-source': nonRegistrySourceRule,
  'lockfile-binding': lockfileBindingRule,
};

export { createRuleContext } from '../model/rule.js';
export type { Rule, RuleContext, RuleTarget } from '../model/rule.js';
export { UNKNOWN_PUBLISHER } from './new-publisher.js';
