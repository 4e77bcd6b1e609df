/** `quarantine fix` as text and JSON: the plan per blocked package, what changed, what is still blocked. */
import { formatDuration } from '../model/duration.js';
import { isBlocked, type CheckedPackage, type CheckReport } from '../model/report.js';
import type { FixResult as FixResultView } from '../model/fix.js';
import type { JsonValue } from './json-values.js';
import { describeFinding } from './describe-finding.js';
import { printable, sanitize } from './sanitize.js';
import { shellCommand } from './shell-quote.js';
import type { Style } from './style.js';
import { isoMinute } from './time.js';

export const FIX_SCHEMA_VERSION = 1;

const id = (pkg: Pick<CheckedPackage, 'name' | 'version'>) => `${sanitize(pkg.name)}@${sanitize(pkg.version)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function reasons(pkg: CheckedPackage, now: number): string {
  return pkg.findings.filter((finding) => finding.severity === 'block').map((finding) => `${finding.rule}: ${describeFinding(finding, now)}`).join('; ');
}

function planLine(entry: FixResultView['entries'][number], now: number, style: Style): string {
  const { pkg, treatment } = entry;
  switch (treatment.kind) {
    case 'relock':
      return `${style.green('MOVE  ')}  ${style.bold(id(pkg))} -> ${sanitize(treatment.target)} expected (the newest version old enough within the requested ranges)`;
    case 'review':
      return `${style.red('REVIEW')}  ${style.bold(id(pkg))}  ${reasons(pkg, now)} -> a change of hands is not fixed by moving versions: review the release, then \`quarantine allow\` it or pin an earlier version yourself`;
    case 'no-version-in-range':
      return `${style.red('CANNOT')}  ${style.bold(id(pkg))}  nothing old enough satisfies the requested ranges${treatment.outside ? `; newest allowed outside them: ${sanitize(treatment.outside)} (pin it yourself if the jump is acceptable)` : '; no version passes today'}`;
    case 'not-age':
      return `${style.red('OTHER ')}  ${style.bold(id(pkg))}  ${reasons(pkg, now)} -> not an age block: see \`quarantine why ${sanitize(pkg.name)}\``;
    case 'config-dependency':
      return `${style.red('PIN   ')}  ${style.bold(id(pkg))}  ${reasons(pkg, now)} -> a config dependency of pnpm-workspace.yaml: \`fix\` does not move it (pnpm installs exactly the pinned version); ${
        treatment.target === null
          ? 'no version passes today: review the release, then `quarantine allow` it'
          : `pin one that passes with ${shellCommand(['pnpm', 'add', '--config', `${pkg.name}@${treatment.target}`])}, or review the release and \`quarantine allow\` it`
      }`;
  }
}

function stillBlocked(report: CheckReport): CheckedPackage[] {
  return report.packages.filter((pkg) => pkg.verdict === 'block');
}

export function formatFixText(result: FixResultView, style: Style): string {
  const { before } = result;
  const lines = [
    style.dim(`Fixing ${printable(result.lockfile)} (${result.packageManager}) as of ${isoMinute(before.now)}, policy ${printable(before.policySource)}, window ${formatDuration(before.minReleaseAge)}.`),
  ];
  if (result.entries.length === 0) {
    lines.push('', 'Nothing is blocked: nothing to fix.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', ...result.entries.map((entry) => planLine(entry, before.now, style)));
  if (result.command === null) {
    lines.push('', 'Nothing here can be fixed by resolving again: the lockfile is unchanged.');
  } else if (result.dryRun) {
    lines.push('', `Would run: ${printable(result.command)}`, style.dim(`(lockfile only, no scripts; ${printable(result.ageSetting ?? 'no age setting')})`), '--dry-run: nothing was changed.');
  } else {
    lines.push('', style.dim(`Ran: ${printable(result.command)} (lockfile only, no scripts; ${printable(result.ageSetting ?? 'no age setting')})`));
    lines.push('', result.changes.length === 0 ? 'Changed: nothing.' : 'Changed:');
    for (const change of result.changes) {
      const from = change.from.length > 0 ? change.from.map(sanitize).join(', ') : '(new)';
      const to = change.to.length > 0 ? change.to.map(sanitize).join(', ') : '(removed)';
      lines.push(`  ${sanitize(change.name)}: ${from} -> ${to}`);
    }
  }
  const final = result.after ?? before;
  const blocked = stillBlocked(final);
  lines.push('');
  if (blocked.length === 0) lines.push(style.green('Nothing is blocked now.'));
  else lines.push(`${style.red(`Still blocked: ${plural(blocked.length, 'package')}`)}: ${blocked.map(id).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

export function fixResultToJson(result: FixResultView): { [key: string]: JsonValue } {
  const final = result.after ?? result.before;
  return {
    schemaVersion: FIX_SCHEMA_VERSION,
    lockfile: result.lockfile,
    packageManager: result.packageManager,
    dryRun: result.dryRun,
    command: result.command,
    ageSetting: result.ageSetting,
    plan: result.entries.map(({ pkg, treatment }) => ({
      name: pkg.name,
      version: pkg.version,
      action: treatment.kind,
      ...(treatment.kind === 'relock' ? { target: treatment.target } : {}),
      ...(treatment.kind === 'review' || treatment.kind === 'not-age' || treatment.kind === 'config-dependency' ? { rules: treatment.rules } : {}),
      ...(treatment.kind === 'config-dependency' ? { pin: treatment.target } : {}),
      ...(treatment.kind === 'no-version-in-range' ? { outsideRange: treatment.outside } : {}),
    })),
    changes: result.changes.map((change) => ({ name: change.name, from: change.from, to: change.to })),
    blocked: stillBlocked(final).map((pkg) => ({ name: pkg.name, version: pkg.version, rules: [...new Set(pkg.findings.filter((f) => f.severity === 'block').map((f) => f.rule))] })),
    ok: !isBlocked(final),
  };
}
