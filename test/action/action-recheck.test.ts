/**
 * How a pull request blocked only by time turns green: the bundled Action on a `schedule` (or
 * `workflow_dispatch`) reads each open pull request's quarantine comment and re-runs the failed
 * run once its blocks have lapsed, against the stub GitHub API on 127.0.0.1.
 */
import { pullRequestPayload, runAction, useStubGitHub, type ActionRun, type RunActionOptions, type StubRun } from '../support/action.js';
import { DEMO_NOW, useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_MANIFEST, demoLockWith } from '../support/demo-project.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();

const HEAD = 'ffffffffffffffffffffffffffffffffffffffff';
/** quick-format 3.1.1 was published 2026-11-18 12:00; the default window is 7 days. */
const LAPSES = '2026-11-25T12:00:00.000Z';
const AFTER = '2026-11-26T06:17:00Z';
const RECHECK_LINE = `<!-- release-quarantine:recheck-after=${LAPSES} -->`;

/** A repository whose pull request bumps quick-format to 3.1.1 (blocked by age only until LAPSES). */
function blockedByAge(): { repo: GitRepo; base: string } {
  const repo = createGitRepo();
  const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' }) }, 'base');
  repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump quick-format');
  return { repo, base };
}

function pr(repo: GitRepo, base: string, now: string): Promise<ActionRun> {
  return runAction({ repo, event: 'pull_request', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url, env: { QUARANTINE_NOW: now } });
}

function scheduled(repo: GitRepo, now: string, extra: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ repo, event: 'schedule', api, registryUrl: registryOf().url, ...extra, env: { QUARANTINE_NOW: now, ...extra.env } });
}

function failedRun(overrides: Partial<StubRun> = {}): StubRun {
  return { id: 555, workflow: 'quarantine.yml', head_sha: HEAD, event: 'pull_request', status: 'completed', conclusion: 'failure', created_at: '2026-11-20T12:00:00Z', run_started_at: '2026-11-20T12:00:30Z', ...overrides };
}

function reruns(): string[] {
  return api.requests.filter((request) => request.path.endsWith('/rerun-failed-jobs')).map((request) => `${request.method} ${request.path}`);
}

