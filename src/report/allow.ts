/** What `quarantine allow` did, as text and as JSON (schemaVersion 1). */
import { JSON_SCHEMA_VERSION } from '../model/constants.js';
import type { Instant } from '../model/types.js';
import type { AllowResult } from '../model/allow.js';
import type { JsonValue } from './json-values.js';
import { exceptionToJson } from './policy-json.js';
import { describeExpiry } from './policy-text.js';
import { printable, sanitize } from './sanitize.js';

const VERB: Record<AllowResult['action'], string> = {
  created: 'Created {file} with an exception',
  added: 'Added an exception to {file}',
  updated: 'Updated the exception in {file}',
};

export function formatAllowText(result: AllowResult, now: Instant): string {
  const { exception } = result;
  const where = result.kind === 'package-json' ? `${printable(result.path)} ("quarantine" key)` : printable(result.path);
  const rules = exception.rules === null ? 'every rule' : exception.rules.join(', ');
  return [
    `${VERB[result.action].replace('{file}', where)}: ${sanitize(exception.package)} for ${rules}, ${describeExpiry(exception, now)}.`,
    'Commit it so reviewers see the reason; `quarantine check` reports it once it has expired or is no longer needed.',
    '',
  ].join('\n');
}

export function allowResultToJson(result: AllowResult): { [key: string]: JsonValue } {
  const { source: _source, ...exception } = exceptionToJson(result.exception);
  return { schemaVersion: JSON_SCHEMA_VERSION, file: printable(result.path), kind: result.kind, action: result.action, exception };
}
