/**
 * Issue 15 in the Action's mode (only what the pull request changes is evaluated): a nested
 * second copy of a version the base already has, fetched from another host, is evaluated and
 * blocks. Before, the copies were merged by name@version and nothing was evaluated.
 */
import { pullRequestPayload, runAction, useStubGitHub } from '../support/action.js';
import { useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_LOCK, DEMO_MANIFEST } from '../support/demo-project.js';
import { createGitRepo } from '../support/git-repo.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();

test('a pull request that adds a nested copy of str-pad@1.2.0 from another host is blocked', async () => {
  const repo = createGitRepo();
  const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
  const lock = JSON.parse(DEMO_LOCK) as { packages: Record<string, object> };
  lock.packages['node_modules/event-pipe/node_modules/str-pad'] = {
    version: '1.2.0',
    resolved: 'https://cdn.evil.example/str-pad/-/str-pad-1.2.0.tgz',
    integrity: `sha512-${Buffer.alloc(64, 66).toString('base64')}`,
  };
  repo.commit({ 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, 'innocent-looking change');
  const run = await runAction({ repo, event: 'pull_request', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url });
  expect(run.code).toBe(1);
  expect(run.report?.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict} ${entry.change?.kind}`)).toEqual(['str-pad@1.2.0 block source']);
  expect(run.stdout).toMatch(/^::error .*str-pad@1\.2\.0: lockfile-binding: node_modules\/event-pipe\/node_modules\/str-pad is fetched from https:\/\/cdn\.evil\.example/m);
});
