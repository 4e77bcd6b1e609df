/**
 * The Host of a real run: the process's clock, environment, directories and streams. Only the
 * entry points import this (the CLI, the Action, the pnpm hooks, the Bun scanner), each once;
 * everything below them receives the Host (src/model/host.ts).
 *
 * It sits two folders below the package root, like dist/action/index.js (the Action bundle),
 * so `../../package.json` names the package's manifest both built and bundled.
 */
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import type { Host } from '../model/host.js';

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function createNodeHost(): Host {
  return {
    now: () => Date.now(),
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    tmpDir: tmpdir(),
    platform: process.platform,
    execPath: process.execPath,
    userAgent: `release-quarantine/${packageVersion()} node/${process.version} ${process.platform} ${process.arch}`,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    signals: {
      on: (signal, listener) => void process.on(signal, listener),
      off: (signal, listener) => void process.removeListener(signal, listener),
      raise: (signal) => void process.kill(process.pid, signal),
    },
  };
}
