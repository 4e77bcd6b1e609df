/** Runs the built CLI (dist/cli/main.js) as a child process, the way users run it. */
import { execFile } from 'node:child_process';

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A scratch home directory so the user's real ~/.npmrc never leaks into a test. */
export function isolatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = makeTempDir('home');
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_globalconfig: join(home, 'global-npmrc'),
    ...extra,
  };
}

/** `killAfterMs`: a safety net for tests of inputs that used to hang (the test then fails on the exit code). */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; killAfterMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? isolatedEnv(), maxBuffer: 64 * 1024 * 1024, timeout: options.killAfterMs ?? 0 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
