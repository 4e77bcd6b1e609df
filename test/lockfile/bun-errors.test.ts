import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import { bunLockbError, parseBunLockfile } from '../../src/lockfile/bun.js';
import { quarantineErrorOf, readLockfileFixture } from '../support/lockfile-fixtures.js';

const errorOf = (text: string): QuarantineError => quarantineErrorOf(() => parseBunLockfile(text, { path: 'app/bun.lock' }), 'parseBunLockfile');

const v1 = (packages: unknown, workspaces: unknown = { '': {} }): string =>
  JSON.stringify({ lockfileVersion: 1, workspaces, packages }, null, 2);

test('a JSONC syntax error names the file, line and column', () => {
  const error = errorOf('{\n  "lockfileVersion": 1,\n  "workspaces": { "": {} }\n  "packages": {}\n}');
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toBe('app/bun.lock: invalid JSONC at line 4, column 3: comma expected');
  expect(error.hint).toContain('bun install --lockfile-only');
});

test('truncated, empty and binary files', () => {
  const full = readLockfileFixture('bun/v1/bun.lock');
  const truncated = full.slice(0, full.indexOf('"is-odd"'));
  const lines = truncated.split('\n').length;
  expect(errorOf(truncated).message).toMatch(new RegExp(`^app/bun\\.lock: invalid JSONC at line ${lines}, column \\d+: `));
  expect(errorOf('').message).toBe('app/bun.lock: the file is empty');
  expect(errorOf('  \n').code).toBe(ERROR_CODES.lockfileParse);
  // bun.lockb handed to the text reader by mistake: a clean parse error, not a crash.
  const binary = readFileSync('test/fixtures/lockfiles/bun/lockb/bun.lockb', 'latin1');
  expect(errorOf(binary)).toMatchObject({ code: ERROR_CODES.lockfileParse, message: expect.stringMatching(/^app\/bun\.lock: invalid JSONC at line 1,/) });
});

test('not an object, or no lockfileVersion', () => {
  expect(errorOf('[1, 2]')).toMatchObject({ code: ERROR_CODES.lockfileParse, message: 'app/bun.lock: the lockfile is not a JSON object (line 1)' });
  expect(errorOf('{"workspaces": {}}').message).toBe('app/bun.lock: missing "lockfileVersion"; not a Bun lockfile?');
});

test('an unknown lockfileVersion is unsupported, with its line', () => {
  const error = errorOf('{\n  "workspaces": {},\n  "lockfileVersion": 4,\n}');
  expect(error.code).toBe(ERROR_CODES.lockfileUnsupported);
  expect(error.message).toBe('app/bun.lock: lockfileVersion 4 is not supported (supported: 0, 1, 2, 3) (line 3)');
  expect(errorOf('{"lockfileVersion": "1"}').code).toBe(ERROR_CODES.lockfileUnsupported);
  expect(errorOf('{"lockfileVersion": 1.5}').code).toBe(ERROR_CODES.lockfileUnsupported);
});

test('workspaces: missing, wrong type, no root, a workspace without a name', () => {
  expect(errorOf('{"lockfileVersion": 1}').message).toBe('app/bun.lock: "workspaces": is missing');
  expect(errorOf('{\n"lockfileVersion": 1,\n"workspaces": []\n}').message).toBe('app/bun.lock: "workspaces": is not an object (line 3)');
  expect(errorOf(v1({}, { 'packages/a': { name: 'a' } })).message).toBe('app/bun.lock: "workspaces": has no root project entry ("")');
  expect(errorOf(v1({}, { '': {}, 'packages/a': { version: '1.0.0' } })).message).toBe('app/bun.lock: workspaces["packages/a"]: has no "name" (line 5)');
  expect(errorOf(v1({}, { '': { dependencies: { a: 1 } } })).message).toContain('workspaces[""]: dependencies."a" is not a string');
});