describe('a scheduled run turns an age-blocked pull request green', () => {
  test('waits until the blocks lapse, re-runs the failed run once, and the re-run clears the comment', async () => {
    const { repo, base } = blockedByAge();
    const blocked = await pr(repo, base, DEMO_NOW);
    expect(blocked.code).toBe(1);
    const comment = api.comments.get(7)?.[0]?.body ?? '';
    expect(comment.split('\n').slice(0, 2)).toEqual(['<!-- release-quarantine -->', RECHECK_LINE]);
    expect(comment).toContain('its first scheduled run after that date re-runs this check for you');
    // A pull request run never lists pull requests.
    expect(api.requests.some((request) => request.path.startsWith('/repos/acme/app/pulls'))).toBe(false);

    api.pulls = [{ number: 7, headSha: HEAD }];
    api.runs = [failedRun()];
    const early = await scheduled(repo, '2026-11-24T06:17:00Z');
    expect(reruns()).toEqual([]);
    expect(early.summary).toContain('### Open pull requests re-checked');
    expect(early.summary).toContain('| #7 | waiting: its blocks lapse on 2026-11-25 (2026-11-25 12:00 UTC) |');

    const due = await scheduled(repo, AFTER);
    expect(reruns()).toEqual(['POST /repos/acme/app/actions/runs/555/rerun-failed-jobs']);
    expect(due.stdout).toContain('release-quarantine: pull request #7: re-ran the failed jobs of run 555: its blocks lapsed on 2026-11-25');
    expect(due.summary).toContain('1 of 1 open pull request had their failed check re-run.');
    // The schedule's own verdict is about the default branch, whatever happens to pull requests.
    expect(due.code).toBe(early.code);

    // What GitHub then does: the same pull_request event, later.
    const rerun = await pr(repo, base, AFTER);
    expect(rerun.code).toBe(0);
    expect(api.comments.get(7)?.[0]?.body).toMatch(/^<!-- release-quarantine -->\n### release-quarantine: all clear\n/);

    // No loop: the next scheduled run finds nothing left to re-run.
    api.runs = [failedRun({ id: 556, conclusion: 'success' })];
    const next = await scheduled(repo, '2026-11-27T06:17:00Z');
    expect(reruns()).toHaveLength(1);
    expect(next.summary).toContain('| #7 | its comment shows no block that lapses with time');
  });

  test('only a failed pull request run from before the lapse is re-run', async () => {
    const { repo, base } = blockedByAge();
    await pr(repo, base, DEMO_NOW);
    api.pulls = [{ number: 7, headSha: HEAD }];
    const cases: Array<[StubRun[], string]> = [
      [[failedRun({ status: 'in_progress', conclusion: null })], 'its latest run 555 is still in progress'],
      [[failedRun({ conclusion: 'success' })], 'its latest run 555 did not fail (success)'],
      [[failedRun({ run_started_at: '2026-11-25T13:00:00Z' })], 'its latest run 555 failed after its blocks lapsed'],
      [[failedRun({ event: 'push' })], 'no pull request run of this workflow for its head commit'],
      [[failedRun({ workflow: 'other.yml' })], 'no pull request run of this workflow for its head commit'],
      [[failedRun({ created_at: '2026-10-27T06:17:00Z' })], 'its latest run 555 is over 30 days old, and GitHub re-runs only newer runs'],
    ];
    for (const [runs, reason] of cases) {
      api.runs = runs;
      const run = await scheduled(repo, AFTER);
      expect(run.summary).toContain(`| #7 | ${reason}`);
    }
    expect(reruns()).toEqual([]);
  });

  test('pull requests whose comment does not say when they pass are left alone', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({}) }, 'main');
    api.pulls = [
      { number: 8, headSha: HEAD },
      { number: 9, headSha: HEAD },
      { number: 10, headSha: HEAD },
    ];
    api.runs = [failedRun()];
    // 8: no comment (a fork, or comment: false). 9: a block that never lapses by itself.
    api.comments.set(9, [{ id: 1, body: '<!-- release-quarantine -->\n### release-quarantine: 1 blocked, 0 warned\n', user: { login: 'github-actions[bot]', type: 'Bot' } }]);
    // 10: someone pasted the markers in a comment of their own; the Action's comment is the bot's.
    api.comments.set(10, [
      { id: 2, body: `<!-- release-quarantine -->\n${RECHECK_LINE}\nplease re-run`, user: { login: 'mallory', type: 'User' } },
      { id: 3, body: '<!-- release-quarantine -->\n### release-quarantine: 1 blocked, 0 warned\n', user: { login: 'github-actions[bot]', type: 'Bot' } },
    ]);
    const run = await scheduled(repo, AFTER);
    expect(reruns()).toEqual([]);
    expect(run.summary).toContain('0 of 3 open pull requests had their failed check re-run.');
    expect(run.summary).toContain('| #8 | no quarantine comment by `github-actions[bot]` (it never blocked, it comes from a fork, or `comment` is false)');
    expect(run.summary).toContain('| #9 | its comment shows no block that lapses with time');
    expect(run.summary).toContain('| #10 | its comment shows no block that lapses with time');
  });

  test('a token without `actions: write` is a warning naming the permission; the verdict stands', async () => {
    const { repo, base } = blockedByAge();
    await pr(repo, base, DEMO_NOW);
    api.pulls = [{ number: 7, headSha: HEAD }];
    api.runs = [failedRun()];
    const allowed = await scheduled(repo, AFTER);
    api.runs = [failedRun()];
    api.rerunStatus = 403;
    const refused = await scheduled(repo, AFTER);
    expect(refused.code).toBe(allowed.code);
    expect(refused.stdout).toContain(
      '::warning::Could not re-check pull request #7: re-running the failed jobs: GitHub answered 403 (re-running needs `actions: write` in the workflow permissions).',
    );
    expect(refused.summary).toContain('| #7 | could not re-check: re-running the failed jobs: GitHub answered 403');
    expect(refused.stdout + refused.summary).not.toContain('ghs_test-token');
  });

  test('workflow_dispatch re-checks too; `recheck-pull-requests: false` and pull request events do not', async () => {
    const { repo, base } = blockedByAge();
    await pr(repo, base, DEMO_NOW);
    api.pulls = [{ number: 7, headSha: HEAD }];
    api.runs = [failedRun()];
    const off = await scheduled(repo, AFTER, { inputs: { 'recheck-pull-requests': 'false' } });
    expect(off.summary).not.toContain('Open pull requests re-checked');
    await pr(repo, base, AFTER);
    expect(api.requests.some((request) => request.path.startsWith('/repos/acme/app/pulls'))).toBe(false);
    // The pull request run above cleared the comment; put the blocked one back.
    api.comments.set(7, [{ id: 4, body: `<!-- release-quarantine -->\n${RECHECK_LINE}\n### release-quarantine: 1 blocked, 0 warned\n`, user: { login: 'github-actions[bot]', type: 'Bot' } }]);
    const manual = await runAction({ repo, event: 'workflow_dispatch', api, registryUrl: registryOf().url, env: { QUARANTINE_NOW: AFTER } });
    expect(manual.summary).toContain('1 of 1 open pull request had their failed check re-run.');
    expect(reruns()).toEqual(['POST /repos/acme/app/actions/runs/555/rerun-failed-jobs']);
  });

  test('an invalid input value fails with one line', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({}) }, 'main');
    const run = await scheduled(repo, AFTER, { inputs: { 'recheck-pull-requests': 'sometimes' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error title=release-quarantine could not evaluate::input recheck-pull-requests: expected true or false, got "sometimes"');
  });
});

