/**
 * The examples/ projects, run so they cannot rot: their configuration parses, `quarantine
 * install` refuses the fresh canary in a copy of each (detection from the packageManager
 * field included), and the npm preinstall tripwire is shown with its honest limit.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../src/config/read-policy.js';
import { REPO_ROOT } from '../support/cli.js';
import {
  expectSuccess,
  markerText,
  PACKAGE_MANAGER_BINARIES,
  readBytes,
  runPackageManager,
  runQuarantine,
  startCanaryWorld,
  type CanaryWorld,
} from '../support/install-world.js';

const EXAMPLES = join(REPO_ROOT, 'examples');
const TIMEOUT = 120_000;

interface Manifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  packageManager?: string;
}

const readManifest = (example: string) => JSON.parse(readFileSync(join(EXAMPLES, example, 'package.json'), 'utf8')) as Manifest;

/** A copy of an example, on the local registry; release-quarantine itself is not served there. */
function copyExample(world: CanaryWorld, example: string, files: Record<string, string>, dependencies: Record<string, string>): string {
  const dir = join(world.root, example);
  mkdirSync(dir, { recursive: true });
  const manifest = readManifest(example);
  delete manifest.devDependencies;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...manifest, dependencies }, null, 2)}\n`);
  copyFileSync(join(EXAMPLES, example, 'quarantine.json'), join(dir, 'quarantine.json'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('examples', () => {
  let world: CanaryWorld;
  beforeAll(async () => {
    world = await startCanaryWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it.each(['npm', 'yarn-berry', 'yarn-classic'])('examples/%s: package.json and quarantine.json are valid', async (example) => {
    expect(readManifest(example)).toMatchObject({ private: true });
    const loaded = await loadPolicy({ dir: join(EXAMPLES, example), policy: undefined });
    expect(loaded.policy.rules['release-age'].severity).toBe('block');
    expect(existsSync(join(EXAMPLES, example, 'README.md'))).toBe(true);
  });

  it('examples/npm wires the preinstall tripwire', () => {
    expect(readManifest('npm').scripts).toEqual({ preinstall: 'quarantine check' });
  });

  it.each([
    ['yarn-berry', PACKAGE_MANAGER_BINARIES.yarnBerry],
    ['yarn-classic', PACKAGE_MANAGER_BINARIES.yarnClassic],
  ])('examples/%s: the packageManager field picks Yarn, and `quarantine install canary@1.1.0` is refused', async (example, yarn) => {
    const yarnrcPath = join(EXAMPLES, example, '.yarnrc.yml');
    const yarnrc = existsSync(yarnrcPath) ? readFileSync(yarnrcPath, 'utf8') : '';
    const registry = world.registry.url;
    const dir = copyExample(world, example, {
      '.npmrc': `registry=${registry}\n`,
      '.yarnrc': `registry "${registry}"\n`,
      ...(example === 'yarn-berry'
        ? { '.yarnrc.yml': `${yarnrc}npmRegistryServer: "${registry.replace(/\/$/, '')}"\nunsafeHttpWhitelist: ["127.0.0.1"]\nenableGlobalCache: false\ncacheFolder: "${join(world.root, 'berry-cache')}"\n` }
        : {}),
    }, { 'canary-dep': '1.0.0' });
    const env = { ...world.env, QUARANTINE_YARN: yarn };
    expectSuccess(await runPackageManager(yarn, ['install'], dir, env), `${example}: initial install`);
    const before = readBytes(dir, ['package.json', 'yarn.lock']);
    // An exact version: without one, Yarn 4's own age setting would pick the old canary@1.0.0.
    const result = await runQuarantine(['install', 'canary@1.1.0'], dir, env);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(/BLOCK\s+canary@1\.1\.0\b.*release-age/);
    expect(readBytes(dir, ['package.json', 'yarn.lock'])).toEqual(before);
    expect(existsSync(join(dir, 'node_modules', 'canary'))).toBe(false);
    expect(markerText(world)).toBe('');
  }, TIMEOUT);

  describe('examples/npm: a committed lockfile that already locks canary@1.1.0', () => {
    let dir: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      // `quarantine` on PATH, as node_modules/.bin puts it for the preinstall script.
      const bin = join(world.root, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'quarantine'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'dist', 'cli', 'main.js')}" "$@"\n`);
      chmodSync(join(bin, 'quarantine'), 0o755);
      env = { ...world.env, PATH: `${bin}:${world.env['PATH'] ?? ''}` };
      dir = copyExample(world, 'npm', { '.npmrc': `registry=${world.registry.url}\n` }, { canary: '^1.1.0' });
      const lock = await runPackageManager('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], dir, env);
      expectSuccess(lock, 'npm: writing the lockfile');
    }, TIMEOUT);

    it('recommended CI order: `quarantine check && npm ci` stops before npm runs anything', async () => {
      const result = await runPackageManager('/bin/sh', ['-c', 'quarantine check && npm ci --no-audit --no-fund'], dir, env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/BLOCK\s+canary@1\.1\.0\b/);
      expect(markerText(world)).toBe('');
      expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    }, TIMEOUT);

    it('the preinstall tripwire fails `npm ci`, but only after the dependencies and their scripts were installed', async () => {
      const result = await runPackageManager('npm', ['ci', '--no-audit', '--no-fund'], dir, env);
      expect(result.code).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/BLOCK\s+canary@1\.1\.0\b/);
      // The honest limit (npm/cli#2660): npm ran the root preinstall after installing canary.
      expect(markerText(world)).toContain('canary@1.1.0 postinstall');
    }, TIMEOUT);
  });
});
