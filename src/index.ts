/**
 * The library API (package.json `main` and `exports["."]`): `check`, `why` and `ls` as
 * functions. Each returns the document the CLI prints with `--json` (`quarantine check --json`,
 * `why --json`, `ls --json`), built by the same code; bad input throws a QuarantineError whose
 * message is one line. An entry point like the CLI: it builds one Host per call (src/host-node.ts)
 * from this process, with the parts given in `host` replaced.
 *
 *   import { check } from 'release-quarantine';
 *   const report = await check({ dir: 'app', now: '2026-11-20T12:00:00Z' });
 *   if (report.summary.blocked > 0) ...
 */
import { runCheck } from './app/check.js';
import { projectDirOf, type RunOptions } from './app/inputs.js';
import { runLs } from './app/ls.js';
import { runWhy } from './app/why.js';
import { gitBaseLockfiles } from './git/base-lockfiles.js';
import { createNodeHost } from './host-node.js';
import { parseConcurrency, parsePackageSpec } from './model/arguments.js';
import type { Host } from './model/host.js';
import { parseNow } from './model/instant.js';
import { parseRegistryUrl } from './model/registry-url.js';
import { checkReportToJson } from './report/check-json.js';
import type { JsonValue } from './report/json-values.js';
import { lsToJson } from './report/ls.js';
import { whyReportToJson } from './report/why-json.js';

export { QuarantineError, isQuarantineError } from './model/errors.js';
export type { Host } from './model/host.js';
export type { JsonValue } from './report/json-values.js';

/** The options of `ls`, as the CLI's `[dir]` and `--lockfile`. */
export interface LsOptions {
  /** Project directory (default: the working directory). */
  dir?: string;
  /** One lockfile to read (default: every lockfile in `dir`). */
  lockfile?: string;
  /**
   * Replaces parts of what is otherwise read from this process (src/model/host.ts): `cwd` (the
   * project directory when `dir` is not given), `env` (npm config variables, XDG_CACHE_HOME,
   * proxies), `homeDir` (~/.npmrc, the default cache), `now` (the wall clock; read once per call
   * when the `now` option is not given). Relative `dir` and `lockfile` paths resolve against
   * `process.cwd()`, as Node's file functions do.
   */
  host?: Partial<Host>;
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

function hostOf(given: Partial<Host> | undefined): Host {
  return { ...createNodeHost(), ...given };
}

function runOptions(options: CheckOptions): RunOptions {
  const host = hostOf(options.host);
  const now = options.now instanceof Date ? options.now.toISOString() : options.now;
  return {
    dir: options.dir ?? host.cwd,
    lockfile: options.lockfile,
    registry: parseRegistryUrl(options.registry, 'registry'),
    policy: options.policy,
    now: parseNow(now, () => host.now(), 'now'),
    cacheDir: options.cacheDir,
    concurrency: parseConcurrency(options.concurrency, 'concurrency'),
    preferOnline: options.preferOnline === true,
    host,
  };
}

/** `quarantine check --json`: every locked package judged against the policy. */
export async function check(options: CheckOnlyOptions = {}): Promise<{ [key: string]: JsonValue }> {
  const run = runOptions(options);
  const base = options.base === undefined ? undefined : await gitBaseLockfiles({ dir: projectDirOf(run), ref: options.base, env: run.host.env });
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
