/**
 * The library API (package.json `main` and `exports["."]`): `check`, `why` and `ls` as
 * functions. Each returns the document the CLI prints with `--json` (`quarantine check --json`,
 * `why --json`, `ls --json`), built by the same code; bad input throws a QuarantineError whose
 * message is one line. An entry point like the CLI: the environment, working directory, home
 * directory and clock come from `host` when given, else from this process, once per call.
 *
 *   import { check } from 'release-quarantine';
 *   const report = await check({ dir: 'app', now: '2026-11-20T12:00:00Z' });
 *   if (report.summary.blocked > 0) ...
 */
import { homedir } from 'node:os';
import { runCheck, runLs, runWhy, projectDirOf, type RunOptions } from './app/check.js';
import { gitBaseLockfiles } from './git/base-lockfiles.js';
import { parseConcurrency, parsePackageSpec } from './model/arguments.js';
import { parseNow } from './model/instant.js';
import { parseRegistryUrl } from './model/registry-url.js';
import { checkReportToJson } from './report/check-json.js';
import type { JsonValue } from './report/json-values.js';
import { lsToJson } from './report/ls.js';
import { whyReportToJson } from './report/why-json.js';

export { QuarantineError, isQuarantineError } from './model/errors.js';
export type { JsonValue } from './report/json-values.js';

/** What the functions read from the outside world; each field defaults to this process's. */
export interface LibraryHost {
  /** The project directory when `dir` is not given (default `process.cwd()`). Relative `dir`
   * and `lockfile` paths resolve against `process.cwd()`, as Node's file functions do. */
  cwd: string;
  /** npm config variables, XDG_CACHE_HOME, proxies (default `process.env`). */
  env: Record<string, string | undefined>;
  /** Where ~/.npmrc and the default cache live (default `os.homedir()`). */
  homeDir: string;
  /** Milliseconds since the epoch, read once per call when `now` is not given (default `Date.now`). */
  clock: () => number;
}

/** The options of `ls`, as the CLI's `[dir]` and `--lockfile`. */
export interface LsOptions {
  /** Project directory (default: the working directory). */
  dir?: string;
  /** One lockfile to read (default: every lockfile in `dir`). */
  lockfile?: string;
  host?: Partial<LibraryHost>;
}

/** The options of `check` and `why`, as the CLI's flags. */
export interface CheckOptions extends LsOptions {
  /** Default registry URL (`--registry`; overrides .npmrc `registry`, @scope mappings still apply). */
  registry?: string;
  /** Policy file (`--policy`). */
  policy?: string;
  /** Evaluate as of this instant (`--now`): an ISO 8601 text or a Date (default: the host's clock). */
  now?: string | Date;
  /** Cache of registry facts (`--cache-dir`). */
  cacheDir?: string;
  /** Registry requests in flight at once, 1 to 256 (`--concurrency`). */
  concurrency?: number;
  /** Revalidate every cached registry fact (`--prefer-online`). */
  preferOnline?: boolean;
}

/** `check`'s own options. */
export interface CheckOnlyOptions extends CheckOptions {
  /** Only what changed since this git ref (`--base`). */
  base?: string;
}

function hostOf(given: Partial<LibraryHost> | undefined): LibraryHost {
  return {
    cwd: given?.cwd ?? process.cwd(),
    env: given?.env ?? process.env,
    homeDir: given?.homeDir ?? homedir(),
    clock: given?.clock ?? Date.now,
  };
}

function runOptions(options: CheckOptions): RunOptions {
  const host = hostOf(options.host);
  const now = options.now instanceof Date ? options.now.toISOString() : options.now;
  return {
    dir: options.dir ?? host.cwd,
    lockfile: options.lockfile,
    registry: parseRegistryUrl(options.registry, 'registry'),
    policy: options.policy,
    now: parseNow(now, host.clock, 'now'),
    cacheDir: options.cacheDir,
    concurrency: parseConcurrency(options.concurrency, 'concurrency'),
    preferOnline: options.preferOnline === true,
    env: host.env,
    homeDir: host.homeDir,
  };
}

/** `quarantine check --json`: every locked package judged against the policy. */
export async function check(options: CheckOnlyOptions = {}): Promise<{ [key: string]: JsonValue }> {
  const run = runOptions(options);
  const base = options.base === undefined ? undefined : await gitBaseLockfiles({ dir: projectDirOf(run), ref: options.base });
  return checkReportToJson(await runCheck({ ...run, base }));
}

/** `quarantine why --json <pkg>`: one package (`name` or `name@version`) explained. */
export async function why(pkg: string, options: CheckOptions = {}): Promise<{ [key: string]: JsonValue }> {
  const spec = parsePackageSpec(pkg);
  return whyReportToJson(await runWhy({ ...runOptions(options), name: spec.name, version: spec.version }));
}

/** `quarantine ls --json`: what the lockfile readers see. */
export async function ls(options: LsOptions = {}): Promise<JsonValue> {
  const host = hostOf(options.host);
  return lsToJson(await runLs({ dir: options.dir ?? host.cwd, lockfile: options.lockfile }));
}
