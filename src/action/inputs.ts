/**
 * The Action's inputs, from the `INPUT_<NAME>` environment variables the runner sets (name
 * upper-cased, dashes kept: `INPUT_FAIL-ON`). action.yml declares no defaults: they are here
 * and in the policy schema, so an empty input means "the default".
 */
import { ERROR_CODES } from '../model/constants.js';
import type { Env } from '../model/host.js';
import { QuarantineError } from '../model/errors.js';
import { parseRegistryUrl } from '../model/registry-url.js';

export type Mode = 'changed' | 'all';
export type FailOn = 'block' | 'warn' | 'never';

export interface ActionInputs {
  policy: string | undefined;
  /** Paths or globs, repository-relative; empty = every lockfile in the repository. */
  lockfiles: string[];
  mode: Mode;
  failOn: FailOn;
  comment: boolean;
  sarif: string | undefined;
  registry: string | undefined;
  /** The GitHub token for the comment (input, else GITHUB_TOKEN). Never printed. */
  token: string | undefined;
  /** On `schedule` / `workflow_dispatch`: re-run open pull requests' checks whose blocks lapsed. */
  recheckPullRequests: boolean;
  /**
   * On a pull request, judge with the policy as the pull request leaves it (its own exceptions
   * count) instead of the base's. The registry configuration always comes from the base.
   */
  trustPrPolicy: boolean;
  /**
   * The login whose marked comments are the Action's (`my-app[bot]` for a GitHub App token);
   * found from the token when empty (comment.ts, actionIdentity).
   */
  commentAuthor: string | undefined;
}

function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function choice<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = input(env, name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new QuarantineError(ERROR_CODES.usage, `input ${name}: expected ${allowed.join(', ')}, got "${value}"`);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new QuarantineError(ERROR_CODES.usage, `input ${name}: expected true or false, got "${value}"`);
}

/** `a, b` or one per line. */
export function parseList(text: string | undefined): string[] {
  return (text ?? '').split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== '');
}

export function readInputs(env: Env): ActionInputs {
  return {
    policy: input(env, 'policy'),
    lockfiles: parseList(input(env, 'lockfiles')),
    mode: choice(env, 'mode', ['changed', 'all'], 'changed'),
    failOn: choice(env, 'fail-on', ['block', 'warn', 'never'], 'block'),
    comment: flag(env, 'comment', true),
    sarif: input(env, 'sarif'),
    registry: parseRegistryUrl(input(env, 'registry'), 'input registry'),
    token: input(env, 'token') ?? (env['GITHUB_TOKEN'] || undefined),
    recheckPullRequests: flag(env, 'recheck-pull-requests', true),
    trustPrPolicy: flag(env, 'trust-pr-policy', false),
    commentAuthor: input(env, 'comment-author'),
  };
}
