/**
 * The one pull request comment: found by its hidden marker, created on the first run that
 * blocks or warns, updated in place afterwards, turned into a short all-clear once nothing
 * blocks. Never created just to say "all clear".
 */
import { COMMENT_MARKER } from '../report/markdown.js';
import type { GitHubClient } from './api.js';

export type CommentOutcome = 'created' | 'updated' | 'none';

export async function upsertComment(
  client: GitHubClient,
  issue: number,
  bodies: { flagged: string | null; allClear: string },
): Promise<CommentOutcome> {
  const comments = await client.listIssueComments(issue);
  const existing = comments.find((comment) => comment.body.trimStart().startsWith(COMMENT_MARKER));
  if (existing) {
    const body = bodies.flagged ?? bodies.allClear;
    if (existing.body === body) return 'none';
    await client.updateIssueComment(existing.id, body);
    return 'updated';
  }
  if (bodies.flagged === null) return 'none';
  await client.createIssueComment(issue, bodies.flagged);
  return 'created';
}
