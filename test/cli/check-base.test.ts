/**
 * `check --base <ref>`: only what a change brings is evaluated, read from git history. The
 * built binary against the demo registry on 127.0.0.1, in a scratch git repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, REPO_ROOT } from '../support/cli.js';
import { demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();
const demoLock = readFileSync(join(REPO_ROOT, 'examples/demo/package-lock.json'), 'utf8');
const demoManifest = readFileSync(join(REPO_ROOT, 'examples/demo/package.json'), 'utf8');

/** The demo lockfile with quick-format at another version (3.1.0 passes, 3.1.1 is too young). */
function withQuickFormat(version: string): string {
  const lock = JSON.parse(demoLock) as { packages: Record<string, { version: string; resolved: string }> };
  const entry = lock.packages['node_modules/quick-format'];
  if (!entry) throw new Error('demo lockfile changed shape');
  entry.version = version;
  entry.resolved = `https://registry.npmjs.org/quick-format/-/quick-format-${version}.tgz`;
  return `${JSON.stringify(lock, null, 2)}\n`;
}

interface JsonReport {
  summary: { packages: number; blocked: number };
  packages: Array<{ name: string; version: string; verdict: string; change?: { kind: string; from: string[] } }>;
  base?: { label: string; lockfiles: Array<{ path: string; status: string; changed: number; removed: number }> };
}

async function checkJson(repo: GitRepo, ...args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await runCli(['check', repo.dir, ...demoArgs(registryOf(), '--json', ...args)]);
  return { code: result.code, report: JSON.parse(result.stdout || '{}') as JsonReport, stderr: result.stderr };
}

describe('quarantine check --base', () => {
  test('evaluates only the entries the change brings, and says what they replaced', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': demoManifest, 'package-lock.json': withQuickFormat('3.1.0') }, 'base');
    repo.commit({ 'package-lock.json': demoLock }, 'bump quick-format');
    registryOf().resetStats();
    const { code, report } = await checkJson(repo, '--base', base);
    // Only the changed name is fetched: the pull-request mode reads what the diff needs.
    expect(new Set(registryOf().requests.map((request) => request.path))).toEqual(new Set(['/quick-format']));
    expect(code).toBe(1);
    expect(report.packages.map((entry) => `${entry.name}@${entry.version} ${entry.verdict}`)).toEqual(['quick-format@3.1.1 block']);
    expect(report.packages[0]?.change).toEqual({ kind: 'upgraded', from: ['3.1.0'] });
    expect(report.base).toEqual({ label: base.slice(0, 7), lockfiles: [{ path: join(repo.dir, 'package-lock.json'), status: 'modified', changed: 1, removed: 1 }] });
  });

  test('a lockfile edited to fetch a known version from another server is checked again and flagged', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': demoManifest, 'package-lock.json': demoLock }, 'base');
    const lock = JSON.parse(demoLock) as { packages: Record<string, { version: string; resolved: string }> };
    const entry = lock.packages['node_modules/str-pad'];
    if (!entry) throw new Error('demo lockfile changed shape');
    entry.resolved = `https://npm-cdn.evil.example/str-pad/-/str-pad-${entry.version}.tgz`;
    repo.commit({ 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, 'innocent-looking change');
    const result = await runCli(['check', repo.dir, ...demoArgs(registryOf(), '--base', 'HEAD~1')]);
    // Blocked (issue 15): the bytes would not be the ones whose history was checked.
    expect(result.stdout).toMatch(
      /^BLOCK {2}str-pad@[\d.]+ \(same version, new resolved URL or integrity\) {2}lockfile-binding: node_modules\/str-pad is fetched from https:\/\/npm-cdn\.evil\.example\/str-pad\/-\/str-pad-[\d.]+\.tgz, not from https:\/\/registry\.example\/str-pad\/-\/str-pad-[\d.]+\.tgz, the tarball http:\/\/127\.0\.0\.1:\d+\/ published/m,
    );
    expect(result.stdout).toContain('1 package: 0 allowed, 0 warned, 1 blocked.');
    expect(result.code).toBe(1);
  });

  test('a change that brings nothing new passes, though the tree holds blocked packages', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': demoManifest, 'package-lock.json': demoLock }, 'base');
    repo.commit({ 'README.md': 'docs only\n' }, 'docs');
    const { code, report } = await checkJson(repo, '--base', 'HEAD~1');
    expect(code).toBe(0);
    expect(report.summary.packages).toBe(0);
    expect(report.base?.label).toMatch(/^HEAD~1 \([0-9a-f]{7}\)$/);
    expect(report.base?.lockfiles[0]?.status).toBe('unchanged');
  });

  test('a lockfile that did not exist at the base has every entry evaluated', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': demoManifest }, 'base');
    repo.commit({ 'package-lock.json': demoLock }, 'add lockfile');
    const { code, report } = await checkJson(repo, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(report.base?.lockfiles[0]?.status).toBe('added');
    expect(report.packages.length).toBeGreaterThan(5);
    expect(report.packages.every((entry) => entry.change?.kind === 'added')).toBe(true);
  });

  test('text output names the base and the old version', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'package.json': demoManifest, 'package-lock.json': withQuickFormat('3.1.0') }, 'base');
    repo.commit({ 'package-lock.json': demoLock }, 'bump');
    const result = await runCli(['check', repo.dir, ...demoArgs(registryOf(), '--base', base)]);
    expect(result.stdout).toContain(`Only the changes since ${base.slice(0, 7)}: ${join(repo.dir, 'package-lock.json')} (1 new or changed, 1 removed).`);
    expect(result.stdout).toMatch(/^BLOCK {2}quick-format@3\.1\.1 \(was 3\.1\.0\) {2}release-age/m);
  });

  test('a base the clone does not have is one clear line with the shallow-clone remedy, exit 2', async () => {
    const repo = createGitRepo();
    repo.commit({ 'package.json': demoManifest, 'package-lock.json': demoLock }, 'only commit');
    const result = await runCli(['check', repo.dir, ...demoArgs(registryOf(), '--base', '0123456789abcdef0123456789abcdef01234567')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'quarantine: base commit 0123456789abcdef0123456789abcdef01234567 is not in this clone\n' +
        '  hint: the checkout may be shallow: use actions/checkout with `fetch-depth: 0`, or fetch the base first (`git fetch --depth=1 origin <sha>`)\n',
    );
  });

  test('outside a git repository, --base says so: exit 2, nothing evaluated', async () => {
    const dir = makeTempDir('nogit');
    writeFileSync(join(dir, 'package.json'), demoManifest);
    writeFileSync(join(dir, 'package-lock.json'), demoLock);
    const result = await runCli(['check', dir, ...demoArgs(registryOf(), '--base', 'HEAD')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^quarantine: ${dir}: not inside a git repository \\(fatal: not a git repository`));
  });
});
