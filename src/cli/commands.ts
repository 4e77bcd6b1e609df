/** The command handlers: run, pick a reporter, return the exit code. */
import { EXIT_CODES } from '../model/constants.js';
import { isBlocked } from '../model/report.js';
import { formatCheckText } from '../report/check-text.js';
import { checkReportToJson } from '../report/check-json.js';
import { createStyle } from '../report/style.js';
import { formatWhyText } from '../report/why-text.js';
import { whyReportToJson } from '../report/why-json.js';
import { formatLsText, lsToJson } from '../report/ls.js';
import { gitBaseLockfiles } from '../git/base-lockfiles.js';
import { runCheck } from '../app/check.js';
import { projectDirOf, type RunOptions } from '../app/inputs.js';
import { runLs } from '../app/ls.js';
import { runWhy } from '../app/why.js';
import { colorWanted, type CliIo } from './io.js';
import { parseRegistryUrl } from '../model/registry-url.js';
import { parseConcurrency, parseDocumentTimeout, parseMaxDocumentSize, parsePackageSpec } from '../model/arguments.js';
import { parseNow, wantsJson, type SharedArgs } from './options.js';
import { createProgress } from './progress.js';
import type { CacheRefusal } from '../model/cache-refusal.js';
import { describeCacheRefusal, describeUncacheableRegistry } from '../report/cache-text.js';

export function runOptions(args: SharedArgs & { dir?: string | undefined }, io: CliIo, progress: RunOptions['onProgress']): RunOptions {
  return {
    dir: args.dir ?? io.cwd,
    lockfile: args.lockfile,
    registry: parseRegistryUrl(args.registry),
    policy: args.policy,
    now: parseNow(args.now, () => io.now()),
    cacheDir: args['cache-dir'],
    concurrency: parseConcurrency(args.concurrency),
    preferOnline: args['prefer-online'] === true,
    documentDeadline: parseDocumentTimeout(args['document-timeout']),
    maxDocumentBytes: parseMaxDocumentSize(args['max-document-size']),
    host: io,
    onProgress: progress,
    onCacheRefused: onceToStderr(io),
    onUncacheable: oncePerRegistryToStderr(io),
  };
}

/** The notice that a registry's answers cannot be cached, once per registry per command. */
function oncePerRegistryToStderr(io: CliIo): (registry: string) => void {
  const told = new Set<string>();
  return (registry) => {
    if (!told.has(registry)) io.stderr(`quarantine: notice: ${describeUncacheableRegistry(registry)}\n`);
    told.add(registry);
  };
}

/** The cache warning, printed once per command however many registry clients refuse the cache. */
function onceToStderr(io: CliIo): (refusal: CacheRefusal) => void {
  let printed = false;
  return (refusal) => {
    if (!printed) io.stderr(`quarantine: warning: ${describeCacheRefusal(refusal)}\n`);
    printed = true;
  };
}

export async function checkCommand(args: SharedArgs & { dir?: string; 'warn-only': boolean; verbose?: boolean; base?: string }, io: CliIo): Promise<number> {
  const json = wantsJson(args);
  const options = runOptions(args, io, undefined);
  const base = args.base === undefined ? undefined : await gitBaseLockfiles({ dir: projectDirOf(options), ref: args.base, env: io.env });
  const progress = createProgress(io, !json);
  let report;
  try {
    report = await runCheck({ ...options, base, onProgress: progress.update });
  } finally {
    progress.clear();
  }
  io.stdout(json ? `${JSON.stringify(checkReportToJson(report), null, 2)}\n` : formatCheckText(report, createStyle(colorWanted(io)), { verbose: args.verbose === true }));
  return isBlocked(report) && !args['warn-only'] ? EXIT_CODES.blocked : EXIT_CODES.ok;
}

export async function lsCommand(args: Pick<SharedArgs, 'lockfile' | 'format' | 'json'> & { dir?: string }, io: CliIo): Promise<number> {
  const lockfiles = await runLs({ dir: args.dir ?? io.cwd, lockfile: args.lockfile });
  io.stdout(wantsJson(args) ? `${JSON.stringify(lsToJson(lockfiles), null, 2)}\n` : formatLsText(lockfiles, createStyle(colorWanted(io))));
  return EXIT_CODES.ok;
}

export async function whyCommand(args: SharedArgs & { dir?: string; package: string }, io: CliIo): Promise<number> {
  const spec = parsePackageSpec(args.package);
  const report = await runWhy({ ...runOptions(args, io, undefined), name: spec.name, version: spec.version });
  io.stdout(wantsJson(args) ? `${JSON.stringify(whyReportToJson(report), null, 2)}\n` : formatWhyText(report, createStyle(colorWanted(io))));
  return EXIT_CODES.ok;
}