test('packages: wrong type, bad tuples, with the entry and its line', () => {
  expect(errorOf('{\n"lockfileVersion": 1,\n"workspaces": {"": {}},\n"packages": "x"\n}').message).toBe(
    'app/bun.lock: "packages": is not an object (line 4)',
  );
  const at = (tuple: unknown): string => errorOf(v1({ ok: ['ok@1.0.0', '', {}, 'sha512-x'], bad: tuple })).message;
  expect(at('a@1.0.0')).toBe('app/bun.lock: packages["bad"]: entry is not a ["name@resolution", ...] list (line 13)');
  expect(at([])).toContain('packages["bad"]: entry is not a ["name@resolution", ...] list');
  expect(at([1])).toContain('packages["bad"]: first element 1 is not "name@resolution"');
  expect(at(['bad'])).toContain('first element "bad" is not "name@resolution"');
  expect(at(['bad@'])).toContain('first element "bad@" is not "name@resolution"');
  expect(at(['bad@^1.0.0', '', {}, 'sha512-x'])).toContain('unexpected resolution "^1.0.0"');
  expect(at(['bad@1.0.0', '', {}])).toContain('npm entry: element 4 (integrity) is missing or not a string');
  expect(at(['bad@1.0.0', '', 'deps', 'sha512-x'])).toContain('npm entry: element 3 (dependencies) is missing or not an object');
  expect(at(['bad@1.0.0', null, {}, 'sha512-x'])).toContain('npm entry: element 2 (registry) is missing or not a string');
  expect(at(['bad@github:o/r#abc', {}])).toContain('git entry: element 3 (commit tag) is missing or not a string');
  expect(at(['bad@file:x'])).toContain('file entry: element 2 (dependencies) is missing or not an object');
  expect(at(['bad@1.0.0', '', { dependencies: { x: true } }, 'sha512-x'])).toContain('packages["bad"]: dependencies."x" is not a string');
  expect(at(['bad@1.0.0', '', { optionalPeers: 'x' }, 'sha512-x'])).toContain('"optionalPeers" is not a list of strings');
  expect(at(['bad@workspace:packages/nope'])).toBe(
    'app/bun.lock: packages["bad"]: workspace "packages/nope" is not listed in "workspaces" (line 13)',
  );
});

test('v0 workspace tuples need their dependency object; duplicate keys are refused', () => {
  const v0 = JSON.stringify({ lockfileVersion: 0, workspaces: { '': {}, 'packages/w': { name: 'w' } }, packages: { w: ['w@workspace:packages/w'] } });
  expect(errorOf(v0).message).toContain('packages["w"]: workspace entry: element 2 (dependencies) is missing or not an object');
  const twice = '{"lockfileVersion": 1, "workspaces": {"": {}}, "packages": {\n"a": ["a@1.0.0", "", {}, "x"],\n"a": ["a@2.0.0", "", {}, "x"]\n}}';
  expect(errorOf(twice).message).toBe('app/bun.lock: packages["a"]: appears twice (line 3)');
});

test('bun.lockb is refused with the command that converts it', () => {
  const error = bunLockbError('app/bun.lockb');
  expect(error).toBeInstanceOf(QuarantineError);
  expect(error.code).toBe(ERROR_CODES.lockfileUnsupported);
  expect(error.message).toBe("app/bun.lockb: bun.lockb is Bun's binary lockfile and cannot be read");
  expect(error.hint).toContain('`bun install --save-text-lockfile --frozen-lockfile --lockfile-only`');
  expect(error.hint).toContain('Bun 1.2 or later');
  expect(error.hint).toContain('delete bun.lockb');
});

test('a value nested 10,000 deep is one clear parse error with its line, not a stack overflow (issue 15)', () => {
  const deep = (depth: number) => `{\n  "lockfileVersion": 1,\n  "workspaces": { "": {} },\n  "packages": {\n    "a": ${'['.repeat(depth)}${']'.repeat(depth)}\n  }\n}`;
  const error = errorOf(deep(10_000));
  expect(error).toMatchObject({ code: ERROR_CODES.lockfileParse, message: 'app/bun.lock: nested deeper than 64 levels at line 5' });
  expect(error.hint).toContain('bun install --lockfile-only');
  // Brackets inside strings and comments do not count.
  const quoted = `{\n  // ${'['.repeat(100)}\n  "lockfileVersion": 1, "workspaces": { "": { "name": "${'{'.repeat(100)}\\"[" } }, "packages": {}\n}`;
  expect(parseBunLockfile(quoted, { path: 'app/bun.lock' }).packages).toEqual([]);
});
