/**
 * `check` as GitHub Markdown: the job summary (every evaluated entry) and the pull request
 * comment (what blocks or warns). Every string from the registry or a lockfile goes through
 * markdownCode (markdown-escape.ts); everything else here is our own text.
 */
import { formatDuration } from '../model/duration.js';
import type { CheckReport, CheckedPackage, GateChange } from '../model/report.js';
import { DAY } from '../model/instant.js';
import type { Instant } from '../model/types.js';
import { describeGap } from './describe-gap.js';
import { describeFinding } from './describe-finding.js';
import { gateChangeLines } from './gate-change.js';
import { markdownCode } from './markdown-escape.js';
import { describeExcepted, describeException, exceptionLimitLines, exceptionStatusLine } from './policy-text.js';
import { createStyle } from './style.js';
import { fixLines, planCell } from './markdown-plan.js';
import { bySeverity, summaryCounts } from './summary.js';
import { isoDate, isoMinute, isoTime } from './time.js';

/** Starts the one comment the Action keeps per pull request; found again by it. */
export const COMMENT_MARKER = '<!-- release-quarantine -->';

/** GitHub re-runs a workflow run only up to 30 days after its first attempt. */
export const RERUN_WINDOW = 30 * DAY;

/**
 * Second hidden line of a comment whose every block lapses with time: the instant the last one
 * does. A scheduled run reads it to re-run the pull request's failed check once it has passed
 * (src/action/recheck.ts). Absent when some block never lapses by itself.
 */
const RECHECK_PREFIX = '<!-- release-quarantine:recheck-after=';
const RECHECK_LINE = /^<!-- release-quarantine:recheck-after=(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z) -->$/m;

/**
 * GitHub refuses a step summary over 1 MiB. The table and the reasons share this budget (the
 * rest of the summary is a few lines, plus the scheduled re-check's one row per open pull
 * request); whatever does not fit is named and left to the JSON report. About 10,000 rows fit.
 */
export const SUMMARY_BYTES = 900_000;
const COMMENT_ROWS = 50;
/** Packages let through by exceptions listed with their exception; the rest are counted. */
const EXCEPTION_ROWS = 100;

export interface MarkdownOptions {
  /** Lines about this run (event, base, mode), our own text; shown under the heading. */
  notes?: readonly string[];
  /** Link to the job summary, for the comment. */
  runUrl?: string | undefined;
  /** What the pull request changes in the gate itself (policy, registry configuration). */
  gateChange?: GateChange | undefined;
}

const VERDICT_LABEL = { block: '⛔ block', warn: '⚠️ warn', allow: '✅ allow' } as const;
/** An entry that passes only because an exception set findings aside: not a plain "allow". */
const EXCEPTION_LABEL = '☑️ exception';

const isExcepted = (entry: CheckedPackage): boolean => entry.excepted.length > 0;

function verdictCell(entry: CheckedPackage): string {
  return entry.verdict === 'allow' && isExcepted(entry) ? EXCEPTION_LABEL : VERDICT_LABEL[entry.verdict];
}

/** The rules that found something, then those an exception set aside, marked so. */
function rulesCell(entry: CheckedPackage): string {
  const rules = [...new Set(entry.findings.map((finding) => finding.rule))];
  const excepted = [...new Set(entry.excepted.map(({ finding }) => finding.rule))].map((rule) => `${rule} (excepted)`);
  return [...rules, ...excepted].join(', ');
}

/** Most severe first; among the allowed, those an exception let through before the rest. */
function byAttention(a: CheckedPackage, b: CheckedPackage): number {
  const rank = (entry: CheckedPackage) => (entry.verdict === 'allow' && isExcepted(entry) ? 0 : 1);
  return a.verdict === 'allow' && b.verdict === 'allow' ? rank(a) - rank(b) || bySeverity(a, b) : bySeverity(a, b);
}

function changeCell(entry: CheckedPackage): string {
  const version = markdownCode(entry.version, { table: true });
  const change = entry.change;
  if (!change) return version;
  if (change.kind === 'added') return `new ${version}`;
  if (change.kind === 'source') return `${version} (new source)`;
  const from = change.from.map((old) => markdownCode(old, { table: true })).join(', ');
  return `${from} → ${version}`;
}

function eligibleCell(entry: CheckedPackage): string {
  if (entry.verdict !== 'block') return '';
  return entry.eligibleAt === null ? 'never by itself' : isoDate(entry.eligibleAt);
}

function row(entry: CheckedPackage): string {
  const cells = [`${markdownCode(entry.name, { table: true })}${entry.configDependency === true ? ' (config dependency of pnpm-workspace.yaml)' : ''}`, changeCell(entry), verdictCell(entry), rulesCell(entry), eligibleCell(entry), planCell(entry)];
  return `| ${cells.join(' | ')} |`;
}

/** The leading lines whose UTF-8 size (with newlines) stays within `bytes`. */
function within(lines: readonly string[], bytes: number): string[] {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    used += Buffer.byteLength(line) + 1;
    if (used > bytes) break;
    count++;
  }
  return lines.slice(0, count);
}

