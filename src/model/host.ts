/**
 * What a run needs from the world it runs in: the clock, the environment, the working and
 * home directories, the platform, and where text goes. Each entry point (the CLI, the Action,
 * the pnpm hooks, the Bun scanner, the library API) builds one Host and passes it down;
 * nothing below the shells reads `process`, the clock or the environment itself, so tests
 * pass a Host with a fixed clock and a made-up environment.
 *
 * The clock is the wall clock (HTTP freshness, progress throttling). The instant a run is
 * judged at (`now`) is read from it once per invocation, at the edge, and passed down as data.
 */
import type { Instant } from './types.js';

/** Environment variables, read-only. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A signal the host can deliver: install restores the project on these, then re-raises. */
export type HostSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export interface HostSignals {
  on(signal: HostSignal, listener: (signal: HostSignal) => void): void;
  off(signal: HostSignal, listener: (signal: HostSignal) => void): void;
  /** Delivers `signal` to this process (after cleaning up, so it ends as the signal asked). */
  raise(signal: HostSignal): void;
}

export interface Host {
  /** The wall clock, in milliseconds since the epoch. */
  now(): Instant;
  env: Env;
  /** Absolute working directory. */
  cwd: string;
  homeDir: string;
  /** Where scratch folders go (the operating system's temporary directory). */
  tmpDir: string;
  platform: NodeJS.Platform;
  /** The Node.js (or Bun) binary: runs a JavaScript package-manager override, locates npm's global config. */
  execPath: string;
  /** This user's id: the facts cache must be theirs alone. Undefined where there are none (Windows). */
  uid?: number | undefined;
  /** How registry requests name the program: `release-quarantine/0.1.0 node/v20.17.0 linux x64`. */
  userAgent: string;
  stdout(text: string): void;
  stderr(text: string): void;
  signals: HostSignals;
}
