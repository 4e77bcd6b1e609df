/**
 * Which lockfiles the bundled Action gates: the same rule as `check` (lockfilesToCheck in
 * lockfile/read-lockfile.ts, decision 0043). A folder whose package.json pins npm 12 is gated by
 * its package-lock.json only (npm 12 ignores npm-shrinkwrap.json); a lone shrinkwrap there is
 * an error, as in `check`. On a pull request the base must pin npm 12 too (decision 0046).
 */
import { pullRequestPayload, runAction, useStubGitHub, type ActionRun } from '../support/action.js';
import { useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_LOCK, DEMO_MANIFEST, demoLockWith } from '../support/demo-project.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { runCli, isolatedEnv } from '../support/cli.js';
import { readLockfileFixture } from '../support/lockfile-fixtures.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();

const CLEAN_LOCK = demoLockWith({ 'quick-format': '3.1.0' });
/** The demo manifest pinned to npm 12 (`packageManager`), or as it is. */
const manifest = (pinned: boolean): string =>
  pinned ? `${JSON.stringify({ ...(JSON.parse(DEMO_MANIFEST) as object), packageManager: 'npm@12.2.2' }, null, 2)}\n` : DEMO_MANIFEST;

function pr(repo: GitRepo, base: string): Promise<ActionRun> {
  return runAction({ repo, event: 'pull_request', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url });
}

/** apps/web holds package-lock.json and npm-shrinkwrap.json; the pull request moves quick-format to the young 3.1.1 in the shrinkwrap only. */
function shrinkwrapBump(pinned: boolean): { repo: GitRepo; base: string } {
  const repo = createGitRepo();
  const base = repo.commit(
    { 'apps/web/package.json': manifest(pinned), 'apps/web/package-lock.json': CLEAN_LOCK, 'apps/web/npm-shrinkwrap.json': CLEAN_LOCK },
    'base',
  );
  repo.commit({ 'apps/web/npm-shrinkwrap.json': DEMO_LOCK }, 'bump quick-format in the shrinkwrap');
  return { repo, base };
}

test('pinned to npm 12: the shrinkwrap npm 12 ignores is not gated, as check does not read it', async () => {
  const { repo, base } = shrinkwrapBump(true);
  const run = await pr(repo, base);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.report?.packages).toEqual([]);
  expect(run.stdout).not.toContain('npm-shrinkwrap.json');
  // check in that folder reads the same lockfile.
  const check = await runCli(['check', `${repo.dir}/apps/web`, '--registry', registryOf().url, '--now', '2026-11-20T12:00:00Z', '--json'], { env: isolatedEnv() });
  expect((JSON.parse(check.stdout) as { lockfiles: Array<{ path: string }> }).lockfiles.map((lockfile) => lockfile.path)).toEqual([`${repo.dir}/apps/web/package-lock.json`]);
});

test('not pinned: both are gated, and the shrinkwrap bump blocks', async () => {
  const { repo, base } = shrinkwrapBump(false);
  const run = await pr(repo, base);
  expect(run.code).toBe(1);
  expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict}`)).toEqual(['quick-format@3.1.1 block']);
  expect(run.stdout).toContain('::error file=apps/web/npm-shrinkwrap.json,');
});

test('a pull request cannot add the pin to have its own shrinkwrap left out: the base must pin npm 12 too', async () => {
  const { repo, base } = shrinkwrapBump(false);
  repo.commit({ 'apps/web/package.json': manifest(true) }, 'pin npm 12');
  const run = await pr(repo, base);
  expect(run.code).toBe(1);
  expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict}`)).toEqual(['quick-format@3.1.1 block']);
});

test('pinned to npm 12 with a lone shrinkwrap: exit 2 and the one line check gives', async () => {
  const repo = createGitRepo();
  const base = repo.commit({ 'package.json': manifest(true), 'npm-shrinkwrap.json': CLEAN_LOCK }, 'base');
  repo.commit({ 'npm-shrinkwrap.json': DEMO_LOCK }, 'bump');
  const run = await pr(repo, base);
  expect(run.code).toBe(2);
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('npm-shrinkwrap.json: npm 12 ignores npm-shrinkwrap.json (package.json#packageManager admits npm 12.2.2), so it installs whatever');
  expect(errors[0]).toContain('Hint: rename it to package-lock.json');
});

test('a binary bun.lockb beside a text bun.lock is not read (the same rule): the change passes', async () => {
  const repo = createGitRepo();
  const base = repo.commit(
    { 'tools/package.json': readLockfileFixture('bun/v1/project-package.json'), 'tools/bun.lock': readLockfileFixture('bun/v1/bun.lock'), 'tools/bun.lockb': 'not a lockfile Bun reads\n' },
    'base',
  );
  repo.commit({ 'README.md': 'docs\n' }, 'docs only');
  const run = await pr(repo, base);
  expect(run.stdout).not.toContain('bun.lockb');
  expect(run.code).toBe(0);
});
