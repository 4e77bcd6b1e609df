#!/usr/bin/env node
/**
 * Regenerates test/fixtures/lockfiles/yarn-classic/* and yarn-berry/* with the real Yarn
 * (see the README in each folder).
 *
 *   node scripts/generate-yarn-lockfile-fixtures.mjs
 *
 * Needs: npm (to install the pinned Yarn releases into /tmp/rq-yarn-bins), git, and network
 * access to the npm registry (`npm config get registry`, or RQ_REGISTRY). It builds one small
 * project (workspaces, an alias, dev/optional/peer deps, a patched package, `file:` tarball,
 * `link:`/`portal:` folders, an http tarball and a git repository, both served from
 * 127.0.0.1 by this script), lets each Yarn write its lockfile, and records Yarn's own listing
 * next to it (Yarn 1: `yarn list --json`; Berry: `yarn info --all --recursive --json`).
 * Registry versions are pinned exactly so a rerun produces the same trees.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import {
  cleanUpAfter, commitGitDep, DEV_DEPENDENCIES, listen, lockfileFixtures, OPTIONAL_DEPENDENCIES, packTarballs,
  REGISTRY_DEPENDENCIES, repoRoot, run, runAsync, TARBALL_DEP, write, writeProject, WS_A, wsB,
} from './lib/fixture-sources.mjs';

const outRoot = lockfileFixtures;
const port = 47124; // fixed: written into the lockfiles
const origin = `http://127.0.0.1:${port}`;
const gitBare = '/tmp/rq-yarn-fixture-git/git-dep.git'; // served over git's "dumb" HTTP protocol
const work = '/tmp/rq-yarn-fixture-work';
const bins = '/tmp/rq-yarn-bins';
const YARNS = {
  classic: { pkg: 'yarn@1.22.22', bin: 'yarn1/node_modules/yarn/bin/yarn.js' },
  yarn4: { pkg: '@yarnpkg/cli-dist@4.18.1', bin: 'yarn4/node_modules/@yarnpkg/cli-dist/bin/yarn.js' },
  yarn3: { pkg: '@yarnpkg/cli-dist@3.8.7', bin: 'yarn3/node_modules/@yarnpkg/cli-dist/bin/yarn.js' },
  yarn2: { pkg: '@yarnpkg/cli-dist@2.4.2', bin: 'yarn2/node_modules/@yarnpkg/cli-dist/bin/yarn.js' },
};

const registry = (process.env.RQ_REGISTRY ?? run(repoRoot, 'npm', ['config', 'get', 'registry']).trim()).replace(/\/$/, '');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The pinned Yarn releases.
for (const [key, yarn] of Object.entries(YARNS)) {
  if (!existsSync(join(bins, yarn.bin))) run(repoRoot, 'npm', ['install', '--prefix', join(bins, key.replace('classic', 'yarn1')), yarn.pkg, '--no-audit', '--no-fund', '--ignore-scripts']);
}

// A git repository with a fixed commit id, as a bare repository for the dumb HTTP protocol.
const gitSource = join(work, 'git-dep');
rmSync(dirname(gitBare), { recursive: true, force: true });
// Yarn 2 assumes the default head is master.
commitGitDep(gitSource, ['-b', 'master']);
run(work, 'git', ['clone', '-q', '--bare', gitSource, gitBare]);
run(gitBare, 'git', ['update-server-info']);

// Local tarballs: one used as `file:vendor/...tgz`, one served over http.
// is-odd@3.0.1 is reached only through this optional dependency.
const { packedDep, tarballDep } = packTarballs(work, { ...TARBALL_DEP, optionalDependencies: { 'is-odd': '3.0.1' } });

const server = await listen(port, (req, res) => {
  const url = decodeURIComponent(new URL(req.url, origin).pathname);
  if (url === '/tarball-dep-2.0.0.tgz') return res.end(readFileSync(tarballDep));
  if (url.startsWith('/git-dep.git/')) {
    const file = normalize(join(gitBare, url.slice('/git-dep.git/'.length)));
    if (file.startsWith(gitBare) && existsSync(file) && statSync(file).isFile()) return res.end(readFileSync(file));
  }
  res.writeHead(404).end();
});

// The projects. Berry and classic differ where Yarn 1 lacks a feature (patch:, portal:, workspace:).
const berryManifest = {
  name: 'rq-yarn-fixture',
  version: '1.0.0',
  private: true,
  workspaces: ['packages/*'],
  dependencies: {
    ...REGISTRY_DEPENDENCIES,
    'left-pad': 'patch:left-pad@npm%3A1.3.0#./patches/left-pad.patch',
    'local-thing': 'link:./local/thing',
    'portal-thing': 'portal:./local/portal',
    'packed-dep': 'file:./vendor/packed-dep-1.0.0.tgz',
    'tarball-dep': `${origin}/tarball-dep-2.0.0.tgz`,
    'git-dep': `git+${origin}/git-dep.git`,
  },
  devDependencies: { ...DEV_DEPENDENCIES, '@types/ms': '0.7.34' },
  optionalDependencies: OPTIONAL_DEPENDENCIES,
};
const { 'left-pad': _patch, 'portal-thing': _portal, ...classicDeps } = berryManifest.dependencies;
const classicManifest = { ...berryManifest, name: 'rq-yarn-classic-fixture', dependencies: { ...classicDeps, 'copied-thing': 'file:./local/copied' } };
const workspaces = (wsADep) => ({
  'packages/ws-a/package.json': WS_A,
  'packages/ws-b/package.json': wsB(wsADep),
});
const leftPadJs = (() => {
  const dir = join(work, 'left-pad');
  mkdirSync(dir, { recursive: true });
  run(dir, 'npm', ['pack', 'left-pad@1.3.0', '--silent']);
  return run(dir, 'tar', ['-xzOf', 'left-pad-1.3.0.tgz', 'package/index.js']);
})();
const patchLine = (text) => text.split('\n').findIndex((line) => line === "'use strict';");
const patch = (() => {
  const lines = leftPadJs.split('\n');
  const at = patchLine(leftPadJs); // 0-based; context of 3 lines either side
  const from = Math.max(0, at - 3);
  const before = lines.slice(from, at + 4);
  const after = before.map((line) => (line === "'use strict';" ? "'use strict'; // patched by rq fixture" : line));
  const header = `@@ -${from + 1},${before.length} +${from + 1},${after.length} @@`;
  const body = before.flatMap((line, i) => (line === after[i] ? [` ${line}`] : [`-${line}`, `+${after[i]}`]));
  return ['diff --git a/index.js b/index.js', '--- a/index.js', '+++ b/index.js', header, ...body, ''].join('\n');
})();

function makeProject(dir, manifest, wsASpec, classic) {
  writeProject(dir, manifest, wsASpec, packedDep);
  if (classic) write(join(dir, 'local/copied/package.json'), { name: 'copied-thing', version: '0.2.0', dependencies: { 'is-buffer': '^1.1.6' } });
  else write(join(dir, 'local/portal/package.json'), { name: 'portal-thing', version: '0.2.0', dependencies: { 'is-buffer': '^1.1.6' } });
  if (!classic) write(join(dir, 'patches/left-pad.patch'), patch);
}

const berryEnv = {
  YARN_ENABLE_TELEMETRY: '0',
  YARN_ENABLE_GLOBAL_CACHE: '0',
  // A private global folder and no mirror: never reuse archives from another run or project.
  YARN_GLOBAL_FOLDER: join(work, 'yarn-global'),
  YARN_ENABLE_MIRROR: '0',
  YARN_IGNORE_PATH: '1',
  YARN_NPM_REGISTRY_SERVER: registry,
  YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
  YARN_ENABLE_SCRIPTS: '0',
};
const berryVariants = [
  // Yarn 4.10+ has an age gate and (4.1x) an allow-list for git hosts: open both for the fixture.
  { dir: 'yarn4', yarn: YARNS.yarn4, rc: `npmMinimalAgeGate: 0\napprovedGitRepositories:\n  - "${origin}/**"\n`, args: ['install', '--mode=update-lockfile'] },
  { dir: 'yarn3', yarn: YARNS.yarn3, rc: '', args: ['install', '--mode=update-lockfile'] },
  // Yarn 2 has no --mode: a plain install (scripts off, node_modules linker).
  { dir: 'yarn2', yarn: YARNS.yarn2, rc: '', args: ['install'] },
];

const save = (folder, files) => {
  const out = join(outRoot, folder);
  rmSync(out, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) write(join(out, name), content);
  console.error(`wrote ${out}`);
};

await cleanUpAfter(server, work, async () => {
  for (const variant of berryVariants) {
    const dir = join(work, variant.dir);
    makeProject(dir, berryManifest, 'workspace:*', false);
    write(join(dir, '.yarnrc.yml'), `nodeLinker: node-modules\n${variant.rc}`);
    const yarn = join(bins, variant.yarn.bin);
    await runAsync(dir, 'node', [yarn, ...variant.args], berryEnv);
    const info = await runAsync(dir, 'node', [yarn, 'info', '--all', '--recursive', '--json'], berryEnv);
    const version = (await runAsync(dir, 'node', [yarn, '--version'], berryEnv)).trim();
    save(`yarn-berry/${variant.dir}`, {
      'yarn.lock': readFileSync(join(dir, 'yarn.lock'), 'utf8'),
      // Not named package.json: jest's module map would see every fixture as a package.
      'project-package.json': berryManifest,
      'workspace-manifests.json': workspaces('workspace:*'),
      'yarn-info.ndjson': info,
      'yarn-version.txt': `${version}\n`,
    });
  }

  const dir = join(work, 'classic');
  makeProject(dir, classicManifest, '1.0.0', true);
  const yarn1 = join(bins, YARNS.classic.bin);
  const classicArgs = ['--non-interactive', '--no-progress', '--registry', registry, '--cache-folder', join(work, 'yarn1-cache')];
  await runAsync(dir, 'node', [yarn1, 'install', '--ignore-scripts', ...classicArgs]);
  const list = await runAsync(dir, 'node', [yarn1, 'list', '--json', ...classicArgs]);
  save('yarn-classic/v1', {
    'yarn.lock': readFileSync(join(dir, 'yarn.lock'), 'utf8'),
    'project-package.json': classicManifest,
    'workspace-manifests.json': workspaces('1.0.0'),
    'yarn-list.json': list,
    'yarn-version.txt': `${(await runAsync(dir, 'node', [yarn1, '--version'])).trim()}\n`,
  });
});
