/** `quarantine backtest [dir] [--since <date|duration>]`: how noisy would the policy have been? */
import type { Options } from 'yargs';
import { runBacktest } from '../app/backtest.js';
import { ERROR_CODES, EXIT_CODES } from '../model/constants.js';
import { parseDuration } from '../model/duration.js';
import { QuarantineError } from '../model/errors.js';
import { DAY, parseNow } from '../model/instant.js';
import type { Instant } from '../model/types.js';
import { backtestReportToJson } from '../report/backtest-json.js';
import { formatBacktestText } from '../report/backtest-text.js';
import { createStyle } from '../report/style.js';
import { runOptions } from './commands.js';
import { colorWanted, type CliIo } from './io.js';
import { sharedOptions, wantsJson, type SharedArgs } from './options.js';
import { createProgress } from './progress.js';

export const DEFAULT_SINCE = '1y';

export const backtestOptions = {
  ...sharedOptions,
  since: {
    type: 'string',
    requiresArg: true,
    default: DEFAULT_SINCE,
    describe: 'Replay releases published since this date (2024-01-01, an ISO instant) or this long before --now (90d, 2w, 3y)',
  },
} satisfies Record<string, Options>;

export interface BacktestArgs extends SharedArgs {
  dir?: string | undefined;
  since: string;
}

const YEAR = 365 * DAY;

/** `--since`: a date or instant, or a duration back from `now` (`m h d w` as in policies, plus `y` = 365d). */
export function parseSince(text: string, now: Instant): Instant {
  const years = /^(\d{1,4})y$/.exec(text);
  const duration = years ? Number(years[1]) * YEAR : parseDuration(text);
  let since: Instant;
  if (duration !== null) since = now - duration;
  else {
    try {
      since = parseNow(text, () => now, '--since');
    } catch {
      throw new QuarantineError(ERROR_CODES.usage, `--since: expected a date (2024-01-01), an ISO instant or a duration (90d, 3y), got "${text}"`);
    }
  }
  if (since > now) throw new QuarantineError(ERROR_CODES.usage, `--since: ${text} is after --now; nothing to replay`);
  return since;
}

export async function backtestCommand(args: BacktestArgs, io: CliIo): Promise<number> {
  const json = wantsJson(args);
  const options = runOptions(args, io, undefined);
  const since = parseSince(args.since, options.now);
  const progress = createProgress(io, !json);
  let report;
  try {
    report = await runBacktest({ ...options, since, onProgress: progress.update });
  } finally {
    progress.clear();
  }
  io.stdout(json ? `${JSON.stringify(backtestReportToJson(report), null, 2)}\n` : formatBacktestText(report, createStyle(colorWanted(io))));
  // It reports; it does not gate.
  return EXIT_CODES.ok;
}