interface Limit {
  rows?: number;
  bytes?: number;
}

/** The table of entries, most severe first, within the limit; then a line saying how many more. */
export function packageTable(packages: readonly CheckedPackage[], limit: Limit, more: string): string[] {
  const header = ['| package | version | verdict | rule | eligible on | newest allowed |', '|---|---|---|---|---|---|'];
  const rows = within([...packages].sort(byAttention).slice(0, limit.rows).map(row), limit.bytes ?? Infinity);
  const lines = [...header, ...rows];
  if (rows.length < packages.length) lines.push('', `…and ${packages.length - rows.length} more ${more}.`);
  return lines;
}

/** One line per finding of a blocked or warned entry, within the limit: why, in the reporters' words, inside code spans. */
function reasonLines(packages: readonly CheckedPackage[], report: CheckReport, limit: Limit): string[] {
  const flagged = packages.filter((entry) => entry.verdict !== 'allow').sort(bySeverity).slice(0, limit.rows);
  const lines = flagged.flatMap((entry) =>
    entry.findings.map((finding) => `- ${markdownCode(`${entry.name}@${entry.version}`)} ${finding.rule}: ${markdownCode(describeFinding(finding, report.now))}`),
  );
  const kept = within(lines, limit.bytes ?? Infinity);
  return kept.length < lines.length ? [...kept, '', `…and ${lines.length - kept.length} more reasons in the JSON report (output \`report\`).`] : kept;
}

/**
 * The packages exceptions let through, each with what was set aside and the exception's
 * reason and expiry (the words `check` prints), then the exceptions that need a person
 * (expired, no longer needed, matching nothing, breaking the policy's limits).
 */
function exceptionLines(packages: readonly CheckedPackage[], report: CheckReport): string[] {
  const excepted = packages.filter(isExcepted).sort(bySeverity);
  const lines = excepted.slice(0, EXCEPTION_ROWS).flatMap((entry) => [
    `- ${markdownCode(`${entry.name}@${entry.version}`)} set aside ${markdownCode(describeExcepted(entry.excepted, report.now))}`,
    ...[...new Set(entry.excepted.map(({ exception }) => exception))].map((exception) => `  - by ${markdownCode(describeException(exception, report.now))}`),
  ]);
  if (excepted.length > EXCEPTION_ROWS) lines.push(`- …and ${excepted.length - EXCEPTION_ROWS} more let through by exceptions, in the JSON report (output \`report\`).`);
  const plain = createStyle(false);
  const attention = report.exceptions.flatMap((status) => [exceptionStatusLine(status, report.now, plain) ?? [], exceptionLimitLines(status, plain)].flat());
  return [...lines, ...attention.map((line) => `- ${markdownCode(line)}`)];
}

/** What each registry did not tell (publishers, account lists, ...), once per registry, in the words `check` prints. */
function noticeMarkdown(report: CheckReport): string[] {
  return report.dataGaps.map((gap) => {
    const { label, text } = describeGap(gap);
    return `- ${label}: ${markdownCode(text)}`;
  });
}

const NOTICES_HEADING = 'What the registries did not tell';

/** A `### heading`, the lines and a blank line, when there are any lines. */
function section(heading: string, lines: readonly string[]): string[] {
  return lines.length > 0 ? [`### ${heading}`, '', ...lines, ''] : [];
}

function countsLine(report: CheckReport): string {
  const counts = summaryCounts(report.packages);
  const scope = report.base ? 'new or changed' : 'locked';
  return `${counts.packages} ${scope} package${counts.packages === 1 ? '' : 's'} evaluated: **${counts.blocked} blocked**, ${counts.warned} warned, ${counts.allowed} allowed.`;
}

function contextLines(report: CheckReport, options: MarkdownOptions): string[] {
  return [
    `As of ${isoMinute(report.now)}, policy ${markdownCode(report.policySource)}, quarantine window ${formatDuration(report.minReleaseAge)}.`,
    ...(options.notes ?? []),
    ...spaced(gateChangeLines(options.gateChange)),
  ];
}

/** A blank line before `lines`, when there are any. */
function spaced(lines: readonly string[]): string[] {
  return lines.length > 0 ? ['', ...lines] : [];
}

/** When every block lapses by itself: the instant the last one does; otherwise null. */
export function recheckAfter(report: CheckReport): Instant | null {
  const blocks = report.packages.filter((entry) => entry.verdict === 'block');
  if (blocks.length === 0 || blocks.some((entry) => entry.eligibleAt === null)) return null;
  return Math.max(...blocks.map((entry) => entry.eligibleAt ?? 0));
}

/** The hidden recheck line of a comment body, as an instant; null when absent or malformed. */
export function readRecheckAfter(body: string): Instant | null {
  const match = RECHECK_LINE.exec(body);
  if (!match?.[1]) return null;
  const instant = Date.parse(match[1]);
  return Number.isFinite(instant) ? instant : null;
}

