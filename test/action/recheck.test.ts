/** The recheck decisions (src/action/recheck.ts) with a client double: which pull request gets re-run, and why not. */
import { GitHubApiError, type GitHubClient, type IssueComment, type WorkflowRun } from '../../src/action/api.js';
import { findQuarantineComment } from '../../src/action/comment.js';
import { RERUN_WINDOW } from '../../src/report/markdown.js';
import { dueSince, formatRecheckMarkdown, recheckPullRequests, runToRerun, workflowFileOf } from '../../src/action/recheck.js';

const LAPSE = Date.parse('2026-11-25T12:00:00Z');
const NOW = Date.parse('2026-11-26T06:00:00Z');
const marked = (extra = ''): IssueComment => ({ id: 1, body: `<!-- release-quarantine -->\n${extra}### release-quarantine: 1 blocked\n`, author: 'github-actions[bot]' });
const BOT = 'github-actions[bot]';
const due = marked('<!-- release-quarantine:recheck-after=2026-11-25T12:00:00.000Z -->\n');
const run = (overrides: Partial<WorkflowRun> = {}): WorkflowRun => ({ id: 9, event: 'pull_request', status: 'completed', conclusion: 'failure', createdAt: LAPSE - 1, startedAt: LAPSE - 1, ...overrides });

describe('workflowFileOf', () => {
  test.each([
    ['acme/app/.github/workflows/quarantine.yml@refs/heads/main', 'quarantine.yml'],
    ['acme/app/.github/workflows/deps.yaml@refs/pull/7/merge', 'deps.yaml'],
    ['acme/app/.github/workflows/nested/x.yml@main', null],
    ['', null],
    [undefined, null],
  ])('%j -> %j', (ref, expected) => {
    expect(workflowFileOf(ref)).toBe(expected);
  });
});

describe('dueSince and runToRerun', () => {
  test('due once the recheck instant has passed, not a millisecond before', () => {
    expect(dueSince(due, LAPSE, BOT)).toEqual({ after: LAPSE });
    expect(dueSince(due, LAPSE - 1, BOT)).toEqual({ skip: 'waiting: its blocks lapse on 2026-11-25 (2026-11-25 12:00 UTC)' });
    expect(dueSince(marked(), NOW, BOT)).toMatchObject({ skip: expect.stringContaining('no block that lapses with time') });
    expect(dueSince(undefined, NOW, BOT)).toMatchObject({ skip: expect.stringContaining('no quarantine comment by `github-actions[bot]`') });
  });

  test('the newest pull request run is the one judged; older failures behind it do not count', () => {
    expect(runToRerun([run({ id: 10, event: 'push', conclusion: 'success' }), run()], LAPSE, NOW)).toEqual({ run: run() });
    expect(runToRerun([run({ id: 11, conclusion: 'success' }), run()], LAPSE, NOW)).toEqual({ skip: 'its latest run 11 did not fail (success)' });
    expect(runToRerun([run({ conclusion: 'cancelled' })], LAPSE, NOW)).toEqual({ skip: 'its latest run 9 did not fail (cancelled)' });
    expect(runToRerun([run({ event: 'pull_request_target' })], LAPSE, NOW)).toMatchObject({ run: { id: 9 } });
    expect(runToRerun([run({ startedAt: LAPSE })], LAPSE, NOW)).toMatchObject({ skip: expect.stringContaining('failed after its blocks lapsed') });
    expect(runToRerun([run({ startedAt: Number.NaN })], LAPSE, NOW)).toMatchObject({ skip: expect.stringContaining('failed after its blocks lapsed') });
    expect(runToRerun([], LAPSE, NOW)).toEqual({ skip: 'no pull request run of this workflow for its head commit' });
  });

  test('a run first attempted 30 days ago or more is past GitHub\'s re-run window, whenever its last attempt started', () => {
    const old = run({ createdAt: NOW - RERUN_WINDOW, startedAt: LAPSE - 1 });
    expect(runToRerun([old], LAPSE, NOW)).toEqual({
      skip: 'its latest run 9 is over 30 days old, and GitHub re-runs only newer runs: push a commit (or close and reopen the pull request) to check it again',
    });
    expect(runToRerun([run({ createdAt: NOW - RERUN_WINDOW + 1 })], LAPSE, NOW)).toMatchObject({ run: { id: 9 } });
  });
});

