/** JSON shapes for the policy's part in a verdict: remedies, exceptions and overrides. */
import type { PolicyException } from '../model/policy.js';
import type { ExceptionStatus, PlanStep, Remedy } from '../model/report.js';
import type { ExceptedFinding, Instant, PackageVerdict } from '../model/types.js';
import { findingToJson, type JsonValue } from './json-values.js';
import { printable, sanitize } from './sanitize.js';
import { shellCommand } from './shell-quote.js';
import { isoTime } from './time.js';

type JsonObject = { [key: string]: JsonValue };

export function remedyToJson(remedy: Remedy): JsonObject {
  switch (remedy.kind) {
    case 'install':
      return {
        kind: remedy.kind,
        packageManager: remedy.packageManager,
        command: shellCommand(remedy.args),
        version: sanitize(remedy.version),
        fit: remedy.fit,
        ...(remedy.configDependency === true ? { file: 'pnpm-workspace.yaml', field: 'configDependencies' } : {}),
      };
    case 'override':
      return { kind: remedy.kind, packageManager: remedy.packageManager, file: 'package.json', field: remedy.field, name: sanitize(remedy.name), version: sanitize(remedy.version), fit: remedy.fit };
    case 'relock':
      return { kind: remedy.kind, packageManager: remedy.packageManager, command: shellCommand(remedy.args) };
    case 'exception':
      return { kind: remedy.kind, command: shellCommand(remedy.args), rules: remedy.rules, expires: remedy.expires };
  }
}

/** One package's part in the remedy plan (PlanStep), as `check --json` and `why --json` show it. */
export function planStepToJson(step: PlanStep | null): JsonValue {
  if (step === null) return null;
  return {
    cause: sanitize(step.cause),
    role: step.role,
    target: step.target === null ? null : sanitize(step.target),
    fit: step.fit,
    ranges: step.ranges.map(sanitize),
    rangesKnown: step.rangesKnown,
    heldDependents: step.heldDependents.map((d) => ({ name: sanitize(d.name), version: sanitize(d.version), target: sanitize(d.target) })),
    members: step.members.map(sanitize),
    via: step.via.map(sanitize),
  };
}

export function exceptionToJson(exception: PolicyException): JsonObject {
  return {
    source: printable(exception.source),
    package: sanitize(exception.package),
    rules: exception.rules,
    reason: printable(exception.reason),
    expires: printable(exception.expires),
    expiresAt: isoTime(exception.expiresAt),
    ticket: exception.ticket === null ? null : printable(exception.ticket),
  };
}

function exceptedToJson(excepted: ExceptedFinding, now: Instant): JsonObject {
  return { ...findingToJson(excepted.finding, now), exception: printable(excepted.exception.source) };
}

/** The policy fields every package entry carries in `check --json` and `why --json`. */
export function policyFieldsToJson(verdict: PackageVerdict, now: Instant): JsonObject {
  return {
    excepted: verdict.excepted.map((entry) => exceptedToJson(entry, now)),
    exceptions: verdict.exceptions.map((exception) => printable(exception.source)),
    expiredExceptions: verdict.expiredExceptions.map((exception) => printable(exception.source)),
    overrides: verdict.overrides.map((override) => printable(override.source)),
  };
}

export function exceptionStatusToJson(status: ExceptionStatus): JsonObject {
  return {
    ...exceptionToJson(status.exception),
    state: status.state,
    matched: status.matched.map(sanitize),
    applied: status.applied.map(sanitize),
    limits: status.limits,
  };
}
