/** `backtest` as text: a table per rule and signal, the change-of-hands totals, then every alert. */
import type { BacktestGroup, BacktestReport, HoldStats } from '../model/backtest.js';
import { DAY } from '../model/instant.js';
import type { Duration } from '../model/types.js';
import { describeFinding } from './describe-finding.js';
import { sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { isoDate } from './time.js';

/** `88.5d`, `7d`, `20h`, `-` when there is nothing to show. */
export function formatHold(hold: Duration | null): string {
  if (hold === null) return '-';
  if (hold >= DAY) return `${Number((hold / DAY).toFixed(1))}d`;
  return `${Math.round(hold / 3_600_000)}h`;
}

/** `12 (3.4%)`; two decimals below 1% so small rates do not read as zero. */
export function countWithShare(count: number, total: number): string {
  if (total === 0) return String(count);
  const share = (count / total) * 100;
  return `${count} (${share > 0 && share < 1 ? share.toFixed(2) : share.toFixed(1)}%)`;
}

function holdCells(holds: HoldStats): [string, string] {
  const endless = holds.endless > 0 ? ` +${holds.endless} no end` : '';
  return [formatHold(holds.median), `${formatHold(holds.max)}${endless}`];
}

/** `new-publisher`, `maintainer-change added`; a breakdown row: `  + signal` or `  - discount`. */
export function groupLabel(group: Pick<BacktestGroup, 'rule' | 'signal' | 'part'>): string {
  if (group.part === 'signal') return `  + ${group.signal ?? ''}`;
  if (group.part === 'discount') return `  - ${group.signal ?? ''}`;
  return group.signal === null ? group.rule : `${group.rule} ${group.signal}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()}`);
}

export function formatBacktestText(report: BacktestReport, style: Style): string {
  const lines: string[] = [];
  const lockfiles = report.lockfiles.map((lockfile) => lockfile.path).join(', ');
  lines.push(style.bold(`Backtest of ${report.packages} package${report.packages === 1 ? '' : 's'} (${lockfiles}), policy ${report.policySource}`));
  lines.push(
    `${report.releases} release${report.releases === 1 ? '' : 's'} published ${isoDate(report.since)} .. ${isoDate(report.until)}, ` +
      `each judged ${formatHold(report.delay)} after it was published with the registry's history as it was then.`,
  );
  lines.push('');
  const total = report.releases;
  const rows: string[][] = [['rule / signal', 'blocked', 'warned', 'median hold', 'max hold']];
  for (const group of report.groups) {
    rows.push([groupLabel(group), countWithShare(group.blocked, total), countWithShare(group.warned, total), ...holdCells(group.holds)]);
  }
  rows.push(['any rule', countWithShare(report.blocked, total), countWithShare(report.warned, total), ...holdCells(report.holds)]);
  rows.push(['change of hands', countWithShare(report.changeOfHandsBlocked, total), countWithShare(report.changeOfHandsWarned, total), '', '']);
  lines.push(...table(rows));
  lines.push(style.dim('  Holds run from the publish time to the day the release would have passed. "warned" counts releases not blocked by that rule.'));
  if (report.groups.some((group) => group.part !== 'finding')) {
    lines.push(style.dim('  "+ signal" and "- discount" rows break the rule above them down: a release counts under each signal or discount its finding carried.'));
  }

  lines.push('');
  if (report.alerts.length === 0) {
    lines.push('No change-of-hands alert.');
  } else {
    lines.push(style.bold(`Change-of-hands alerts (${report.alerts.length}):`));
    for (const alert of report.alerts) {
      const label = alert.severity === 'block' ? style.red('BLOCK') : style.yellow('WARN ');
      const finding = alert.finding;
      lines.push(`  ${label} ${sanitize(alert.name)}@${sanitize(alert.version)}  ${isoDate(alert.publishedAt)}  ${finding.rule}: ${describeFinding(finding, alert.judgedAt)}`);
    }
  }
  if (report.notFound.length > 0) lines.push('', `Not in the registry (nothing to replay): ${report.notFound.map(sanitize).join(', ')}`);
  if (report.untimed > 0) {
    const one = report.untimed === 1;
    lines.push('', `${report.untimed} version${one ? '' : 's'} without a publish time ${one ? 'was' : 'were'} not replayed.`);
  }
  return `${lines.join('\n')}\n`;
}
