/**
 * The bundled Action's failures and edges: fail closed with one clear line (exit 2), never a
 * token in any output, policy presets and every lockfile reader through the bundle, Markdown
 * injection through crafted package names.
 */
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestPayload, runAction, useStubGitHub, type ActionRun, type RunActionOptions } from '../support/action.js';
import { useDemoRegistry } from '../support/demo-registry.js';
import { DEMO_LOCK, DEMO_MANIFEST, demoLockWith } from '../support/demo-project.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { LOCKFILE_FIXTURES, readLockfileFixture } from '../support/lockfile-fixtures.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();
const api = useStubGitHub();
beforeEach(() => {
  registryOf().setRoute('quick-format', null);
});

function pr(repo: GitRepo, base: string, extra: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ repo, event: 'pull_request', payload: pullRequestPayload({ base }), api, registryUrl: registryOf().url, ...extra });
}

function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::error'));
}

/** Every file the run wrote or printed, as one string. */
function everything(run: ActionRun): string {
  const files = readdirSync(run.temp, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => readFileSync(join(run.temp, entry.name), 'utf8'));
  return [run.stdout, run.stderr, ...files].join('\n');
}

describe('the Action fails closed with one clear line', () => {
  test('a base commit the shallow clone does not have: exit 2, says fetch-depth: 0', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'only commit');
    const run = await pr(repo, '0123456789abcdef0123456789abcdef01234567');
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual([
      '::error title=release-quarantine could not evaluate::base commit 0123456789abcdef0123456789abcdef01234567 is not in this clone. Hint: the checkout may be shallow: use actions/checkout with `fetch-depth: 0`, or fetch the base first (`git fetch --depth=1 origin <sha>`)',
    ]);
    expect(run.summary).toContain('The gate could not evaluate this change, so it fails closed');
    expect(run.stderr).toBe('');
  });

  test('no lockfile in the repository, or none matching the input: exit 2', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST }, 'base');
    repo.commit({ 'README.md': 'hi\n' }, 'docs');
    const none = await pr(repo, base);
    expect(none.code).toBe(2);
    expect(errorLines(none)[0]).toMatch(/::no lockfile in the repository \(looked for tracked npm-shrinkwrap\.json, package-lock\.json/);
    const named = await pr(repo, base, { inputs: { lockfiles: 'apps/*/package-lock.json' } });
    expect(named.code).toBe(2);
    expect(errorLines(named)[0]).toContain('::no lockfile matches apps/*/package-lock.json. Hint:');
  });

  test('a bad input value: exit 2, naming the input', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
    const run = await pr(repo, base, { inputs: { 'fail-on': 'sometimes' } });
    expect(run.code).toBe(2);
    expect(errorLines(run)[0]).toContain('::input fail-on: expected block, warn, never, got "sometimes"');
  });

  test('a registry that refuses the token: exit 2, and the token appears nowhere', async () => {
    const repo = createGitRepo();
    const host = new URL(registryOf().url).host;
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0' }), '.npmrc': `//${host}/:_authToken=secret-token\n` }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump');
    registryOf().setRoute('quick-format', { status: 401 });
    const run = await pr(repo, base);
    expect(run.code).toBe(2);
    expect(errorLines(run)[0]).toMatch(/::.*(401|auth|credentials)/i);
    // The token was sent (so the failure is the registry's answer), and never printed or written.
    expect(registryOf().requestsFor('quick-format')[0]?.headers['authorization']).toBe('Bearer secret-token');
    expect(everything(run)).not.toContain('secret-token');
    expect(api.requests).toEqual([]);
  });
});

describe('registry credentials the way actions/setup-node provides them', () => {
  test('NPM_CONFIG_USERCONFIG with ${NODE_AUTH_TOKEN}: the token reaches the registry, and nothing prints it', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0' }) }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump');
    const npmrc = join(makeTempDir('setup-node'), '.npmrc');
    writeFileSync(npmrc, `//${new URL(registryOf().url).host}/:_authToken=\${NODE_AUTH_TOKEN}\n`);
    const run = await pr(repo, base, { env: { NPM_CONFIG_USERCONFIG: npmrc, NODE_AUTH_TOKEN: 'node-auth-secret' } });
    expect(run.code).toBe(1);
    expect(registryOf().requestsFor('quick-format').at(-1)?.headers['authorization']).toBe('Bearer node-auth-secret');
    expect(everything(run)).not.toContain('node-auth-secret');
  });
});

