/**
 * The words of the scheduled re-check (action/recheck.ts decides, this says it): why a pull
 * request was skipped or re-run, the notices on the run log, and the job summary section.
 */
import type { Instant } from '../model/types.js';
import { markdownCode } from './markdown-escape.js';
import { isoDate, isoMinute } from './time.js';

/** Why a pull request's check is not re-run (yet). */
export type RecheckSkip =
  | { kind: 'no-comment'; identity: string }
  | { kind: 'no-lapse' }
  | { kind: 'waiting'; after: Instant }
  | { kind: 'no-run' }
  | { kind: 'running'; runId: number; status: string }
  | { kind: 'not-failed'; runId: number; conclusion: string | null }
  | { kind: 'failed-after-lapse'; runId: number }
  | { kind: 'too-old'; runId: number };

export function describeRecheckSkip(skip: RecheckSkip): string {
  switch (skip.kind) {
    case 'no-comment':
      return `no quarantine comment by ${markdownCode(skip.identity)} (it never blocked, it comes from a fork, or \`comment\` is false): nothing says when it would pass`;
    case 'no-lapse':
      return 'its comment shows no block that lapses with time (all clear, or a block that needs a different version or an exception)';
    case 'waiting':
      return `waiting: its blocks lapse on ${isoDate(skip.after)} (${isoMinute(skip.after)})`;
    case 'no-run':
      return 'no pull request run of this workflow for its head commit';
    case 'running':
      return `its latest run ${skip.runId} is still ${skip.status.replace(/_/g, ' ')}`;
    case 'not-failed':
      return `its latest run ${skip.runId} did not fail (${skip.conclusion ?? 'no conclusion'})`;
    case 'failed-after-lapse':
      return `its latest run ${skip.runId} failed after its blocks lapsed: time will not help, look at that run`;
    case 'too-old':
      return `its latest run ${skip.runId} is over 30 days old, and GitHub re-runs only newer runs: push a commit (or close and reopen the pull request) to check it again`;
  }
}

export function describeRerun(runId: number, after: Instant): string {
  return `re-ran the failed jobs of run ${runId}: its blocks lapsed on ${isoDate(after)}`;
}

/** What the API said when re-running was refused: the permission it needs. */
export const RERUN_PERMISSION_HINT = ' (re-running needs `actions: write` in the workflow permissions)';
export const LIST_PERMISSION_HINT = ' (listing them needs `pull-requests: read`)';

/** Why the open pull requests were not re-checked at all. */
export function recheckNotRunNotice(why: 'no-token' | 'no-repository'): string {
  return why === 'no-token'
    ? 'Open pull requests were not re-checked: no token (set the `token` input or give the job GITHUB_TOKEN).'
    : 'Open pull requests were not re-checked: GITHUB_REPOSITORY or GITHUB_WORKFLOW_REF is not set.';
}

/** The run log line for a pull request whose check was re-run. */
export function rerunLogLine(number: number, reason: string): string {
  return `release-quarantine: pull request #${number}: ${reason}`;
}

export function recheckErrorWarning(number: number, reason: string): string {
  return `Could not re-check pull request #${number}: ${reason}.`;
}

/** Listing the pull requests failed: the warning on the run log and the summary line. */
export function recheckListFailed(why: string): { warning: string; summaryLine: string } {
  return { warning: `Could not re-check the open pull requests: ${why}. This run's own verdict stands.`, summaryLine: `Could not list them: ${markdownCode(why)}.` };
}

/** The summary section under its heading: `lines` of Markdown. */
export function recheckSection(lines: readonly string[]): string {
  return `${['### Open pull requests re-checked', '', ...lines].join('\n')}\n`;
}

export interface RecheckOutcome {
  number: number;
  /** `rerun`: the failed jobs were re-run; `skip`: nothing to do yet; `error`: the API refused. */
  action: 'rerun' | 'skip' | 'error';
  /** Our own words, for the summary. */
  reason: string;
}

/** The summary section: every open pull request and what happened to it. */
export function formatRecheckMarkdown(results: readonly RecheckOutcome[]): string {
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
