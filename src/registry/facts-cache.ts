/**
 * The facts cache on disk: ONE store file per cache directory,
 * `<cacheDir>/facts-v<schema>.store`, holding for every (registry, package) the projected
 * ReleaseHistory and the ETag / Last-Modified and freshness of the document it came from, two
 * lines per entry (facts-entry.ts). A run reads the store once (one open, one read: ~6 MB for
 * 1,830 packages) and parses an entry's history only when that package is asked for; what the
 * run learnt is kept in memory and written back once, when no request is in flight any more
 * (`flush`): the store as it is on disk then (another run may have written meanwhile), with this
 * run's entries replacing theirs, written to a temp file and renamed over the store. Two runs
 * writing at once can lose the other's new entries; that costs a request next time, never a
 * verdict. An unreadable, corrupt or foreign entry is "no entry" (see facts-entry.ts). A store
 * that cannot be written (read-only disk) only makes the next run cold.
 *
 * Trust (as ssh treats ~/.ssh): a cached entry decides verdicts without a request, so the store
 * is only read when it is this user's and nobody else can write it: the cache directory and the
 * store must belong to `owner` and not be writable by group or others, and the store may not be
 * a symbolic link (it is checked through the descriptor it is read from). Anything else is
 * skipped, reported once (`onRefused`), and every package is fetched from the registry: a
 * planted store costs requests, never a verdict. Nothing is written into a directory that is
 * not trusted. The store is made 0600, the directory 0700. Without an `owner` (Windows) nothing
 * is checked.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { CacheRefusal } from '../model/cache-refusal.js';
import {
  FACTS_SCHEMA_VERSION, type FactsEntry, type FactsHeader, parseFactsEntry, parseStoredHeader, renewFactsEntry,
  serializeFactsEntry,
} from './facts-entry.js';

export interface FactsCache {
  /** `abbreviated`: the entry of an abbreviated request (FactsHeader.abbreviated). */
  read(registry: string, name: string, abbreviated?: boolean): Promise<FactsEntry | null>;
  /** Kept in memory until `flush`. */
  write(entry: FactsEntry): Promise<void>;
  /** After a 304: the entry's new freshness, if the stored entry is still the one revalidated. */
  renew(header: FactsHeader): Promise<void>;
  /**
   * Writes what this run learnt, if anything, and returns the store's identity (device, inode,
   * size, modification time) as it is now: null when there is no trusted store. A store with
   * the same identity holds the same facts.
   */
  flush(): string | null;
}

/** `<cacheDir>/facts-v<schema>.store` */
export function factsStorePath(cacheDir: string): string {
  return join(cacheDir, `facts-v${FACTS_SCHEMA_VERSION}.store`);
}

export interface FactsCacheOptions {
  /** The user id the cache must belong to (the Host's); undefined: nothing is checked (Windows). */
  owner?: number | undefined;
  /** Told about the first directory or file refused (later ones are skipped silently). */
  onRefused?: ((refusal: CacheRefusal) => void) | undefined;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0);

/** What is wrong with `stats` for a cache folder or file of `owner`; null when it can be trusted. */
export function trustProblem(stats: Stats, owner: number, kind: 'directory' | 'file'): CacheRefusal['reason'] | null {
  if (stats.isSymbolicLink()) return 'link';
  if (kind === 'directory' ? !stats.isDirectory() : !stats.isFile()) return 'type';
  if (stats.uid !== owner) return 'owner';
  return (stats.mode & 0o022) !== 0 ? 'writable' : null;
}

/** The identity of a file: equal identities, equal contents (a store is only ever replaced by rename). */
export function fileIdentity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** A file of the cache, read through one descriptor and trusted as the module comment says. */
export interface TrustedFiles {
  /** Whether `dir` (the cache directory itself, or one folder below it) may be read and written. */
  trustedDir(dir: string): boolean;
  /** The file's text and identity when it exists and can be trusted; null otherwise. */
  read(path: string): { text: string; identity: string } | null;
  /** Writes `text` (or these lines) to a temp file beside `path` and renames it over `path`; the new identity, or null. */
  replace(path: string, text: string | readonly string[]): string | null;
  /** The identity of `path` when it exists and can be trusted; null otherwise. */
  identity(path: string): string | null;
}

/**
 * Trust checks shared by the facts store and the verdict store (verdict-cache.ts): the cache
 * directory (reached through a link or not) and the folders below it must be `owner`'s and
 * not writable by others; files are opened without following links and checked through their
 * descriptor. The first refusal is reported; every refused file is "no file".
 */
