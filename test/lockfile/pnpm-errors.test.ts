import { ERROR_CODES } from '../../src/model/constants.js';
import type { QuarantineError } from '../../src/model/errors.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';
import { quarantineErrorOf } from '../support/lockfile-fixtures.js';

const errorOf = (text: string): QuarantineError => quarantineErrorOf(() => parsePnpmLockfile(text, { path: 'app/pnpm-lock.yaml' }), 'parsePnpmLockfile');

const v9 = (body: string): string => `lockfileVersion: '9.0'\n${body}`;
const importerA = "importers:\n  .:\n    dependencies:\n      a:\n        specifier: ^1.0.0\n        version: 1.0.0\n";

test('a YAML syntax error names the file and the line', () => {
  const error = errorOf("lockfileVersion: '9.0'\nimporters:\n  .: {\n    bad\npackages: {}\n");
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toMatch(/^app\/pnpm-lock\.yaml: invalid YAML: .+ \(line \d\)$/);
  expect(errorOf("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: [\n").message).toMatch(/\(line [34]\)$/);
});

test('a syntax error in any document counts, also in the env document', () => {
  expect(errorOf("---\nlockfileVersion: '9.0'\nimporters: {a: [}\n---\nlockfileVersion: '9.0'\n").message).toMatch(/invalid YAML.*\(line 3\)$/);
});

test('duplicate keys and YAML aliases are refused', () => {
  expect(errorOf(v9('packages:\n  a@1.0.0:\n    resolution: {integrity: x}\n  a@1.0.0:\n    resolution: {integrity: y}\n')).message).toMatch(
    /invalid YAML: Map keys must be unique \(line 5\)$/,
  );
  expect(errorOf(v9('x: &big [1, 2]\ny: *big\n')).message).toMatch(/^app\/pnpm-lock\.yaml: invalid YAML: /);
});

test('empty, not a mapping, or no lockfileVersion', () => {
  expect(errorOf('').message).toBe('app/pnpm-lock.yaml: the file is empty');
  expect(errorOf('# only a comment\n').message).toBe('app/pnpm-lock.yaml: the lockfile is not a YAML mapping (line 1)');
  expect(errorOf('- 1\n- 2\n')).toMatchObject({ code: ERROR_CODES.lockfileParse, message: 'app/pnpm-lock.yaml: the lockfile is not a YAML mapping (line 1)' });
  expect(errorOf('importers: {}\n').message).toBe('app/pnpm-lock.yaml: missing "lockfileVersion"; not a pnpm lockfile?');
});

test.each([["'4.0'", '4.0', 1], ["'10.0'", '10.0', 1], ['7', '7', 1], ['[9]', '[9]', 1], ["'nine'", 'nine', 1]])(
  'lockfileVersion %s is unsupported, with its line',
  (written, shown, line) => {
    const error = errorOf(`lockfileVersion: ${written}\nimporters: {}\n`);
    expect(error.code).toBe(ERROR_CODES.lockfileUnsupported);
    expect(error.message).toBe(`app/pnpm-lock.yaml: lockfileVersion "${shown}" is not supported (supported: 5.x, 6.x, 9.x) (line ${line})`);
  },
);

test('the unsupported version line is found after other keys', () => {
  expect(errorOf("# comment\nsettings: {}\nlockfileVersion: '10.0'\n").message).toMatch(/\(line 3\)$/);
});

test('9.0 without importers', () => {
  expect(errorOf(v9('packages: {}\n')).message).toBe('app/pnpm-lock.yaml: "importers": is missing or not a mapping');
});

test('a registry entry without a version names the entry and its line', () => {
  const text = `lockfileVersion: 5.4\nspecifiers: {}\npackages:\n  /a/1.0.0:\n    resolution: {integrity: x}\n  registry.example.com/b:\n    resolution: {integrity: y}\n`;
  const error = errorOf(text);
  expect(error.code).toBe(ERROR_CODES.lockfileParse);
  expect(error.message).toBe('app/pnpm-lock.yaml: packages["registry.example.com/b"]: entry has no version (line 6)');
  expect(errorOf(v9('importers: {}\npackages:\n  justaname:\n    resolution: {integrity: x}\n')).message).toBe(
    'app/pnpm-lock.yaml: packages["justaname"]: entry has no version (line 4)',
  );
});

test('entries that are not mappings, or have no resolution', () => {
  expect(errorOf(v9('importers: {}\npackages:\n  a@1.0.0: nope\n')).message).toBe('app/pnpm-lock.yaml: packages["a@1.0.0"]: entry is not a mapping (line 4)');
  expect(errorOf(v9('importers: {}\npackages:\n  a@1.0.0:\n    version: 1.0.0\n')).message).toBe(
    'app/pnpm-lock.yaml: packages["a@1.0.0"]: entry has no "resolution" mapping (line 4)',
  );
  expect(errorOf(v9('importers: {}\npackages: []\n')).message).toBe('app/pnpm-lock.yaml: "packages": is not a mapping (line 3)');
});

test('a snapshot without its package entry', () => {
  const error = errorOf(v9(`importers: {}\npackages: {}\nsnapshots:\n  a@1.0.0(b@2.0.0): {}\n`));
  expect(error.message).toBe('app/pnpm-lock.yaml: snapshots["a@1.0.0(b@2.0.0)"]: has no entry "a@1.0.0" in "packages" (line 5)');
});

test('a reference to a key the lockfile does not hold', () => {
  const error = errorOf(v9(`${importerA}packages: {}\nsnapshots: {}\n`));
  expect(error.message).toBe('app/pnpm-lock.yaml: importers["."].dependencies["a"]: "a@1.0.0" is not in the lockfile (line 5)');
  const nested = errorOf(v9(`${importerA}packages:\n  a@1.0.0:\n    resolution: {integrity: x}\nsnapshots:\n  a@1.0.0:\n    dependencies:\n      b: 2.0.0\n`));
  expect(nested.message).toBe('app/pnpm-lock.yaml: snapshots["a@1.0.0"].dependencies["b"]: "b@2.0.0" is not in the lockfile (line 14)');
});

test('wrongly typed importer and dependency fields', () => {
  expect(errorOf(v9('importers:\n  .:\n    dependencies:\n      a: 1.0.0\n')).message).toBe(
    'app/pnpm-lock.yaml: importers["."].dependencies["a"]: has no "version" string (line 5)',
  );
  expect(errorOf(v9('importers:\n  .: 3\n')).message).toBe('app/pnpm-lock.yaml: importers["."]: is not a mapping (line 3)');
  expect(errorOf(v9('importers:\n  .:\n    devDependencies: [a]\n')).message).toBe(
    'app/pnpm-lock.yaml: importers["."].devDependencies: is not a mapping (line 4)',
  );
  expect(errorOf('lockfileVersion: 5.4\nspecifiers: {a: 1}\n').message).toBe('app/pnpm-lock.yaml: the root project.specifiers["a"]: is not a string (line 2)');
  const text = v9('importers: {}\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\n    name: 7\n');
  expect(errorOf(text).message).toBe('app/pnpm-lock.yaml: packages["a@1.0.0"].name: is not a string (line 6)');
});
