/**
 * Issue 15: lockfile entries bound to what the registry published. The built binary against
 * two registries on 127.0.0.1: a public one (`lodash`, `z-dep`) and a private one for `@corp`
 * whose tarball URLs are shaped like GitHub Packages' and GitLab's. Every install location is
 * judged (a second copy of a version cannot hide behind the first), private registry URLs count
 * as registry packages, and `resolved`/`integrity` must be what the registry published.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { createGitRepo } from '../support/git-repo.js';
import { makeTempDir } from '../support/temp.js';
import { FIXTURE_NOW, daysBefore, isoOf, makePackument, type RawPackument } from '../support/packument.js';

const NOW = isoOf(FIXTURE_NOW);
const SHA512 = (seed: number) => `sha512-${Buffer.alloc(64, seed).toString('base64')}`;
const LODASH_INTEGRITY = SHA512(1);
const EVIL_INTEGRITY = SHA512(66);
const CORP_INTEGRITY = SHA512(3);
const LODASH_URL = 'https://registry.npmjs.org/lodash/-/lodash-1.0.0.tgz';
const EVIL_URL = 'https://cdn.evil.example/lodash/-/lodash-1.0.0.tgz';

let publicRegistry: FixtureRegistry;
let privateRegistry: FixtureRegistry;

function withDist(packument: RawPackument, version: string, dist: Record<string, unknown>): RawPackument {
  const versions = packument.versions as Record<string, { dist: Record<string, unknown> }>;
  versions[version]!.dist = dist;
  return packument;
}

/** GitHub Packages' download URL and GitLab's project-level URL for @corp/lib@1.0.0 on the private registry. */
const githubUrl = () => `${privateRegistry.url}download/@corp/lib/1.0.0/0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6`;
const gitlabUrl = () => `${privateRegistry.url}api/v4/projects/42/packages/npm/@corp/lib/-/@corp/lib-1.0.0.tgz`;

beforeAll(async () => {
  const lodash = withDist(makePackument({ name: 'lodash', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 400) }] }), '1.0.0', {
    integrity: LODASH_INTEGRITY,
    tarball: LODASH_URL,
  });
  const zDep = withDist(makePackument({ name: 'z-dep', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 300) }] }), '1.0.0', {
    integrity: SHA512(2),
    tarball: 'https://registry.npmjs.org/z-dep/-/z-dep-1.0.0.tgz',
  });
  publicRegistry = await startFixtureRegistry({ documents: new Map([['lodash', JSON.stringify(lodash)], ['z-dep', JSON.stringify(zDep)]]) });
  privateRegistry = await startFixtureRegistry({ documents: new Map() });
  // Published yesterday: release-age must block it once it is recognised as a registry package.
  const lib = makePackument({ name: '@corp/lib', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 1) }] });
  const old = withDist(makePackument({ name: '@corp/old', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 200) }] }), '1.0.0', {
    integrity: SHA512(4),
    tarball: `${privateRegistry.url}@corp/old/-/old-1.0.0.tgz`,
  });
  privateRegistry.setDocument('@corp/lib', JSON.stringify(withDist(lib, '1.0.0', { integrity: CORP_INTEGRITY, tarball: githubUrl() })));
  privateRegistry.setDocument('@corp/old', JSON.stringify(old));
});
afterAll(async () => {
  await publicRegistry.close();
  await privateRegistry.close();
});

function project(files: Record<string, string>): string {
  const dir = makeTempDir('binding');
  const npmrc = `registry=${publicRegistry.url}\n@corp:registry=${privateRegistry.url}\n`;
  for (const [name, text] of Object.entries({ '.npmrc': npmrc, ...files })) writeFileSync(join(dir, name), text);
  return dir;
}

const check = (dir: string, ...args: string[]) => runCli(['check', dir, '--now', NOW, ...args], { env: isolatedEnv() });

interface NpmEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
}

function npmLock(entries: Record<string, NpmEntry>, rootDeps: Record<string, string>): string {
  return JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0', dependencies: rootDeps }, ...entries } }, null, 2);
}

const LODASH: NpmEntry = { version: '1.0.0', resolved: LODASH_URL, integrity: LODASH_INTEGRITY };
const Z_DEP: NpmEntry = { version: '1.0.0', resolved: 'https://registry.npmjs.org/z-dep/-/z-dep-1.0.0.tgz', integrity: SHA512(2), dependencies: { lodash: '1.0.0' } };
const EVIL_COPY: NpmEntry = { version: '1.0.0', resolved: EVIL_URL, integrity: EVIL_INTEGRITY };

