/**
 * How a pull request blocked only by time turns green without anyone pushing: a scheduled (or
 * manual) run lists the open pull requests, reads the hidden recheck line of each one's
 * quarantine comment (the instant its last block lapses, see report/markdown.ts), and once that
 * instant has passed re-runs the failed jobs of the pull request's latest run of this workflow.
 * The re-run evaluates the same change again, passes, and turns the comment into "all clear".
 *
 * A run that failed after the recheck instant is never re-run: time cannot help it, and this
 * keeps a scheduled run from re-running the same failure every day.
 */
import pLimit from 'p-limit';
import type { Instant } from '../model/types.js';
import { readRecheckAfter, RERUN_WINDOW } from '../report/markdown.js';
import { describeRecheckSkip, describeRerun, RERUN_PERMISSION_HINT, type RecheckOutcome, type RecheckSkip } from '../report/recheck-text.js';
import { describeApiError, type GitHubClient, type IssueComment, type OpenPullRequest, type WorkflowRun } from './api.js';
import { actionIdentity, findQuarantineComment } from './comment.js';

export { formatRecheckMarkdown, recheckSection } from '../report/recheck-text.js';

/** Events whose run re-checks the open pull requests. */
export const RECHECK_EVENTS: readonly string[] = ['schedule', 'workflow_dispatch'];

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export type RecheckResult = RecheckOutcome;

const skip = (why: RecheckSkip): { skip: string } => ({ skip: describeRecheckSkip(why) });

/** `owner/repo/.github/workflows/quarantine.yml@refs/heads/main` -> `quarantine.yml`. */
export function workflowFileOf(workflowRef: string | undefined): string | null {
  const path = workflowRef?.split('@')[0] ?? '';
  const match = /\/\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path);
  return match?.[1] ?? null;
}

/** When the comment says the pull request could pass now: the recheck instant; else why not. */
export function dueSince(comment: IssueComment | undefined, now: Instant, identity: string): { after: Instant } | { skip: string } {
  if (!comment) return skip({ kind: 'no-comment', identity });
  const after = readRecheckAfter(comment.body);
  if (after === null) return skip({ kind: 'no-lapse' });
  if (after > now) return skip({ kind: 'waiting', after });
  return { after };
}

/** The run to re-run: the newest pull request run, when it failed before the recheck instant and GitHub still re-runs it. */
export function runToRerun(runs: readonly WorkflowRun[], after: Instant, now: Instant): { run: WorkflowRun } | { skip: string } {
  const run = runs.find((candidate) => PULL_REQUEST_EVENTS.has(candidate.event));
  if (!run) return skip({ kind: 'no-run' });
  if (run.status !== 'completed') return skip({ kind: 'running', runId: run.id, status: run.status });
  if (run.conclusion !== 'failure') return skip({ kind: 'not-failed', runId: run.id, conclusion: run.conclusion });
  if (!(run.startedAt < after)) return skip({ kind: 'failed-after-lapse', runId: run.id });
  if (!(now - run.createdAt < RERUN_WINDOW)) return skip({ kind: 'too-old', runId: run.id });
  return { run };
}

async function recheckOne(client: GitHubClient, workflow: string, pr: OpenPullRequest, now: Instant, identity: string): Promise<RecheckResult> {
  const { number } = pr;
  try {
    const due = dueSince(findQuarantineComment(await client.listIssueComments(number), identity), now, identity);
    if ('skip' in due) return { number, action: 'skip', reason: due.skip };
    const pick = runToRerun(await client.listWorkflowRuns(workflow, pr.headSha), due.after, now);
    if ('skip' in pick) return { number, action: 'skip', reason: pick.skip };
    await client.rerunFailedJobs(pick.run.id);
    return { number, action: 'rerun', reason: describeRerun(pick.run.id, due.after) };
  } catch (error) {
    return { number, action: 'error', reason: describeApiError(error, RERUN_PERMISSION_HINT) };
  }
}

/**
 * Every open pull request's outcome, in the order GitHub lists them. Listing errors throw.
 * Only a comment by `identity` (comment.ts, actionIdentity) says when a pull request is due.
 */
export async function recheckPullRequests(options: {
  client: GitHubClient;
  workflow: string;
  now: Instant;
  /** The Action's own login; found from the token when not given. */
  identity?: string | undefined;
  concurrency?: number;
}): Promise<RecheckResult[]> {
  const limit = pLimit(options.concurrency ?? 4);
  const pulls = await options.client.listOpenPullRequests();
  if (pulls.length === 0) return [];
  const identity = await actionIdentity(options.client, options.identity);
  return Promise.all(pulls.map((pr) => limit(() => recheckOne(options.client, options.workflow, pr, options.now, identity))));
}
