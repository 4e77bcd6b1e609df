/**
 * How the CLI reports an error (exit 2): its lines on stderr, and with `--json` (or
 * `--format json`) the JSON error document on stdout, so a CI step that parses the report
 * gets one. Read from the raw arguments, so a usage error (yargs could not parse them) gets
 * the document too.
 */
import { isQuarantineError } from '../model/errors.js';
import { errorDocument, errorLines } from '../report/error-text.js';
import { redactCredentials } from '../report/sanitize.js';
import type { CliIo } from './io.js';

/** Whether the arguments ask for JSON: the last `--json` / `--no-json` / `--format` wins; nothing after `--` counts. */
export function jsonRequested(argv: readonly string[]): boolean {
  let json = false;
  let format = 'text';
  const end = argv.indexOf('--');
  const args = end === -1 ? argv : argv.slice(0, end);
  args.forEach((arg, index) => {
    if (arg === '--json' || arg === '--json=true') json = true;
    else if (arg === '--no-json' || arg === '--json=false') json = false;
    else if (arg === '--format') format = args[index + 1] ?? format;
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
  });
  return json || format === 'json';
}

export function printError(error: unknown, io: CliIo, argv: readonly string[]): void {
  io.stderr(errorLines(error));
  if (jsonRequested(argv)) io.stdout(`${JSON.stringify(errorDocument(error), null, 2)}\n`);
  if (!isQuarantineError(error) && io.env['QUARANTINE_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${redactCredentials(error.stack)}\n`);
}
