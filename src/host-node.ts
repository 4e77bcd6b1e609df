/**
 * The Host of a real run: the process's clock, environment, directories and streams. Only the
 * entry points import this (the CLI, the Action, the pnpm hooks, the Bun scanner, the library
 * API), each building one Host; everything below them receives it (src/model/host.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host } from './model/host.js';

const PACKAGE_NAME = 'release-quarantine';

/**
 * This package's version, from the nearest package.json named release-quarantine above this
 * module: dist/host-node.js when built, dist/action/index.js in the Action bundle.
 */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
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
    uid: process.getuid?.(),
    userAgent: `${PACKAGE_NAME}/${packageVersion()} node/${process.version} ${process.platform} ${process.arch}`,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    signals: {
      on: (signal, listener) => void process.on(signal, listener),
      off: (signal, listener) => void process.removeListener(signal, listener),
      raise: (signal) => void process.kill(process.pid, signal),
    },
  };
}
