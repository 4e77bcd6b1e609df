/** `quarantine init`: writes the starter policy and prints (with --write, applies) the native settings. */
import type { Options } from 'yargs';
import { PRESET_NAMES, type PresetName } from '../config/schema.js';
import { EXIT_CODES } from '../model/constants.js';
import { formatInitText } from '../report/init-text.js';
import { initReportToJson } from '../report/init-json.js';
import { createStyle } from '../report/style.js';
import { runInit } from '../app/init.js';
import { colorWanted, type CliIo } from './io.js';
import { sharedOptions, wantsJson, type SharedArgs } from './options.js';

export const initOptions = {
  dir: sharedOptions.dir,
  write: { type: 'boolean', default: false, describe: 'Apply the native settings (the starter policy is written either way)' },
  preset: { choices: PRESET_NAMES, default: 'default' as const, describe: 'The preset a new starter policy extends (its window applies when there is no policy yet)' },
  format: sharedOptions.format,
  json: sharedOptions.json,
} satisfies Record<string, Options>;

export interface InitArgs extends Pick<SharedArgs, 'format' | 'json'> {
  dir?: string | undefined;
  write: boolean;
  preset: PresetName;
}

export async function initCommand(args: InitArgs, io: CliIo): Promise<number> {
  // The Host's user agent starts with `release-quarantine/<version>` (host-node.ts).
  const selfVersion = /^release-quarantine\/(\d\S*)/.exec(io.userAgent)?.[1] ?? 'latest';
  const report = await runInit({ dir: args.dir ?? io.cwd, write: args.write, preset: args.preset, now: io.now(), selfVersion });
  io.stdout(wantsJson(args) ? `${JSON.stringify(initReportToJson(report), null, 2)}\n` : formatInitText(report, createStyle(colorWanted(io))));
  return EXIT_CODES.ok;
}
