/**
 * The lines that tell a reviewer a pull request changes the gate that judges it (its policy
 * or its registry configuration), and what its policy would allow once merged.
 */
import type { GateChange } from '../model/report.js';
import { markdownCode } from './markdown-escape.js';

export function gateChanged(change: GateChange | undefined): change is GateChange {
  return change !== undefined && (change.policyChanged || change.policyProblem !== null || change.registryFiles.length > 0);
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 20).map((item) => markdownCode(item));
  return `${shown.join(', ')}${items.length > shown.length ? ` and ${items.length - shown.length} more` : ''}`;
}

/** Markdown lines for the summary and the comment; none when the gate is unchanged. */
export function gateChangeLines(change: GateChange | undefined): string[] {
  if (!gateChanged(change)) return [];
  const what = [
    ...(change.policyChanged || change.policyProblem !== null ? ['its policy'] : []),
    ...(change.registryFiles.length > 0 ? [`its registry configuration (${list(change.registryFiles)})`] : []),
  ];
  const lines = [`**This pull request changes the gate:** ${what.join(' and ')}.`];
  if (change.policyProblem !== null) lines.push(`Its policy does not load, so once merged every check fails: ${markdownCode(change.policyProblem)}.`);
  if (change.addedExceptions.length > 0) lines.push(`It adds exceptions for ${list(change.addedExceptions)}.`);
  if (change.headPolicyTrusted) {
    lines.push(
      change.policyDifference.length > 0
        ? `\`trust-pr-policy\` is on, so the pull request's own policy decided this verdict; the base branch's policy would block ${list(change.policyDifference)}.`
        : "`trust-pr-policy` is on, so the pull request's own policy decided this verdict; the base branch's policy blocks nothing more here.",
    );
  } else if (change.policyChanged) {
    lines.push(
      change.policyDifference.length > 0
        ? `This check used the base branch's policy. Once merged, the pull request's policy would allow ${list(change.policyDifference)}, which this check blocks.`
        : "This check used the base branch's policy. Once merged, the pull request's policy would not let through anything this check blocks.",
    );
  }
  if (change.registryFiles.length > 0) {
    lines.push('This check asked the registries the base branch names, with the credentials the base configuration gives them; the new registry configuration applies once merged.');
  }
  return lines;
}
