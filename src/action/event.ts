/**
 * What the triggering event asks for: which commit is the base, whether the whole tree is
 * evaluated, and where a comment would go. Reads the payload at GITHUB_EVENT_PATH and parses
 * only the few fields it needs.
 */
import { readFile } from 'node:fs/promises';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Mode } from './inputs.js';
import { objectOrEmpty } from '../model/json-text.js';
import type { EvaluateAllReason } from '../report/action-text.js';

export interface PullRequestInfo {
  number: number;
  /** `pull_request.head.sha`, when the payload has it. */
  headSha: string | null;
  /** Head repository differs from the base repository: the token is read-only. */
  fork: boolean;
}

export interface RunPlan {
  event: string;
  /** Commit to diff against; null evaluates every locked entry. */
  base: string | null;
  pullRequest: PullRequestInfo | null;
  /** Why the whole tree is evaluated, when it is (for the summary). */
  allReason: EvaluateAllReason | null;
  /**
   * The commit whose policy and registry configuration are trusted: a pull request's base
   * (whatever `mode` says), never its head. Null on other events: the checkout is the branch.
   */
  trustedBase: string | null;
}

const ZERO_SHA = /^0+$/;

/** A non-empty string, else null. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

async function readPayload(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    return objectOrEmpty(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.usage, `GITHUB_EVENT_PATH ${path}: not a readable event payload (${(error as Error).message.split('\n')[0]})`);
  }
}

function pullRequestOf(payload: Record<string, unknown>): { info: PullRequestInfo; base: string } | null {
  const pr = objectOrEmpty(payload['pull_request']);
  const number = pr['number'];
  const base = text(objectOrEmpty(pr['base'])['sha']);
  if (typeof number !== 'number' || base === null) return null;
  const headRepo = text(objectOrEmpty(objectOrEmpty(pr['head'])['repo'])['full_name']);
  const baseRepo = text(objectOrEmpty(objectOrEmpty(pr['base'])['repo'])['full_name']);
  const headSha = text(objectOrEmpty(pr['head'])['sha']);
  return { info: { number, headSha, fork: headRepo !== null && baseRepo !== null && headRepo !== baseRepo }, base };
}

export async function readRunPlan(env: Record<string, string | undefined>, mode: Mode): Promise<RunPlan> {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  const payload = await readPayload(env['GITHUB_EVENT_PATH']);
  const all = (reason: EvaluateAllReason, pullRequest: PullRequestInfo | null = null, trustedBase: string | null = null): RunPlan => ({ event, base: null, pullRequest, allReason: reason, trustedBase });
  if (event === 'pull_request' || event === 'pull_request_target') {
    const pr = pullRequestOf(payload);
    if (!pr) throw new QuarantineError(ERROR_CODES.usage, `${event} event without pull_request.number and pull_request.base.sha in ${env['GITHUB_EVENT_PATH'] ?? 'the payload'}`);
    if (mode === 'all') return all({ kind: 'mode-all' }, pr.info, pr.base);
    return { event, base: pr.base, pullRequest: pr.info, allReason: null, trustedBase: pr.base };
  }
  if (mode === 'all') return all({ kind: 'mode-all' });
  if (event === 'push') {
    const before = text(payload['before']);
    if (before === null || ZERO_SHA.test(before)) return all({ kind: 'branch-created' });
    return { event, base: before, pullRequest: null, allReason: null, trustedBase: null };
  }
  return all({ kind: 'no-change', event });
}
