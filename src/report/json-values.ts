/** Shared JSON shaping: instants become ISO strings, durations become `7d`, strings are sanitized. */
import { formatDuration } from '../model/duration.js';
import type { ChangeOfHandsAssessment, Finding, Instant } from '../model/types.js';
import { describeFinding, describeNewPublisher } from './describe-finding.js';
import { printable } from './sanitize.js';
import { isoTime } from './time.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isoOrNull(instant: Instant | null): string | null {
  return instant === null ? null : isoTime(instant);
}

const DURATION_KEYS = new Set(['minReleaseAge', 'window', 'silence', 'hold']);
/** Instants in nested evidence (change-of-hands signals and discounts). */
const INSTANT_KEYS = new Set(['since']);

/** `{rule, severity, message, eligibleAt, ...evidence}` with every instant as ISO. */
export function findingToJson(finding: Finding, now: Instant): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {
    rule: finding.rule,
    severity: finding.severity,
    message: describeFinding(finding, now),
  };
  for (const [key, value] of Object.entries(finding)) {
    if (key === 'rule' || key === 'severity') continue;
    out[key] = memberToJson(key, value);
  }
  return out;
}

/** A quiet change-of-hands judgement (`why`), shaped like a finding, severity `off`. */
export function changeOfHandsToJson(assessment: ChangeOfHandsAssessment, now: Instant): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = { rule: assessment.rule, severity: assessment.severity, message: describeNewPublisher(assessment, now) };
  for (const [key, value] of Object.entries(assessment)) {
    if (key !== 'rule' && key !== 'severity') out[key] = memberToJson(key, value);
  }
  return out;
}

/** Durations as `7d`, instants (`...At`, `since`) as ISO, everything else as is. */
function memberToJson(key: string, value: unknown): JsonValue {
  if (DURATION_KEYS.has(key) && typeof value === 'number') return formatDuration(value);
  if (key.endsWith('At') || INSTANT_KEYS.has(key)) return typeof value === 'number' ? isoTime(value) : null;
  return toJsonValue(value);
}

function toJsonValue(value: unknown): JsonValue {
  if (typeof value === 'string') return printable(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, memberToJson(k, v)]));
  }
  return null;
}
