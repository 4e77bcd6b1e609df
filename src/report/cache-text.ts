/** The one line a run prints when the facts cache (or a part of it) was not trusted. */
import type { CacheRefusal } from '../model/cache-refusal.js';
import { printable } from './sanitize.js';

function problem(refusal: CacheRefusal): { what: string; fix: string } {
  const path = printable(refusal.path);
  switch (refusal.reason) {
    case 'owner':
      return { what: `belongs to another user (uid ${refusal.owner ?? '?'})`, fix: `remove ${path}, or pass --cache-dir` };
    case 'writable':
      return { what: `can be written by group or others (mode ${(refusal.mode ?? 0).toString(8).padStart(4, '0')})`, fix: `chmod go-w ${path}` };
    case 'link':
      return { what: 'is a symbolic link', fix: `remove ${path}` };
    case 'type':
      return { what: 'is not a folder or a regular file', fix: `remove ${path}` };
  }
}

/** `the registry facts cache <path> ...: not trusted, ... (fix: ...)`; each surface says it is a warning. */
export function describeCacheRefusal(refusal: CacheRefusal): string {
  const { what, fix } = problem(refusal);
  return `the registry facts cache ${printable(refusal.path)} ${what}: not trusted, packages are fetched from the registry instead (fix: ${fix})`;
}

/**
 * `registry <url> sends no ETag or Last-Modified: ...`: said once per registry whose answers
 * cannot be cached, with the policy setting that caches them.
 */
export function describeUncacheableRegistry(registry: string): string {
  const url = printable(registry);
  return `registry ${url} sends no ETag or Last-Modified: its answers are not cached and every run fetches them in full (to cache them, set "registries": {"${url}": {"cacheMaxAge": "1h"}} in the policy)`;
}
