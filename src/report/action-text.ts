/**
 * The GitHub Action's own sentences (action/ decides, this says it): the notes at the top of
 * the job summary, the annotation on each flagged package, why no comment was written, the
 * closing log line, and what a run that could not decide reports.
 */
import type { CheckReport, CheckedPackage } from '../model/report.js';
import { describeVerdict } from './check-text.js';
import { markdownCode } from './markdown-escape.js';
import type { SummaryCounts } from './summary.js';

/** Why a run evaluated every locked package rather than a change. */
export type EvaluateAllReason = { kind: 'mode-all' } | { kind: 'branch-created' } | { kind: 'no-change'; event: string };

function describeAllReason(reason: EvaluateAllReason): string {
  switch (reason.kind) {
    case 'mode-all':
      return '`mode: all`';
    case 'branch-created':
      return 'the push created the branch (no previous commit to compare with)';
    case 'no-change':
      return `a \`${reason.event || 'manual'}\` run has no change to compare`;
  }
}

/** What was evaluated and why, for the job summary. */
export function formatPlanNotes(plan: { event: string; allReason: EvaluateAllReason | null }, report: CheckReport): string[] {
  const notes = [`Event \`${plan.event || 'unknown'}\`.`];
  if (plan.allReason) notes.push(`Every locked package was evaluated: ${describeAllReason(plan.allReason)}.`);
  for (const lockfile of report.base?.lockfiles ?? []) {
    if (lockfile.status === 'added') notes.push(`Lockfile ${markdownCode(lockfile.path)} is new in this change: every entry was evaluated.`);
    if (lockfile.status === 'removed') notes.push(`Lockfile ${markdownCode(lockfile.path)} was removed by this change: nothing in it to evaluate.`);
  }
  if (report.base) notes.push(`Only entries added or changed since base ${markdownCode(report.base.label)} were evaluated.`);
  return notes;
}

/** The annotation on a flagged package's lockfile lines: the verdict line `check` prints, with the rules in the title. */
export function packageAnnotation(entry: CheckedPackage, now: number): { title: string; message: string } {
  const rules = [...new Set(entry.findings.map((finding) => finding.rule))].join(', ');
  return {
    title: `release-quarantine: ${entry.verdict === 'block' ? 'blocked' : 'warning'} (${rules})`,
    message: `${entry.name}@${entry.version}: ${describeVerdict(entry, now, { expiredExceptions: false })}`,
  };
}

/** Why no pull request comment was written. */
export type NoComment = 'comment-input-off' | 'fork' | 'no-token' | 'no-repository';

export function noCommentNotice(why: NoComment): string {
  switch (why) {
    case 'comment-input-off':
      return 'No pull request comment: the `comment` input is false.';
    case 'fork':
      return 'No pull request comment: this pull request comes from a fork, so the workflow token is read-only. The job summary and the check result carry the verdict.';
    case 'no-token':
      return 'No pull request comment: no token (set the `token` input or give the job GITHUB_TOKEN).';
    case 'no-repository':
      return 'No pull request comment: GITHUB_REPOSITORY is not set.';
  }
}

/** What the API said when commenting was refused: the permission it needs. */
export const COMMENT_PERMISSION_HINT = ' (the token cannot write comments: give the job `pull-requests: write`)';

export function commentFailedWarning(why: string): string {
  return `Could not comment on the pull request: ${why}. The job summary and the check result still carry the verdict.`;
}

/** The run log's last line. */
export function publishedLine(counts: SummaryCounts, reportPath: string): string {
  return `release-quarantine: ${counts.packages} evaluated, ${counts.blocked} blocked, ${counts.warned} warned, ${counts.allowed} allowed; report at ${reportPath}`;
}

/** A run that could not decide: the error annotation's title and the job summary. */
export const UNDECIDED_TITLE = 'release-quarantine could not evaluate';

export function undecidedSummary(line: string): string {
  return `## release-quarantine\n\nThe gate could not evaluate this change, so it fails closed: ${markdownCode(line)}\n`;
}
