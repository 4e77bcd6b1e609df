/**
 * What the package-manager hooks share: the options a user can pass, the RunOptions built
 * from the Host and the instant the install is judged at, and the decision "does this report
 * stop the install". Prints nothing.
 */
import type { Host } from '../model/host.js';
import { parseNow } from '../model/instant.js';
import { isQuarantineError } from '../model/errors.js';
import type { CheckReport } from '../model/report.js';
import type { Instant } from '../model/types.js';
import { describeCacheRefusal } from '../report/cache-text.js';
import { formatCheckText } from '../report/check-text.js';
import { describeError, undecidedInstallMessage } from '../report/error-text.js';
import { createStyle } from '../report/style.js';
import type { RunOptions } from '../app/inputs.js';

export interface HookOptions {
  /** Policy file, relative to the project directory (default: the project's own, found as `check` finds it). */
  policy?: string;
  /** Replaces the default registry (not `@scope:registry` mappings), as `check --registry`. */
  registry?: string;
  /** Cache directory for registry facts (default: as `check`). */
  cacheDir?: string;
  /** Report blocked packages but let the install go on (as `check --warn-only`). */
  warnOnly?: boolean;
  /** Evaluate as of this ISO instant instead of the clock (tests, reproductions). */
  now?: string;
}

/**
 * The instant one install is judged at, read from the clock on first use and kept: pnpm calls
 * two hooks per install, and both must judge at the same instant.
 */
export function installInstant(options: HookOptions, host: Host): () => Instant {
  let now: Instant | undefined;
  return () => (now ??= parseNow(options.now, () => host.now()));
}

export function hookRunOptions(dir: string, options: HookOptions, host: Host, now: Instant): RunOptions {
  return {
    dir,
    registry: options.registry,
    policy: options.policy,
    cacheDir: options.cacheDir,
    now,
    host,
    onCacheRefused: (refusal) => host.stderr(`release-quarantine: warning: ${describeCacheRefusal(refusal)}\n`),
  };
}

/** The explanation `check` prints, without colour (package managers print it as they like). */
export function explainReport(report: CheckReport): string {
  return formatCheckText(report, createStyle(false)).trimEnd();
}

/** What a hook throws to stop an install; `code` is chosen per package manager (see each hook). */
export class HookError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'HookError';
    this.code = code;
    this.hint = hint;
  }
}

/** The install is blocked: the message is `check`'s explanation. */
export function blockedError(report: CheckReport, code: string): HookError {
  return new HookError(code, `release-quarantine blocked this install:\n${explainReport(report)}`);
}

/** The gate could not decide (registry down, bad policy...): fail closed, with the reason. */
export function undecidedError(error: unknown, code: string): Error {
  if (!isQuarantineError(error)) return error instanceof Error ? error : new Error(String(error));
  const text = describeError(error);
  return new HookError(code, undecidedInstallMessage(text), text.hint || undefined);
}
