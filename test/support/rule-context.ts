/** Builds the context a rule sees for `history`'s `version`, as the engine would. */
import type { ReleaseHistory } from '../../src/model/types.js';
import { createRuleContext } from '../../src/model/rule.js';
import type { RuleContext } from '../../src/model/rule.js';
import { found, makeLockedPackage, NOW } from './history.js';

export function ruleContextFor(history: ReleaseHistory, version: string, now = NOW): RuleContext {
  return createRuleContext(makeLockedPackage({ name: history.name, version }), found(history), now);
}
