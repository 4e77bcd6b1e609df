/**
 * Bun Security Scanner (`bunfig.toml`: `[install.security] scanner = "release-quarantine/bun-scanner"`).
 *
 * Bun calls `scan({packages})` once the install is resolved, before it downloads tarballs,
 * writes `node_modules` or the lockfile, or runs any script, with every package it is about
 * to install (verified with Bun 1.4.5, docs/pnpm-and-bun-hooks.md). Each name@version is
 * evaluated as `check` would, with the project's policy and registry (`.npmrc`, and
 * `[install] registry` from bunfig.toml). Blocked -> a `fatal` advisory (Bun cancels the
 * install); anything the gate cannot decide -> `fatal` (fail closed); warned -> printed on
 * stderr, install goes on (a Bun `warn` advisory would cancel every install without a
 * terminal, making warnings blocks under Bun only). Runs inside Bun.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistorySource } from '../model/history-source.js';
import type { Host } from '../model/host.js';
import { parseBunfigRegistry, BUNFIG_FILE } from '../settings/bunfig.js';
import { errorReason } from '../report/error-text.js';
import { bunAdvisories, undecidedAdvisories, warningText, type BunAdvisory } from '../report/bun-advisories.js';
import { checkLockfiles } from '../app/check.js';
import { lockedPackagesFromBun, type BunScannedPackage } from './bun-packages.js';
import { createNodeHost } from '../host-node.js';
import { hookRunOptions, installInstant, type HookOptions } from './gate.js';

export type { BunAdvisory } from '../report/bun-advisories.js';
export type { BunScannedPackage } from './bun-packages.js';

export interface BunScanner {
  version: '1';
  scan(info: { packages: BunScannedPackage[] }): Promise<BunAdvisory[]>;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Names the project's package.json depends on directly (for remedies). */
async function directNames(dir: string): Promise<Set<string>> {
  const text = await readOptional(join(dir, 'package.json'));
  if (text === null) return new Set();
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const map = manifest[field];
    if (typeof map === 'object' && map !== null) for (const name of Object.keys(map)) names.add(name);
  }
  return names;
}

export interface BunScannerOptions extends HookOptions {
  /** Project directory (default: the directory Bun runs in). */
  dir?: string;
  /** Replaces the registry client (tests). */
  source?: HistorySource;
  /** Where warnings go (default: stderr). */
  printWarnings?: (text: string) => void;
}

/**
 * A scanner evaluating with `options`; the module's `scanner` export uses the defaults. `host`
 * is the process's unless a test passes one. Each scan (one install) is judged at one instant.
 */
export function createBunScanner(options: BunScannerOptions = {}, host: Host = createNodeHost()): BunScanner {
  return {
    version: '1',
    async scan({ packages }) {
      if (packages.length === 0) return [];
      const dir = options.dir ?? host.cwd;
      const now = installInstant(options, host);
      try {
        const bunfig = await readOptional(join(dir, BUNFIG_FILE));
        const registry = options.registry ?? (bunfig === null ? null : parseBunfigRegistry(bunfig)) ?? undefined;
        const locked = lockedPackagesFromBun(packages, await directNames(dir));
        const lockfile = { path: 'bun install', packageManager: 'bun' as const, formatVersion: 'scanner v1', packages: locked };
        const run = hookRunOptions(dir, { ...options, ...(registry === undefined ? {} : { registry }) }, host, now());
        const report = await checkLockfiles([lockfile], { ...run, source: options.source });
        const judged = options.warnOnly === true ? { ...report, packages: report.packages.map(demote) } : report;
        const warnings = warningText(judged);
        if (warnings) (options.printWarnings ?? ((text: string) => host.stderr(text)))(warnings);
        return bunAdvisories(packages, judged);
      } catch (error) {
        return undecidedAdvisories(packages, errorReason(error));
      }
    },
  };
}

function demote<T extends { verdict: string }>(entry: T): T {
  return entry.verdict === 'block' ? { ...entry, verdict: 'warn' } : entry;
}

export const scanner: BunScanner = createBunScanner();
export default scanner;
