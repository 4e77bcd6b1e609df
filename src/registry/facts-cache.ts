/**
 * The facts cache on disk: one small file per (registry, package) holding the projected
 * ReleaseHistory and the ETag / Last-Modified of the document it came from. A warm run sends
 * conditional requests and, on 304, reads kilobytes of facts instead of megabytes of
 * document. File names are hashes of the credential-free registry URL and the package name,
 * so no credential and no raw name ever reaches the file system. Writes are atomic (temp
 * file + rename); an unreadable, corrupt or foreign entry is "no entry" (see facts-entry.ts).
 * A cache that cannot be written (read-only disk) only makes the next run cold.
 */
import { hash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FACTS_SCHEMA_VERSION, type FactsEntry, type FactsHeader, parseFactsEntry, renewFactsEntry, serializeFactsEntry,
} from './facts-entry.js';

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

export function createFactsCache(cacheDir: string): FactsCache {
  return {
    read(registry, name) {
      // Synchronous on purpose: entries are small, and four thread-pool round trips per file
      // (open, stat, read, close) cost more than the read (measured: 270 ms vs ~30 ms for
      // 1,830 entries).
      let text: string;
      try {
        text = readFileSync(factsPath(cacheDir, registry, name), 'utf8');
      } catch {
        return Promise.resolve(null);
      }
      return Promise.resolve(parseFactsEntry(text, registry, name));
    },
    write(entry) {
      return writeAtomically(factsPath(cacheDir, entry.registry, entry.name), serializeFactsEntry(entry), true);
    },
    async renew(header) {
      const path = factsPath(cacheDir, header.registry, header.name);
      let renewed: string | null;
      try {
        renewed = renewFactsEntry(readFileSync(path, 'utf8'), header);
      } catch {
        return;
      }
      if (renewed !== null) await writeAtomically(path, renewed, false);
    },
  };
}

async function writeAtomically(path: string, text: string, createDir: boolean): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (createDir) await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}
