/**
 * `quarantine allow`: records a reviewed exception in the project's policy, keeping the
 * file's formatting and comments. The only command that writes the policy.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { upsertException, starterPolicyText, type ExceptionEntry } from '../config/edit-policy.js';
import { describePolicySource, findPolicy, loadPolicy, PACKAGE_JSON_KEY, parsePolicyDocument, parsePolicyText, policyInPackageJson, type PolicyLocation } from '../config/read-policy.js';
import { STARTER_POLICY_FILE } from '../config/policy-files.js';
import { validatePolicy } from '../config/validate-policy.js';
import { ERROR_CODES, type RuleId } from '../model/constants.js';
import { parseDuration } from '../model/duration.js';
import { isDateOnly, isoDate, parseExpiry } from '../model/instant.js';
import { latestExpiryDate, runsPastMaxDays } from '../model/exception-limits.js';
import { isCatchAllPattern, splitPackageSpec } from '../model/name-pattern.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
import { DEFAULT_MAX_EXCEPTION_DAYS, type PolicyException } from '../model/policy.js';
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
  /** Record an expiry past the policy's maxExceptionDays (`--force-long-expiry`). */
  forceLongExpiry?: boolean | undefined;
}

const FLAG_OF: Record<string, string> = { package: '<package>', rules: '--rule', reason: '--reason', expires: '--expires', ticket: '--ticket' };

/** `14d` becomes the date 14 days from now; dates and instants stay as written (checked strictly). */
export function resolveExpires(text: string, now: Instant): string {
  const duration = parseDuration(text);
  if (duration !== null) return isoDate(now + duration);
  if (parseExpiry(text) === null) {
    if (isDateOnly(text)) throw new QuarantineError(ERROR_CODES.usage, `--expires: ${text} is not a calendar date`);
    throw new QuarantineError(
      ERROR_CODES.usage,
      `--expires: expected a date (2026-12-31), an instant (2026-12-31T18:00:00Z) or a duration from now in minutes, hours, days or weeks (90m, 36h, 30d, 12w), got "${text}"`,
      { hint: 'years and months are not durations here: an exception is short-lived (see maxExceptionDays in docs/policy.md)' },
    );
  }
  return text;
}

/** A pattern with no letter or digit lets every package through: refused whatever the rules. */
function refuseCatchAll(spec: string): void {
  const { name } = splitPackageSpec(spec);
  if (isCatchAllPattern(name)) {
    throw new QuarantineError(ERROR_CODES.usage, `<package>: "${spec}" matches every package; an exception names a package, a version or a scope (@myorg/*)`, {
      hint: 'to change a rule for every package, set it in the policy\'s "rules" (a reviewed change), e.g. "release-age": { "minReleaseAge": "3d" }',
    });
  }
}

/** An expiry past the policy's maxExceptionDays is refused unless forced. */
function refuseLongExpiry(exception: PolicyException, options: AllowOptions, maxDays: number, policyLabel: string): void {
  if (options.forceLongExpiry || !runsPastMaxDays(exception, options.now, maxDays)) return;
  throw new QuarantineError(
    ERROR_CODES.usage,
    `--expires: ${exception.expires} is more than ${maxDays} days away, the longest an exception may run (maxExceptionDays in ${policyLabel})`,
    { hint: `give ${latestExpiryDate(options.now, maxDays)} or sooner (renew it then if it is still needed), or pass --force-long-expiry to record it anyway` },
  );
}

/** The entry to write, validated, and the exception it becomes (for the report). */
function buildEntry(options: AllowOptions): { entry: ExceptionEntry; exception: PolicyException } {
  refuseCatchAll(options.spec);
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
  // The limit of the policy the exception goes into (its extends chain included); a new policy extends the default.
  const loaded = current === null ? null : await loadPolicy({ dir: options.dir, policy: location.kind === 'file' ? location.path : undefined });
  refuseLongExpiry(exception, options, loaded?.policy.maxExceptionDays ?? DEFAULT_MAX_EXCEPTION_DAYS, loaded ? describePolicySource(loaded) : 'the default policy');

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