describe('two copies of one name@version: every install location is judged', () => {
  test('npm: a nested copy fetched from another host blocks, naming the copy', async () => {
    const dir = project({
      'package-lock.json': npmLock(
        { 'node_modules/lodash': LODASH, 'node_modules/z-dep': Z_DEP, 'node_modules/z-dep/node_modules/lodash': EVIL_COPY },
        { lodash: '^1.0.0', 'z-dep': '^1.0.0' },
      ),
    });
    const result = await check(dir);
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding: node_modules\/z-dep\/node_modules\/lodash is fetched from https:\/\/cdn\.evil\.example\/lodash\/-\/lodash-1\.0\.0\.tgz/m);
    expect(result.code).toBe(1);
  });

  test('npm --base (the Action\'s mode): the added copy is evaluated', async () => {
    const repo = createGitRepo();
    const npmrc = `registry=${publicRegistry.url}\n`;
    const rootDeps = { lodash: '^1.0.0', 'z-dep': '^1.0.0' };
    repo.commit({ '.npmrc': npmrc, 'package-lock.json': npmLock({ 'node_modules/lodash': LODASH, 'node_modules/z-dep': Z_DEP }, rootDeps) }, 'base');
    repo.commit({ 'package-lock.json': npmLock({ 'node_modules/lodash': LODASH, 'node_modules/z-dep': Z_DEP, 'node_modules/z-dep/node_modules/lodash': EVIL_COPY }, rootDeps) }, 'head');
    const result = await check(repo.dir, '--base', 'HEAD~1');
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding/m);
    expect(result.stdout).toContain('1 package: 0 allowed, 0 warned, 1 blocked.');
    expect(result.code).toBe(1);
  });

  test('Yarn classic: a second block for the same version from another host blocks', async () => {
    const yarnLock = [
      '# yarn lockfile v1',
      '',
      'lodash@^1.0.0:',
      '  version "1.0.0"',
      `  resolved "https://registry.yarnpkg.com/lodash/-/lodash-1.0.0.tgz#${'ab'.repeat(20)}"`,
      `  integrity ${LODASH_INTEGRITY}`,
      '',
      'lodash@1.0.0:',
      '  version "1.0.0"',
      `  resolved "${EVIL_URL}"`,
      `  integrity ${EVIL_INTEGRITY}`,
      '',
      'z-dep@^1.0.0:',
      '  version "1.0.0"',
      '  resolved "https://registry.yarnpkg.com/z-dep/-/z-dep-1.0.0.tgz"',
      `  integrity ${SHA512(2)}`,
      '  dependencies:',
      '    lodash "1.0.0"',
      '',
    ].join('\n');
    const dir = project({ 'yarn.lock': yarnLock, 'package.json': JSON.stringify({ name: 'app', dependencies: { lodash: '^1.0.0', 'z-dep': '^1.0.0' } }) });
    const result = await check(dir);
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding: lodash@1\.0\.0 is fetched from https:\/\/cdn\.evil\.example/m);
    expect(result.code).toBe(1);
  });

  test('bun.lock: a nested key for the same version from another host blocks', async () => {
    const bunLock = JSON.stringify({
      lockfileVersion: 1,
      workspaces: { '': { name: 'app', dependencies: { lodash: '^1.0.0', 'z-dep': '^1.0.0' } } },
      packages: {
        lodash: ['lodash@1.0.0', '', {}, LODASH_INTEGRITY],
        'z-dep': ['z-dep@1.0.0', '', { dependencies: { lodash: '1.0.0' } }, SHA512(2)],
        'z-dep/lodash': ['lodash@1.0.0', EVIL_URL, {}, EVIL_INTEGRITY],
      },
    }, null, 2);
    const dir = project({ 'bun.lock': bunLock });
    const result = await check(dir);
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding: z-dep\/lodash is fetched from https:\/\/cdn\.evil\.example/m);
    expect(result.code).toBe(1);
  });
});

