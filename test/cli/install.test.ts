/**
 * `quarantine install` edge cases, with a stand-in package manager (QUARANTINE_NPM pointing at
 * a script) where the real ones cannot be made to misbehave on cue, and the real npm for
 * --dry-run and --json. The full proof per package manager is in test/e2e/install-*.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/cli.js';
import { markerText, readBytes, runQuarantine, startCanaryWorld, writeProject, type CanaryWorld } from '../support/install-world.js';

/** A fake npm: on the resolving call it rewrites package.json and the lockfile, then maybe fails or hangs. */
const FAKE_NPM = `
const fs = require('fs');
const mode = process.env.FAKE_MODE;
if (process.argv.includes('--package-lock-only')) {
  fs.writeFileSync('package.json', '{"edited":true}');
  fs.writeFileSync('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
  if (mode === 'fail') process.exit(3);
  if (mode === 'hang') { fs.writeFileSync('resolving', ''); setInterval(() => {}, 1000); }
}
`;

describe('quarantine install', () => {
  let world: CanaryWorld;
  beforeAll(async () => {
    world = await startCanaryWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  function fakeProject(name: string, mode: string): { dir: string; env: Record<string, string> } {
    const dir = writeProject(world, name, { 'package.json': '{ "name": "p" }\n', 'fake-npm.cjs': FAKE_NPM });
    return { dir, env: { ...world.env, QUARANTINE_NPM: join(dir, 'fake-npm.cjs'), FAKE_MODE: mode } };
  }

  it('restores package.json and deletes the new lockfile when the resolving step fails (exit 2)', async () => {
    const { dir, env } = fakeProject('fails', 'fail');
    const result = await runQuarantine(['install', 'canary'], dir, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/npm install --package-lock-only --ignore-scripts .*canary.* failed \(exit 3\); package.json and the lockfile are restored/);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "p" }\n');
    expect(existsSync(join(dir, 'package-lock.json'))).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('restores everything when interrupted by %s while resolving', async (signal) => {
    const { dir, env } = fakeProject(`interrupted-${signal}`, 'hang');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'install'], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, how) => resolve(how)));
    while (!existsSync(join(dir, 'resolving'))) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "p" }\n');
    expect(existsSync(join(dir, 'package-lock.json'))).toBe(false);
  }, 30_000);

  it('asks which package manager when lockfiles of two are present', async () => {
    const dir = writeProject(world, 'two-managers', { 'package.json': '{}', 'package-lock.json': '{}', 'yarn.lock': '' });
    const result = await runQuarantine(['install'], dir, world.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('lockfiles of several package managers in this project (package-lock.json, yarn.lock)');
    expect(result.stderr).toContain('hint: pass --package-manager');
  });

  it('--dry-run resolves and gates with the real npm, then installs nothing and leaves no lockfile behind', async () => {
    const dir = writeProject(world, 'dry-run', { 'package.json': '{ "name": "p", "private": true }\n', '.npmrc': `registry=${world.registry.url}\n` });
    const before = readBytes(dir, ['package.json', 'package-lock.json']);
    const result = await runQuarantine(['install', 'canary@1.0.0', '--dry-run'], dir, world.env);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining('--dry-run: nothing installed') });
    expect(result.stdout).toContain('2 packages: 2 allowed');
    expect(readBytes(dir, ['package.json', 'package-lock.json'])).toEqual(before);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(markerText(world)).toBe('');
  }, 60_000);

  it('--json prints the same report as `check --json`, with the base "before install"', async () => {
    const dir = writeProject(world, 'json', { 'package.json': '{ "name": "p", "private": true }\n', '.npmrc': `registry=${world.registry.url}\n` });
    // An exact version: without one, npm's own age setting would pick the old canary@1.0.0.
    const result = await runQuarantine(['install', 'canary@1.1.0', '--json'], dir, world.env);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { base: { label: string }; packages: { name: string; version: string; verdict: string }[] };
    expect(report.base.label).toBe('before install');
    expect(report.packages).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'canary', version: '1.1.0', verdict: 'block' })]));
    expect(existsSync(join(dir, 'package-lock.json'))).toBe(false);
  }, 60_000);
});
