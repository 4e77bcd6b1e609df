/**
 * The bundled Action (dist/action/index.js) run as the runner runs it, on pull requests in a
 * scratch git repository, against the demo registry and a stub GitHub API on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestPayload, runAction, useStubGitHub, type RunActionOptions } from '../support/action.js';
import { useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_LOCK, DEMO_MANIFEST, demoLockWith, npmEntryLine, yarnProject } from '../support/demo-project.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();

const MARKER = '<!-- release-quarantine -->';

function pr(repo: GitRepo, base: string, extra: Partial<RunActionOptions> & { headRepo?: string } = {}) {
  const { headRepo, ...rest } = extra;
  return runAction({
    repo,
    event: 'pull_request',
    payload: pullRequestPayload({ base, ...(headRepo ? { headRepo } : {}) }),
    api,
    registryUrl: registryOf().url,
    ...rest,
  });
}

/** A repository whose base has quick-format 3.1.0 and safe-parse 5.2.0 (both pass). */
function demoRepo(): { repo: GitRepo; base: string } {
  const repo = createGitRepo();
  const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' }) }, 'base');
  return { repo, base };
}

describe('the Action on a pull request', () => {
  test('a clean pull request passes: exit 0, no comment, counts in the outputs', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'str-pad': '1.1.0' }) }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump str-pad');
    const run = await pr(repo, base);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ blocked: '0', warned: '0', allowed: '1' });
    expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict}`)).toEqual(['str-pad@1.2.0 allow']);
    expect(api.writes()).toEqual([]);
    expect(run.summary).toContain('| `str-pad` | `1.1.0` → `1.2.0` | ✅ allow |');
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
  });

  test('a blocked pull request: exit 1, one comment, the summary row, outputs and an annotation on the lockfile line', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump quick-format');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ blocked: '1', warned: '0', allowed: '0' });
    expect(run.outputs['report']).toBe(join(run.temp, 'release-quarantine-report.json'));
    expect(run.report?.packages[0]).toMatchObject({ name: 'quick-format', version: '3.1.1', verdict: 'block', change: { kind: 'upgraded', from: ['3.1.0'] } });
    expect(run.summary).toContain('| `quick-format` | `3.1.0` → `3.1.1` | ⛔ block | release-age | 2026-11-25 | `3.1.0` |');
    const line = npmEntryLine(DEMO_LOCK, 'quick-format');
    expect(run.stdout).toContain(`::error file=package-lock.json,line=${line},title=release-quarantine%3A blocked (release-age)::quick-format@3.1.1: release-age: published 2026-11-18`);
    const posts = api.writes();
    expect(posts.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /repos/acme/app/issues/7/comments']);
    expect(posts[0]?.authorization).toBe('Bearer ghs_test-token');
    const body = posts[0]?.body?.body ?? '';
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('| `quick-format` | `3.1.0` → `3.1.1` | ⛔ block |');
    expect(body).toContain('re-run this check on or after 2026-11-25');
    expect(body).toContain('its first scheduled run after that date re-runs this check for you');
  });

  test('later runs update the same comment in place, and turn it into an all-clear after the fix', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump quick-format');
    // Someone else's comment comes first, on another page: the Action must find its own.
    api.pageSize = 1;
    api.comments.set(7, [{ id: 1, body: 'LGTM' }]);
    expect((await pr(repo, base)).code).toBe(1);
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump safe-parse too');
    expect((await pr(repo, base)).code).toBe(1);
    // Same verdicts again: nothing to write.
    expect((await pr(repo, base)).code).toBe(1);
    repo.commit({ 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0', 'safe-parse': '5.2.0' }) }, 'revert');
    const fixed = await pr(repo, base);
    api.pageSize = 100;
    expect(fixed.code).toBe(0);
    expect(api.writes().map((request) => request.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    const comments = api.comments.get(7) ?? [];
    expect(comments).toHaveLength(2);
    expect(comments[1]?.body).toMatch(new RegExp(`^${MARKER}\\n### release-quarantine: all clear\\n`));
    const second = api.writes()[1]?.body?.body ?? '';
    expect(second).toContain('`safe-parse`');
    expect(second).toContain('### release-quarantine: 2 blocked, 0 warned');
  });

  test('a fork pull request: no API write, the summary and the failing check still work', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump');
    const run = await pr(repo, base, { headRepo: 'mallory/app' });
    expect(run.code).toBe(1);
    expect(api.requests).toEqual([]);
    expect(run.summary).toContain('| `quick-format` | `3.1.0` → `3.1.1` | ⛔ block |');
    expect(run.stdout).toMatch(/^::notice::No pull request comment: this pull request comes from a fork/m);
  });

  test('a token that cannot write comments is a warning, never the verdict', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump');
    api.readOnly = true;
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::warning::Could not comment on the pull request: creating the comment: GitHub answered 403/m);
    expect(run.summary).toContain('⛔ block');
  });

  test('comment: false and no token: no comment, a notice says why', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump');
    const off = await pr(repo, base, { inputs: { comment: 'false' } });
    expect(off.stdout).toContain('::notice::No pull request comment: the `comment` input is false.');
    const noToken = await pr(repo, base, { inputs: { token: '' } });
    expect(noToken.stdout).toContain('::notice::No pull request comment: no token');
    expect(api.requests).toEqual([]);
    expect([off.code, noToken.code]).toEqual([1, 1]);
  });

  test('a lockfile the pull request adds has every entry evaluated', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'add lockfile');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ blocked: '3', warned: '2', allowed: '4' });
    expect(run.report?.base?.lockfiles).toEqual([expect.objectContaining({ path: 'package-lock.json', status: 'added' })]);
    expect(run.summary).toContain('Lockfile `package-lock.json` is new in this change: every entry was evaluated.');
    // Most severe first.
    const verdicts = [...run.summary.matchAll(/\| (⛔ block|⚠️ warn|✅ allow) \|/g)].map((match) => match[1]);
    expect(verdicts).toEqual(['⛔ block', '⛔ block', '⛔ block', '⚠️ warn', '⚠️ warn', '✅ allow', '✅ allow', '✅ allow', '✅ allow']);
  });

  test('a lockfile the pull request removes is reported; nothing to evaluate, exit 0', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK, ...prefixed('tools/', yarnProject('3.1.0')) }, 'base');
    repo.commit({ 'package-lock.json': null }, 'drop npm');
    const run = await pr(repo, base);
    expect(run.code).toBe(0);
    expect(run.report?.base?.lockfiles).toEqual([
      expect.objectContaining({ path: 'tools/yarn.lock', status: 'unchanged' }),
      expect.objectContaining({ path: 'package-lock.json', status: 'removed' }),
    ]);
    expect(run.summary).toContain('Lockfile `package-lock.json` was removed by this change');
  });

  test('the only lockfile removed: exit 0 and said so', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
    repo.commit({ 'package-lock.json': null }, 'drop it');
    const run = await pr(repo, base);
    expect(run.code).toBe(0);
    expect(run.summary).toContain('Lockfile `package-lock.json` was removed by this change');
  });

  test('a monorepo: npm and Yarn lockfiles in different directories, each annotated at its own line', async () => {
    const repo = createGitRepo();
    const base = repo.commit({
      ...prefixed('apps/web/', { 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0' }) }),
      ...prefixed('tools/cli/', yarnProject('3.1.0')),
    }, 'base');
    repo.commit({ 'apps/web/package-lock.json': DEMO_LOCK, ...prefixed('tools/cli/', yarnProject('3.1.1')) }, 'bump both');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version}`)).toEqual(['quick-format@3.1.1']);
    expect(run.stdout).toContain(`::error file=apps/web/package-lock.json,line=${npmEntryLine(DEMO_LOCK, 'quick-format')},`);
    expect(run.stdout).toContain('::error file=tools/cli/yarn.lock,line=5,');
    // The `lockfiles` input narrows the gate (a glob, matched by git).
    const narrowed = await pr(repo, base, { inputs: { lockfiles: 'tools/**/yarn.lock' } });
    expect(narrowed.stdout).toContain('::error file=tools/cli/yarn.lock,line=5,');
    expect(narrowed.stdout).not.toContain('apps/web');
  });

  test('mode: all evaluates the whole tree; fail-on never reports without failing', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
    repo.commit({ 'README.md': 'docs\n' }, 'docs only');
    expect((await pr(repo, base)).code).toBe(0);
    const all = await pr(repo, base, { inputs: { mode: 'all' } });
    expect(all.code).toBe(1);
    expect(all.outputs).toMatchObject({ blocked: '3', warned: '2', allowed: '4' });
    expect(all.summary).toContain('Every locked package was evaluated: `mode: all`.');
    const never = await pr(repo, base, { inputs: { mode: 'all', 'fail-on': 'never' } });
    expect(never.code).toBe(0);
    expect(never.outputs['blocked']).toBe('3');
  });

  test('fail-on warn fails on a warning alone; block (the default) does not', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'native-thing': '1.3.0' }) }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump native-thing');
    const byDefault = await pr(repo, base);
    expect(byDefault.code).toBe(0);
    expect(byDefault.outputs).toMatchObject({ blocked: '0', warned: '1' });
    expect(byDefault.stdout).toContain(`::warning file=package-lock.json,line=${npmEntryLine(DEMO_LOCK, 'native-thing')},title=release-quarantine%3A warning (install-script)::`);
    // Nothing blocked and no comment yet: none is created.
    expect(api.writes()).toEqual([]);
    expect((await pr(repo, base, { inputs: { 'fail-on': 'warn' } })).code).toBe(1);
  });

  test('push: the base is the previous commit; a new branch (all-zero before) evaluates everything', async () => {
    const { repo, base } = demoRepo();
    repo.commit({ 'package-lock.json': demoLockWith({ 'safe-parse': '5.2.0' }) }, 'bump');
    const push = await runAction({ repo, event: 'push', payload: { before: base, after: 'HEAD' }, api, registryUrl: registryOf().url });
    expect(push.code).toBe(1);
    expect(push.outputs).toMatchObject({ blocked: '1', warned: '0', allowed: '0' });
    const created = await runAction({ repo, event: 'push', payload: { before: '0'.repeat(40) }, api, registryUrl: registryOf().url });
    expect(created.outputs).toMatchObject({ blocked: '2', warned: '2', allowed: '5' });
    expect(created.summary).toContain('the push created the branch');
    const scheduled = await runAction({ repo, event: 'schedule', api, registryUrl: registryOf().url });
    expect(scheduled.summary).toContain('a `schedule` run has no change to compare');
    // Its only call: the open pull requests, to re-run any whose blocks lapsed (none here).
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/acme/app/pulls?state=open&per_page=100']);
    expect(scheduled.summary).toContain('No open pull requests.');
  });

  test('a scheduled run lists what needs a look: exceptions as exceptions (reason, expiry), the allowed as a count', async () => {
    const repo = createGitRepo();
    const policy = JSON.stringify({
      exceptions: [{ package: 'quick-format@3.1.1', rules: ['release-age'], reason: 'hotfix, diff reviewed', expires: '2026-12-15', ticket: 'SEC-142' }],
    });
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK, 'quarantine.json': policy }, 'base');
    const scheduled = await runAction({ repo, event: 'schedule', api, registryUrl: registryOf().url });
    expect(scheduled.outputs).toMatchObject({ blocked: '2', warned: '2', allowed: '5' });
    const rows = scheduled.summary.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.some((row) => row.includes('✅ allow'))).toBe(false);
    expect(rows).toContain('| `quick-format` | `3.1.1` | ☑️ exception | release-age (excepted) |  |  |');
    expect(rows).toHaveLength(5);
    expect(scheduled.summary).toContain('Not listed: 4 allowed packages that no rule flagged and no exception let through');
    expect(scheduled.summary).toMatch(
      /\n {2}- by `exception quick-format@3\.1\.1 \(\S*quarantine\.json: exceptions\[0\]\) for release-age: "hotfix, diff reviewed", applies through 2026-12-15 \(UTC, in 25 days\), ticket SEC-142`\n/,
    );
  });

  test('SARIF: one rule per rule id, results at lockfile lines', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'add lockfile');
    const run = await pr(repo, base, { inputs: { sarif: 'reports/quarantine.sarif' } });
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'reports/quarantine.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }>;
    };
    expect(run.code).toBe(1);
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0]?.tool.driver;
    expect(driver?.name).toBe('release-quarantine');
    expect(driver?.version).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    expect(driver?.rules.map((rule) => rule.id)).toContain('release-age');
    expect(driver?.rules[0]?.helpUri).toBe('https://github.example/acme/app/blob/main/docs/policy.md#release-age');
    const quick = sarif.runs[0]?.results.find((result) => result.ruleId === 'release-age');
    expect(quick?.level).toBe('error');
    expect(quick?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'package-lock.json' }, region: { startLine: npmEntryLine(DEMO_LOCK, 'quick-format') } });
    expect(sarif.runs[0]?.results.filter((result) => result.level === 'warning').map((result) => result.ruleId).sort()).toEqual(['install-script', 'install-script', 'non-registry-source']);
  });
});

function prefixed(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`${prefix}${path}`, text]));
}
