/**
 * The verdict store: `<cacheDir>/verdicts-v<n>/<key>.json`, one file per check key (a digest
 * of the lockfiles' bytes, the policy, the registry configuration and the tool; app/reuse.ts),
 * holding the last report for that key and what it stays valid for. Read and written under the
 * same trust rules as the facts store (facts-cache.ts): a verdict file decides a run without any
 * request, so one that is not this user's alone is refused and reported once. Anything that is
 * not exactly a stored verdict of this schema and key is "no verdict".
 */
import { join } from 'node:path';
import type { CacheRefusal } from '../model/cache-refusal.js';
import { isJsonObject } from '../model/json-text.js';
import { createTrustedFiles, factsStorePath } from './facts-cache.js';

const VERDICT_SCHEMA_VERSION = 1;

export interface StoredVerdict {
  key: string;
  /** The `now` the report was computed at, and the instant it may be reused until (exclusive). */
  now: number;
  validUntil: number;
  /** Wall clock: when it was written, and until when every fact it used stays fresh. */
  writtenAt: number;
  freshUntil: number;
  /** The identity of the facts store the facts came from (facts-cache.ts). */
  store: string;
  report: unknown;
}

export interface VerdictCache {
  read(key: string): StoredVerdict | null;
  write(verdict: StoredVerdict): void;
  /** The facts store's identity now; null when there is none, or it is not trusted. */
  storeIdentity(): string | null;
}

export function createVerdictCache(cacheDir: string, options: { owner?: number | undefined; onRefused?: ((refusal: CacheRefusal) => void) | undefined } = {}): VerdictCache {
  const files = createTrustedFiles(cacheDir, options);
  const dir = join(cacheDir, `verdicts-v${VERDICT_SCHEMA_VERSION}`);
  const pathOf = (key: string) => join(dir, `${key}.json`);
  return {
    read(key) {
      if (!/^[0-9a-f]{64}$/.test(key)) return null;
      const stored = files.read(pathOf(key));
      if (stored === null) return null;
      let value: unknown;
      try {
        value = JSON.parse(stored.text);
      } catch {
        return null;
      }
      if (!isJsonObject(value) || value.schemaVersion !== VERDICT_SCHEMA_VERSION || value.key !== key) return null;
      const numbers = ['now', 'validUntil', 'writtenAt', 'freshUntil'] as const;
      if (!numbers.every((field) => typeof value[field] === 'number' && Number.isFinite(value[field]))) return null;
      if (typeof value.store !== 'string' || !isJsonObject(value.report)) return null;
      return {
        key,
        now: value.now as number,
        validUntil: value.validUntil as number,
        writtenAt: value.writtenAt as number,
        freshUntil: value.freshUntil as number,
        store: value.store,
        report: value.report,
      };
    },
    write(verdict) {
      if (!/^[0-9a-f]{64}$/.test(verdict.key)) return;
      files.replace(pathOf(verdict.key), JSON.stringify({ schemaVersion: VERDICT_SCHEMA_VERSION, ...verdict }));
    },
    storeIdentity() {
      return files.identity(factsStorePath(cacheDir));
    },
  };
}
