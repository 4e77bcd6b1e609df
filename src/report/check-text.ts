/** `check` as text: one line per blocked or warned package, then the gaps, then a summary. */
import { formatDuration } from '../model/duration.js';
import type { CheckReport, CheckedPackage, DataGap, Suggestion } from '../model/report.js';
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

export function describeSuggestion(suggestion: Suggestion | null): string | null {
  if (!suggestion) return null;
  if (suggestion.inRange) return `newest allowed: ${sanitize(suggestion.inRange)}`;
  if (suggestion.anyRange) return `nothing passes within the requested range; newest allowed outside it: ${sanitize(suggestion.anyRange)}`;
  return 'no version of this package passes today';
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
    entry.verdict === 'block' ? describeSuggestion(entry.suggestion) : null,
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

function packageId(entry: CheckedPackage, style: Style): string {
  const id = style.bold(`${sanitize(entry.name)}@${sanitize(entry.version)}`);
  const change = describeChange(entry);
  return change ? `${id} (${change})` : id;
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

export function formatCheckText(report: CheckReport, style: Style): string {
  const counts = summaryCounts(report.packages);
  const checked = report.lockfiles.map((lockfile) => `${printable(lockfile.path)} (${lockfile.packageManager} lockfile v${printable(lockfile.formatVersion)})`).join(', ');
  const lines = [
    style.dim(`Checked ${checked} as of ${isoMinute(report.now)}, policy ${printable(report.policySource)}, window ${formatDuration(report.minReleaseAge)}.`),
  ];
  if (report.base) lines.push(style.dim(baseLine(report.base)));
  const flagged = report.packages.filter((entry) => entry.verdict !== 'allow').sort(bySeverity);
  const several = report.lockfiles.length > 1;
  if (flagged.length > 0) lines.push('', ...flagged.flatMap((entry) => packageLines(entry, report.now, style, several)));
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
