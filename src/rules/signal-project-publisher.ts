/**
 * Discount `publishes-in-project`: the new publisher already published other packages of
 * this project's dependency graph, the first at least `establishedAfter` before the release.
 *
 * Why: the commonest benign change of hands is a package moving to people who already
 * maintain its neighbours (accepts 2014: dougwilson published dozens of packages of the
 * Express tree before he released accepts 1.0.2). Those people are already trusted by
 * every project that installs their other packages, so trusting them here adds no new
 * party. A stranger has none, and an attacker's fresh helper package (event-stream's
 * flatmap-stream, days old) is too young to count. Trusted-publishing identities are
 * shared by everyone and never counted. Without a project graph (one package looked at
 * alone) nothing is discounted.
 */
import type { ChangeDiscount, Duration, Instant, PublisherIndex } from '../model/types.js';

export function projectPublisherDiscount(
  graph: PublisherIndex | null,
  account: string,
  packageName: string,
  publishedAt: Instant,
  establishedAfter: Duration,
): ChangeDiscount | null {
  const packages = graph?.accounts.get(account);
  if (!packages) return null;
  const others = [...packages].filter(([name, since]) => name !== packageName && since <= publishedAt - establishedAfter);
  if (others.length === 0) return null;
  others.sort((a, b) => a[1] - b[1]);
  return { discount: 'publishes-in-project', packages: others.length, since: others[0]![1], examples: others.slice(0, 3).map(([name]) => name) };
}
