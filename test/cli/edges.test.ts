/**
 * The command line's edges (issue 16): a folder as [dir] or --dir on every command, "did you
 * mean" for typos, strict dates, numbers quoted as typed, Ctrl-C. Parsing errors run
 * in-process; Ctrl-C runs the built CLI, as a user would press it.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { interruptHandling, main } from '../../src/cli/main.js';
import { isolatedEnv, REPO_ROOT } from '../support/cli.js';
import { testHost } from '../support/host.js';
import { makeTempDir } from '../support/temp.js';

function cliIo(cwd = '/'): CliIo & { out: string[]; err: string[] } {
  return { ...testHost({ cwd }), stdoutIsTty: false, stderrIsTty: false };
}

async function run(argv: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = cliIo(cwd);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** Exit 2, nothing on stdout, exactly one line on stderr. */
async function expectOneLine(argv: string[], line: string): Promise<void> {
  expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr: `quarantine: ${line}\n` });
}

describe('did you mean', () => {
  it.each([
    [['chek'], 'unknown command "chek" (did you mean "check"?)'],
    [['instal', 'lodash'], 'unknown command "instal" (did you mean "install"?)'],
    [['bactkest'], 'unknown command "bactkest" (did you mean "backtest"?)'],
    [['check', '--jsn'], 'unknown option --jsn (did you mean --json?)'],
    [['check', '--no-jsn'], 'unknown option --no-jsn (did you mean --no-json?)'],
    [['why', 'left-pad', '--polcy', 'p.json'], 'unknown option --polcy (did you mean --policy?)'],
    [['ls', '--lockfiel=x'], 'unknown option --lockfiel (did you mean --lockfile?)'],
    [['install', '--dyr-run'], 'unknown option --dyr-run (did you mean --dry-run?)'],
    [['allow', 'a@1.0.0', '--reason', 'r', '--expires', '1d', '--tiket', 'T-1'], 'unknown option --tiket (did you mean --ticket?)'],
  ])('%j: one line, exit 2', async (argv, line) => {
    await expectOneLine(argv, line);
  });

  it('an option of another command is not suggested (`ls --warn-onyl`: ls has no --warn-only)', async () => {
    const result = await run(['ls', '--warn-onyl']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('did you mean');
  });

  it('nothing close: yargs\'s message and the help hint', async () => {
    expect((await run(['check', '--bogus'])).stderr).toBe('quarantine: Unknown argument: bogus\n  hint: run `quarantine --help` for usage\n');
  });

  it('arguments after -- belong to the package manager and are never "corrected"', async () => {
    const result = await run(['install', '--dry-rn', '--', '--jsn']);
    expect(result.stderr).toBe('quarantine: unknown option --dry-rn (did you mean --dry-run?)\n');
  });
});

describe('strict ISO dates', () => {
  it.each([
    ['2026-02-30', '--now: 2026-02-30 is not a calendar date (2026-02 has 28 days)'],
    ['2028-02-30T12:00:00Z', '--now: 2028-02-30T12:00:00Z is not a calendar date (2028-02 has 29 days)'],
    ['2026-13-01', '--now: 2026-13-01 is not a calendar date (there is no month 13)'],
    ['2026-04-31', '--now: 2026-04-31 is not a calendar date (2026-04 has 30 days)'],
    ['2026-02-28T24:00:00Z', '--now: expected an ISO 8601 time like 2026-11-20T12:00:00Z, got "2026-02-28T24:00:00Z"'],
    ['2026-02-28T23:60:00Z', '--now: expected an ISO 8601 time like 2026-11-20T12:00:00Z, got "2026-02-28T23:60:00Z"'],
  ])('--now %s is refused, not rolled over', async (now, line) => {
    await expectOneLine(['check', '--now', now], line);
  });

  it('backtest --since names its own flag for an impossible day', async () => {
    const result = await run(['backtest', makeTempDir('since'), '--now', '2026-03-01', '--since', '2026-02-29']);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('--since: expected a date (2024-01-01)') });
  });
});

describe('numbers', () => {
  it.each([
    [['check', '--concurrency', 'abc'], '--concurrency: expected a whole number from 1 to 256, got "abc"'],
    [['check', '--concurrency', '2.5'], '--concurrency: expected a whole number from 1 to 256, got 2.5'],
    [['check', '--concurrency', '0x10'], '--concurrency: expected a whole number from 1 to 256, got "0x10"'],
    [['check', '--document-timeout', 'soon'], '--document-timeout: expected a number above 0 and at most 3600, got "soon"'],
    [['check', '--max-document-size', '1e9'], '--max-document-size: expected a number above 0 and at most 4096, got "1e9"'],
  ])('%j quotes what was typed (never "NaN")', async (argv, line) => {
    await expectOneLine(argv, line);
  });
});

