/** `why` as text: history first (who publishes, who owns), then each version's verdict and paths. */
import { formatDuration } from '../model/duration.js';
import type { WhyRange, WhyReport, WhyVersion } from '../model/report.js';
import type { ChangeOfHandsAssessment, Finding, Instant, Verdict } from '../model/types.js';
import { describeEligibility, describeMembers, describePlan } from './check-text.js';
import { describeDiscount, describeFinding, describeNewPublisher, describeSignal } from './describe-finding.js';
import { describeException, describeExpired, describeOverride, describeRemedy } from './policy-text.js';
import { printable, sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { isoDate, isoMinute, relative } from './time.js';

const MAX_PATHS_SHOWN = 5;

function verdictLabel(verdict: Verdict, style: Style): string {
  if (verdict === 'block') return style.red('BLOCK');
  if (verdict === 'warn') return style.yellow('WARN');
  return style.green('ALLOW');
}

const names = (list: string[]) => (list.length === 0 ? '-' : list.map(sanitize).join(', '));
const dateOrUnknown = (instant: Instant | null) => (instant === null ? 'unknown date' : isoDate(instant));

const FACT_WORDS: Record<WhyReport['factsNotGiven'][number], string> = {
  times: 'publish times', publishers: 'publishers', accounts: 'account lists', provenance: 'provenance',
};

function historyLines(report: WhyReport): string[] {
  const lines: string[] = [];
  // Provenance is optional for publishers: the trust line of each version says when it is unknown.
  const notGiven = report.factsNotGiven.filter((fact) => fact !== 'provenance');
  if (notGiven.length > 0 && report.registry !== null) {
    lines.push(`Not given by ${printable(report.registry)} for any version: ${notGiven.map((fact) => FACT_WORDS[fact]).join(', ')} (the rules that need them cannot judge this package)`);
  }
  if (report.currentMaintainers) lines.push(`Current maintainers: ${names(report.currentMaintainers)}`);
  if (report.publishers.length > 0) {
    lines.push('Publishers:');
    for (const span of report.publishers) {
      const trusted = span.trusted ? ' (trusted publishing)' : '';
      const count = `${span.versions.length} version${span.versions.length === 1 ? '' : 's'}`;
      lines.push(`  ${sanitize(span.publisher)}${trusted}: first ${dateOrUnknown(span.firstPublishedAt)}, last ${dateOrUnknown(span.lastPublishedAt)}, ${count} (${span.versions.slice(-3).map(sanitize).join(', ')}${span.versions.length > 3 ? ', ...' : ''})`);
    }
  }
  if (report.maintainerChanges.length > 0) {
    lines.push('Maintainer changes:');
    for (const change of report.maintainerChanges) {
      lines.push(`  ${sanitize(change.version)} (${dateOrUnknown(change.at)}): added ${names(change.added)}; removed ${names(change.removed)}`);
    }
  }
  return lines;
}

/** Which change-of-hands signals fired, which were discounted or ignored and why, and when it lapses. */
function findingDetails(finding: Finding | ChangeOfHandsAssessment, now: Instant): string[] {
  const lines: string[] = [];
  if (finding.rule === 'new-publisher') {
    for (const signal of finding.signals) lines.push(`    signal (${signal.points === 2 ? 'strong' : 'weak'}, ${signal.points} point${signal.points === 1 ? '' : 's'}): ${describeSignal(signal, now)}`);
    for (const signal of finding.ignored) lines.push(`    ignored (policy: off): ${describeSignal(signal, now)}`);
    for (const discount of finding.discounts) lines.push(`    discounted: ${describeDiscount(discount)}`);
    if (!finding.graphKnown) lines.push('    not checked: whether the account publishes other packages of this project (no project graph)');
    lines.push(`    score ${finding.score} (4 blocks, 2 warns; a handover counts once)`);
  }
  if (finding.eligibleAt !== null && finding.severity !== 'off') lines.push(`    lapses ${isoMinute(finding.eligibleAt)} (${relative(finding.eligibleAt, now)})`);
  return lines;
}

function versionLines(entry: WhyVersion, report: WhyReport, style: Style): string[] {
  const now = report.now;
  const lines = [`${style.bold(`${sanitize(report.name)}@${sanitize(entry.version)}`)}  ${verdictLabel(entry.verdict, style)}${entry.locked ? '  (locked)' : '  (not in the lockfile)'}`];
  if (entry.source !== 'registry') lines.push(`  source: ${entry.source}`);
  else if (entry.publishedAt !== null) {
    const by = entry.publisher ? ` by ${sanitize(entry.publisher)}` : ' (publisher unknown)';
    const approved = entry.approver ? `, approved by ${sanitize(entry.approver)}` : '';
    lines.push(`  published ${isoMinute(entry.publishedAt)} (${relative(entry.publishedAt, now)})${by}${approved}; window ${formatDuration(report.minReleaseAge)}`);
  }
  if (entry.source === 'registry') {
    const trust = entry.trustedPublisher ? 'trusted publishing'
      : entry.provenance ? 'provenance'
      : entry.provenance === null ? `unknown (${printable(report.registry ?? 'the registry')} gave no provenance or trusted-publishing data for any version)`
      : 'no provenance, not trusted publishing';
    lines.push(`  trust: ${trust}${entry.trustedPublisher && entry.provenance ? ' with provenance' : ''}; install scripts: ${entry.installScripts.length > 0 ? entry.installScripts.join(', ') : 'none'}`);
  }
  for (const override of entry.overrides) lines.push(`  policy: ${describeOverride(override)}`);
  for (const finding of entry.findings) {
    const label = finding.severity === 'block' ? style.red('block') : style.yellow('warn');
    lines.push(`  ${label} ${finding.rule}: ${describeFinding(finding, now)}`);
    lines.push(...findingDetails(finding, now));
  }
  if (entry.quietChangeOfHands) {
    lines.push(`  note new-publisher (no finding: score ${entry.quietChangeOfHands.score}, below 2): ${describeNewPublisher(entry.quietChangeOfHands, now)}`);
    lines.push(...findingDetails(entry.quietChangeOfHands, now));
  }
  for (const { finding } of entry.excepted) lines.push(`  ${style.cyan('excepted')} ${finding.rule}: ${describeFinding(finding, now)}`);
  for (const exception of entry.exceptions) lines.push(`  ${describeException(exception, now)}${entry.excepted.some((e) => e.exception === exception) ? '' : ' (nothing to set aside: no longer needed)'}`);
  for (const exception of entry.expiredExceptions) lines.push(`  ${describeExpired(exception)}`);
  const eligibility = describeEligibility(entry, now);
  if (eligibility) lines.push(`  ${eligibility}`);
  const planned = entry.verdict === 'block' ? describePlan(entry.plan, entry.version) : null;
  if (planned) lines.push(`  ${planned}`);
  const members = entry.plan ? describeMembers(entry.plan, false, '--json lists them all') : null;
  if (members) lines.push(`  ${members}`);
  for (const remedy of entry.remedies) lines.push(`  ${describeRemedy(remedy)}`);
  if (entry.locked) {
    lines.push(`  required as: ${entry.requestedRanges.length > 0 ? entry.requestedRanges.map(sanitize).join(', ') : '(no range recorded)'}`);
    lines.push(`  dependency paths (${entry.pathCount}):`);
    for (const path of entry.paths.slice(0, MAX_PATHS_SHOWN)) lines.push(`    ${path.map(sanitize).join(' > ')}`);
    if (entry.pathCount > MAX_PATHS_SHOWN) lines.push(`    ... and ${entry.pathCount - MAX_PATHS_SHOWN} more (--json lists up to ${entry.paths.length})`);
  }
  return lines;
}

const MAX_LISTED = 10;

/** Versions in a sentence: the first ten, then how many more. */
function versionList(versions: readonly string[]): string {
  const shown = versions.slice(0, MAX_LISTED).map(sanitize).join(', ');
  return versions.length > MAX_LISTED ? `${shown} and ${versions.length - MAX_LISTED} more` : shown;
}

/** `why name@<range>`: which versions the range matches, the newest that passes, and what holds the newer ones. */
function rangeLines(range: WhyRange, report: WhyReport): string[] {
  const asked = `${sanitize(report.name)}@${sanitize(range.range)}`;
  if (range.matching.length === 0) {
    return [`${asked} matches no published version${report.latest ? ` (latest: ${sanitize(report.latest)})` : ''}.`];
  }
  const count = `${range.matching.length} published version${range.matching.length === 1 ? '' : 's'}`;
  const span = range.matching.length === 1 ? sanitize(range.matching[0] as string) : `${sanitize(range.matching.at(-1) as string)} to ${sanitize(range.matching[0] as string)}`;
  const lines = [`${asked} matches ${count} (${span}).`];
  lines.push(`  newest that passes today: ${range.newestPassing === null ? 'none' : sanitize(range.newestPassing)}`);
  const byVersion = new Map(report.versions.map((entry) => [entry.version, entry]));
  for (const version of range.blocked.slice(0, MAX_LISTED)) {
    const rules = [...new Set(byVersion.get(version)?.findings.filter((finding) => finding.severity === 'block').map((finding) => finding.rule) ?? [])];
    lines.push(`  blocked: ${sanitize(version)}${rules.length > 0 ? ` (${rules.join(', ')})` : ''}`);
  }
  if (range.blocked.length > MAX_LISTED) lines.push(`  blocked: ${range.blocked.length - MAX_LISTED} more, older (--json lists them)`);
  if (range.deprecated.length > 0) lines.push(`  deprecated, so not suggested: ${versionList(range.deprecated)}`);
  if (range.blocked.length > 0) lines.push('  each blocked version and the newest passing one are explained below');
  return lines;
}

export function formatWhyText(report: WhyReport, style: Style): string {
  const header = `${style.bold(sanitize(report.name))}  as of ${isoMinute(report.now)}, policy ${printable(report.policySource)}, registry ${report.registry === null ? '(none: not a registry package)' : printable(report.registry)}`;
  const lines = [header];
  if (report.notFound) lines.push(`The registry does not know ${sanitize(report.name)}.`);
  const history = historyLines(report);
  if (history.length > 0) lines.push('', ...history);
  if (report.distTag) {
    const { tag, version } = report.distTag;
    lines.push('', `${sanitize(report.name)}@${sanitize(tag)} is ${sanitize(version)} (the dist-tag "${sanitize(tag)}" on ${printable(report.registry ?? 'the registry')} points to it today); explained below.`);
  }
  if (report.range && !report.notFound) lines.push('', ...rangeLines(report.range, report));
  else if (report.versions.length === 0 && !report.notFound) lines.push('', 'No matching version.');
  for (const entry of report.versions) lines.push('', ...versionLines(entry, report, style));
  if (!report.notFound && report.registry !== null) {
    const scope = report.range
      ? `within ${sanitize(report.range.range)}`
      : report.versions.some((entry) => entry.locked)
        ? 'within the ranges its dependents ask for'
        : 'of any version';
    lines.push('', `Newest version that passes today ${scope}: ${report.newestAllowed === null ? 'none' : sanitize(report.newestAllowed)}${report.latest ? ` (latest: ${sanitize(report.latest)})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
