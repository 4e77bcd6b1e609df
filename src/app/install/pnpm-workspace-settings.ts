/**
 * pnpm takes `minimumReleaseAgeExclude` (a list) only from its configuration files, so for one
 * resolving run the age settings are merged into pnpm-workspace.yaml (comments and the user's
 * other settings kept; the user's own exclusions kept too). The caller snapshots the file
 * first and puts it back right after the run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parseDocument } from 'yaml';
import { ERROR_CODES } from '../../model/constants.js';
import { QuarantineError } from '../../model/errors.js';
import type { AgeSetting } from './age-setting.js';

export const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

export function writePnpmAgeSettings(dir: string, settings: NonNullable<AgeSetting['pnpmWorkspace']>): void {
  const path = join(dir, PNPM_WORKSPACE_FILE);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const document = text.trim() === '' ? new Document({}) : parseDocument(text);
  if (document.errors.length > 0) throw new QuarantineError(ERROR_CODES.nativeConfigInvalid, `${path}: not valid YAML (${document.errors[0]?.message ?? 'parse error'})`);
  const current: unknown = document.toJS();
  const own: unknown = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)['minimumReleaseAgeExclude'] : undefined;
  const exclude = [...new Set([...(Array.isArray(own) ? own.filter((x): x is string => typeof x === 'string') : []), ...settings.minimumReleaseAgeExclude])];
  document.set('minimumReleaseAge', settings.minimumReleaseAge);
  if (exclude.length > 0) document.set('minimumReleaseAgeExclude', exclude);
  writeFileSync(path, document.toString());
}
