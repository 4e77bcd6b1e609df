/**
 * The one pull request comment: found by its hidden marker, created on the first run that
 * blocks or warns, updated in place afterwards, turned into a short all-clear once nothing
 * blocks. Never created just to say "all clear".
 */
import { COMMENT_MARKER } from '../report/markdown.js';
import type { GitHubClient, IssueComment } from './api.js';

export type CommentOutcome = 'created' | 'updated' | 'none';

/** The login GITHUB_TOKEN's comments carry. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

/**
 * The identity whose comments are the Action's: the `comment-author` input when given; else
 * the token's own login when GitHub tells it (GET /user answers for a personal access token);
 * else `github-actions[bot]`, the author of GITHUB_TOKEN's comments (GET /user refuses
 * installation tokens, and an App's slug needs its JWT: a GitHub App token needs the input).
 */
export async function actionIdentity(client: GitHubClient, configured: string | undefined): Promise<string> {
  return configured ?? (await client.authenticatedLogin()) ?? GITHUB_ACTIONS_LOGIN;
}

export async function upsertComment(
  client: GitHubClient,
  issue: number,
  identity: string,
  bodies: { flagged: string | null; allClear: string },
): Promise<CommentOutcome> {
  const existing = findQuarantineComment(await client.listIssueComments(issue), identity);
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
 * The Action's comment among a pull request's comments: the first that starts with the marker
 * and was written by the Action's own identity (logins compare case-insensitively, as GitHub's
 * do). A marker anyone else writes, a person or another bot, is text: it neither takes the
 * comment's place nor asks the scheduled run to re-run anything.
 */
export function findQuarantineComment(comments: readonly IssueComment[], identity: string): IssueComment | undefined {
  const own = identity.toLowerCase();
  return comments.find((comment) => comment.author?.toLowerCase() === own && comment.body.trimStart().startsWith(COMMENT_MARKER));
}
