/** What the CLI needs from the process, injected so tests can run commands in-process. */
import type { Instant } from '../model/types.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  /** stdout is a terminal: colour allowed (unless NO_COLOR). */
  stdoutIsTty: boolean;
  /** stderr is a terminal: progress allowed. */
  stderrIsTty: boolean;
  clock: () => Instant;
}

export function colorWanted(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return io.stdoutIsTty && io.env['TERM'] !== 'dumb';
}
