/**
 * The few GitHub REST calls the Action makes (issue comments), over the global fetch. The
 * token goes in the Authorization header only; errors carry the status, never the token or
 * the response body.
 */
export interface IssueComment {
  id: number;
  body: string;
}

export class GitHubApiError extends Error {
  readonly status: number;
  constructor(status: number, what: string) {
    super(`${what}: GitHub answered ${status}`);
    this.name = 'GitHubApiError';
    this.status = status;
  }
}

export interface GitHubClient {
  listIssueComments(issue: number): Promise<IssueComment[]>;
  createIssueComment(issue: number, body: string): Promise<void>;
  updateIssueComment(id: number, body: string): Promise<void>;
}

/** `<https://...&page=2>; rel="next", ...` -> the next page's URL. */
export function nextPageUrl(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}

export function createGitHubClient(options: { apiUrl: string; repository: string; token: string; fetch?: typeof fetch }): GitHubClient {
  const doFetch = options.fetch ?? fetch;
  const api = options.apiUrl.replace(/\/+$/, '');
  const repo = options.repository.split('/').map(encodeURIComponent).join('/');
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${options.token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'release-quarantine-action',
  };

  async function request(method: string, url: string, what: string, body?: object): Promise<Response> {
    const response = await doFetch(url, {
      method,
      headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new GitHubApiError(response.status, what);
    }
    return response;
  }

  return {
    async listIssueComments(issue) {
      const comments: IssueComment[] = [];
      let url: string | null = `${api}/repos/${repo}/issues/${issue}/comments?per_page=100`;
      // A pull request with thousands of comments is rare; 50 pages is plenty and bounds the loop.
      for (let page = 0; url !== null && page < 50; page++) {
        const response = await request('GET', url, 'listing the pull request comments');
        const items = (await response.json()) as unknown;
        if (!Array.isArray(items)) break;
        for (const item of items as Array<Record<string, unknown>>) {
          if (typeof item['id'] === 'number' && typeof item['body'] === 'string') comments.push({ id: item['id'], body: item['body'] });
        }
        url = nextPageUrl(response.headers.get('link'));
      }
      return comments;
    },
    async createIssueComment(issue, body) {
      await request('POST', `${api}/repos/${repo}/issues/${issue}/comments`, 'creating the comment', { body });
    },
    async updateIssueComment(id, body) {
      await request('PATCH', `${api}/repos/${repo}/issues/comments/${id}`, 'updating the comment', { body });
    },
  };
}
