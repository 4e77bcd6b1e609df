/**
 * On a pull request the gate judges with the base commit's policy and registry configuration
 * (docs/security.md). This finds what the pull request changes in them, and what its own policy
 * would decide once merged, so the summary and the comment can say so (report/gate-change.ts).
 */
import { loadPolicy, type LoadedPolicy } from '../config/read-policy.js';
import { git } from '../git/base-lockfiles.js';
import type { ConfigFiles } from '../model/config-files.js';
import { isQuarantineError } from '../model/errors.js';
import type { Env } from '../model/host.js';
import type { Policy, PolicyException } from '../model/policy.js';
import type { CheckReport, GateChange } from '../model/report.js';
import { printable } from '../report/sanitize.js';

/** The registry configuration files git is asked about, anywhere in the repository. */
const REGISTRY_CONFIG_PATHSPECS = [':(glob)**/.npmrc', ':(glob)**/.yarnrc.yml', ':(glob)**/.yarnrc'];

export interface GateChangeInput {
  root: string;
  /** The environment git runs in (the Host's). */
  env: Env;
  baseCommit: string;
  baseFiles: ConfigFiles;
  /** The `policy` input, when given. */
  policy: string | undefined;
  /** The verdict came from the pull request's policy (`trust-pr-policy`). */
  headPolicyTrusted: boolean;
  /** The run's report. */
  report: CheckReport;
  /** The same check with the other policy: the disk's (head) or the base commit's. */
  checkWithPolicyFrom(files: ConfigFiles | undefined): Promise<CheckReport>;
}

async function changedRegistryFiles(root: string, commit: string, env: Env): Promise<string[]> {
  const result = await git(root, ['diff', '--name-only', '--no-renames', '-z', commit, '--', ...REGISTRY_CONFIG_PATHSPECS], env);
  // Fail closed: when git cannot say, the reviewer is told something may have changed.
  if (!result.ok) return ['(git could not compare the registry configuration)'];
  return result.stdout.split('\0').filter((path) => path !== '').sort();
}

const exceptionKey = (exception: PolicyException): string =>
  JSON.stringify([exception.package, exception.rules, exception.reason, exception.expires, exception.ticket]);

function addedExceptions(base: Policy, head: Policy): string[] {
  const before = new Set(base.exceptions.map(exceptionKey));
  return [...new Set(head.exceptions.filter((exception) => !before.has(exceptionKey(exception))).map((exception) => exception.package))];
}

function blocked(report: CheckReport): Set<string> {
  return new Set(report.packages.filter((entry) => entry.verdict === 'block').map((entry) => `${entry.name}@${entry.version}`));
}

async function tryLoad(load: () => Promise<LoadedPolicy>): Promise<{ loaded: LoadedPolicy } | { problem: string }> {
  try {
    return { loaded: await load() };
  } catch (error) {
    if (!isQuarantineError(error)) throw error;
    return { problem: printable(error.message) };
  }
}

export async function findGateChange(input: GateChangeInput): Promise<GateChange> {
  const registryFiles = await changedRegistryFiles(input.root, input.baseCommit, input.env);
  const base = await tryLoad(() => loadPolicy({ dir: input.root, policy: input.policy, files: input.baseFiles }));
  const head = await tryLoad(() => loadPolicy({ dir: input.root, policy: input.policy }));
  const change: GateChange = {
    policyChanged: false,
    policyProblem: 'problem' in head ? head.problem : null,
    registryFiles,
    headPolicyTrusted: input.headPolicyTrusted,
    addedExceptions: [],
    policyDifference: [],
  };
  if (!('loaded' in base) || !('loaded' in head)) {
    // The base's policy not loading while the head's does (the verdict then came from the head's).
    return { ...change, policyChanged: 'loaded' in head };
  }
  if (JSON.stringify(base.loaded.policy) === JSON.stringify(head.loaded.policy)) return change;
  const other = await input.checkWithPolicyFrom(input.headPolicyTrusted ? input.baseFiles : undefined);
  const [strict, lax] = input.headPolicyTrusted ? [blocked(other), blocked(input.report)] : [blocked(input.report), blocked(other)];
  return {
    ...change,
    policyChanged: true,
    addedExceptions: addedExceptions(base.loaded.policy, head.loaded.policy),
    policyDifference: [...strict].filter((key) => !lax.has(key)).sort(),
  };
}
