/**
 * The remedy plan in the Action's job summary and pull request comment: the "newest allowed"
 * cell says plainly when the plan's version is outside the range or crosses a major, and a
 * "How to fix" list gives one line per root cause (a parent release stands for the packages it
 * brought in), in the words `check` uses. Every string from the registry or a lockfile goes
 * through markdownCode.
 */
import type { CheckReport, CheckedPackage } from '../model/report.js';
import { describeMembers, rootCauses } from './check-text.js';
import { markdownCode } from './markdown-escape.js';
import { describeRemedy } from './policy-text.js';

const FIT_NOTE = { 'in-range': '', 'outside-range': ' (outside the range)', 'crosses-major': ' (another major version, outside the range)' } as const;

/** The table's "newest allowed" cell: the plan's version for this package. */
export function planCell(entry: CheckedPackage): string {
  const step = entry.plan;
  if (entry.verdict !== 'block' || step === null) return '';
  if (step.role === 'member') return `with ${markdownCode(step.cause, { table: true })}`;
  if (step.target === null) return step.fit === null && step.ranges.length === 0 ? '' : 'none today';
  return `${markdownCode(step.target, { table: true })}${FIT_NOTE[step.fit ?? 'crosses-major']}`;
}

/** `### How to fix`: per root cause, its first fix (or the exception when nothing passes), within `rows`. */
export function fixLines(report: CheckReport, rows: number): string[] {
  const causes = rootCauses(report.packages);
  if (causes.length === 0) return [];
  const lines = causes.slice(0, rows).flatMap(({ entry }) => {
    const fix = entry.remedies.find((remedy) => remedy.kind !== 'exception') ?? entry.remedies[0];
    if (fix === undefined) return [];
    const members = entry.plan ? describeMembers(entry.plan, false, 'the JSON report lists them all') : null;
    const id = markdownCode(`${entry.name}@${entry.version}`);
    return [`- ${id}${members ? ` ${markdownCode(members)}` : ''}: ${markdownCode(describeRemedy(fix))}`];
  });
  if (lines.length === 0) return [];
  const more = causes.length > rows ? ['', `…and ${causes.length - rows} more root causes in the JSON report (output \`report\`).`] : [];
  return ['### How to fix', '', ...lines, ...more];
}