describe('a folder as [dir] or --dir', () => {
  it('init takes the folder as a positional', async () => {
    const dir = makeTempDir('init-positional');
    writeFileSync(join(dir, 'package.json'), '{"name":"app"}\n');
    const result = await run(['init', 'app'], join(dir, '..'));
    // run from the parent, with a relative folder, as `quarantine init app`
    expect(result.stderr).toBe(`quarantine: app: no such directory\n`);
    const written = await run(['init', dir]);
    expect(written.code).toBe(0);
    expect(existsSync(join(dir, 'quarantine.json'))).toBe(true);
  });

  it.each([['check'], ['ls'], ['backtest'], ['why', 'left-pad'], ['init'], ['allow', 'a@1.0.0', '--reason', 'r', '--expires', '1d']])(
    '%s takes --dir as the folder (a missing one is named, in one line)',
    async (...command) => {
      const dir = join(makeTempDir('dir-alias'), 'missing');
      await expectOneLine([...command, '--dir', dir], `${dir}: no such directory`);
    },
  );

  it('allow accepts --dir', async () => {
    const dir = makeTempDir('allow-dir');
    const result = await run(['allow', 'left-pad@1.3.0', '--dir', dir, '--reason', 'reviewed', '--expires', '14d', '--now', '2026-12-03']);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'quarantine.json'))).toBe(true);
  });

  it('two different folders are refused instead of one silently winning', async () => {
    await expectOneLine(['check', '/a', '--dir', '/b'], 'the project folder is given twice ("/a" and --dir "/b"): give it once, as [dir] or as --dir');
  });
});

describe('Ctrl-C', () => {
  function interruptIo(stderrIsTty: boolean): CliIo & { err: string[]; raised: string[]; removed: number } {
    const raised: string[] = [];
    const io = {
      ...testHost(),
      stdoutIsTty: false,
      stderrIsTty,
      raised,
      removed: 0,
    };
    io.signals = { on: () => {}, off: () => void io.removed++, raise: (signal) => void raised.push(signal) };
    return io;
  }

  it('on a terminal: ends the progress line with a newline, one message, then ends by SIGINT', () => {
    const io = interruptIo(true);
    interruptHandling(io, () => 1).handler();
    expect(io.err.join('')).toBe('\nquarantine: interrupted (Ctrl-C)\n');
    expect(io.raised).toEqual(['SIGINT']);
    expect(io.removed).toBe(1);
  });

  it('waits while a command has its own listener (install restores the project first)', () => {
    const io = interruptIo(true);
    const interrupt = interruptHandling(io, () => 2);
    interrupt.handler();
    expect(io.err).toEqual([]);
    expect(io.raised).toEqual([]);
    expect(interrupt.requested()).toBe(true);
    // the command has returned: the message once, then the signal
    interrupt.finish();
    interrupt.finish();
    expect(io.err.join('')).toBe('\nquarantine: interrupted (Ctrl-C)\n');
    expect(io.raised).toEqual(['SIGINT']);
  });

  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('the real CLI: one line on stderr, exit status 130 in a shell', async () => {
    let requested!: () => void;
    const firstRequest = new Promise<void>((resolve) => (requested = resolve));
    server = createServer(() => requested()); // never answers
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const dir = makeTempDir('sigint');
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { a: '*' } }, 'node_modules/a': { version: '1.0.0' } } }));
    const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // Through sh, so the exit status is what a user's shell reports.
    const script = `node ${JSON.stringify(join(REPO_ROOT, 'dist', 'cli', 'main.js'))} check ${JSON.stringify(dir)} --registry ${registry} --now 2026-12-03 & child=$!; read line; kill -INT $child; wait $child; echo "status=$?"`;
    const shell = spawn('sh', ['-c', script], { env: isolatedEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<void>((resolve) => shell.once('close', () => resolve()));
    await firstRequest;
    shell.stdin.end('go\n');
    await closed;
    expect(stdout).toBe('status=130\n');
    expect(stderr).toBe('quarantine: interrupted (Ctrl-C)\n');
  }, 30_000);
});
