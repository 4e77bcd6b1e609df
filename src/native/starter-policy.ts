/** The starter policy `init` writes. */
import { starterPolicyText } from '../config/edit-policy.js';
import { STARTER_POLICY_FILE } from '../config/policy-files.js';
import type { PresetName } from '../config/schema.js';

export { STARTER_POLICY_FILE };

/** `{"$schema": ..., "extends": "<preset>"}`, two-space indented, with a trailing newline. */
export function starterPolicyFor(preset: PresetName): string {
  return starterPolicyText({ extends: preset });
}