/** Why an age block turns green by itself, and how to get there. */
export function ageBlockAdvice(report: CheckReport): string[] {
  const recheck = recheckAfter(report);
  if (recheck !== null) {
    const first = `Every block here lapses by itself: re-run this check on or after ${isoDate(recheck)} and it passes if nothing else changed.`;
    const rerunnable = recheck - report.now < RERUN_WINDOW;
    return [
      rerunnable
        ? `${first} If this workflow also runs on a \`schedule\` (with \`actions: write\`), its first scheduled run after that date re-runs this check for you.`
        : `${first} That is more than 30 days after this run, and GitHub re-runs only newer runs: push a commit (or close and reopen the pull request) after that date.`,
    ];
  }
  const byTime = report.packages.filter((entry) => entry.verdict === 'block' && entry.eligibleAt !== null);
  if (byTime.length === 0) return [];
  const latest = Math.max(...byTime.map((entry) => entry.eligibleAt ?? 0));
  return [
    `Blocks with an "eligible on" date lapse by themselves (the last on ${isoDate(latest)}); the others need a different version or an exception, ` +
      'so time alone does not turn this check green and no scheduled run re-runs it.',
  ];
}

export function formatSummaryMarkdown(report: CheckReport, options: MarkdownOptions = {}): string {
  const counts = summaryCounts(report.packages);
  const lines = ['## release-quarantine', '', ...contextLines(report, options), '', countsLine(report), ''];
  // The reasons are computed first and keep at most half the budget: a blocked package's "why"
  // matters more than the rows of allowed packages at the end of the table.
  const reasons = reasonLines(report.packages, report, { bytes: SUMMARY_BYTES / 2 });
  const tableBytes = SUMMARY_BYTES - reasons.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  // A full run (no change to compare: a schedule, a push without a diff, `mode: all`) lists what
  // needs a look; the hundreds of plainly allowed packages are a count.
  const listed = report.base ? report.packages : report.packages.filter((entry) => entry.verdict !== 'allow' || isExcepted(entry));
  if (listed.length > 0) lines.push(...packageTable(listed, { bytes: tableBytes }, 'in the JSON report (output `report`)'), '');
  const collapsed = report.packages.length - listed.length;
  if (collapsed > 0) {
    lines.push(`${listed.length > 0 ? 'Not listed: ' : ''}${collapsed} allowed package${collapsed === 1 ? '' : 's'} that no rule flagged and no exception let through (every locked package was evaluated; the JSON report, output \`report\`, lists them).`, '');
  }
  if (reasons.length > 0) lines.push('### Why', '', ...reasons, '');
  lines.push(...section('Exceptions', exceptionLines(report.packages, report)));
  const fixes = fixLines(report, COMMENT_ROWS);
  if (fixes.length > 0) lines.push(...fixes, '');
  if (counts.blocked > 0) lines.push(...ageBlockAdvice(report), '');
  lines.push(...section(NOTICES_HEADING, noticeMarkdown(report)));
  return `${lines.join('\n')}\n`;
}

export function formatCommentMarkdown(report: CheckReport, options: MarkdownOptions = {}): string {
  const counts = summaryCounts(report.packages);
  const flagged = report.packages.filter((entry) => entry.verdict !== 'allow');
  const summary = options.runUrl ? `[job summary](${options.runUrl})` : 'job summary';
  const recheck = recheckAfter(report);
  const lines = [
    COMMENT_MARKER,
    ...(recheck === null ? [] : [`${RECHECK_PREFIX}${isoTime(recheck)} -->`]),
    `### release-quarantine: ${counts.blocked} blocked, ${counts.warned} warned`,
    '',
    `${countsLine(report)} The full table is in the ${summary}.`,
    ...spaced(gateChangeLines(options.gateChange)),
    '',
    ...packageTable(flagged, { rows: COMMENT_ROWS }, 'in the job summary'),
    '',
    ...reasonLines(flagged, report, { rows: COMMENT_ROWS }),
    '',
    ...fixLines(report, COMMENT_ROWS).flatMap((line, index, all) => (index === all.length - 1 ? [line, ''] : [line])),
    ...section('Let through by exceptions', exceptionLines(report.packages, report)),
    ...section(NOTICES_HEADING, noticeMarkdown(report)),
    ...ageBlockAdvice(report),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What the comment becomes once nothing is blocked any more. */
export function formatAllClearComment(report: CheckReport, options: MarkdownOptions = {}): string {
  const counts = summaryCounts(report.packages);
  const summary = options.runUrl ? `[job summary](${options.runUrl})` : 'job summary';
  const warned = counts.warned > 0 ? ` ${counts.warned} warned: see the ${summary}.` : '';
  return `${COMMENT_MARKER}\n### release-quarantine: all clear\n\nNothing in this pull request's dependency changes is blocked any more (checked ${isoMinute(report.now)}).${warned}\n`;
}