export function createTrustedFiles(cacheDir: string, options: FactsCacheOptions = {}): TrustedFiles {
  const { owner } = options;
  let reported = false;
  const refuse = (path: string, reason: CacheRefusal['reason'], stats: Stats | null): void => {
    if (reported) return;
    reported = true;
    options.onRefused?.({ path, reason, owner: reason === 'owner' ? stats?.uid ?? null : null, mode: reason === 'writable' ? (stats?.mode ?? 0) & 0o7777 : null });
  };
  const trustedDirs = new Map<string, boolean>();
  function trustedDir(dir: string): boolean {
    if (owner === undefined) return true;
    const known = trustedDirs.get(dir);
    if (known !== undefined) return known;
    let trusted = dir === cacheDir || trustedDir(cacheDir);
    let exists = false;
    if (trusted) {
      let stats: Stats | null = null;
      try {
        // The cache directory itself may be reached through a link (~/.cache elsewhere); below it, no link.
        stats = dir === cacheDir ? statSync(dir) : lstatSync(dir);
      } catch {
        stats = null;
      }
      exists = stats !== null;
      // A folder that does not exist yet is made by this user, 0700.
      const problem = stats === null ? null : trustProblem(stats, owner, 'directory');
      if (problem !== null) refuse(dir, problem, stats);
      trusted = problem === null;
    }
    // Only a verdict on an existing folder is kept: one made later is checked again.
    if (!trusted || exists) trustedDirs.set(dir, trusted);
    return trusted;
  }
  function openTrusted(path: string, dir: string): number | null {
    if (!trustedDir(dir)) return null;
    let fd: number;
    try {
      fd = openSync(path, owner === undefined ? constants.O_RDONLY : READ_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') refuse(path, 'link', null);
      return null;
    }
    if (owner !== undefined) {
      try {
        const stats = fstatSync(fd);
        const problem = trustProblem(stats, owner, 'file');
        if (problem !== null) {
          refuse(path, problem, stats);
          closeSync(fd);
          return null;
        }
      } catch {
        closeSync(fd);
        return null;
      }
    }
    return fd;
  }
  const dirOf = (path: string) => join(path, '..');
  return {
    trustedDir,
    read(path) {
      const fd = openTrusted(path, dirOf(path));
      if (fd === null) return null;
      try {
        const identity = fileIdentity(fstatSync(fd));
        return { text: readFileSync(fd, 'utf8'), identity };
      } catch {
        return null;
      } finally {
        closeSync(fd);
      }
    },
    identity(path) {
      const fd = openTrusted(path, dirOf(path));
      if (fd === null) return null;
      try {
        return fileIdentity(fstatSync(fd));
      } catch {
        return null;
      } finally {
        closeSync(fd);
      }
    },
    replace(path, text) {
      const dir = dirOf(path);
      // Nothing is written where it would not be read back (a folder others can write).
      if (!trustedDir(dir)) return null;
      const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!trustedDir(dir)) return null;
        if (typeof text === 'string') writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
        else writeLines(temp, text);
        renameSync(temp, path);
        return fileIdentity(statSync(path));
      } catch {
        rmSync(temp, { force: true });
        return null;
      }
    },
  };
}


/** Writes each line followed by a line break, in chunks of about 1 MiB, to a new file (0600). */
function writeLines(path: string, lines: readonly string[]): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    let chunk: string[] = [];
    let size = 0;
    const drain = () => {
      if (chunk.length > 0) writeSync(fd, chunk.join(''));
      chunk = [];
      size = 0;
    };
    for (const line of lines) {
      chunk.push(line, '\n');
      size += line.length + 1;
      if (size >= 1 << 20) drain();
    }
    drain();
  } finally {
    closeSync(fd);
  }
}

interface StoredEntry {
  /**
   * The entry's two lines, as stored (or as this run made them). Only the text is kept: a
   * history is decoded when its package is asked for and dropped by the caller after use, so
   * memory holds ~6 MB of text for 1,830 packages, never every history at once.
   */
  text: string;
}

const keyOf = (registry: string, name: string, abbreviated: boolean | undefined) => `${registry}\n${name}${abbreviated === true ? '\nabbreviated' : ''}`;

/** Splits a store's text into entries by key; lines that do not make an entry are dropped. */
function parseStore(text: string): Map<string, StoredEntry> {
  const entries = new Map<string, StoredEntry>();
  let at = 0;
  while (at < text.length) {
    const headEnd = text.indexOf('\n', at);
    if (headEnd === -1) break;
    const bodyEnd = text.indexOf('\n', headEnd + 1);
    const end = bodyEnd === -1 ? text.length : bodyEnd;
    const header = parseStoredHeader(text.slice(at, headEnd));
    if (header !== null) entries.set(keyOf(header.registry, header.name, header.abbreviated), { text: text.slice(at, end) });
    at = end + 1;
  }
  return entries;
}

export function createFactsCache(cacheDir: string, options: FactsCacheOptions = {}): FactsCache {
  const files = createTrustedFiles(cacheDir, options);
  const path = factsStorePath(cacheDir);
  let entries: Map<string, StoredEntry> | undefined;
  let identity: string | null = null;
  const changed = new Map<string, StoredEntry>();
  const load = (): Map<string, StoredEntry> => {
    if (entries) return entries;
    const stored = files.read(path);
    identity = stored?.identity ?? null;
    entries = stored === null ? new Map() : parseStore(stored.text);
    return entries;
  };
  const put = (header: FactsHeader, entry: StoredEntry) => {
    const key = keyOf(header.registry, header.name, header.abbreviated);
    load().set(key, entry);
    changed.set(key, entry);
  };
  return {
    read(registry, name, abbreviated = false) {
      const entry = load().get(keyOf(registry, name, abbreviated));
      return Promise.resolve(entry ? parseFactsEntry(entry.text, registry, name, abbreviated) : null);
    },
    write(entry) {
      put(entry, { text: serializeFactsEntry(entry) });
      return Promise.resolve();
    },
    renew(header) {
      const stored = load().get(keyOf(header.registry, header.name, header.abbreviated));
      const renewed = stored === undefined ? null : renewFactsEntry(stored.text, header);
      if (renewed !== null) put(header, { text: renewed });
      return Promise.resolve();
    },
    flush() {
      if (changed.size === 0) return entries === undefined ? files.identity(path) : identity;
      // Another run may have written meanwhile: its entries stay, ours replace theirs. When the
      // store is still the one this run read, what is in memory is already the merge.
      let merged = load();
      if (files.identity(path) !== identity) {
        const current = files.read(path);
        merged = current === null ? new Map<string, StoredEntry>() : parseStore(current.text);
        for (const [key, entry] of changed) merged.set(key, entry);
      }
      // Written entry by entry: never one string of the whole store.
      identity = files.replace(path, [...merged.values()].map((entry) => entry.text));
      changed.clear();
      entries = merged;
      return identity;
    },
  };
}
