/**
 * The GitHub Action: reads the inputs and the event, reads the base lockfiles with git, runs
 * the check on what the change brings (or on everything), and reports it where reviewers
 * look. One try/catch/finally: the job summary is written in `finally`, errors become one
 * `::error::` line and exit 2 (fail closed). Never runs code from the checkout: it only reads
 * files and git objects.
 */
import { ERROR_CODES, EXIT_CODES } from '../model/constants.js';
import type { Env } from '../model/host.js';
import { QuarantineError } from '../model/errors.js';
import { isBlocked, type CheckReport, type GateChange } from '../model/report.js';
import { gitBaseLockfiles, repositoryRoot, resolveCommit } from '../git/base-lockfiles.js';
import { gitConfigFiles } from '../git/base-files.js';
import { parseNow } from '../model/instant.js';
import { formatPlanNotes, UNDECIDED_TITLE, undecidedSummary } from '../report/action-text.js';
import { errorLine } from '../report/error-text.js';
import { describeCacheRefusal } from '../report/cache-text.js';
import type { CacheRefusal } from '../model/cache-refusal.js';
import { summaryCounts } from '../report/summary.js';
import { runCheck } from '../app/check.js';
import type { RunOptions } from '../app/inputs.js';
import { describeApiError, workflowClient } from './api.js';
import { readRunPlan, type RunPlan } from './event.js';
import { findGateChange } from './gate-change.js';
import { readInputs, type ActionInputs, type FailOn } from './inputs.js';
import { findLockfilesInRepo } from './lockfiles.js';
import { appendSummary, publishReport, type ActionIo } from './publish.js';
import { formatRecheckMarkdown, LIST_PERMISSION_HINT, recheckErrorWarning, recheckListFailed, recheckNotRunNotice, recheckSection, rerunLogLine } from '../report/recheck-text.js';
import { RECHECK_EVENTS, recheckPullRequests, workflowFileOf } from './recheck.js';
import { annotationCommand } from './workflow-commands.js';

export type { ActionIo };

export function exitCodeFor(report: CheckReport, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_CODES.ok;
  if (isBlocked(report)) return EXIT_CODES.blocked;
  return failOn === 'warn' && summaryCounts(report.packages).warned > 0 ? EXIT_CODES.blocked : EXIT_CODES.ok;
}

interface GateResult {
  report: CheckReport;
  plan: RunPlan;
  now: number;
  /** On a pull request: what it changes in the gate itself. */
  gateChange: GateChange | undefined;
}

/**
 * Under `pull_request_target`, actions/checkout checks out the base branch (GITHUB_SHA), not
 * the pull request: the gate would compare the base with itself and pass whatever the pull
 * request changes. That checkout fails closed, saying how to check out the head.
 */
async function refuseBaseCheckout(root: string, plan: RunPlan, env: Env): Promise<void> {
  const baseBranch = env['GITHUB_SHA'];
  if (plan.event !== 'pull_request_target' || !baseBranch) return;
  const head = await resolveCommit(root, 'HEAD', env);
  if (head !== baseBranch || plan.pullRequest?.headSha === head) return;
  throw new QuarantineError(ERROR_CODES.usage, "pull_request_target: the checkout is the base branch (GITHUB_SHA), not the pull request's head, so nothing the pull request changes would be judged", {
    hint: 'check out the head before this step: actions/checkout with `ref: ${{ github.event.pull_request.head.sha }}`, `persist-credentials: false` and `fetch-depth: 0` (and run none of its code in this job)',
  });
}

/** A facts cache the runner user does not own alone (a restored or shared cache): one warning annotation. */
function cacheWarning(io: ActionIo): (refusal: CacheRefusal) => void {
  let warned = false;
  return (refusal) => {
    if (!warned) io.stdout(`${annotationCommand({ level: 'warning', message: describeCacheRefusal(refusal) })}\n`);
    warned = true;
  };
}

async function gate(env: Env, inputs: ActionInputs, io: ActionIo): Promise<GateResult> {
  const root = await repositoryRoot(env['GITHUB_WORKSPACE'] || io.cwd, env);
  // Every path below is repository-relative, as annotations and SARIF want them.
  io.chdir(root);
  const now = parseNow(env['QUARANTINE_NOW'] || undefined, () => io.now(), 'QUARANTINE_NOW');
  const plan = await readRunPlan(env, inputs.mode);
  await refuseBaseCheckout(root, plan, env);
  const baseCommit = plan.base === null ? null : await resolveCommit(root, plan.base, env);
  // A pull request is judged by the base's policy and registry configuration, never its own:
  // its head is data (docs/security.md). `trust-pr-policy` takes in its policy, never its registries.
  const trustedCommit = plan.trustedBase === null ? null : await resolveCommit(root, plan.trustedBase, env);
  const found = await findLockfilesInRepo(root, inputs.lockfiles, baseCommit, env, trustedCommit);
  const base = baseCommit === null ? undefined : await gitBaseLockfiles({ dir: root, ref: baseCommit, removed: found.removed, env });
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
    onCacheRefused: cacheWarning(io),
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
  const notice = (why: 'no-token' | 'no-repository'): string => {
    const message = recheckNotRunNotice(why);
    io.stdout(`${annotationCommand({ level: 'notice', message })}\n`);
    return recheckSection([message]);
  };
  const workflow = workflowFileOf(env['GITHUB_WORKFLOW_REF']);
  if (!inputs.token) return notice('no-token');
  if (!env['GITHUB_REPOSITORY'] || workflow === null) return notice('no-repository');
  const client = workflowClient(env, inputs.token, io.fetch);
  try {
    const results = await recheckPullRequests({ client, workflow, now, identity: inputs.commentAuthor });
    for (const result of results) {
      if (result.action === 'rerun') io.stdout(`${rerunLogLine(result.number, result.reason)}\n`);
      if (result.action === 'error') io.stdout(`${annotationCommand({ level: 'warning', message: recheckErrorWarning(result.number, result.reason) })}\n`);
    }
    return formatRecheckMarkdown(results);
  } catch (error) {
    const failed = recheckListFailed(describeApiError(error, LIST_PERMISSION_HINT));
    io.stdout(`${annotationCommand({ level: 'warning', message: failed.warning })}\n`);
    return recheckSection([failed.summaryLine]);
  }
}

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  let summary = '';
  try {
    const inputs = readInputs(env);
    const { report, plan, now, gateChange } = await gate(env, inputs, io);
    summary = await publishReport({ env, inputs, report, pullRequest: plan.pullRequest, notes: formatPlanNotes(plan, report), gateChange, io });
    if (inputs.recheckPullRequests && RECHECK_EVENTS.includes(plan.event)) summary += `\n${await recheck(env, inputs, now, io)}`;
    return exitCodeFor(report, inputs.failOn);
  } catch (error) {
    const line = errorLine(error);
    io.stdout(`${annotationCommand({ level: 'error', title: UNDECIDED_TITLE, message: line })}\n`);
    summary = undecidedSummary(line);
    return EXIT_CODES.error;
  } finally {
    await appendSummary(env, summary);
  }
}
