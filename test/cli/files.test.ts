/**
 * Files the CLI is pointed at (issue 15): `init --write` never writes through a symbolic link
 * (one to ~/.npmrc would edit the user's own config); `--policy`, `--lockfile` and a policy's
 * `extends` refuse anything but a regular file (a FIFO used to hang the check). Each is one line
 * and exit 2.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../support/cli.js';

const LOCKFILE = JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' } } });
let scratch: string;
let dir: string;
let outside: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'quarantine-files-'));
  dir = join(scratch, 'project');
  outside = join(scratch, 'home');
  mkdirSync(dir);
  mkdirSync(outside);
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}\n');
  writeFileSync(join(dir, 'package-lock.json'), LOCKFILE);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch environment inside this test's folder (removed with it): no user config leaks in. */
function env(): Record<string, string> {
  const home = join(scratch, 'user');
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_globalconfig: join(home, 'global-npmrc'),
  };
}

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(lines.slice(1).every((line) => line.startsWith('  hint: '))).toBe(true);
}

describe('init --write and symbolic links', () => {
  test('a .npmrc linked out of the project is not written through', async () => {
    writeFileSync(join(outside, '.npmrc'), '//registry.example/:_authToken=secret\n');
    symlinkSync(join(outside, '.npmrc'), join(dir, '.npmrc'));
    const result = await runCli(['init', '--dir', dir, '--write'], { env: env() });
    expectOneLine(result, /^quarantine: \.npmrc: is a symbolic link; init does not write through links \(it would change .*\)$/);
    expect(readFileSync(join(outside, '.npmrc'), 'utf8')).toBe('//registry.example/:_authToken=secret\n');
    expect(lstatSync(join(dir, '.npmrc')).isSymbolicLink()).toBe(true);
    // Checked before anything is written: not even the starter policy.
    expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
  });

  test('a link inside the project is refused the same way (any link: decided in docs/security.md)', async () => {
    writeFileSync(join(dir, 'npmrc.shared'), 'save-exact=true\n');
    symlinkSync('npmrc.shared', join(dir, '.npmrc'));
    expectOneLine(await runCli(['init', '--dir', dir, '--write'], { env: env() }), /^quarantine: \.npmrc: is a symbolic link/);
    expect(readFileSync(join(dir, 'npmrc.shared'), 'utf8')).toBe('save-exact=true\n');
  });

  test('a folder linked out of the project (.github) is not written into', async () => {
    mkdirSync(join(outside, 'github'));
    writeFileSync(join(outside, 'github', 'renovate.json'), '{}\n');
    symlinkSync(join(outside, 'github'), join(dir, '.github'));
    expectOneLine(await runCli(['init', '--dir', dir, '--write'], { env: env() }), /^quarantine: \.github\/renovate\.json: is outside the project/);
    expect(readFileSync(join(outside, 'github', 'renovate.json'), 'utf8')).toBe('{}\n');
  });

  test('a dangling link where the starter policy goes is not followed', async () => {
    symlinkSync(join(outside, 'planted.json'), join(dir, 'quarantine.json'));
    expectOneLine(await runCli(['init', '--dir', dir], { env: env() }), /^quarantine: quarantine\.json: is a symbolic link/);
    expect(existsSync(join(outside, 'planted.json'))).toBe(false);
  });
});

describe('non-regular files are refused, never read (a FIFO would hang)', () => {
  const fifo = (name: string): string => {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    return path;
  };

  test('--policy pointing at a FIFO', async () => {
    const result = await runCli(['check', dir, '--policy', fifo('policy.json'), '--registry', 'http://127.0.0.1:9/'], { env: env(), killAfterMs: 10_000 });
    expectOneLine(result, /^quarantine: .*policy\.json: is not a regular file \(a FIFO\)$/);
  });

  test('--lockfile pointing at a FIFO', async () => {
    const result = await runCli(['ls', '--lockfile', fifo('package-lock.json.fifo')], { env: env(), killAfterMs: 10_000 });
    expectOneLine(result, /^quarantine: .*package-lock\.json\.fifo: is not a regular file \(a FIFO\)$/);
  });

  test('a policy that extends a FIFO', async () => {
    fifo('base.json');
    writeFileSync(join(dir, 'quarantine.json'), '{"extends": "./base.json"}');
    const result = await runCli(['check', dir, '--registry', 'http://127.0.0.1:9/'], { env: env(), killAfterMs: 10_000 });
    expectOneLine(result, /^quarantine: \.\/base\.json \(extended by .*\): is not a regular file \(a FIFO\)$/);
  });

  test('a character device (/dev/zero would never end)', async () => {
    const result = await runCli(['ls', '--lockfile', '/dev/zero'], { env: env(), killAfterMs: 10_000 });
    expectOneLine(result, /^quarantine: \/dev\/zero: is not a regular file \(a device\)$/);
  });
});

describe('a facts cache others can write (issue 15)', () => {
  test('is not trusted: one warning line, every package fetched, the verdict unchanged', async () => {
    const { startFixtureRegistry } = await import('../../scripts/lib/fixture-registry.mjs');
    const { FIXTURE_NOW, daysBefore, makePackument } = await import('../support/packument.js');
    const registry = await startFixtureRegistry({ documents: { demo: makePackument({ name: 'demo', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 40) }] }) } });
    try {
      writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({
        name: 'x', lockfileVersion: 3, packages: { '': { name: 'x', dependencies: { demo: '1.0.0' } }, 'node_modules/demo': { version: '1.0.0', integrity: `sha512-${Buffer.from('demo@1.0.0').toString('base64')}` } },
      }));
      const cache = join(scratch, 'shared-cache');
      mkdirSync(cache, { mode: 0o777 });
      execFileSync('chmod', ['0777', cache]);
      const args = ['check', dir, '--registry', registry.url, '--cache-dir', cache, '--now', new Date(FIXTURE_NOW).toISOString()];
      const first = await runCli(args, { env: env() });
      const second = await runCli(args, { env: env() });
      for (const result of [first, second]) {
        expect(result.code).toBe(0);
        expect(result.stderr).toBe(`quarantine: warning: the registry facts cache ${cache} can be written by group or others (mode 0777): not trusted, packages are fetched from the registry instead (fix: chmod go-w ${cache})\n`);
      }
      // Each run: the abbreviated document, then the full one (the release is inside the 90-day windows).
      expect(registry.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    } finally {
      await registry.close();
    }
  });
});
