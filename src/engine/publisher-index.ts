/**
 * The project-wide publisher index (PublisherIndex): which account publishes which packages
 * of the dependency graph, since when, and when each package was first published. Built
 * from every history of one check, one history at a time, keeping only those facts (a few
 * entries per package), never the histories. Pure.
 */
import type { Instant, PublisherIndex, ReleaseHistory } from '../model/types.js';

export interface PublisherIndexBuilder {
  add(history: ReleaseHistory): void;
  index(): PublisherIndex;
}

export function createPublisherIndexBuilder(): PublisherIndexBuilder {
  const accounts = new Map<string, Map<string, Instant>>();
  const firstPublished = new Map<string, Instant>();
  const note = (account: string, name: string, at: Instant): void => {
    let packages = accounts.get(account);
    if (!packages) accounts.set(account, (packages = new Map()));
    const known = packages.get(name);
    if (known === undefined || at < known) packages.set(name, at);
  };
  return {
    add(history) {
      for (const record of history.versions) {
        if (record.unpublished || record.publishedAt === null) continue;
        const first = firstPublished.get(history.name);
        if (first === undefined || record.publishedAt < first) firstPublished.set(history.name, record.publishedAt);
        const publisher = record.publisher;
        // Trusted-publishing identities are shared by everyone: only humans count.
        if (publisher && !publisher.trustedPublisher) note(publisher.id, history.name, record.publishedAt);
        if (publisher?.approver) note(publisher.approver, history.name, record.publishedAt);
      }
    },
    index: () => ({ accounts, firstPublished }),
  };
}

export function buildPublisherIndex(histories: Iterable<ReleaseHistory>): PublisherIndex {
  const builder = createPublisherIndexBuilder();
  for (const history of histories) builder.add(history);
  return builder.index();
}
