/**
 * A policy for tests: every rule blocks except the "added" maintainer signal, which warns. A new
 * publisher blocks even alone, so tests about other rules see every change of hands; the
 * change-of-hands combinations are tested with the shipped defaults (test/rules/change-of-hands*.test.ts).
 */
import type { NewPublisherPolicy, Policy, PolicyException, PolicyOverride, RulePolicies } from '../../src/model/policy.js';
import { days } from './history.js';

/** The shipped defaults of new-publisher (policies/default.json). */
export const NEW_PUBLISHER_DEFAULTS: NewPublisherPolicy = {
  severity: 'block',
  window: days(90),
  alone: 'off',
  previousPublishersGone: 'strong',
  ownersReplaced: 'strong',
  newDependency: 'weak',
  youngDependency: 'strong',
  dormantRevived: 'strong',
  installScript: 'strong',
  trustDowngrade: 'strong',
  establishedAfter: days(180),
  youngDependencyAge: days(30),
  dormantAfter: days(365),
};

export function makePolicy(
  overrides: { [R in keyof RulePolicies]?: Partial<RulePolicies[R]> } = {},
  extra: { overrides?: PolicyOverride[]; exceptions?: PolicyException[]; registries?: Policy['registries']; maxExceptionDays?: number } = {},
): Policy {
  const base: RulePolicies = {
    'release-age': { severity: 'block', minReleaseAge: days(7) },
    'new-publisher': { ...NEW_PUBLISHER_DEFAULTS, alone: 'block' },
    'maintainer-change': { severity: 'block', addedSeverity: 'warn', window: days(90) },
    'trust-downgrade': { severity: 'block', hold: days(30) },
    'install-script': { severity: 'block' },
    'unknown-publish-time': { severity: 'block' },
    'missing-version': { severity: 'block' },
    'non-registry-source': { severity: 'block' },
    'lockfile-binding': { severity: 'block' },
  };
  return {
    rules: {
      'release-age': { ...base['release-age'], ...overrides['release-age'] },
      'new-publisher': { ...base['new-publisher'], ...overrides['new-publisher'] },
      'maintainer-change': { ...base['maintainer-change'], ...overrides['maintainer-change'] },
      'trust-downgrade': { ...base['trust-downgrade'], ...overrides['trust-downgrade'] },
      'install-script': { ...base['install-script'], ...overrides['install-script'] },
      'unknown-publish-time': { ...base['unknown-publish-time'], ...overrides['unknown-publish-time'] },
      'missing-version': { ...base['missing-version'], ...overrides['missing-version'] },
      'non-registry-source': { ...base['non-registry-source'], ...overrides['non-registry-source'] },
      'lockfile-binding': { ...base['lockfile-binding'], ...overrides['lockfile-binding'] },
    },
    overrides: extra.overrides ?? [],
    exceptions: extra.exceptions ?? [],
    registries: extra.registries ?? {},
    maxExceptionDays: extra.maxExceptionDays ?? 90,
  };
}

/** A policy override for tests: no conditions unless given. */
export function makeOverride(fields: Partial<PolicyOverride> & Pick<PolicyOverride, 'rules'>): PolicyOverride {
  return { source: 'test: overrides[0]', description: null, packages: null, dependencyType: null, registry: null, risk: null, ...fields };
}

/** A policy exception for tests, for every rule unless `rules` is given. */
export function makeException(fields: Partial<PolicyException> & Pick<PolicyException, 'name' | 'expiresAt'>): PolicyException {
  return {
    source: 'test: exceptions[0]',
    package: fields.version ? `${fields.name}@${fields.version}` : fields.name,
    version: null,
    rules: null,
    reason: 'reviewed',
    expires: new Date(fields.expiresAt).toISOString(),
    ticket: null,
    ...fields,
  };
}