describe('the bundle carries everything it needs', () => {
  test('policy presets resolve from the bundle: extends "strict"', async () => {
    const repo = createGitRepo();
    // The policy is the base's: a pull request's own policy does not judge it (action-trust.test.ts).
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': demoLockWith({ 'str-pad': '1.1.0' }), 'quarantine.json': '{ "extends": "strict" }\n' }, 'base');
    repo.commit({ 'package-lock.json': DEMO_LOCK }, 'bump str-pad');
    const run = await pr(repo, base);
    expect(errorLines(run)).toEqual([]);
    expect(run.summary).toMatch(/policy `\S*quarantine\.json \(extends preset strict/);
    expect(run.summary).toContain('quarantine window 14d');
  });

  test.each([
    ['pnpm', 'pnpm/v9.0-pnpm10/pnpm-lock.yaml', 'pnpm-lock.yaml'],
    ['Yarn Berry', 'yarn-berry/yarn4/yarn.lock', 'yarn.lock'],
    ['Bun', 'bun/v1/bun.lock', 'bun.lock'],
  ])('the %s reader works in the bundle, with annotations at entry lines', async (_label, fixture, name) => {
    const repo = createGitRepo();
    const dir = fixture.slice(0, fixture.lastIndexOf('/'));
    const manifest = readFileSync(join(LOCKFILE_FIXTURES, dir, readdirSync(join(LOCKFILE_FIXTURES, dir)).includes('project-package.json') ? 'project-package.json' : '../../npm/v3/project-package.json'), 'utf8');
    const base = repo.commit({ 'package.json': manifest }, 'base');
    repo.commit({ [name]: readLockfileFixture(fixture) }, 'add lockfile');
    const run = await pr(repo, base, { inputs: { comment: 'false' } });
    // The fixture's packages are unknown to the demo registry: missing-version blocks them.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^::error file=${name.replace('.', '\\.')},line=\\d+,title=release-quarantine%3A blocked \\(missing-version\\)::debug@2\\.6\\.9`, 'm'));
  });
});

/** The Markdown with every code span removed: what GitHub would render as Markdown or HTML. */
function outsideCodeSpans(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}

describe('crafted package names cannot inject Markdown', () => {
  test('links, mentions, HTML, backticks, pipes and newlines stay inside code spans', async () => {
    const crafted = ['[x](https://evil.example)', '@org/team', '<img src=x onerror=alert(1)>', 'a`b``c', 'pipe|name', 'line\nbreak ![i](https://evil.example/i.png)'];
    const lock = JSON.parse(DEMO_LOCK) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    for (const name of crafted) {
      // No `resolved`: the default registry, so each name is looked up (and blocked as missing).
      lock.packages[`node_modules/${name}`] = { version: '1.0.0' };
      (lock.packages['']?.dependencies ?? {})[name] = '1.0.0';
    }
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
    repo.commit({ 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, 'crafted');
    const run = await pr(repo, base);
    expect(run.code).toBe(1);
    const comment = api.writes()[0]?.body?.body ?? '';
    expect(comment).toContain('`@org/team`');
    for (const markdown of [comment, run.summary]) {
      const rendered = outsideCodeSpans(markdown).replace('[job summary](https://github.example/acme/app/actions/runs/42)', '');
      expect(rendered).not.toMatch(/<(?!!-- release-quarantine -->)/);
      expect(rendered).not.toContain('](');
      expect(rendered).not.toMatch(/@\w/);
      expect(rendered).not.toContain('evil.example');
      // Every table row keeps its 6 cells: no pipe or newline escaped the cell.
      for (const row of markdown.split('\n').filter((line) => line.startsWith('| `'))) {
        expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
      }
    }
  });
});

describe('the facts cache on a runner (issue 15)', () => {
  test('a cache others can write (a shared or restored one) is not trusted: one warning, the verdict unchanged', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': DEMO_MANIFEST, 'package-lock.json': DEMO_LOCK }, 'base');
    repo.commit({ 'package-lock.json': demoLockWith({ 'quick-format': '3.1.0' }) }, 'bump');
    const cache = makeTempDir('shared-cache');
    mkdirSync(join(cache, 'release-quarantine'));
    chmodSync(join(cache, 'release-quarantine'), 0o777);
    const run = await pr(repo, base, { env: { XDG_CACHE_HOME: cache }, inputs: { comment: 'false' } });
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning::the registry facts cache'));
    expect(warnings).toEqual([`::warning::the registry facts cache ${cache}/release-quarantine can be written by group or others (mode 0777): not trusted, packages are fetched from the registry instead (fix: chmod go-w ${cache}/release-quarantine)`]);
    expect(run.code).toBe(0);
  });
});
