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
import { isoDate, isoMinute } from '../report/time.js';
import { describeApiError, type GitHubClient, type IssueComment, type OpenPullRequest, type WorkflowRun } from './api.js';
import { actionIdentity, findQuarantineComment } from './comment.js';
import { markdownCode } from '../report/markdown-escape.js';

/** Events whose run re-checks the open pull requests. */
export const RECHECK_EVENTS: readonly string[] = ['schedule', 'workflow_dispatch'];

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export interface RecheckResult {
  number: number;
  /** `rerun`: the failed jobs were re-run; `skip`: nothing to do yet; `error`: the API refused. */
  action: 'rerun' | 'skip' | 'error';
  /** Our own words, for the summary. */
  reason: string;
}

/** `owner/repo/.github/workflows/quarantine.yml@refs/heads/main` -> `quarantine.yml`. */
export function workflowFileOf(workflowRef: string | undefined): string | null {
  const path = workflowRef?.split('@')[0] ?? '';
  const match = /\/\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path);
  return match?.[1] ?? null;
}

/** When the comment says the pull request could pass now: the recheck instant; else why not. */
export function dueSince(comment: IssueComment | undefined, now: Instant, identity: string): { after: Instant } | { skip: string } {
  if (!comment) {
    return { skip: `no quarantine comment by ${markdownCode(identity)} (it never blocked, it comes from a fork, or \`comment\` is false): nothing says when it would pass` };
  }
  const after = readRecheckAfter(comment.body);
  if (after === null) return { skip: 'its comment shows no block that lapses with time (all clear, or a block that needs a different version or an exception)' };
  if (after > now) return { skip: `waiting: its blocks lapse on ${isoDate(after)} (${isoMinute(after)})` };
  return { after };
}

/** The run to re-run: the newest pull request run, when it failed before the recheck instant and GitHub still re-runs it. */
export function runToRerun(runs: readonly WorkflowRun[], after: Instant, now: Instant): { run: WorkflowRun } | { skip: string } {
  const run = runs.find((candidate) => PULL_REQUEST_EVENTS.has(candidate.event));
  if (!run) return { skip: 'no pull request run of this workflow for its head commit' };
  if (run.status !== 'completed') return { skip: `its latest run ${run.id} is still ${run.status.replace(/_/g, ' ')}` };
  if (run.conclusion !== 'failure') return { skip: `its latest run ${run.id} did not fail (${run.conclusion ?? 'no conclusion'})` };
  if (!(run.startedAt < after)) return { skip: `its latest run ${run.id} failed after its blocks lapsed: time will not help, look at that run` };
  if (!(now - run.createdAt < RERUN_WINDOW)) {
    return { skip: `its latest run ${run.id} is over 30 days old, and GitHub re-runs only newer runs: push a commit (or close and reopen the pull request) to check it again` };
  }
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
    return { number, action: 'rerun', reason: `re-ran the failed jobs of run ${pick.run.id}: its blocks lapsed on ${isoDate(due.after)}` };
  } catch (error) {
    return { number, action: 'error', reason: describeApiError(error, ' (re-running needs `actions: write` in the workflow permissions)') };
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

/** The summary section under its heading: `lines` of Markdown. */
export function recheckSection(lines: readonly string[]): string {
  return `${['### Open pull requests re-checked', '', ...lines].join('\n')}\n`;
}

/** The summary section: every open pull request and what happened to it. */
export function formatRecheckMarkdown(results: readonly RecheckResult[]): string {
  if (results.length === 0) return recheckSection(['No open pull requests.']);
  const reran = results.filter((result) => result.action === 'rerun').length;
  return recheckSection([
    `${reran} of ${results.length} open pull request${results.length === 1 ? '' : 's'} had their failed check re-run.`,
    '',
    '| pull request | outcome |',
    '|---|---|',
    ...results.map((result) => `| #${result.number} | ${result.action === 'error' ? 'could not re-check: ' : ''}${result.reason.replace(/\|/g, '\\|')} |`),
  ]);
}
