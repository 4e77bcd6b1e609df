/**
 * `check` as text: one line per root cause of a block (a parent release stands for the packages
 * it brought in; `verbose` lists every package), one per warned package, a summary per direct
 * dependency, then the gaps, then a summary.
 */
import { formatDuration } from '../model/duration.js';
import type { CheckReport, CheckedPackage, DataGap, PlanStep } from '../model/report.js';
import { describeGap } from './describe-gap.js';
import type { Instant } from '../model/types.js';
import { describeFinding } from './describe-finding.js';
import { printable, sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { bySeverity, summaryCounts } from './summary.js';
import { dateWithRelative, isoMinute } from './time.js';
import {
  describeExcepted,
  describeException,
  describeExpired,
  describeRemedy,
  exceptionLimitLines,
  exceptionStatusLine,
} from './policy-text.js';

const ranges = (list: readonly string[]): string => list.map(sanitize).join(', ');

/** `@babel/core is held at 7.29.13` (the dependents whose own fix frees the range). */
function heldClause(step: PlanStep): string {
  if (step.heldDependents.length === 0) return '';
  const held = step.heldDependents.map((d) => `${sanitize(d.name)} is held at ${sanitize(d.target)}`);
  return ` once ${held.join(' and ')}`;
}

/** `rollup@4.50.0` -> `rollup`. */
function nameOfKey(key: string): string {
  const at = key.lastIndexOf('@');
  return at > 0 ? key.slice(0, at) : key;
}

/**
 * What the remedy plan holds a blocked package at, in words: the version and, when it is not
 * within the ranges, plainly that it is outside them or crosses a major version.
 */
export function describePlan(step: PlanStep | null, version: string): string | null {
  if (step === null) return null;
  if (step.role === 'member') return `comes with ${sanitize(step.cause)} (same release): the fix for ${sanitize(nameOfKey(step.cause))} covers it`;
  if (step.target === null) return step.fit === null && step.ranges.length === 0 && step.rangesKnown ? null : 'no version of this package passes today';
  const target = sanitize(step.target);
  const within = step.rangesKnown ? `the requested range (${ranges(step.ranges)})` : `its major line (${ranges(step.ranges)}; the lockfile records no range)`;
  switch (step.fit) {
    case 'in-range':
      return step.heldDependents.length > 0 ? `newest allowed within ${within}${heldClause(step)}: ${target}` : `newest allowed: ${target}`;
    case 'outside-range':
      return `nothing passes within ${within}${heldClause(step)}; newest allowed outside it: ${target}`;
    case 'crosses-major':
    case null:
      return `nothing passes within ${within}${heldClause(step)}; newest allowed is ${target}, another major version than ${sanitize(version)} (outside the range)`;
  }
}

/** `eligible on 2026-12-03 (in 5 days)`, or why no date can be given. */
export function describeEligibility(entry: Pick<CheckedPackage, 'verdict' | 'eligibleAt'>, now: Instant): string | null {
  if (entry.verdict !== 'block') return null;
  return entry.eligibleAt === null ? 'does not pass with time: needs a different version or an exception' : `eligible on ${dateWithRelative(entry.eligibleAt, now)}`;
}

const REMEDY_INDENT = '       ';

/**
 * What one flagged package's line says after its name, for `check`, the hooks, the Bun scanner
 * and the Action's annotations: each rule and its finding, then `->` what happens next (when it
 * becomes eligible, what would pass, and unless left out, the exceptions that expired).
 */
export function describeVerdict(entry: CheckedPackage, now: Instant, options: { expiredExceptions: boolean } = { expiredExceptions: true }): string {
  const reasons = entry.findings.map((finding) => `${finding.rule}: ${describeFinding(finding, now)}`).join('; ');
  const tail = [
    describeEligibility(entry, now),
    entry.verdict === 'block' ? describePlan(entry.plan, entry.version) : null,
    ...(options.expiredExceptions ? entry.expiredExceptions.map(describeExpired) : []),
  ]
    .filter((part): part is string => part !== null)
    .join('; ');
  return `${reasons}${tail ? ` -> ${tail}` : ''}`;
}

/** The lines `check` prints for one blocked or warned package: the verdict line, then its remedies. */
export function packageLines(entry: CheckedPackage, now: Instant, style: Style, showLockfiles: boolean): string[] {
  const label = entry.verdict === 'block' ? style.red('BLOCK') : style.yellow('WARN ');
  const where = showLockfiles ? ` [${entry.lockfiles.map(printable).join(', ')}]` : '';
  return [
    `${label}  ${packageId(entry, style)}${where}  ${describeVerdict(entry, now)}`,
    ...entry.remedies.map((remedy) => `${REMEDY_INDENT}${describeRemedy(remedy)}`),
  ];
}

const MEMBER_SAMPLE = 3;

/** `and 27 platform packages of the same release (@rollup/rollup-android-arm64, ..., --verbose lists them)`. */
export function describeMembers(step: PlanStep, verbose: boolean, hint = '--verbose lists them all'): string | null {
  const count = step.members.length;
  if (count === 0) return null;
  const kind = step.membersOptional ? 'platform package' : 'package';
  const sample = step.members.slice(0, MEMBER_SAMPLE).map(sanitize).join(', ');
  const rest = count > MEMBER_SAMPLE ? `, ... ${verbose ? 'listed below' : hint}` : '';
  return `and ${count} ${kind}${count === 1 ? '' : 's'} of the same release (${sample}${rest}): the same fix covers them (an exception must name each)`;
}

/**
 * The lines for one root cause: its package lines, then the packages of its release in one
 * line (every one of them with `verbose`).
 */
export function causeLines(entry: CheckedPackage, members: readonly CheckedPackage[], now: Instant, style: Style, showLockfiles: boolean, verbose: boolean): string[] {
  const lines = packageLines(entry, now, style, showLockfiles);
  const note = entry.plan ? describeMembers(entry.plan, verbose) : null;
  if (note === null) return lines;
  const [first, ...remedies] = lines;
  return [first as string, `${REMEDY_INDENT}${note}`, ...remedies, ...(verbose ? members.flatMap((member) => packageLines(member, now, style, showLockfiles)) : [])];
}

/** Blocked packages of a report as root causes, each with the packages of its release, most severe first. */
export function rootCauses(packages: readonly CheckedPackage[]): Array<{ entry: CheckedPackage; members: CheckedPackage[] }> {
  const blocked = packages.filter((entry) => entry.verdict === 'block');
  const members = new Map<string, CheckedPackage[]>();
  for (const entry of blocked) {
    if (entry.plan?.role !== 'member') continue;
    members.set(entry.plan.cause, [...(members.get(entry.plan.cause) ?? []), entry]);
  }
  const causes = new Set(blocked.filter((entry) => entry.plan?.role === 'cause').map((entry) => `${entry.name}@${entry.version}`));
  // A member whose cause is not in the report (only a change was checked) stands on its own.
  return blocked
    .filter((entry) => entry.plan?.role !== 'member' || !causes.has(entry.plan.cause))
    .sort(bySeverity)
    .map((entry) => ({ entry, members: (members.get(`${entry.name}@${entry.version}`) ?? []).sort(bySeverity) }));
}

/**
 * `vite@7.1.0: 29 blocked (1 root cause)`: per direct dependency, how many blocked packages it
 * brings (through its shortest paths) and how many root causes they come to.
 */
function directSummary(packages: readonly CheckedPackage[]): string[] {
  const byDirect = new Map<string, { blocked: number; causes: Set<string> }>();
  for (const entry of packages) {
    if (entry.verdict !== 'block') continue;
    const key = `${entry.name}@${entry.version}`;
    for (const direct of entry.plan?.via ?? []) {
      const counts = byDirect.get(direct) ?? { blocked: 0, causes: new Set<string>() };
      counts.blocked += 1;
      counts.causes.add(entry.plan?.cause ?? key);
      byDirect.set(direct, counts);
    }
  }
  // Only when it says more than the lines above: some direct dependency brings several blocks.
  if (![...byDirect.values()].some((counts) => counts.blocked > 1)) return [];
  return [...byDirect]
    .sort(([a, x], [b, y]) => y.blocked - x.blocked || a.localeCompare(b))
    .map(([direct, { blocked, causes }]) => `  ${sanitize(direct)}: ${blocked} blocked (${causes.size} root cause${causes.size === 1 ? '' : 's'})`);
}

/** How a pnpm config dependency is named in text. */
const CONFIG_DEPENDENCY = 'config dependency of pnpm-workspace.yaml';

function packageId(entry: CheckedPackage, style: Style): string {
  const id = style.bold(`${sanitize(entry.name)}@${sanitize(entry.version)}`);
  const notes = [entry.configDependency === true ? CONFIG_DEPENDENCY : null, describeChange(entry)].filter((note) => note !== null);
  return notes.length > 0 ? `${id} (${notes.join('; ')})` : id;
}

/** `was 1.2.3`, `new`, `same version, new source`: only when a change was checked. */
export function describeChange(entry: Pick<CheckedPackage, 'change'>): string | null {
  const change = entry.change;
  if (!change) return null;
  if (change.kind === 'added') return 'new';
  if (change.kind === 'source') return 'same version, new resolved URL or integrity';
  return change.from.length > 0 ? `was ${change.from.map(sanitize).join(', ')}` : 'new version';
}

function baseLine(base: NonNullable<CheckReport['base']>): string {
  const files = base.lockfiles.map((lockfile) => {
    const what = lockfile.status === 'modified' ? `${lockfile.changed} new or changed, ${lockfile.removed} removed` : lockfile.status;
    return `${printable(lockfile.path)} ${lockfile.status === 'modified' ? `(${what})` : what}`;
  });
  return `Only the changes since ${printable(base.label)}: ${files.join('; ')}.`;
}

/** A package that an exception let through: what was set aside, and on whose word. */
function exceptedLines(entry: CheckedPackage, now: Instant, style: Style): string[] {
  const exceptions = [...new Set(entry.excepted.map(({ exception }) => exception))];
  return [
    `${style.cyan('EXCEPT')} ${packageId(entry, style)}  set aside ${describeExcepted(entry.excepted, now)}`,
    ...exceptions.map((exception) => `${REMEDY_INDENT}by ${describeException(exception, now)}`),
  ];
}

function gapLine(gap: DataGap, style: Style): string {
  const { label, text } = describeGap(gap);
  return `${label === 'NOTE' ? style.dim('NOTE') : style.yellow('UNKNOWN')}  ${text}`;
}

/** What the run could not know (a registry without publisher data, ...): `check` prints them, the Action's summary and comment carry them. */
export function noticeLines(report: Pick<CheckReport, 'dataGaps'>, style: Style): string[] {
  return report.dataGaps.map((gap) => gapLine(gap, style));
}

export interface CheckTextOptions {
  /** Every blocked package on its own line, not one line per root cause. */
  verbose?: boolean;
}

export function formatCheckText(report: CheckReport, style: Style, options: CheckTextOptions = {}): string {
  const verbose = options.verbose === true;
  const counts = summaryCounts(report.packages);
  const checked = report.lockfiles.map((lockfile) => `${printable(lockfile.path)} (${lockfile.packageManager} lockfile v${printable(lockfile.formatVersion)})`).join(', ');
  const lines = [
    style.dim(`Checked ${checked} as of ${isoMinute(report.now)}, policy ${printable(report.policySource)}, window ${formatDuration(report.minReleaseAge)}.`),
  ];
  if (report.base) lines.push(style.dim(baseLine(report.base)));
  const several = report.lockfiles.length > 1;
  const causes = rootCauses(report.packages);
  const warned = report.packages.filter((entry) => entry.verdict === 'warn').sort(bySeverity);
  if (causes.length + warned.length > 0) {
    lines.push(
      '',
      ...causes.flatMap(({ entry, members }) => causeLines(entry, members, report.now, style, several, verbose)),
      ...warned.flatMap((entry) => packageLines(entry, report.now, style, several)),
    );
  }
  const perDirect = directSummary(report.packages);
  if (perDirect.length > 0) lines.push('', 'Blocked packages by direct dependency:', ...perDirect);
  const excepted = report.packages.filter((entry) => entry.excepted.length > 0);
  if (excepted.length > 0) lines.push('', ...excepted.flatMap((entry) => exceptedLines(entry, report.now, style)));
  // The status line is a string (or null): spread, it would print one character per line.
  const attention = report.exceptions.flatMap((status) => [exceptionStatusLine(status, report.now, style) ?? [], exceptionLimitLines(status, style)].flat());
  if (attention.length > 0) lines.push('', ...attention);
  const notices = noticeLines(report, style);
  if (notices.length > 0) lines.push('', ...notices);
  const verdict = counts.blocked > 0 ? style.red(`${counts.blocked} blocked`) : `${counts.blocked} blocked`;
  const exceptedNote = counts.excepted > 0 ? ` (${counts.excepted} through an exception)` : '';
  lines.push('', `${counts.packages} package${counts.packages === 1 ? '' : 's'}: ${counts.allowed} allowed${exceptedNote}, ${counts.warned} warned, ${verdict}.`);
  return `${lines.join('\n')}\n`;
}
