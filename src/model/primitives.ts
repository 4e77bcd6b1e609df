/**
 * The scalar types every other model module builds on. Apart so that types.ts and policy.ts can
 * both use them without importing each other (types.ts re-exports them for everyone else).
 *
 * Instants are milliseconds since the Unix epoch (UTC). Durations are milliseconds.
 */
export type Instant = number;
export type Duration = number;

export type Severity = 'block' | 'warn';
export type RuleSeverity = Severity | 'off';
