/** Bad input gets one clear line (plus a hint) and exit 2; never a stack trace, never a token. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

const TOKEN = 'npm_SECRET_TOKEN_abc123';
let registry: FixtureRegistry;

const lockfile = (deps: Record<string, string>) =>
  JSON.stringify({
    name: 'x',
    lockfileVersion: 3,
    packages: {
      '': { dependencies: Object.fromEntries(Object.keys(deps).map((name) => [name, '*'])) },
      ...Object.fromEntries(Object.entries(deps).map(([name, version]) => [`node_modules/${name}`, { version }])),
    },
  });

function project(files: Record<string, string>): string {
  const dir = makeTempDir('err');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

beforeAll(async () => {
  registry = await startFixtureRegistry({ documents: {} });
});
afterAll(async () => {
  await registry.close();
});

function expectOneError(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain(TOKEN);
}

test('an unknown flag', async () => {
  expectOneError(await runCli(['check', '--bogus']), /^quarantine: Unknown argument: bogus\n/);
});

test('no command', async () => {
  expectOneError(await runCli([]), /^quarantine: a command is required: check, why, ls, backtest, allow, init, install or fix\n/);
});

test('a bad --now', async () => {
  expectOneError(await runCli(['check', '--now', 'yesterday']), /^quarantine: --now: expected an ISO 8601 time/);
});

test('a directory without a lockfile', async () => {
  const dir = project({ 'package.json': '{}' });
  expectOneError(await runCli(['check', dir]), new RegExp(`^quarantine: ${dir}: no lockfile found`));
});

test('a malformed lockfile names the file and line', async () => {
  const dir = project({ 'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {,\n  }\n}' });
  expectOneError(await runCli(['check', dir, '--registry', registry.url]), new RegExp(`^quarantine: ${join(dir, 'package-lock.json')}: .*line 4`));
});

test('a bad policy lists every problem', async () => {
  const dir = project({
    'package-lock.json': lockfile({}),
    'policy.json': JSON.stringify({ rules: { 'release-age': { minReleaseAge: '7 days' }, 'new-publisher': { severity: 'deny' } } }),
  });
  const result = await runCli(['check', dir, '--policy', join(dir, 'policy.json'), '--registry', registry.url]);
  expectOneError(result, /^quarantine: .*policy\.json: 2 problems in the policy\n/);
  expect(result.stderr).toContain('rules.release-age.minReleaseAge: expected a duration like "7d"');
  expect(result.stderr).toContain('rules.new-publisher.severity: expected one of "block", "warn", "off", got "deny"');
});

test('401 from the registry stops with a hint about .npmrc auth and never prints the token', async () => {
  registry.setRoute('private-pkg', { status: 401 });
  const host = new URL(registry.url).host;
  const dir = project({
    'package-lock.json': lockfile({ 'private-pkg': '1.0.0' }),
    '.npmrc': `registry=${registry.url}\n//${host}/:_authToken=${TOKEN}\n`,
  });
  const result = await runCli(['check', dir], { env: isolatedEnv() });
  expectOneError(result, /authentication refused \(401\).*private-pkg/);
  expect(result.stderr).toMatch(/hint: .*\.npmrc/);
  const sent = registry.requestsFor('private-pkg')[0]?.headers['authorization'];
  expect(sent).toBe(`Bearer ${TOKEN}`);
});

test('a registry that keeps failing stops with exit 2 naming the package and registry', async () => {
  registry.setRoute('flaky-pkg', { status: 503 });
  const dir = project({ 'package-lock.json': lockfile({ 'flaky-pkg': '1.0.0' }) });
  const result = await runCli(['check', dir, '--registry', registry.url]);
  expectOneError(result, /flaky-pkg/);
  expect(result.stderr).toContain(registry.url.replace(/\/$/, ''));
  expect(registry.requestsFor('flaky-pkg').length).toBeGreaterThan(1);
});

test('a file that is no lockfile says so', async () => {
  const dir = project({ 'deps.txt': 'left-pad 1.3.0\n' });
  expectOneError(await runCli(['check', '--lockfile', join(dir, 'deps.txt')]), /deps\.txt: not a lockfile this tool can read\n  hint: expected one of npm-shrinkwrap\.json, package-lock\.json/);
});

describe('registry limits on the command line (issue 15)', () => {
  test.each([
    ['--document-timeout', '0', /^quarantine: --document-timeout: expected a number above 0 and at most 3600, got 0\n/],
    ['--max-document-size', '-1', /^quarantine: --max-document-size: expected a number above 0 and at most 4096, got -1\n/],
  ])('%s %s is a usage error', async (flag, value, pattern) => {
    const dir = project({ 'package-lock.json': lockfile({}) });
    expectOneError(await runCli(['check', dir, flag, value]), pattern);
  });

  test('--max-document-size and --document-timeout bound each document: one line, exit 2', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      if (request.url === '/big') return void response.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(2 * 1024 * 1024, 0x20));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(' '); // and never more
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    try {
      const big = project({ 'package-lock.json': lockfile({ big: '1.0.0' }) });
      expectOneError(await runCli(['check', big, '--registry', url, '--max-document-size', '1']), /^quarantine: http:\/\/127\.0\.0\.1:\d+\/: the document for big is larger than 1 MiB once decompressed: refused\n  hint: .*--max-document-size\)\n$/);
      const slow = project({ 'package-lock.json': lockfile({ slow: '1.0.0' }) });
      expectOneError(await runCli(['check', slow, '--registry', url, '--document-timeout', '0.5']), /^quarantine: http:\/\/127\.0\.0\.1:\d+\/: no complete answer for slow within 500 ms: gave up\n  hint: .*--document-timeout\n$/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
