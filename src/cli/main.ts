#!/usr/bin/env node
/**
 * The command line: parses arguments, runs a command, prints, and is the only place that sets
 * the exit code. Errors the user can fix get one line (plus a hint); never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import yargs, { type Options } from 'yargs';
import { ERROR_CODES, EXIT_CODES, RULE_IDS } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { allowCommand, type AllowArgs } from './allow-command.js';
import { backtestCommand, backtestOptions, type BacktestArgs } from './backtest-command.js';
import { checkCommand, lsCommand, whyCommand } from './commands.js';
import { fixCommand, fixOptions } from './fix-command.js';
import { initCommand, initOptions, type InitArgs } from './init-command.js';
import { installCommand, installOptions, type InstallArgs } from './install-command.js';
import { createNodeHost } from '../host-node.js';
import { printError } from './error-output.js';
import type { CliIo } from './io.js';
import { sharedOptions } from './options.js';
import { suggestionError } from './suggest.js';
import { folderGivenTwiceMessage, interruptedText } from '../report/usage-text.js';

const EPILOGUE = `Exit codes: 0 nothing blocked, 1 something blocked (0 with --warn-only; backtest always 0), 2 could not evaluate.
Policy: quarantine.json (or --policy); reference in docs/policy.md. JSON output: see the README.`;

const checkOptions = {
  ...sharedOptions,
  'warn-only': { type: 'boolean', default: false, describe: 'Report blocks but exit 0' },
  verbose: { type: 'boolean', default: false, describe: 'List every blocked package, not one line per root cause' },
  base: { type: 'string', requiresArg: true, describe: 'Check only the lockfile entries added or changed since this git commit or ref (e.g. origin/main)' },
} satisfies Record<string, Options>;

const lsOptions = { dir: sharedOptions.dir, lockfile: sharedOptions.lockfile, format: sharedOptions.format, json: sharedOptions.json } satisfies Record<string, Options>;

const allowOptions = {
  dir: sharedOptions.dir,
  policy: sharedOptions.policy,
  now: sharedOptions.now,
  format: sharedOptions.format,
  json: sharedOptions.json,
  reason: { type: 'string', demandOption: true, requiresArg: true, describe: 'Why this release is safe (reviewers read it)' },
  expires: { type: 'string', demandOption: true, requiresArg: true, describe: 'Last day it applies (2026-12-31), an instant, or a duration from now (30d, 12w)' },
  rule: { type: 'string', array: true, choices: RULE_IDS, requiresArg: true, describe: 'Only let these rules through (repeatable; default: every rule)' },
  ticket: { type: 'string', requiresArg: true, describe: 'A ticket or review link' },
  'force-long-expiry': { type: 'boolean', default: false, describe: "Record an --expires past the policy's maxExceptionDays (default 90)" },
} satisfies Record<string, Options>;

/** Each command's options, for "did you mean" on a mistyped command or option. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  check: Object.keys(checkOptions),
  why: Object.keys(sharedOptions),
  ls: Object.keys(lsOptions),
  backtest: Object.keys(backtestOptions),
  allow: Object.keys(allowOptions),
  init: Object.keys(initOptions),
  install: Object.keys(installOptions),
  fix: Object.keys(fixOptions),
};

/** The value of the last `--dir` before `--` (`--dir app`, `--dir=app`), if any. */
function dirFlag(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  let value: string | undefined;
  words.forEach((word, index) => {
    if (word === '--dir') value = words[index + 1];
    else if (word.startsWith('--dir=')) value = word.slice('--dir='.length);
  });
  return value;
}

/** yargs lets a `[dir]` positional silently win over `--dir`: two different folders are refused instead. */
function checkFolderOnce(argv: readonly string[], args: Record<string, unknown>): void {
  const option = dirFlag(argv);
  const dir = args['dir'];
  if (option !== undefined && typeof dir === 'string' && dir !== option) {
    throw new QuarantineError(ERROR_CODES.usage, folderGivenTwiceMessage(dir, option));
  }
}


