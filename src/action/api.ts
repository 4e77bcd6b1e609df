/**
 * The few GitHub REST calls the Action makes (the pull request comment; on a schedule, open
 * pull requests and their workflow runs), over the global fetch. The token goes in the
 * Authorization header only; errors carry the status, never the token or the response body.
 */
import { objectOrEmpty } from '../model/json-text.js';

export interface IssueComment {
  id: number;
  body: string;
  /** The author's login (`github-actions[bot]` for GITHUB_TOKEN); null when GitHub did not say. */
  author: string | null;
}

export interface OpenPullRequest {
  number: number;
  headSha: string;
}

export interface WorkflowRun {
  id: number;
  event: string;
  /** `queued`, `in_progress`, `completed`, ... */
  status: string;
  /** `success`, `failure`, `cancelled`, ... or null while it runs. */
  conclusion: string | null;
  /** When the run was created, i.e. its first attempt (ms); NaN when GitHub did not say. */
  createdAt: number;
  /** When the latest attempt started (ms); NaN when GitHub did not say. */
  startedAt: number;
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
  /**
   * The login of the token's own account (GET /user): a personal access token's user. Null when
   * GitHub refuses (401/403), as it does for installation tokens: GITHUB_TOKEN, GitHub Apps.
   */
  authenticatedLogin(): Promise<string | null>;
  listIssueComments(issue: number): Promise<IssueComment[]>;
  createIssueComment(issue: number, body: string): Promise<void>;
  updateIssueComment(id: number, body: string): Promise<void>;
  listOpenPullRequests(): Promise<OpenPullRequest[]>;
  /** Runs of one workflow (id or file name) for a commit, newest first. */
  listWorkflowRuns(workflow: string, headSha: string): Promise<WorkflowRun[]>;
  rerunFailedJobs(runId: number): Promise<void>;
}

/** GitHub's answer asked for something the client refuses to do (a next page on another host). */
export class GitHubRefusedError extends Error {
  constructor(what: string, why: string) {
    super(`${what}: ${why}`);
    this.name = 'GitHubRefusedError';
  }
}

/** What went wrong talking to GitHub, in one line; `whenRefused` is added to a 403 or 404. */
export function describeApiError(error: unknown, whenRefused = ''): string {
  if (error instanceof GitHubRefusedError) return error.message;
  if (error instanceof GitHubApiError) return `${error.message}${error.status === 403 || error.status === 404 ? whenRefused : ''}`;
  return `the GitHub API could not be reached (${error instanceof Error ? error.message : String(error)})`;
}

function loginOf(user: unknown): string | null {
  const login = objectOrEmpty(user)['login'];
  return typeof login === 'string' && login !== '' ? login : null;
}

/** An ISO timestamp from GitHub in ms; NaN when absent. */
const timeOf = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** A client for the workflow's own repository (GITHUB_API_URL, GITHUB_REPOSITORY). */
export function workflowClient(env: Record<string, string | undefined>, token: string, doFetch?: typeof fetch): GitHubClient {
  return createGitHubClient({
    apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    repository: env['GITHUB_REPOSITORY'] ?? '',
    token,
    ...(doFetch ? { fetch: doFetch } : {}),
  });
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

  /**
   * The next page's URL, only when it is on the API's own origin (scheme, host and port): the
   * token goes wherever the request goes, so a `Link` header naming another host is refused.
   */
  function sameOrigin(next: string, what: string): string {
    let origin: string | null = null;
    try {
      origin = new URL(next).origin;
    } catch {
      // Not a URL: refused below.
    }
    if (origin !== new URL(api).origin) throw new GitHubRefusedError(what, `the next-page link points to another host than ${new URL(api).origin}; not followed`);
    return next;
  }

  /** Every item of a paginated array listing; 50 pages at most bounds the loop. */
  async function listAll(first: string, what: string): Promise<Array<Record<string, unknown>>> {
    const all: Array<Record<string, unknown>> = [];
    let url: string | null = first;
    for (let page = 0; url !== null && page < 50; page++) {
      const response = await request('GET', url, what);
      const items = (await response.json()) as unknown;
      if (!Array.isArray(items)) break;
      all.push(...items.map(objectOrEmpty));
      const next = nextPageUrl(response.headers.get('link'));
      url = next === null ? null : sameOrigin(next, what);
    }
    return all;
  }

  return {
    async authenticatedLogin() {
      try {
        const response = await request('GET', `${api}/user`, 'reading the token\'s own account');
        const login = objectOrEmpty((await response.json()) as unknown)['login'];
        return typeof login === 'string' && login !== '' ? login : null;
      } catch (error) {
        if (error instanceof GitHubApiError && (error.status === 401 || error.status === 403)) return null;
        throw error;
      }
    },
    async listIssueComments(issue) {
      const items = await listAll(`${api}/repos/${repo}/issues/${issue}/comments?per_page=100`, 'listing the pull request comments');
      return items.flatMap((item) =>
        typeof item['id'] === 'number' && typeof item['body'] === 'string' ? [{ id: item['id'], body: item['body'], author: loginOf(item['user']) }] : [],
      );
    },
    async createIssueComment(issue, body) {
      await request('POST', `${api}/repos/${repo}/issues/${issue}/comments`, 'creating the comment', { body });
    },
    async updateIssueComment(id, body) {
      await request('PATCH', `${api}/repos/${repo}/issues/comments/${id}`, 'updating the comment', { body });
    },
    async listOpenPullRequests() {
      const items = await listAll(`${api}/repos/${repo}/pulls?state=open&per_page=100`, 'listing the open pull requests');
      return items.flatMap((item) => {
        const sha = objectOrEmpty(item['head'])['sha'];
        return typeof item['number'] === 'number' && typeof sha === 'string' ? [{ number: item['number'], headSha: sha }] : [];
      });
    },
    async listWorkflowRuns(workflow, headSha) {
      const url = `${api}/repos/${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?head_sha=${encodeURIComponent(headSha)}&per_page=20`;
      const response = await request('GET', url, 'listing the workflow runs');
      const runs = objectOrEmpty((await response.json()) as unknown)['workflow_runs'];
      if (!Array.isArray(runs)) return [];
      return runs.map(objectOrEmpty).flatMap((run) => {
        const { id, event, status, conclusion } = run;
        if (typeof id !== 'number' || typeof event !== 'string' || typeof status !== 'string') return [];
        const createdAt = timeOf(run['created_at']);
        const startedAt = timeOf(run['run_started_at']);
        return [{ id, event, status, conclusion: typeof conclusion === 'string' ? conclusion : null, createdAt, startedAt: Number.isNaN(startedAt) ? createdAt : startedAt }];
      });
    },
    async rerunFailedJobs(runId) {
      await request('POST', `${api}/repos/${repo}/actions/runs/${runId}/rerun-failed-jobs`, 're-running the failed jobs');
    },
  };
}
