/** `quarantine fix [dir]`: let the package manager resolve the blocked entries again under the policy's window. */
import type { Options } from 'yargs';
import { EXIT_CODES } from '../model/constants.js';
import { isBlocked } from '../model/report.js';
import type { PackageManagerName } from '../app/install/detect.js';
import { fixResultToJson, formatFixText } from '../report/fix-text.js';
import { createStyle } from '../report/style.js';
import { runFix } from '../app/fix.js';
import { colorWanted, type CliIo } from './io.js';
import { runOptions } from './commands.js';
import { packageManagerRunOptions, wantsJson, type SharedArgs } from './options.js';

export const fixOptions = {
  dir: { type: 'string', describe: 'Project directory (same as the positional [dir])', requiresArg: true },
  ...packageManagerRunOptions,
  'dry-run': { type: 'boolean', default: false, describe: 'Show what would be resolved again and with which setting; change nothing' },
} satisfies Record<string, Options>;

export interface FixArgs extends Omit<SharedArgs, 'lockfile'> {
  dir?: string | undefined;
  'package-manager'?: PackageManagerName | undefined;
  'dry-run': boolean;
}

export async function fixCommand(args: FixArgs, io: CliIo): Promise<number> {
  const result = await runFix({
    ...runOptions({ ...args, lockfile: undefined }, io, undefined),
    packageManager: args['package-manager'],
    dryRun: args['dry-run'],
  });
  io.stdout(wantsJson(args) ? `${JSON.stringify(fixResultToJson(result), null, 2)}\n` : formatFixText(result, createStyle(colorWanted(io))));
  return isBlocked(result.after ?? result.before) ? EXIT_CODES.blocked : EXIT_CODES.ok;
}