/** `interrupted`: after Ctrl-C, what fails as the command unwinds is not reported as an error. */
export async function main(argv: string[], io: CliIo, interrupted: () => boolean = () => false): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const parser = yargs(argv)
    .scriptName('quarantine')
    .usage('$0 <command> [options]\n\nBlocks dependency versions younger than a quarantine window or published after a suspicious change of hands.')
    .command(
      'check [dir]',
      'Check every package in the lockfile against the policy',
      (y) =>
        y
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(checkOptions),
      async (args) => {
        exitCode = await checkCommand(args, io);
      },
    )
    .command(
      'why <package> [dir]',
      'Explain the verdict for one package: history, paths, findings, what would pass',
      (y) =>
        y
          .positional('package', { type: 'string', describe: '<name> or <name>@<version>', demandOption: true })
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(sharedOptions),
      async (args) => {
        exitCode = await whyCommand(args, io);
      },
    )
    .command(
      'ls [dir]',
      'List the locked packages the gate sees (no network): name, version, source, dev/optional, paths',
      (y) =>
        y
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(lsOptions),
      async (args) => {
        exitCode = await lsCommand(args, io);
      },
    )
    .command(
      'backtest [dir]',
      'Replay the locked packages\' past releases, each a day after publish with the history the registry had then: how often each rule would have held or warned, and every change-of-hands alert (exits 0)',
      (y) =>
        y
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(backtestOptions)
          .example('$0 backtest --since 2y', 'how noisy the policy would have been over two years')
          .example('$0 backtest --policy strict.json --json', 'the same with another policy, as JSON'),
      async (args) => {
        exitCode = await backtestCommand(args, io);
      },
    )
    .command(
      'allow <package> [dir]',
      'Add a reviewed exception (reason and expiry required) to the project policy, keeping its formatting',
      (y) =>
        y
          .positional('package', { type: 'string', describe: '<name>@<version>, a package name, or a glob such as @myorg/*', demandOption: true })
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(allowOptions),
      async (args) => {
        exitCode = await allowCommand(args, io);
      },
    )
    .command(
      'init [dir]',
      'Write a starter policy and print (with --write, apply) the matching package manager and bot settings',
      (y) => y.positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' }).options(initOptions),
      async (args) => {
        exitCode = await initCommand(args, io);
      },
    )
    .command(
      'fix [dir]',
      'Make a blocked lockfile pass: the package manager resolves the age-blocked entries again with its own release-age setting set to the policy window (lockfile only, no scripts), then the gate checks again',
      (y) =>
        y
          .positional('dir', { type: 'string', describe: 'Project directory (default: the current one)' })
          .options(fixOptions)
          .example('$0 fix --dry-run', 'show what would move, and the package manager command'),
      async (args) => {
        exitCode = await fixCommand(args, io);
      },
    )
    .command(
      'install [packages..]',
      'Resolve the new dependency tree without running scripts, gate what changed, then install (restores package.json and the lockfile on a block)',
      (y) =>
        y
          .positional('packages', { type: 'string', array: true, describe: 'Packages to add, as `npm install <pkg>` / `pnpm add <pkg>` would (the project folder is --dir: `./lib` here is a package to add, as for npm)' })
          .options(installOptions)
          .example('$0 install', 'install what package.json asks for, gated')
          .example('$0 install lodash -- --save-dev', 'add a package; arguments after -- go to the package manager')
          .example('$0 install lodash --dir app', 'the same in the project folder app'),
      async (args) => {
        exitCode = await installCommand(args, io);
      },
    )
    .demandCommand(1, 'a command is required: check, why, ls, backtest, allow, init, install or fix')
    .middleware((args) => checkFolderOnce(argv, args))
    .parserConfiguration({ 'populate--': true })
    .strict()
    .exitProcess(false)
    .wrap(Math.min(100, yargs().terminalWidth()))
    .epilogue(EPILOGUE)
    .help()
    .version()
    .fail((message, error) => {
      throw error ?? suggestionError(message, argv, COMMAND_OPTIONS) ?? new QuarantineError(ERROR_CODES.usage, message, { hint: 'run `quarantine --help` for usage' });
    });

  let output = '';
  try {
    await parser.parseAsync(argv, {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (!interrupted()) printError(error, io, argv);
    return EXIT_CODES.error;
  }
  if (output) io.stdout(`${output}\n`);
  return exitCode;
}

function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    return realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * Ctrl-C: end the progress line, say so in one line, and end by SIGINT as a shell expects
 * (`$?` is 130). A command with its own SIGINT listener (install restores package.json and the
 * lockfile, then raises the signal again) goes first: this waits while it is listening, and
 * `finish` runs once the command has returned.
 */
export function interruptHandling(io: CliIo, listeners: () => number): { handler: () => void; finish: () => void; requested: () => boolean } {
  let requested = false;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    io.signals.off('SIGINT', handler);
    io.stderr(interruptedText(io.stderrIsTty));
    io.signals.raise('SIGINT');
  };
  const handler = (): void => {
    requested = true;
    if (listeners() <= 1) finish();
  };
  return { handler, finish, requested: () => requested };
}

/**
 * How far V8 lets the old generation grow past what survived its last full collection before
 * it collects again: by half, instead of V8's own choice of up to four times. A cold `check`
 * keeps ~35 MB of live objects, but projecting 1,800 registry documents leaves far more garbage
 * behind, and with it the response buffers it holds (freed only by a full collection): V8 let
 * the old generation reach ~100 MB before collecting, and the process peaked at ~290 MiB of
 * RSS on the benchmark. By half: ~60 MB and ~235 MiB, for ~20 full collections instead of 4-5
 * (~0.1 s more on the main thread; about the same CPU time in all). V8 reads the flag at every
 * full collection, so setting it here, before any work, is enough; the user passes nothing.
 * Measured in docs/decisions/0049-cold-check-memory.md.
 */
const HEAP_GROWING_FLAG = '--heap-growing-percent=50';

if (isEntryPoint()) {
  setFlagsFromString(HEAP_GROWING_FLAG);
  const io: CliIo = {
    ...createNodeHost(),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  };
  const interrupt = interruptHandling(io, () => process.listenerCount('SIGINT'));
  io.signals.on('SIGINT', interrupt.handler);
  main(process.argv.slice(2), io, interrupt.requested).then(
    (code) => {
      if (interrupt.requested()) interrupt.finish();
      else process.exitCode = code;
    },
    (error: unknown) => {
      if (interrupt.requested()) return interrupt.finish();
      printError(error, io, process.argv.slice(2));
      process.exitCode = EXIT_CODES.error;
    },
  );
}
