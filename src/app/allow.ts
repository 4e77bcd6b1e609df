/**
 * `quarantine allow`: records a reviewed exception in the project's policy, keeping the
 * file's formatting and comments. The only command that writes the policy.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { upsertException, starterPolicyText, type ExceptionEntry } from '../config/edit-policy.js';
import { findPolicy, PACKAGE_JSON_KEY, parsePolicyDocument, parsePolicyText, policyInPackageJson, type PolicyLocation } from '../config/read-policy.js';
import { STARTER_POLICY_FILE } from '../config/policy-files.js';
import { validatePolicy } from '../config/validate-policy.js';
import { ERROR_CODES, type RuleId } from '../model/constants.js';
import { parseDuration } from '../model/duration.js';
import { isoDate } from '../model/instant.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
import type { PolicyException } from '../model/policy.js';
import type { AllowResult } from '../model/allow.js';
import type { Instant } from '../model/types.js';

export interface AllowOptions {
  dir: string;
  /** Write to this policy file instead of the one found in `dir`. */
  policy?: string | undefined;
  /** `name@version`, a name, or a name glob. */
  spec: string;
  rules: RuleId[];
  reason: string;
  /** A date, an instant, or a duration from now (`14d`). */
  expires: string;
  ticket?: string | undefined;
  now: Instant;
}

const FLAG_OF: Record<string, string> = { package: '<package>', rules: '--rule', reason: '--reason', expires: '--expires', ticket: '--ticket' };

/** `14d` becomes the date 14 days from now; dates and instants stay as written. */
export function resolveExpires(text: string, now: Instant): string {
  const duration = parseDuration(text);
  return duration === null ? text : isoDate(now + duration);
}

/** The entry to write, validated, and the exception it becomes (for the report). */
function buildEntry(options: AllowOptions): { entry: ExceptionEntry; exception: PolicyException } {
  const entry: ExceptionEntry = {
    package: options.spec,
    ...(options.rules.length > 0 ? { rules: [...new Set(options.rules)] } : {}),
    reason: options.reason.trim(),
    expires: resolveExpires(options.expires, options.now),
    ...(options.ticket ? { ticket: options.ticket } : {}),
  };
  const result = validatePolicy({ exceptions: [entry] });
  if (!result.ok) {
    const problems = result.issues.map((issue) => `${FLAG_OF[issue.path.split('.').pop() ?? ''] ?? issue.path}: ${issue.message}`);
    throw new QuarantineError(ERROR_CODES.usage, problems.join('; '), { hint: 'quarantine allow <name>@<version> --reason "..." --expires <date|duration>' });
  }
  const exception = result.layer.exceptions[0] as PolicyException;
  if (exception.expiresAt <= options.now) {
    throw new QuarantineError(ERROR_CODES.usage, `--expires: ${entry.expires} is already past`, { hint: 'give a future date such as 2026-12-31, or a duration such as 14d' });
  }
  return { entry, exception };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new QuarantineError(ERROR_CODES.policyRead, `${path}: ${fileReadProblem(error)}`);
  }
}

/** Writes next to the target and renames, so a crash never leaves half a policy. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** Checks a policy document is valid before and after the edit: never write on top of a broken policy. */
function checkDocument(text: string, location: PolicyLocation): void {
  if (location.kind === 'file') parsePolicyText(text, location.path);
  else parsePolicyDocument(policyInPackageJson(text, location.path), `${location.path}#${PACKAGE_JSON_KEY}`);
}

export async function runAllow(options: AllowOptions): Promise<AllowResult> {
  const { entry, exception } = buildEntry(options);
  if (!options.policy && !(await isDirectory(options.dir))) throw new QuarantineError(ERROR_CODES.usage, `${options.dir}: no such directory`);
  const location: PolicyLocation = options.policy
    ? { path: options.policy, kind: 'file' }
    : ((await findPolicy(options.dir)) ?? { path: join(options.dir, STARTER_POLICY_FILE), kind: 'file' });
  const current = await readIfExists(location.path);

  let text: string;
  let action: AllowResult['action'];
  if (current === null) {
    text = starterPolicyText({ exceptions: [entry] });
    action = 'created';
  } else {
    checkDocument(current, location);
    const edited = upsertException(current, location.kind === 'package-json' ? [PACKAGE_JSON_KEY] : [], entry);
    text = edited.text;
    action = edited.replaced ? 'updated' : 'added';
  }
  checkDocument(text, location);
  await writeAtomically(location.path, text);
  return { path: location.path, kind: location.kind, action, exception };
}
