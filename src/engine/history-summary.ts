/** Pure summaries of a release history for `why`: who published what, and when owners changed. */
import type { MaintainerChange, PublisherSpan } from '../model/report.js';
import type { ReleaseHistory } from '../model/types.js';

/** Every publisher in order of first appearance, with the versions each published. */
export function summarisePublishers(history: ReleaseHistory): PublisherSpan[] {
  const spans = new Map<string, PublisherSpan>();
  for (const record of history.versions) {
    if (!record.publisher || record.unpublished) continue;
    let span = spans.get(record.publisher.id);
    if (!span) {
      span = {
        publisher: record.publisher.name,
        trusted: record.publisher.trustedPublisher !== null,
        firstPublishedAt: record.publishedAt,
        lastPublishedAt: record.publishedAt,
        versions: [],
      };
      spans.set(record.publisher.id, span);
    }
    span.versions.push(record.version);
    if (record.publishedAt !== null) span.lastPublishedAt = record.publishedAt;
  }
  return [...spans.values()];
}

/** Each version (in publish order) whose maintainer snapshot differs from the previous known one. */
export function summariseMaintainerChanges(history: ReleaseHistory): MaintainerChange[] {
  const changes: MaintainerChange[] = [];
  let previous: Set<string> | null = null;
  for (const record of history.versions) {
    if (!record.maintainers) continue;
    const current = new Set(record.maintainers);
    if (previous) {
      const added = [...current].filter((name) => !previous!.has(name));
      const removed = [...previous].filter((name) => !current.has(name));
      if (added.length > 0 || removed.length > 0) {
        changes.push({ version: record.version, at: record.publishedAt, added, removed });
      }
    }
    previous = current;
  }
  return changes;
}
