/**
 * Reads real registry documents from ../shared/real-histories/ at run time (never copied into
 * the repository) and projects them as the registry adapter would. `asOf` cuts a history to
 * what the registry knew at an instant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Instant, ReleaseHistory } from '../../src/model/types.js';
import { projectPackument } from '../../src/registry/project-packument.js';

export const REAL_HISTORIES = join(process.cwd(), '..', 'shared', 'real-histories');

interface IndexEntry {
  file: string;
  name: string;
}

export function readRealHistory(file: string): ReleaseHistory {
  const raw: unknown = JSON.parse(gunzipSync(readFileSync(join(REAL_HISTORIES, file))).toString('utf8'));
  return projectPackument(raw, 'https://registry.npmjs.org/');
}

/** Every history of one set (e.g. `npm-cli`: the dependency tree of npm's own test fixtures). */
export function readRealSet(set: string): ReleaseHistory[] {
  const index = JSON.parse(readFileSync(join(REAL_HISTORIES, 'index.json'), 'utf8')) as IndexEntry[];
  return index.filter((entry) => entry.file.startsWith(`${set}/`)).map((entry) => readRealHistory(entry.file));
}

/** The history as the registry had it at `at`: later versions gone, owners as the newest snapshot. */
export function asOf(history: ReleaseHistory, at: Instant): ReleaseHistory {
  const versions = history.versions.filter((v) => v.publishedAt !== null && v.publishedAt <= at);
  const newest = versions.filter((v) => !v.unpublished).at(-1);
  return {
    ...history,
    versions,
    maintainers: newest?.maintainers ?? null,
    distTags: newest ? { latest: newest.version } : {},
    modified: newest?.publishedAt ?? null,
    unpublishedAt: null,
  };
}
