/**
 * The GitHub Action: reads the inputs and the event, reads the base lockfiles with git, runs
 * the check on what the change brings (or on everything), and reports it where reviewers
 * look. One try/catch/finally: the job summary is written in `finally`, errors become one
 * `::error::` line and exit 2 (fail closed). Never runs code from the checkout: it only reads
 * files and git objects.
 */
import { EXIT_CODES } from '../model/constants.js';
import { isBlocked, type CheckReport, type GateChange } from '../model/report.js';
import { gitBaseLockfiles, repositoryRoot, resolveCommit } from '../git/base-lockfiles.js';
import { gitConfigFiles } from '../git/base-files.js';
import { parseNow } from '../model/instant.js';
import { markdownCode } from '../report/markdown-escape.js';
import { errorLine } from '../report/error-text.js';
import { summaryCounts } from '../report/summary.js';
import { runCheck } from '../app/check.js';
import type { RunOptions } from '../app/inputs.js';
import { describeApiError, workflowClient } from './api.js';
import { readRunPlan, type RunPlan } from './event.js';
import { findGateChange } from './gate-change.js';
import { readInputs, type ActionInputs, type FailOn } from './inputs.js';
import { findLockfilesInRepo } from './lockfiles.js';
import { appendSummary, publishReport, type ActionIo } from './publish.js';
import { formatRecheckMarkdown, RECHECK_EVENTS, recheckPullRequests, recheckSection, workflowFileOf } from './recheck.js';
import { annotationCommand } from './workflow-commands.js';

export type { ActionIo };

type Env = Record<string, string | undefined>;

export function exitCodeFor(report: CheckReport, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_CODES.ok;
  if (isBlocked(report)) return EXIT_CODES.blocked;
  return failOn === 'warn' && summaryCounts(report.packages).warned > 0 ? EXIT_CODES.blocked : EXIT_CODES.ok;
}

function planNotes(plan: RunPlan, report: CheckReport): string[] {
  const notes = [`Event \`${plan.event || 'unknown'}\`.`];
  if (plan.allReason) notes.push(`Every locked package was evaluated: ${plan.allReason}.`);
  for (const lockfile of report.base?.lockfiles ?? []) {
    if (lockfile.status === 'added') notes.push(`Lockfile ${markdownCode(lockfile.path)} is new in this change: every entry was evaluated.`);
    if (lockfile.status === 'removed') notes.push(`Lockfile ${markdownCode(lockfile.path)} was removed by this change: nothing in it to evaluate.`);
  }
  if (report.base) notes.push(`Only entries added or changed since base ${markdownCode(report.base.label)} were evaluated.`);
  return notes;
}

interface GateResult {
  report: CheckReport;
  plan: RunPlan;
  now: number;
  /** On a pull request: what it changes in the gate itself. */
  gateChange: GateChange | undefined;
}

async function gate(env: Env, inputs: ActionInputs, io: ActionIo): Promise<GateResult> {
  const root = await repositoryRoot(env['GITHUB_WORKSPACE'] || io.cwd, env);
  // Every path below is repository-relative, as annotations and SARIF want them.
  io.chdir(root);
  const now = parseNow(env['QUARANTINE_NOW'] || undefined, () => io.now(), 'QUARANTINE_NOW');
  const plan = await readRunPlan(env, inputs.mode);
  const baseCommit = plan.base === null ? null : await resolveCommit(root, plan.base, env);
  const found = await findLockfilesInRepo(root, inputs.lockfiles, baseCommit, env);
  const base = baseCommit === null ? undefined : await gitBaseLockfiles({ dir: root, ref: baseCommit, removed: found.removed, env });
  // A pull request is judged by the base's policy and registry configuration, never its own:
  // its head is data (docs/security.md). `trust-pr-policy` takes in its policy, never its registries.
  const trustedCommit = plan.trustedBase === null ? null : await resolveCommit(root, plan.trustedBase, env);
  const baseFiles = trustedCommit === null ? undefined : gitConfigFiles(root, trustedCommit, env);
  const options: RunOptions = {
    dir: root,
    lockfiles: found.present,
    base,
    registry: inputs.registry,
    policy: inputs.policy,
    now,
    host: { ...io, cwd: root, homeDir: env['HOME'] || io.homeDir },
    trustedFiles: { registry: baseFiles, policy: inputs.trustPrPolicy ? undefined : baseFiles },
  };
  const report = await runCheck(options);
  const gateChange =
    trustedCommit === null || baseFiles === undefined
      ? undefined
      : await findGateChange({
          root,
          env,
          baseCommit: trustedCommit,
          baseFiles,
          policy: inputs.policy,
          headPolicyTrusted: inputs.trustPrPolicy,
          report,
          checkWithPolicyFrom: (files) => runCheck({ ...options, trustedFiles: { registry: baseFiles, policy: files } }),
        });
  return { report, plan, now, gateChange };
}

/** Re-runs open pull requests' checks whose blocks have lapsed; the summary section. Never throws. */
async function recheck(env: Env, inputs: ActionInputs, now: number, io: ActionIo): Promise<string> {
  const notice = (message: string): string => {
    io.stdout(`${annotationCommand({ level: 'notice', message })}\n`);
    return recheckSection([message]);
  };
  const workflow = workflowFileOf(env['GITHUB_WORKFLOW_REF']);
  if (!inputs.token) return notice('Open pull requests were not re-checked: no token (set the `token` input or give the job GITHUB_TOKEN).');
  if (!env['GITHUB_REPOSITORY'] || workflow === null) return notice('Open pull requests were not re-checked: GITHUB_REPOSITORY or GITHUB_WORKFLOW_REF is not set.');
  const client = workflowClient(env, inputs.token, io.fetch);
  try {
    const results = await recheckPullRequests({ client, workflow, now, identity: inputs.commentAuthor });
    for (const result of results) {
      if (result.action === 'rerun') io.stdout(`release-quarantine: pull request #${result.number}: ${result.reason}\n`);
      if (result.action === 'error') io.stdout(`${annotationCommand({ level: 'warning', message: `Could not re-check pull request #${result.number}: ${result.reason}.` })}\n`);
    }
    return formatRecheckMarkdown(results);
  } catch (error) {
    const why = describeApiError(error, ' (listing them needs `pull-requests: read`)');
    io.stdout(`${annotationCommand({ level: 'warning', message: `Could not re-check the open pull requests: ${why}. This run's own verdict stands.` })}\n`);
    return recheckSection([`Could not list them: ${markdownCode(why)}.`]);
  }
}

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  let summary = '';
  try {
    const inputs = readInputs(env);
    const { report, plan, now, gateChange } = await gate(env, inputs, io);
    summary = await publishReport({ env, inputs, report, pullRequest: plan.pullRequest, notes: planNotes(plan, report), gateChange, io });
    if (inputs.recheckPullRequests && RECHECK_EVENTS.includes(plan.event)) summary += `\n${await recheck(env, inputs, now, io)}`;
    return exitCodeFor(report, inputs.failOn);
  } catch (error) {
    const line = errorLine(error);
    io.stdout(`${annotationCommand({ level: 'error', title: 'release-quarantine could not evaluate', message: line })}\n`);
    summary = `## release-quarantine\n\nThe gate could not evaluate this change, so it fails closed: ${markdownCode(line)}\n`;
    return EXIT_CODES.error;
  } finally {
    await appendSummary(env, summary);
  }
}
