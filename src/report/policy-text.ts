/** Prose for the policy's part in a verdict: remedies, exceptions and overrides. */
import { isDateOnly } from '../model/instant.js';
import type { PolicyException, PolicyOverride } from '../model/policy.js';
import type { ExceptionStatus, PlanFit, Remedy } from '../model/report.js';
import type { ExceptedFinding, Instant, PackageManager } from '../model/types.js';
import { describeFinding } from './describe-finding.js';
import { printable, sanitize } from './sanitize.js';
import { shellCommand } from './shell-quote.js';
import type { Style } from './style.js';
import { isoMinute, relative } from './time.js';

const INSTALL_COMMAND: Record<PackageManager, string> = {
  npm: 'npm install',
  pnpm: 'pnpm install',
  'yarn-classic': 'yarn install',
  'yarn-berry': 'yarn install',
  bun: 'bun install',
};

/** `"overrides": { "name": "1.2.3" }`, nesting `pnpm.overrides` as package.json spells it. */
export function overrideEntry(field: string, name: string, version: string): string {
  const inner = `{ ${JSON.stringify(name)}: ${JSON.stringify(version)} }`;
  const [outer, nested] = field.split('.');
  return nested ? `"${outer}": { "${nested}": ${inner} }` : `"${field}": ${inner}`;
}

/** How a fix is introduced: plainly when it stays within the ranges, with a warning when it does not. */
const FIX_LABEL: Record<PlanFit, string> = {
  'in-range': 'fix',
  'outside-range': 'fix outside the requested range (check that its dependents work with it)',
  'crosses-major': 'fix that crosses a major version (outside the requested range; it may break the build)',
};

export function describeRemedy(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'install':
      return remedy.configDependency === true
        ? `${FIX_LABEL[remedy.fit]}: pin the config dependency in pnpm-workspace.yaml (configDependencies; pnpm has no override for it): ${shellCommand(remedy.args)}`
        : `${FIX_LABEL[remedy.fit]}: ${shellCommand(remedy.args)}`;
    case 'override':
      return `${FIX_LABEL[remedy.fit]}: pin ${remedy.fit === 'in-range' ? 'it' : sanitize(remedy.name)} in package.json ${printable(overrideEntry(remedy.field, remedy.name, remedy.version))}, then run ${INSTALL_COMMAND[remedy.packageManager]}`;
    case 'relock':
      return `fix: delete its entries from the lockfile and run ${shellCommand(remedy.args)}, so the URL and integrity the registry published are written again`;
    case 'exception':
      // Cut to maxExceptionDays (remedy.ts): it ends before the version is eligible by itself.
      return remedy.capped
        ? `or, after reviewing the release (capped at the policy's maxExceptionDays; renew it then if it is still blocked): ${shellCommand(remedy.args)}`
        : `or, after reviewing the release: ${shellCommand(remedy.args)}`;
  }
}

/** `through 2026-12-31 (UTC, in 35 days)` for a date, `until <minute> (in 3 hours)` for an instant. */
export function describeExpiry(exception: PolicyException, now: Instant): string {
  const when = relative(exception.expiresAt, now);
  return isDateOnly(exception.expires) ? `through ${exception.expires} (UTC, ${when})` : `until ${isoMinute(exception.expiresAt)} (${when})`;
}

function ruleList(exception: PolicyException): string {
  return exception.rules === null ? 'every rule' : exception.rules.join(', ');
}

/** `left-pad@1.3.0 (quarantine.json: exceptions[0])`. */
function exceptionName(exception: PolicyException): string {
  return `${sanitize(exception.package)} (${printable(exception.source)})`;
}

/** One line about an exception that applies: what it covers, why, until when. */
export function describeException(exception: PolicyException, now: Instant): string {
  const ticket = exception.ticket ? `, ticket ${printable(exception.ticket)}` : '';
  return `exception ${exceptionName(exception)} for ${ruleList(exception)}: "${printable(exception.reason)}", applies ${describeExpiry(exception, now)}${ticket}`;
}

export function describeExcepted(excepted: readonly ExceptedFinding[], now: Instant): string {
  return excepted.map(({ finding }) => `${finding.rule}: ${describeFinding(finding, now)}`).join('; ');
}

export function describeExpired(exception: PolicyException): string {
  const when = isDateOnly(exception.expires) ? `after ${exception.expires}` : `at ${isoMinute(exception.expiresAt)}`;
  return `exception ${exceptionName(exception)} expired ${when} and no longer applies`;
}

export function describeOverride(override: PolicyOverride): string {
  const conditions = [
    override.packages ? `packages ${override.packages.map(sanitize).join(', ')}` : null,
    override.dependencyType ? `${override.dependencyType} dependencies` : null,
    override.registry ? `registry ${printable(override.registry)}` : null,
    override.risk ? `risk ${override.risk.join(' and ')}` : null,
  ].filter((part): part is string => part !== null);
  const rules = Object.keys(override.rules).join(', ') || 'no rules';
  const note = override.description ? ` (${printable(override.description)})` : '';
  return `override ${printable(override.source)}${note}: ${conditions.join(', ')} -> ${rules}`;
}

/** Warnings about an exception in the policy that `allow` would refuse today (decision 0042). */
export function exceptionLimitLines(status: ExceptionStatus, style: Style): string[] {
  const { exception } = status;
  return status.limits.map((limit) =>
    limit === 'catch-all'
      ? `${style.yellow('WARN   ')}  exception ${exceptionName(exception)} matches every package: it lets ${ruleList(exception)} through for the whole project; set that in "rules" instead, or name the packages`
      : `${style.yellow('WARN   ')}  exception ${exceptionName(exception)} runs until ${printable(exception.expires)}, more than maxExceptionDays (${status.maxExceptionDays}) from now: shorten it and renew it when it is due`,
  );
}

/** The lines `check` prints about exceptions that need a person's attention. */
export function exceptionStatusLine(status: ExceptionStatus, now: Instant, style: Style): string | null {
  const { exception } = status;
  switch (status.state) {
    case 'active':
      return null;
    case 'expired':
      return `${style.yellow('EXPIRED')}  ${describeExpired(exception)}: renew it with a new date or remove it`;
    case 'not-needed':
      return `${style.yellow('REMOVE ')}  exception ${exceptionName(exception)} is no longer needed: ${status.matched.map(sanitize).join(', ')} pass${status.matched.length === 1 ? 'es' : ''} without it`;
    case 'unmatched':
      return `${style.yellow('REMOVE ')}  exception ${exceptionName(exception)} matches no locked package (it applies ${describeExpiry(exception, now)})`;
  }
}
