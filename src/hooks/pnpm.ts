/**
 * pnpm hooks (`.pnpmfile.cjs`), loaded through the CommonJS shim `hooks/pnpm.cjs`.
 *
 * - `preResolution` runs before pnpm resolves or fetches anything, for every install
 *   (`--frozen-lockfile` included): it gates the lockfile on disk, every entry, as `check`.
 * - `afterAllResolved` runs once the new resolution is complete, before pnpm writes the
 *   lockfile, links `node_modules` or runs any build script: it gates only the entries the
 *   new resolution adds or changes relative to the lockfile on disk (already gated above).
 * A block throws a HookError (code ERR_PNPM_RELEASE_QUARANTINE_BLOCKED), whose message is `check`'s explanation; pnpm prints it
 * and exits non-zero. Anything the gate cannot decide (registry down, bad policy) throws too:
 * fail closed. What pnpm has already fetched at that point is in docs/pnpm-and-bun-hooks.md.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../model/host.js';
import { isBlocked, type CheckReport } from '../model/report.js';
import { readLockfileAt } from '../lockfile/read-lockfile.js';
import { parsePnpmLockfileObject } from '../lockfile/pnpm-object.js';
import { checkLockfiles, runCheck } from '../app/check.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import { createNodeHost } from '../host-node.js';
import { blockedError, explainReport, hookRunOptions, installInstant, undecidedError, type HookOptions } from './gate.js';

const LOCKFILE = 'pnpm-lock.yaml';
// pnpm prints errors whose code starts with ERR_PNPM_ as a title and a hint; any other error
// also gets its stack trace, which would bury the explanation.
const BLOCKED = 'ERR_PNPM_RELEASE_QUARANTINE_BLOCKED';
const UNDECIDED = 'ERR_PNPM_RELEASE_QUARANTINE_UNDECIDED';

/** What pnpm passes to `preResolution` (pnpm 9 and 10); only `lockfileDir` is read. */
export interface PreResolutionContext {
  lockfileDir: string;
}

export interface PnpmLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PnpmHooks {
  preResolution(context: PreResolutionContext, logger?: PnpmLogger): Promise<void>;
  afterAllResolved<T>(lockfile: T, context?: unknown): Promise<T>;
}

async function gate(run: () => Promise<CheckReport>): Promise<CheckReport> {
  try {
    return await run();
  } catch (error) {
    throw undecidedError(error, UNDECIDED);
  }
}

function settle(report: CheckReport, options: HookOptions, warn: (message: string) => void): void {
  if (isBlocked(report) && options.warnOnly !== true) throw blockedError(report, BLOCKED);
  if (report.packages.some((entry) => entry.verdict !== 'allow')) warn(explainReport(report));
}

/** The lockfile on disk, as the "before" side of the new resolution. */
function diskBase(path: string): BaseLockfiles {
  return {
    label: `${LOCKFILE} on disk`,
    read: async () => (existsSync(path) ? readLockfileAt(path) : null),
  };
}

/** The hooks of one install (pnpm loads the pnpmfile once per run); `host` is the process's unless a test passes one. */
export function createPnpmHooks(options: HookOptions = {}, host: Host = createNodeHost()): PnpmHooks {
  // afterAllResolved gets no directory: it is the one preResolution saw (same process).
  let lockfileDir = host.cwd;
  const now = installInstant(options, host);
  const warnToStderr = (message: string) => host.stderr(`${message}\n`);
  return {
    async preResolution(context, logger) {
      lockfileDir = context.lockfileDir;
      const path = join(lockfileDir, LOCKFILE);
      if (!existsSync(path)) return;
      const report = await gate(() => runCheck({ ...hookRunOptions(lockfileDir, options, host, now()), lockfile: path }));
      settle(report, options, (message) => (logger ? logger.warn(message) : warnToStderr(message)));
    },
    async afterAllResolved(lockfile) {
      const path = join(lockfileDir, LOCKFILE);
      const report = await gate(async () => {
        const resolved = parsePnpmLockfileObject(lockfile, { path });
        return checkLockfiles([resolved], { ...hookRunOptions(lockfileDir, options, host, now()), lockfile: path, base: diskBase(path) });
      });
      settle(report, options, warnToStderr);
      return lockfile;
    },
  };
}
