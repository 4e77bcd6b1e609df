import { ERROR_CODES } from '../../src/model/constants.js';
import type { QuarantineError } from '../../src/model/errors.js';
import { parseNpmLockfile } from '../../src/lockfile/npm.js';
import { quarantineErrorOf } from '../support/lockfile-fixtures.js';

const errorOf = (text: string, packageJson?: string): QuarantineError =>
  quarantineErrorOf(
    () => parseNpmLockfile(text, packageJson === undefined ? { path: 'app/package-lock.json' } : { path: 'app/package-lock.json', packageJson }),
    'parseNpmLockfile',
  );

const v3 = (packages: unknown): string => JSON.stringify({ lockfileVersion: 3, packages }, null, 2);

test('a JSON syntax error names the file and the line', () => {
  const error = errorOf('{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n  }\n}');
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toMatch(/^app\/package-lock\.json: invalid JSON at line 5, column \d+/);
});

test('truncated and empty files', () => {
  expect(errorOf('{"lockfileVersion": 3, "packages": {').message).toMatch(/^app\/package-lock\.json: invalid JSON at line 1/);
  expect(errorOf('').message).toBe('app/package-lock.json: the file is empty');
});

test('not an object, or no lockfileVersion', () => {
  expect(errorOf('[1, 2]')).toMatchObject({ code: ERROR_CODES.lockfileParse, message: 'app/package-lock.json: the lockfile is not a JSON object (line 1)' });
  expect(errorOf('{"name": "x"}').message).toBe('app/package-lock.json: missing "lockfileVersion"; not an npm lockfile?');
});

test('an unknown lockfileVersion is unsupported, with its line', () => {
  const error = errorOf('{\n  "name": "x",\n  "lockfileVersion": 4,\n  "packages": {}\n}');
  expect(error.code).toBe(ERROR_CODES.lockfileUnsupported);
  expect(error.message).toBe('app/package-lock.json: lockfileVersion 4 is not supported (supported: 1, 2, 3) (line 3)');
  expect(errorOf('{"lockfileVersion": "3"}').code).toBe(ERROR_CODES.lockfileUnsupported);
});

test('packages missing or not an object', () => {
  expect(errorOf('{\n"lockfileVersion": 3,\n"packages": []\n}').message).toBe('app/package-lock.json: "packages": is missing or not an object (line 3)');
  expect(errorOf('{"lockfileVersion": 3}')).toMatchObject({ code: ERROR_CODES.lockfileParse });
});

test('an installed entry without a version names the entry and its line', () => {
  const error = errorOf(v3({ '': {}, 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { resolved: 'https://r/b/-/b-1.0.0.tgz' } }));
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toBe('app/package-lock.json: packages["node_modules/b"]: entry has no "version" (line 8)');
});

test('wrongly typed fields inside entries', () => {
  expect(errorOf(v3({ 'node_modules/a': 'nope' })).message).toBe('app/package-lock.json: packages["node_modules/a"]: entry is not an object (line 4)');
  expect(errorOf(v3({ 'node_modules/a': { version: 1 } })).message).toContain('"version" is not a string');
  expect(errorOf(v3({ 'node_modules/a': { version: '1.0.0', dependencies: { b: 2 } } })).message).toContain(
    'packages["node_modules/a"]: dependencies."b" is not a string',
  );
  expect(errorOf(v3({ 'node_modules/a': { link: true } })).message).toContain('link entry has no "resolved" target');
  expect(errorOf(v3({ '': { workspaces: 'packages/*' } })).message).toContain('"workspaces" is not a list of strings');
});

test('v1: a nested entry without a version', () => {
  const text = JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0', dependencies: { zzz: { resolved: 'x' } } } } }, null, 2);
  expect(errorOf(text).message).toBe('app/package-lock.json: dependencies["a"].dependencies["zzz"]: entry has no "version" (line 7)');
});

test('v1: a broken package.json is reported as such', () => {
  const text = JSON.stringify({ lockfileVersion: 1, dependencies: {} });
  expect(errorOf(text, '{"dependencies": ').message).toMatch(/^package\.json next to app\/package-lock\.json: invalid JSON at line 1/);
  expect(errorOf(text, '{"dependencies": {"a": true}}').message).toContain('dependencies."a" is not a string');
});

test('a `workspaces` glob of megabytes is one short parse error that does not echo it (issue 15)', () => {
  const huge = `${'a'.repeat(5 * 1024 * 1024)}*`;
  const text = JSON.stringify({
    lockfileVersion: 3,
    packages: { '': { name: 'x', workspaces: [huge] }, 'node_modules/b': { resolved: 'b', link: true }, b: { name: 'b', version: '1.0.0' } },
  });
  const error = errorOf(text);
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toBe('app/package-lock.json: packages[""]: "workspaces" has a glob of 5242881 characters, longer than 4096: not a folder pattern (line 1)');
  expect(`${error.message}${error.hint ?? ''}`.length).toBeLessThan(400);
});
