#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/bun/* with the real Bun (see the README there).
 *
 *   node scripts/generate-bun-lockfile-fixtures.mjs
 *
 * Needs: npm and git on PATH, Linux x64 (Bun comes from the `bun` npm package's platform
 * binaries), and network access to the npm registry. It builds one small project (two
 * workspaces, an alias, dev/optional/peer deps, nested duplicates, a `file:` tarball, a `file:`
 * directory, a `link:` package, an http tarball served from 127.0.0.1 and a `git+file:` repo)
 * and asks several Bun releases to lock it, recording `bun pm ls --all` next to each lockfile.
 * Registry versions are pinned exactly so a rerun produces the same trees.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  cleanUpAfter, commitGitDep, DEV_DEPENDENCIES, lockfileFixtures, OPTIONAL_DEPENDENCIES, packTarballs,
  REGISTRY_DEPENDENCIES, run, runAsync, serveTarballDep, write, writeProject,
} from './lib/fixture-sources.mjs';

const outRoot = join(lockfileFixtures, 'bun');
const gitRepo = '/tmp/rq-fixture-git-bun/git-dep'; // fixed path: it is written into the lockfile
const tarballPort = 47131; // fixed port: it is written into the lockfiles
// Fixed work directory: `bun pm ls` prints the project's absolute path.
const work = '/tmp/rq-bun-fixture-work';
rmSync(work, { recursive: true, force: true });

/** Installs bun@version from npm into the work dir and returns the path of its binary. */
function installBun(version) {
  // Kept between runs (each release is ~100 MB); only the project work dir is removed.
  const prefix = join('/tmp/rq-bun-binaries', version);
  mkdirSync(prefix, { recursive: true });
  run(prefix, 'npm', ['install', '--prefix', prefix, `bun@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--silent']);
  // The binary lies in a platform package (@oven/bun-linux-x64*), or in bun/bin once a
  // postinstall has run; take the first candidate that runs and reports the right version.
  const candidates = [join(prefix, 'node_modules/bun/bin/bun.exe')];
  const oven = join(prefix, 'node_modules/@oven');
  if (existsSync(oven)) for (const dir of readdirSync(oven).sort()) candidates.push(join(oven, dir, 'bin/bun'));
  for (const candidate of candidates) {
    if (!existsSync(candidate) || statSync(candidate).size < 1_000_000) continue;
    try {
      if (run(prefix, candidate, ['--version']).trim() === version) return candidate;
    } catch {
      // wrong libc or CPU features: try the next one
    }
  }
  throw new Error(`no runnable binary for bun@${version} in ${prefix}`);
}

rmSync(dirname(gitRepo), { recursive: true, force: true });
commitGitDep(gitRepo, ['-b', 'main']);
const { packedDep, tarballDep } = packTarballs(work);
const server = await serveTarballDep(tarballPort, tarballDep);

// The project (the same as the npm fixtures', in Bun's dialect: `workspace:*`, `link:`).
const rootManifest = {
  name: 'rq-bun-fixture',
  version: '1.0.0',
  private: true,
  workspaces: ['packages/*'],
  dependencies: {
    ...REGISTRY_DEPENDENCIES,
    'local-thing': 'file:local/thing',
    'linked-thing': 'link:linked-thing',
    'packed-dep': 'file:vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `http://127.0.0.1:${tarballPort}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+file://${gitRepo}`,
  },
  // is-odd is also reached through the optional is-even: neither dev nor optional.
  devDependencies: DEV_DEPENDENCIES,
  optionalDependencies: OPTIONAL_DEPENDENCIES,
};
// Bun before 1.2.x cannot fetch `git+file:` ("no commit matching ... found"): older variants go without.
const { 'git-dep': _git, ...withoutGit } = rootManifest.dependencies;
const olderManifest = { ...rootManifest, dependencies: withoutGit };

// Bun 1.4 writes lockfileVersion 3 when the project has a nested or version-scoped override
// (oven-sh/bun#38333): here `debug`'s `ms` is overridden.
const v3Manifest = { ...rootManifest, overrides: { debug: { ms: '2.1.3' } } };

const lockOnly = ['install', '--lockfile-only', '--ignore-scripts', '--no-progress'];
const variants = [
  { dir: 'v3', bun: '1.4.5', args: lockOnly, manifest: v3Manifest, lockfile: 'bun.lock' },
  { dir: 'v2', bun: '1.4.5', args: lockOnly, manifest: rootManifest, lockfile: 'bun.lock' },
  { dir: 'v1', bun: '1.2.0', args: lockOnly, manifest: olderManifest, lockfile: 'bun.lock' },
  { dir: 'v0', bun: '1.1.45', args: [...lockOnly, '--save-text-lockfile'], manifest: olderManifest, lockfile: 'bun.lock' },
  // 1.1.38 has no --lockfile-only and no text lockfile: a plain install writes bun.lockb.
  { dir: 'lockb', bun: '1.1.38', args: ['install', '--ignore-scripts', '--no-progress'], manifest: olderManifest, lockfile: 'bun.lockb' },
];

const only = process.argv.slice(2);

await cleanUpAfter(server, work, async () => {
  for (const variant of variants) {
    if (only.length > 0 && !only.includes(variant.dir)) continue;
    const bun = installBun(variant.bun);
    const home = join(work, 'home', variant.dir);
    const env = { HOME: home, BUN_INSTALL: join(home, '.bun'), BUN_INSTALL_CACHE_DIR: join(home, 'cache'), NO_COLOR: '1' };
    // `link:linked-thing` needs the package registered with `bun link` first.
    const linked = join(work, 'linked', variant.dir);
    write(join(linked, 'package.json'), { name: 'linked-thing', version: '0.2.0', dependencies: { 'is-buffer': '^1.1.6' } });
    run(linked, bun, ['link'], env);
    const dir = join(work, variant.dir);
    writeProject(dir, variant.manifest, 'workspace:*', packedDep);
    await runAsync(dir, bun, variant.args, env);
    const out = join(outRoot, variant.dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    cpSync(join(dir, variant.lockfile), join(out, variant.lockfile));
    // Not named package.json: jest's module map would see every fixture as a package.
    write(join(out, 'project-package.json'), variant.manifest);
    if (variant.lockfile === 'bun.lock') write(join(out, 'bun-pm-ls.txt'), run(dir, bun, ['pm', 'ls', '--all'], env));
    console.error(`wrote ${out} with bun ${variant.bun}`);
  }
});
