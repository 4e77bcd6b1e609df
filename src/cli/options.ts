/** Option definitions shared by the commands, and their conversion into RunOptions. */
import type { Options } from 'yargs';
import { PACKAGE_MANAGER_COMMANDS } from '../model/types.js';

/** `--dir`: the same as a command's `[dir]` positional (init and install have no positional folder of their own for it). */
export const dirOption = { type: 'string', describe: 'Project directory, as [dir] (default: the current one)', requiresArg: true } satisfies Options;

export const sharedOptions = {
  dir: dirOption,
  lockfile: { type: 'string', describe: 'One lockfile to read (default: every lockfile in [dir])', requiresArg: true },
  registry: { type: 'string', describe: 'Default registry URL (overrides .npmrc `registry`; @scope mappings still apply)', requiresArg: true },
  policy: { type: 'string', describe: 'Policy file (default: quarantine.json, .quarantine.json, quarantine.jsonc or "quarantine" in package.json)', requiresArg: true },
  now: { type: 'string', describe: 'Evaluate as of this ISO 8601 instant instead of the clock', requiresArg: true },
  format: { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' },
  json: { type: 'boolean', default: false, describe: 'Same as --format json' },
  'cache-dir': { type: 'string', describe: 'Cache of registry facts, reused while the registry\'s max-age allows (5 min at most), then revalidated with ETags (default: per-user cache, e.g. ~/.cache/release-quarantine)', requiresArg: true },
  'prefer-online': { type: 'boolean', default: false, describe: 'Revalidate every cached registry fact, however fresh' },
  concurrency: { type: 'string', describe: 'Registry requests in flight at once (default 16)', requiresArg: true },
  'document-timeout': { type: 'string', describe: 'Seconds one registry document may take in all, retries included (default 60)', requiresArg: true },
  'max-document-size': { type: 'string', describe: 'Largest registry document read, in MiB once decompressed (default 128)', requiresArg: true },
} satisfies Record<string, Options>;

/** The options `install` and `fix` share: everything a check takes but `--lockfile` (the package manager's own lockfile is read), and the package manager to use. */
export const packageManagerRunOptions = {
  policy: sharedOptions.policy,
  registry: sharedOptions.registry,
  now: sharedOptions.now,
  format: sharedOptions.format,
  json: sharedOptions.json,
  'cache-dir': sharedOptions['cache-dir'],
  'prefer-online': sharedOptions['prefer-online'],
  concurrency: sharedOptions.concurrency,
  'package-manager': { choices: PACKAGE_MANAGER_COMMANDS, describe: 'Use this package manager instead of detecting it (packageManager field, then the lockfile, else npm)' },
} satisfies Record<string, Options>;

export interface SharedArgs {
  dir?: string | undefined;
  lockfile?: string | undefined;
  registry?: string | undefined;
  policy?: string | undefined;
  now?: string | undefined;
  format: 'text' | 'json';
  json: boolean;
  'cache-dir'?: string | undefined;
  /** Numbers stay text until model/arguments.ts reads them, so a bad one is quoted as typed. */
  concurrency?: string | undefined;
  'prefer-online'?: boolean | undefined;
  'document-timeout'?: string | undefined;
  'max-document-size'?: string | undefined;
}

/** `--now`: lives in model/instant.ts so the hooks and the Action parse it the same way. */
export { parseNow } from '../model/instant.js';

export function wantsJson(args: Pick<SharedArgs, 'format' | 'json'>): boolean {
  return args.json || args.format === 'json';
}
