/** `quarantine allow <package> --reason ... --expires ...`: record a reviewed exception. */
import { relative } from 'node:path';
import { EXIT_CODES, type RuleId } from '../model/constants.js';
import { formatAllowText, allowResultToJson } from '../report/allow.js';
import { runAllow } from '../app/allow.js';
import type { CliIo } from './io.js';
import { parseNow, wantsJson, type SharedArgs } from './options.js';

export interface AllowArgs extends Pick<SharedArgs, 'policy' | 'now' | 'format' | 'json'> {
  package: string;
  dir?: string | undefined;
  rule?: RuleId[] | undefined;
  reason: string;
  expires: string;
  ticket?: string | undefined;
  'force-long-expiry'?: boolean | undefined;
}

export async function allowCommand(args: AllowArgs, io: CliIo): Promise<number> {
  const now = parseNow(args.now, () => io.now());
  const result = await runAllow({
    dir: args.dir ?? io.cwd,
    policy: args.policy,
    spec: args.package,
    rules: args.rule ?? [],
    reason: args.reason,
    expires: args.expires,
    ticket: args.ticket,
    now,
    forceLongExpiry: args['force-long-expiry'],
  });
  // Shown relative to where the command runs, as the user would type it.
  const shown = { ...result, path: relative(io.cwd, result.path) || result.path };
  io.stdout(wantsJson(args) ? `${JSON.stringify(allowResultToJson(shown), null, 2)}\n` : formatAllowText(shown, now));
  return EXIT_CODES.ok;
}