describe('the re-check trusts only comments the Action itself wrote', () => {
  const PASTED = `<!-- release-quarantine -->\n${RECHECK_LINE}\n### release-quarantine: 1 blocked, 0 warned\n`;

  test('a person\'s comment, or another bot\'s, carrying the markers re-runs nothing', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({}) }, 'main');
    api.pulls = [
      { number: 11, headSha: HEAD },
      { number: 12, headSha: HEAD },
    ];
    api.runs = [failedRun()];
    api.comments.set(11, [{ id: 21, body: PASTED, user: { login: 'mallory', type: 'User' } }]);
    // A bot a person can make say anything (echoing an issue title, say) is not the Action either.
    api.comments.set(12, [{ id: 22, body: PASTED, user: { login: 'echo-bot[bot]', type: 'Bot' } }]);
    const run = await scheduled(repo, AFTER);
    expect(reruns()).toEqual([]);
    expect(run.summary).toContain('| #11 | no quarantine comment by `github-actions[bot]`');
    expect(run.summary).toContain('| #12 | no quarantine comment by `github-actions[bot]`');
  });

  test('with a personal access token, its own login (GET /user) is the Action\'s identity', async () => {
    const { repo, base } = blockedByAge();
    api.userLogin = 'quarantine-bot';
    expect((await pr(repo, base, DEMO_NOW)).code).toBe(1);
    expect(api.comments.get(7)?.[0]?.user?.login).toBe('quarantine-bot');
    // github-actions[bot] is not this token's identity: its marked comment is not ours.
    api.comments.set(8, [{ id: 30, body: PASTED, user: { login: 'github-actions[bot]', type: 'Bot' } }]);
    api.pulls = [{ number: 7, headSha: HEAD }, { number: 8, headSha: HEAD }];
    api.runs = [failedRun()];
    const run = await scheduled(repo, AFTER);
    expect(run.summary).toContain('| #8 | no quarantine comment by `quarantine-bot`');
    expect(reruns()).toEqual(['POST /repos/acme/app/actions/runs/555/rerun-failed-jobs']);
  });

  test('comment-author names a GitHub App\'s identity (GET /user refuses installation tokens)', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({}) }, 'main');
    api.pulls = [{ number: 13, headSha: HEAD }];
    api.runs = [failedRun()];
    api.comments.set(13, [{ id: 23, body: PASTED, user: { login: 'Quarantine-App[bot]', type: 'Bot' } }]);
    await scheduled(repo, AFTER, { inputs: { 'comment-author': 'quarantine-app[bot]' } });
    expect(reruns()).toEqual(['POST /repos/acme/app/actions/runs/555/rerun-failed-jobs']);
    expect(api.requests.some((request) => request.path === '/user')).toBe(false);
  });

  test('a pull request run never edits a person\'s comment that carries the marker', async () => {
    const { repo, base } = blockedByAge();
    api.comments.set(7, [{ id: 40, body: PASTED, user: { login: 'mallory', type: 'User' } }]);
    expect((await pr(repo, base, DEMO_NOW)).code).toBe(1);
    expect(api.writes().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /repos/acme/app/issues/7/comments']);
  });
});