function client(overrides: Partial<GitHubClient>): GitHubClient & { reran: number[] } {
  const reran: number[] = [];
  return {
    reran,
    authenticatedLogin: async () => null,
    listIssueComments: async () => [due],
    createIssueComment: async () => undefined,
    updateIssueComment: async () => undefined,
    listOpenPullRequests: async () => [{ number: 1, headSha: 'a' }, { number: 2, headSha: 'b' }],
    listWorkflowRuns: async () => [run()],
    rerunFailedJobs: async (id) => {
      reran.push(id);
    },
    ...overrides,
  };
}

describe('recheckPullRequests', () => {
  test('re-runs each due pull request; one refusal is that pull request\'s error, not the others\'', async () => {
    const api = client({
      listWorkflowRuns: async (workflow, sha) => [run({ id: sha === 'a' ? 100 : 200 })],
      rerunFailedJobs: async (id) => {
        if (id === 100) throw new GitHubApiError(403, 're-running the failed jobs');
        api.reran.push(id);
      },
    });
    const results = await recheckPullRequests({ client: api, workflow: 'q.yml', now: NOW });
    expect(api.reran).toEqual([200]);
    expect(results).toEqual([
      { number: 1, action: 'error', reason: 're-running the failed jobs: GitHub answered 403 (re-running needs `actions: write` in the workflow permissions)' },
      { number: 2, action: 'rerun', reason: 're-ran the failed jobs of run 200: its blocks lapsed on 2026-11-25' },
    ]);
    expect(formatRecheckMarkdown(results)).toContain('1 of 2 open pull requests had their failed check re-run.');
  });

  test('a listing the token may not read throws, for the caller to report', async () => {
    const api = client({ listOpenPullRequests: async () => Promise.reject(new GitHubApiError(403, 'listing the open pull requests')) });
    await expect(recheckPullRequests({ client: api, workflow: 'q.yml', now: NOW })).rejects.toThrow('listing the open pull requests: GitHub answered 403');
  });

  test('no run is asked for until the comment says the pull request is due', async () => {
    const asked: string[] = [];
    const api = client({ listIssueComments: async () => [marked()], listWorkflowRuns: async (_workflow, sha) => (asked.push(sha), [run()]) });
    const results = await recheckPullRequests({ client: api, workflow: 'q.yml', now: NOW });
    expect(asked).toEqual([]);
    expect(results.map((result) => result.action)).toEqual(['skip', 'skip']);
  });

  test('a pipe in a reason cannot break the summary table', () => {
    expect(formatRecheckMarkdown([{ number: 3, action: 'error', reason: 'a | b' }])).toContain('| #3 | could not re-check: a \\| b |');
  });
});

describe('findQuarantineComment', () => {
  const byPerson = { id: 1, body: '<!-- release-quarantine -->\npasted', author: 'mallory' };
  const byOtherBot = { id: 4, body: '<!-- release-quarantine -->\npasted', author: 'echo-bot[bot]' };
  const byAction = { id: 2, body: '<!-- release-quarantine -->\n### release-quarantine: all clear', author: BOT };
  test('only a marked comment by the Action\'s own identity; never a person\'s or another bot\'s pasted marker', () => {
    expect(findQuarantineComment([byPerson, byOtherBot, byAction], BOT)?.id).toBe(2);
    expect(findQuarantineComment([{ id: 3, body: 'LGTM', author: BOT }, byPerson, byOtherBot], BOT)).toBeUndefined();
    expect(findQuarantineComment([byPerson], 'Mallory')?.id).toBe(1);
    expect(findQuarantineComment([{ id: 5, body: byAction.body, author: null }], BOT)).toBeUndefined();
  });
});
