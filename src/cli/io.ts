/** What the CLI needs from the process (the Host, and which streams are terminals), injected so tests can run commands in-process. */
import type { Host } from '../model/host.js';

export interface CliIo extends Host {
  /** stdout is a terminal: colour allowed (unless NO_COLOR). */
  stdoutIsTty: boolean;
  /** stderr is a terminal: progress allowed. */
  stderrIsTty: boolean;
}

export function colorWanted(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return io.stdoutIsTty && io.env['TERM'] !== 'dumb';
}
