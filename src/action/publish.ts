/**
 * Everything the Action reports once the check ran: the JSON report file, the step outputs,
 * annotations on lockfile lines, the job summary, the SARIF file and the pull request
 * comment. Commenting can fail (read-only token): that is a warning, never the gate's verdict.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Env, Host } from '../model/host.js';
import { isBlocked, type CheckReport, type CheckedPackage, type GateChange } from '../model/report.js';
import { commentFailedWarning, COMMENT_PERMISSION_HINT, noCommentNotice, packageAnnotation, publishedLine, type NoComment } from '../report/action-text.js';
import { checkReportToJson } from '../report/check-json.js';
import { gateChanged } from '../report/gate-change.js';
import { formatAllClearComment, formatCommentMarkdown, formatSummaryMarkdown } from '../report/markdown.js';
import { checkReportToSarif, type PackageLocation } from '../report/sarif.js';
import { bySeverity, summaryCounts } from '../report/summary.js';
import { describeApiError, workflowClient } from './api.js';
import { actionIdentity, upsertComment } from './comment.js';
import type { PullRequestInfo } from './event.js';
import type { ActionInputs } from './inputs.js';
import { createLocator } from './locations.js';
import { annotationCommand, limitAnnotations, outputEntry, type Annotation } from './workflow-commands.js';

/** The Host, plus what only the Action does: move into the repository, and a replaceable fetch (tests). */
export interface ActionIo extends Host {
  /** Makes `dir` the process's working directory (every path below is repository-relative). */
  chdir(dir: string): void;
  fetch?: typeof fetch;
}

export interface PublishInput {
  env: Env;
  inputs: ActionInputs;
  report: CheckReport;
  pullRequest: PullRequestInfo | null;
  notes: string[];
  /** On a pull request: what it changes in the gate itself (said in the summary and the comment). */
  gateChange?: GateChange | undefined;
  io: ActionIo;
}

export async function appendSummary(env: Env, markdown: string): Promise<void> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (path && markdown) await appendFile(path, markdown);
}

function annotationsFor(report: CheckReport, locate: (entry: CheckedPackage) => PackageLocation[]): Annotation[] {
  const flagged = report.packages.filter((entry) => entry.verdict !== 'allow').sort(bySeverity);
  return flagged.flatMap((entry) => {
    const { title, message } = packageAnnotation(entry, report.now);
    return locate(entry).map((location) => ({ level: entry.verdict === 'block' ? 'error' : 'warning', title, message, file: location.path, line: location.line }) satisfies Annotation);
  });
}

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function runUrl(env: Env): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const run = env['GITHUB_RUN_ID'];
  return server && repository && run && /^\d+$/.test(run) ? `${server}/${repository}/actions/runs/${run}` : undefined;
}

function helpUri(env: Env): string {
  const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
  const repository = env['GITHUB_ACTION_REPOSITORY'] || env['GITHUB_REPOSITORY'] || 'release-quarantine/release-quarantine';
  const ref = env['GITHUB_ACTION_REF'] || 'main';
  return `${server}/${repository}/blob/${ref}/docs/policy.md`;
}

/** Why no comment is written, or null when one should be. */
function noCommentReason(input: PublishInput): NoComment | null {
  if (!input.pullRequest) return null;
  if (!input.inputs.comment) return 'comment-input-off';
  if (input.pullRequest.fork) return 'fork';
  if (!input.inputs.token) return 'no-token';
  if (!input.env['GITHUB_REPOSITORY']) return 'no-repository';
  return null;
}

async function comment(input: PublishInput): Promise<void> {
  const { env, inputs, report, pullRequest, io } = input;
  if (!pullRequest) return;
  const reason = noCommentReason(input);
  if (reason) {
    io.stdout(`${annotationCommand({ level: 'notice', message: noCommentNotice(reason) })}\n`);
    return;
  }
  const client = workflowClient(env, inputs.token ?? '', io.fetch);
  const options = { runUrl: runUrl(env), gateChange: input.gateChange };
  // A pull request that changes the gate gets a comment even when nothing blocks: a reviewer
  // must see that it edits the policy or the registry configuration.
  const flagged = isBlocked(report) || gateChanged(input.gateChange);
  try {
    await upsertComment(client, pullRequest.number, await actionIdentity(client, inputs.commentAuthor), {
      flagged: flagged ? formatCommentMarkdown(report, options) : null,
      allClear: formatAllClearComment(report, options),
    });
  } catch (error) {
    const why = describeApiError(error, COMMENT_PERMISSION_HINT);
    io.stdout(`${annotationCommand({ level: 'warning', message: commentFailedWarning(why) })}\n`);
  }
}

async function writeOutputs(env: Env, counts: ReturnType<typeof summaryCounts>, reportPath: string): Promise<void> {
  const path = env['GITHUB_OUTPUT'];
  if (!path) return;
  const entries = { blocked: String(counts.blocked), warned: String(counts.warned), allowed: String(counts.allowed), report: reportPath };
  await appendFile(path, Object.entries(entries).map(([name, value]) => outputEntry(name, value)).join(''));
}

/** Writes every report; returns the job summary Markdown (appended by the caller). */
export async function publishReport(input: PublishInput): Promise<string> {
  const { env, inputs, report, io } = input;
  const reportPath = join(resolve(env['RUNNER_TEMP'] || env['GITHUB_WORKSPACE'] || '.'), 'release-quarantine-report.json');
  await writeFile(reportPath, `${JSON.stringify(checkReportToJson(report), null, 2)}\n`);
  await writeOutputs(env, summaryCounts(report.packages), reportPath);
  const locate = createLocator(report);
  for (const line of limitAnnotations(annotationsFor(report, locate))) io.stdout(`${line}\n`);
  if (inputs.sarif) {
    const sarif = checkReportToSarif(report, { version: await packageVersion(), helpUri: helpUri(env), locationsOf: locate });
    const sarifPath = resolve(inputs.sarif);
    await mkdir(dirname(sarifPath), { recursive: true });
    await writeFile(sarifPath, `${JSON.stringify(sarif, null, 2)}\n`);
  }
  await comment(input);
  const counts = summaryCounts(report.packages);
  io.stdout(`${publishedLine(counts, reportPath)}\n`);
  return formatSummaryMarkdown(report, { notes: input.notes, runUrl: runUrl(env), gateChange: input.gateChange });
}
