/**
 * The one pull request comment: found by its hidden marker, created on the first run that
 * blocks or warns, updated in place afterwards, turned into a short all-clear once nothing
 * blocks. Never created just to say "all clear".
 */
import { COMMENT_MARKER } from '../report/markdown.js';
import type { GitHubClient, IssueComment } from './api.js';

export type CommentOutcome = 'created' | 'updated' | 'none';

export async function upsertComment(
  client: GitHubClient,
  issue: number,
  bodies: { flagged: string | null; allClear: string },
): Promise<CommentOutcome> {
  const existing = findQuarantineComment(await client.listIssueComments(issue));
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

/**
 * The Action's comment among a pull request's comments: the first that starts with the marker,
 * preferring one written by a bot account (GITHUB_TOKEN comments as `github-actions[bot]`), so a
 * person pasting the marker does not take its place.
 */
export function findQuarantineComment(comments: readonly IssueComment[]): IssueComment | undefined {
  const marked = comments.filter((comment) => comment.body.trimStart().startsWith(COMMENT_MARKER));
  return marked.find((comment) => comment.byBot) ?? marked[0];
}
