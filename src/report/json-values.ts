/** Shared JSON shaping: instants become ISO strings, durations become `7d`, strings are sanitized. */
import { formatDuration } from '../model/duration.js';
import type { Finding, Instant } from '../model/types.js';
import { describeFinding } from './describe-finding.js';
import { printable } from './sanitize.js';
import { isoTime } from './time.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isoOrNull(instant: Instant | null): string | null {
  return instant === null ? null : isoTime(instant);
}

const DURATION_KEYS = new Set(['minReleaseAge', 'window']);

/** `{rule, severity, message, eligibleAt, ...evidence}` with every instant as ISO. */
export function findingToJson(finding: Finding, now: Instant): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {
    rule: finding.rule,
    severity: finding.severity,
    message: describeFinding(finding, now),
  };
  for (const [key, value] of Object.entries(finding)) {
    if (key === 'rule' || key === 'severity') continue;
    if (DURATION_KEYS.has(key) && typeof value === 'number') out[key] = formatDuration(value);
    else if (key.endsWith('At')) out[key] = typeof value === 'number' ? isoTime(value) : null;
    else out[key] = toJsonValue(value);
  }
  return out;
}

function toJsonValue(value: unknown): JsonValue {
  if (typeof value === 'string') return printable(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return null;
}
