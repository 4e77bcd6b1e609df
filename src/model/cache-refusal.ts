/**
 * Why the facts cache (or a part of it) was not trusted: data the shells word (report/) and
 * print once. The cache is then skipped, never an answer: every package it would have served
 * is fetched from the registry.
 */
export interface CacheRefusal {
  /** The directory or entry refused. */
  path: string;
  /**
   * `owner`: it belongs to another user; `writable`: group or others may write it;
   * `link`: a symbolic link where a directory or an entry should be; `type`: not a directory
   * or a regular file.
   */
  reason: 'owner' | 'writable' | 'link' | 'type';
  /** Its owner's user id (for `owner`). */
  owner: number | null;
  /** Its permission bits (for `writable`). */
  mode: number | null;
}
