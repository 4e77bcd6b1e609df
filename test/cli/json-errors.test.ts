/**
 * `--json` (or `--format json`) on exit 2: the JSON error document on stdout, for every
 * command that takes --json; stderr keeps its lines. No network: a closed local port.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { jsonRequested } from '../../src/cli/error-output.js';
import { ERROR_CODES } from '../../src/model/constants.js';
import { INTERNAL_ERROR_CODE } from '../../src/report/error-text.js';
import { REPO_ROOT, runCli, type CliResult } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

let closedRegistry: string;
beforeAll(async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  closedRegistry = `http://127.0.0.1:${port}/`;
});

/** The document on stdout, checked against the first stderr line. */
function errorDocumentOf(result: CliResult): { code: string; message: string; hint: string | null; details: string[] } {
  expect(result.code).toBe(2);
  const document = JSON.parse(result.stdout) as { schemaVersion: number; error: { code: string; message: string; hint: string | null; details: string[] } };
  expect(document.schemaVersion).toBe(1);
  expect(Object.keys(document.error).sort()).toEqual(['code', 'details', 'hint', 'message']);
  expect(result.stderr.split('\n')[0]).toBe(`quarantine: ${document.error.message}`);
  return document.error;
}

test('check: a lockfile-less folder', async () => {
  const dir = makeTempDir('json-errors');
  const error = errorDocumentOf(await runCli(['check', dir, '--json']));
  expect(error.code).toBe('E_LOCKFILE_NOT_FOUND');
  expect(error.hint).toMatch(/--lockfile/);
});

test('check: an unreachable registry, with --format json', async () => {
  const dir = makeTempDir('json-errors');
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { dependencies: { a: '*' } }, 'node_modules/a': { version: '1.0.0' } } }),
  );
  const error = errorDocumentOf(await runCli(['check', dir, '--format', 'json', '--registry', closedRegistry]));
  expect(error).toMatchObject({ code: 'E_REGISTRY_UNAVAILABLE', message: `${closedRegistry}: cannot connect (ECONNREFUSED: connection refused), so no package of this registry was checked` });
});

test('why: an unreachable registry', async () => {
  const error = errorDocumentOf(await runCli(['why', 'left-pad', makeTempDir('json-errors'), '--json', '--registry', closedRegistry]));
  expect(error.code).toBe('E_REGISTRY_UNAVAILABLE');
});

test.each([
  ['ls', ['ls']],
  ['backtest', ['backtest']],
])('%s: a lockfile-less folder', async (_command, args) => {
  expect(errorDocumentOf(await runCli([...args, makeTempDir('json-errors'), '--json'])).code).toBe('E_LOCKFILE_NOT_FOUND');
});

test('allow: a bad --expires', async () => {
  const error = errorDocumentOf(await runCli(['allow', 'left-pad@1.3.0', makeTempDir('json-errors'), '--reason', 'reviewed', '--expires', 'someday', '--json']));
  expect(error.code).toBe('E_USAGE');
});

test('init and install: a folder that is not a project', async () => {
  const dir = join(makeTempDir('json-errors'), 'missing');
  expect(errorDocumentOf(await runCli(['init', '--dir', dir, '--json'])).code).toBe('E_USAGE');
  expect(errorDocumentOf(await runCli(['install', '--dir', makeTempDir('json-errors'), '--json'])).code).toBe('E_USAGE');
});

test('a usage error that yargs reports still gets the document', async () => {
  const error = errorDocumentOf(await runCli(['check', '--json', '--bogus']));
  expect(error).toMatchObject({ code: 'E_USAGE', message: 'Unknown argument: bogus', hint: 'run `quarantine --help` for usage' });
});

test('without --json, stdout stays empty', async () => {
  const result = await runCli(['check', makeTempDir('json-errors')]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
});

test('jsonRequested: the last of --json, --no-json and --format wins; nothing after --', () => {
  expect(jsonRequested(['check', '--json'])).toBe(true);
  expect(jsonRequested(['check', '--format', 'json'])).toBe(true);
  expect(jsonRequested(['check', '--format=json'])).toBe(true);
  expect(jsonRequested(['check', '--json', '--no-json'])).toBe(false);
  expect(jsonRequested(['check', '--format', 'text'])).toBe(false);
  expect(jsonRequested(['install', 'x', '--', '--json'])).toBe(false);
});

test('the README names every code the document can carry', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors (exit 2)'), readme.indexOf('### From JavaScript'));
  for (const code of [...Object.values(ERROR_CODES), INTERNAL_ERROR_CODE]) expect(section).toContain(`\`${code}\``);
});
