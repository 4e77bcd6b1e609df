/** `quarantine install [packages..] [-- <package manager args>]`: resolve, gate, then install. */
import type { Options } from 'yargs';
import { EXIT_CODES } from '../model/constants.js';
import type { PackageManagerName } from '../app/install/detect.js';
import { checkReportToJson } from '../report/check-json.js';
import { formatCheckText } from '../report/check-text.js';
import { ageSettingDroppedLine, installOutcomeLine, keptBlockedLines } from '../report/install-text.js';
import { createStyle } from '../report/style.js';
import { runInstall } from '../app/install.js';
import { colorWanted, type CliIo } from './io.js';
import { runOptions } from './commands.js';
import { packageManagerRunOptions, wantsJson, type SharedArgs } from './options.js';

export const installOptions = {
  dir: { type: 'string', describe: 'Project directory (default: the current one)', requiresArg: true },
  ...packageManagerRunOptions,
  'dry-run': { type: 'boolean', default: false, describe: 'Resolve and gate, then put package.json and the lockfile back; install nothing' },
} satisfies Record<string, Options>;

export interface InstallArgs extends Omit<SharedArgs, 'lockfile'> {
  packages?: string[] | undefined;
  dir?: string | undefined;
  'package-manager'?: PackageManagerName | undefined;
  'dry-run': boolean;
  '--'?: (string | number)[] | undefined;
}

export async function installCommand(args: InstallArgs, io: CliIo): Promise<number> {
  const json = wantsJson(args);
  const outcome = await runInstall({
    ...runOptions({ ...args, lockfile: undefined }, io, undefined),
    packages: (args.packages ?? []).map(String),
    args: (args['--'] ?? []).map(String),
    packageManager: args['package-manager'],
    dryRun: args['dry-run'],
    installStdout: json ? 'stderr' : 'inherit',
    onReport: (report, _plan, kept) => {
      io.stdout(json ? `${JSON.stringify(checkReportToJson(report), null, 2)}\n` : formatCheckText(report, createStyle(colorWanted(io))));
      // Text: part of the answer; JSON: a note beside it, so stdout stays one document.
      if (kept.length > 0 && json) io.stderr(keptBlockedLines(kept));
      else if (kept.length > 0) io.stdout(`\n${keptBlockedLines(kept)}`);
    },
    onNotice: (notice) => io.stderr(ageSettingDroppedLine(notice.command)),
  });
  if (outcome === 'blocked') {
    io.stderr(installOutcomeLine('blocked'));
    return EXIT_CODES.blocked;
  }
  if (outcome === 'dry-run') io.stderr(installOutcomeLine('dry-run'));
  return EXIT_CODES.ok;
}
