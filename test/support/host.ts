/**
 * A Host for in-process tests: a fixed clock, an empty environment, made-up directories, and
 * output collected in arrays. Nothing here reads the real process.
 */
import type { Host } from '../../src/model/host.js';
import { NOW } from './history.js';

export const TEST_USER_AGENT = 'release-quarantine/test node/test linux x64';

export interface TestHost extends Host {
  out: string[];
  err: string[];
}

export function testHost(overrides: Partial<Host> = {}): TestHost {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    now: () => NOW,
    env: {},
    cwd: '/',
    homeDir: '/home/test',
    tmpDir: '/tmp',
    platform: 'linux',
    execPath: '/usr/bin/node',
    userAgent: TEST_USER_AGENT,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    signals: { on: () => {}, off: () => {}, raise: () => {} },
    ...overrides,
  };
}