describe('lockfile entries bound to the registry', () => {
  test.each([
    ['GitHub Packages', githubUrl],
    ['GitLab', gitlabUrl],
  ])('a private registry\'s %s tarball URL is a registry package: a release from yesterday blocks', async (_, url) => {
    const lock = npmLock({ 'node_modules/@corp/lib': { version: '1.0.0', resolved: url(), integrity: CORP_INTEGRITY } }, { '@corp/lib': '^1.0.0' });
    const result = await check(project({ 'package-lock.json': lock }));
    expect(result.stdout).toMatch(/^BLOCK {2}@corp\/lib@1\.0\.0 .*release-age: published 2026-05-31/m);
    expect(result.stdout).not.toContain('non-registry-source');
    expect(result.code).toBe(1);
  });

  test('why says the same about a GitHub Packages entry as check', async () => {
    const lock = npmLock({ 'node_modules/@corp/lib': { version: '1.0.0', resolved: githubUrl(), integrity: CORP_INTEGRITY } }, { '@corp/lib': '^1.0.0' });
    const result = await runCli(['why', '@corp/lib', project({ 'package-lock.json': lock }), '--now', NOW], { env: isolatedEnv() });
    expect(result.stdout).toContain('release-age');
    expect(result.stdout).not.toContain('non-registry-source');
  });

  test.each([
    ['pnpm-lock.yaml', () => [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      "      '@corp/lib':",
      '        specifier: ^1.0.0',
      '        version: 1.0.0',
      'packages:',
      "  '@corp/lib@1.0.0':",
      `    resolution: {integrity: ${CORP_INTEGRITY}, tarball: ${githubUrl()}}`,
      'snapshots:',
      "  '@corp/lib@1.0.0': {}",
      '',
    ].join('\n')],
    ['yarn.lock', () => ['# yarn lockfile v1', '', '"@corp/lib@^1.0.0":', '  version "1.0.0"', `  resolved "${githubUrl()}"`, `  integrity ${CORP_INTEGRITY}`, ''].join('\n')],
    ['bun.lock', () => JSON.stringify({
      lockfileVersion: 1,
      workspaces: { '': { name: 'app', dependencies: { '@corp/lib': '^1.0.0' } } },
      packages: { '@corp/lib': ['@corp/lib@1.0.0', githubUrl(), {}, CORP_INTEGRITY] },
    })],
  ])('the same in %s', async (file, text) => {
    const dir = project({ [file]: text(), 'package.json': JSON.stringify({ name: 'app', dependencies: { '@corp/lib': '^1.0.0' } }) });
    const result = await check(dir);
    expect(result.stdout).toMatch(/^BLOCK {2}@corp\/lib@1\.0\.0 .*release-age/m);
    expect(result.code).toBe(1);
  });

  test('an integrity that is not the one the registry published blocks, saying which field differs', async () => {
    const lock = npmLock({ 'node_modules/lodash': { ...LODASH, integrity: EVIL_INTEGRITY } }, { lodash: '^1.0.0' });
    const result = await check(project({ 'package-lock.json': lock }));
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding: node_modules\/lodash has integrity sha512-QkJC.* but the registry published sha512-AQEB/m);
    expect(result.code).toBe(1);
  });

  test('a registry package with no integrity blocks', async () => {
    const lock = npmLock({ 'node_modules/lodash': { version: '1.0.0', resolved: LODASH_URL } }, { lodash: '^1.0.0' });
    const result = await check(project({ 'package-lock.json': lock }));
    expect(result.stdout).toMatch(/^BLOCK {2}lodash@1\.0\.0 .*lockfile-binding: node_modules\/lodash records no integrity/m);
    expect(result.code).toBe(1);
  });

  test('a lockfile that matches what the registry published passes (public host for the default registry, no resolved)', async () => {
    const lock = npmLock(
      { 'node_modules/lodash': LODASH, 'node_modules/z-dep': { version: '1.0.0', integrity: SHA512(2) } },
      { lodash: '^1.0.0', 'z-dep': '^1.0.0' },
    );
    const result = await check(project({ 'package-lock.json': lock }));
    expect(result.stdout).toContain('2 packages: 2 allowed, 0 warned, 0 blocked.');
    expect(result.code).toBe(0);
  });

  test('a scope mapped to a private registry whose lockfile URL points at public npm blocks', async () => {
    const lock = npmLock(
      { 'node_modules/@corp/old': { version: '1.0.0', resolved: 'https://registry.npmjs.org/@corp/old/-/old-1.0.0.tgz', integrity: SHA512(4) } },
      { '@corp/old': '^1.0.0' },
    );
    const result = await check(project({ 'package-lock.json': lock }));
    expect(result.stdout).toMatch(/^BLOCK {2}@corp\/old@1\.0\.0 .*lockfile-binding: node_modules\/@corp\/old is fetched from https:\/\/registry\.npmjs\.org\/@corp\/old\/-\/old-1\.0\.0\.tgz/m);
    expect(result.code).toBe(1);
  });
});
