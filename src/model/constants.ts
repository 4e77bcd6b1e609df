/** Stable identifiers: rule ids, error codes and exit codes live here and nowhere else. */

export const RULE_IDS = [
  'release-age',
  'new-publisher',
  'maintainer-change',
  'trust-downgrade',
  'install-script',
  'unknown-publish-time',
  'missing-version',
  'non-registry-source',
  'lockfile-binding',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const ERROR_CODES = {
  /** Command line usage: unknown flag, bad argument. */
  usage: 'E_USAGE',
  lockfileNotFound: 'E_LOCKFILE_NOT_FOUND',
  lockfileParse: 'E_LOCKFILE_PARSE',
  lockfileUnsupported: 'E_LOCKFILE_UNSUPPORTED',
  policyRead: 'E_POLICY_READ',
  policyInvalid: 'E_POLICY_INVALID',
  npmrcInvalid: 'E_NPMRC',
  registryAuth: 'E_REGISTRY_AUTH',
  registryUnavailable: 'E_REGISTRY_UNAVAILABLE',
  registryResponse: 'E_REGISTRY_RESPONSE',
  /** The registry URL answers, but not as an npm registry (404 or other documents for every lookup). */
  notARegistry: 'E_NOT_A_REGISTRY',
  packageNotInLockfile: 'E_NOT_IN_LOCKFILE',
  /** `--base` / the Action: the base commit is not in the clone, or this is not a git repository. */
  baseNotFound: 'E_BASE_NOT_FOUND',
  /** `init`: a package manager or bot config file that cannot be read or parsed. */
  nativeConfigInvalid: 'E_NATIVE_CONFIG',
  /** `init`: a file that could not be written. */
  initWrite: 'E_INIT_WRITE',
  /** `install`: the package manager is not installed, failed, or was interrupted. */
  packageManager: 'E_PACKAGE_MANAGER',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const EXIT_CODES = {
  ok: 0,
  blocked: 1,
  error: 2,
} as const;

/** `why` lists at most this many dependency paths per package; the total is still counted. */
export const MAX_PATHS_PER_PACKAGE = 20;

export const JSON_SCHEMA_VERSION = 1;
/**
 * `check --json` only: 2 since settled packages (engine/settled.ts) are reported with
 * `publishedBefore` and a null `publishedAt` (decision 0051).
 */
export const CHECK_JSON_SCHEMA_VERSION = 2;
