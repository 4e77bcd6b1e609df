/**
 * The facts cache on disk: one small file per (registry, package) holding the projected
 * ReleaseHistory and the ETag / Last-Modified of the document it came from. A warm run sends
 * conditional requests and, on 304, reads kilobytes of facts instead of megabytes of
 * document. File names are hashes of the credential-free registry URL and the package name,
 * so no credential and no raw name ever reaches the file system. Writes are atomic (temp
 * file + rename); an unreadable, corrupt or foreign entry is "no entry" (see facts-entry.ts).
 * A cache that cannot be written (read-only disk) only makes the next run cold.
 *
 * Trust (as ssh treats ~/.ssh): a cached entry decides verdicts without a request, so it is
 * only read when it is this user's and nobody else can write it: the cache directory, its
 * `facts-v<n>` and `<2 hex>` folders, and the entry itself must belong to `owner` and not be
 * writable by group or others, and none may be a symbolic link (the entry is checked through
 * the descriptor it is read from). Anything else is skipped, reported once (`onRefused`), and
 * fetched from the registry: a planted entry costs a request, never a verdict. Folders are made
 * 0700 and entries 0600. Without an `owner` (Windows) nothing is checked.
 */
import { hash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, statSync, writeSync, type Stats } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheRefusal } from '../model/cache-refusal.js';
import {
  FACTS_SCHEMA_VERSION, type FactsEntry, type FactsHeader, parseFactsEntry, planInPlaceRenewal, renewFactsEntry,
  serializeFactsEntry,
} from './facts-entry.js';

/** Bytes read to find an entry's header line when renewing it. */
const HEAD_BYTES = 4096;

export interface FactsCache {
  read(registry: string, name: string): Promise<FactsEntry | null>;
  write(entry: FactsEntry): Promise<void>;
  /** After a 304: the entry's new freshness, if the stored entry is still the one revalidated. */
  renew(header: FactsHeader): Promise<void>;
}

/** `<cacheDir>/facts-v<schema>/<2 hex>/<sha256 of registry + name>.json` */
export function factsPath(cacheDir: string, registry: string, name: string): string {
  const key = hash('sha256', `${registry}\n${name}`, 'hex');
  return join(cacheDir, `facts-v${FACTS_SCHEMA_VERSION}`, key.slice(0, 2), `${key}.json`);
}

export interface FactsCacheOptions {
  /** The user id the cache must belong to (the Host's); undefined: nothing is checked (Windows). */
  owner?: number | undefined;
  /** Told about the first directory or entry refused (later ones are skipped silently). */
  onRefused?: ((refusal: CacheRefusal) => void) | undefined;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0);

/** What is wrong with `stats` for a cache folder or entry of `owner`; null when it can be trusted. */
export function trustProblem(stats: Stats, owner: number, kind: 'directory' | 'file'): CacheRefusal['reason'] | null {
  if (stats.isSymbolicLink()) return 'link';
  if (kind === 'directory' ? !stats.isDirectory() : !stats.isFile()) return 'type';
  if (stats.uid !== owner) return 'owner';
  return (stats.mode & 0o022) !== 0 ? 'writable' : null;
}

export function createFactsCache(cacheDir: string, options: FactsCacheOptions = {}): FactsCache {
  const { owner } = options;
  let reported = false;
  const refuse = (path: string, reason: CacheRefusal['reason'], stats: Stats | null): void => {
    if (reported) return;
    reported = true;
    options.onRefused?.({ path, reason, owner: reason === 'owner' ? stats?.uid ?? null : null, mode: reason === 'writable' ? (stats?.mode ?? 0) & 0o7777 : null });
  };
  /** Whether each folder from the cache directory down to `dir` can be trusted (remembered per folder). */
  const trustedDirs = new Map<string, boolean>();
  function isTrustedDir(dir: string): boolean {
    if (owner === undefined) return true;
    const known = trustedDirs.get(dir);
    if (known !== undefined) return known;
    let trusted: boolean;
    if (dir !== cacheDir && !isTrustedDir(dirname(dir))) trusted = false;
    else {
      let stats: Stats | null = null;
      try {
        // The cache directory itself may be reached through a link (~/.cache elsewhere); below it, no link.
        stats = dir === cacheDir ? statSync(dir) : lstatSync(dir);
      } catch {
        stats = null;
      }
      // A folder that does not exist yet is made by this user, 0700.
      const problem = stats === null ? null : trustProblem(stats, owner, 'directory');
      if (problem !== null) refuse(dir, problem, stats);
      trusted = problem === null;
    }
    // Only a verdict on an existing folder is kept: one made later is checked again.
    if (!trusted || existsAsDir(dir)) trustedDirs.set(dir, trusted);
    return trusted;
  }
  /** The entry's text when it can be trusted; null otherwise (or when there is none). */
  function readEntry(path: string): string | null {
    if (!isTrustedDir(dirname(path))) return null;
    let fd: number;
    try {
      fd = openSync(path, owner === undefined ? constants.O_RDONLY : READ_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') refuse(path, 'link', null);
      return null;
    }
    try {
      if (owner !== undefined) {
        const stats = fstatSync(fd);
        const problem = trustProblem(stats, owner, 'file');
        if (problem !== null) {
          refuse(path, problem, stats);
          return null;
        }
      }
      return readFileSync(fd, 'utf8');
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }
  return {
    read(registry, name) {
      // Synchronous on purpose: entries are small, and four thread-pool round trips per file
      // (open, stat, read, close) cost more than the read (measured: 270 ms vs ~30 ms for
      // 1,830 entries).
      const text = readEntry(factsPath(cacheDir, registry, name));
      return Promise.resolve(text === null ? null : parseFactsEntry(text, registry, name));
    },
    async write(entry) {
      const path = factsPath(cacheDir, entry.registry, entry.name);
      // Nothing is written where it would not be read back (a folder others can write).
      if (!isTrustedDir(dirname(path))) return;
      await writeAtomically(path, serializeFactsEntry(entry), true);
    },
    async renew(header) {
      const path = factsPath(cacheDir, header.registry, header.name);
      if (renewInPlace(path, header, owner)) return;
      const text = readEntry(path);
      const renewed = text === null ? null : renewFactsEntry(text, header);
      if (renewed !== null) await writeAtomically(path, renewed, false);
    },
  };
}

function existsAsDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Overwrites the fetch time of the entry at `path` (a few bytes, one write: 1,830 renewals
 * cost ~20 ms instead of ~500 ms of rewriting whole entries). False when that is not
 * possible (see planInPlaceRenewal); the caller then rewrites the entry. The digits are
 * checked and written through one descriptor, so an entry replaced meanwhile is not touched.
 */
function renewInPlace(path: string, header: FactsHeader, owner: number | undefined): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | (owner === undefined ? 0 : NO_FOLLOW));
  } catch {
    return false;
  }
  try {
    if (owner !== undefined && trustProblem(fstatSync(fd), owner, 'file') !== null) return false;
    const head = Buffer.allocUnsafe(HEAD_BYTES);
    const length = readSync(fd, head, 0, HEAD_BYTES, 0);
    const plan = planInPlaceRenewal(head.toString('utf8', 0, length), header);
    if (plan === null) return false;
    writeSync(fd, plan.text, plan.offset, 'latin1');
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

async function writeAtomically(path: string, text: string, createDir: boolean): Promise<void> {
  const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    if (createDir) await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}
