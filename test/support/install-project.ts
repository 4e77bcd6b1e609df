/**
 * End-to-end install tests: a scratch project for a real package manager, run without
 * blocking the event loop (the fixture registry lives in the test process), and byte
 * snapshots of the files an install must not touch when it is refused.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isolatedEnv, REPO_ROOT } from './cli.js';
import { makeTempDir } from './temp.js';

export { REPO_ROOT };

export interface InstallResult {
  code: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
  ms: number;
}

export interface InstallProject {
  dir: string;
  /** Scratch directory for everything outside the project (home, stores, caches, the marker). */
  scratch: string;
  env: Record<string, string>;
  marker: string;
  write(path: string, content: string): void;
  read(path: string): string | null;
  /** Runs `file args` in the project: Node scripts (`.cjs`, `.js`) through this Node. */
  run(file: string, args: string[], timeoutMs?: number): Promise<InstallResult>;
}

export function createInstallProject(files: Record<string, string>, extraEnv: Record<string, string> = {}): InstallProject {
  const scratch = makeTempDir('e2e');
  const dir = join(scratch, 'project');
  mkdirSync(dir);
  const env = { ...isolatedEnv(), CI: 'true', ...extraEnv };
  const project: InstallProject = {
    dir,
    scratch,
    env,
    marker: join(scratch, 'marker.txt'),
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    read(path) {
      return existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : null;
    },
    run(file, args, timeoutMs = 120_000) {
      const [command, argv] = /\.c?js$/.test(file) ? [process.execPath, [file, ...args]] : [file, args];
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(command, argv, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
        });
      });
    },
  };
  for (const [path, content] of Object.entries(files)) project.write(path, content);
  return project;
}

/** Exact bytes of `paths` (null when absent), to compare before and after a refused install. */
export function snapshotFiles(dir: string, paths: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(paths.map((path) => [path, existsSync(join(dir, path)) ? readFileSync(join(dir, path)).toString('base64') : null]));
}

/** Tarball requests the registry received for `name` (e.g. `/canary/-/canary-1.1.0.tgz`). */
export function tarballRequests(requests: ReadonlyArray<{ path: string }>, name: string): string[] {
  return requests.map((request) => request.path).filter((path) => path.startsWith(`/${name}/-/`));
}
