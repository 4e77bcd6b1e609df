/** The resolved policy the core evaluates against: durations already in milliseconds. */
import type { Duration, RuleSeverity } from './types.js';

export interface RulePolicies {
  'release-age': { severity: RuleSeverity; minReleaseAge: Duration };
  'new-publisher': { severity: RuleSeverity; window: Duration };
  'maintainer-change': { severity: RuleSeverity; addedSeverity: RuleSeverity; window: Duration };
  'trust-downgrade': { severity: RuleSeverity };
  'install-script': { severity: RuleSeverity };
  'unknown-publish-time': { severity: RuleSeverity };
  'missing-version': { severity: RuleSeverity };
  'non-registry-source': { severity: RuleSeverity };
}

export interface Policy {
  rules: RulePolicies;
}
