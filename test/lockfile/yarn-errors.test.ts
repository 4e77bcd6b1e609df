import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../src/core/constants.js';
import { QuarantineError } from '../../src/core/errors.js';
import { parseYarnBerryLockfile } from '../../src/lockfile/yarn-berry.js';
import { parseYarnClassicLockfile } from '../../src/lockfile/yarn-classic.js';

type Parse = typeof parseYarnBerryLockfile;

function errorOf(parse: Parse, text: string, packageJson?: string): QuarantineError {
  try {
    parse(text, packageJson === undefined ? { path: 'app/yarn.lock' } : { path: 'app/yarn.lock', packageJson });
  } catch (error) {
    expect(error).toBeInstanceOf(QuarantineError);
    const quarantineError = error as QuarantineError;
    expect(quarantineError.message).not.toContain('\n');
    expect(quarantineError.hint).toBeTruthy();
    return quarantineError;
  }
  throw new Error('expected the parser to throw');
}
const berryError = (text: string, packageJson?: string): QuarantineError => errorOf(parseYarnBerryLockfile, text, packageJson);
const classicError = (text: string, packageJson?: string): QuarantineError => errorOf(parseYarnClassicLockfile, text, packageJson);

const META = '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n';
const A = '"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n';

describe('Yarn Berry: malformed input', () => {
  test('broken YAML names the file and the line', () => {
    const error = berryError(`${META}${A}  dependencies: [\n`);
    expect(error.code).toBe(ERROR_CODES.lockfileParse);
    expect(error.message).toMatch(/^app\/yarn\.lock: invalid YAML: .+ \(line 9\)$/);
    expect(berryError(`${META}${A}${A}`).message).toBe('app/yarn.lock: invalid YAML: Map keys must be unique (line 8)');
  });

  test('a truncated file', () => {
    const text = readFileSync('test/fixtures/lockfiles/yarn-berry/yarn4/yarn.lock', 'utf8');
    const cut = text.slice(0, text.indexOf('resolution: "debug@npm:2.6.9"') + 20);
    expect(berryError(cut).message).toMatch(/^app\/yarn\.lock: invalid YAML: Missing closing "quote \(line \d+\)$/);
  });

  test('empty, not a mapping, no __metadata', () => {
    expect(berryError('  \n').message).toBe('app/yarn.lock: the file is empty');
    expect(berryError('- a\n- b\n').message).toBe('app/yarn.lock: the lockfile is not a YAML mapping (line 1)');
    expect(berryError(A)).toMatchObject({
      code: ERROR_CODES.lockfileParse,
      message: 'app/yarn.lock: missing "__metadata"; not a Yarn 2+ lockfile (a Yarn classic v1 lockfile?)',
    });
    expect(berryError('# c\n__metadata: 8\n').message).toBe('app/yarn.lock: "__metadata" is not a mapping (line 2)');
  });

  test('__metadata.version: unsupported below 4 or not an integer, with its line; any integer >= 4 reads', () => {
    const error = berryError('# header\n\n__metadata:\n  cacheKey: 1\n  version: 3\n');
    expect(error.code).toBe(ERROR_CODES.lockfileUnsupported);
    expect(error.message).toBe('app/yarn.lock: __metadata.version "3" is not supported (supported: Yarn 2+ lockfiles, version 4 or later) (line 5)');
    expect(berryError('__metadata:\n  version: v8\n').code).toBe(ERROR_CODES.lockfileUnsupported);
    expect(berryError('__metadata:\n  cacheKey: 1\n').message).toContain('__metadata.version missing is not supported');
    const future = parseYarnBerryLockfile(`__metadata:\n  version: 42\n\n${A}`, { path: 'yarn.lock' });
    expect(future.formatVersion).toBe('42');
    expect(future.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0']);
  });

  test('entries that are not mappings, or lack resolution or version, name the entry and its line', () => {
    expect(berryError(`${META}"a@npm:^1.0.0": nope\n`).message).toBe('app/yarn.lock: "a@npm:^1.0.0": entry is not a mapping (line 5)');
    expect(berryError(`${META}"a@npm:^1.0.0":\n  version: 1.0.0\n`)).toMatchObject({
      code: ERROR_CODES.lockfileParse,
      message: 'app/yarn.lock: "a@npm:^1.0.0": entry has no "resolution" (line 5)',
    });
    expect(berryError(`${META}${A}"b@npm:^1.0.0":\n  resolution: "b@npm:1.0.0"\n`).message).toBe('app/yarn.lock: "b@npm:^1.0.0": entry has no "version" (line 8)');
  });

  test('wrongly shaped fields inside entries', () => {
    expect(berryError(`${META}${A}  dependencies: [b]\n`).message).toBe('app/yarn.lock: "a@npm:^1.0.0": "dependencies" is not an object (line 5)');
    expect(berryError(`${META}${A}  dependencies:\n    b:\n      c: d\n`).message).toContain('dependencies."b" is not a string');
    expect(berryError(`${META}${A}  dependenciesMeta: x\n`).message).toContain('"dependenciesMeta" is not a mapping');
    expect(berryError(`${META}"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution:\n    x: y\n`).message).toContain('"resolution" is not a string');
  });

  test('a broken package.json is named as such', () => {
    expect(berryError(`${META}${A}`, '{"dependencies": ').message).toMatch(/^package\.json next to app\/yarn\.lock: /);
    expect(berryError(`${META}${A}`, '{"devDependencies": {"a": 1}}').message).toContain('devDependencies."a" is not a string');
  });
});

describe('Yarn classic: malformed input', () => {
  const header = '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n';

  test('a syntax error from @yarnpkg/lockfile becomes one line with the file and the real line', () => {
    const error = classicError(`${header}a@^1.0.0:\n  version 1.0.0\n`);
    expect(error.code).toBe(ERROR_CODES.lockfileParse);
    expect(error.message).toBe('app/yarn.lock: not a valid yarn.lock v1 file: unknown token (line 6)');
    // Its tokenizer counts each blank line pair as one line; the reported line is mapped back.
    const deep = classicError(`${header}a@^1:\n  version "1.0.0"\n\nb@^1:\n  version "1.0.0"\n\nc@^1:\n  version 1.0.0\n`);
    expect(deep.message).toBe('app/yarn.lock: not a valid yarn.lock v1 file: unknown token (line 12)');
    expect(classicError(`${header}a@^1:\r\n  version 1.0.0\r\n`).message).toBe('app/yarn.lock: not a valid yarn.lock v1 file: unknown token (line 6)');
  });

  test('a truncated file', () => {
    const text = readFileSync('test/fixtures/lockfiles/yarn-classic/v1/yarn.lock', 'utf8');
    const cut = text.slice(0, text.indexOf('resolved "https://registry.npmjs.org/debug') + 30);
    const started = Date.now();
    expect(classicError(cut).message).toMatch(/^app\/yarn\.lock: not a valid yarn\.lock v1 file: unterminated string \(line \d+\)$/);
    expect(Date.now() - started).toBeLessThan(1000); // @yarnpkg/lockfile alone spends seconds here
    expect(classicError(`${header}a@^1.0.0:\n  version "1.0.0"\n  dependencies:\n    b "^1\n`).message).toMatch(/^app\/yarn\.lock: not a valid yarn\.lock v1 file: /);
  });

  test('empty, a Berry lockfile, conflict markers', () => {
    expect(classicError('\n').message).toBe('app/yarn.lock: the file is empty');
    expect(classicError(`${META}${A}`)).toMatchObject({ code: ERROR_CODES.lockfileUnsupported });
    const conflict = classicError(`${header}<<<<<<< HEAD\na@^1:\n  version "1.0.0"\n=======\na@^1:\n  version "1.1.0"\n>>>>>>> theirs\n`);
    expect(conflict.message).toBe('app/yarn.lock: the file contains git merge conflict markers (line 5)');
  });

  test('entries that are not mappings or lack a version name the entry and its line', () => {
    expect(classicError(`${header}a@^1 "x"\n`).message).toBe('app/yarn.lock: "a@^1": entry is not a mapping (line 5)');
    const error = classicError(`${header}a@^1:\n  version "1.0.0"\n\n"b@^1", b@^1.1:\n  resolved "https://r/b/-/b-1.0.0.tgz"\n`);
    expect(error.message).toBe('app/yarn.lock: "b@^1": entry has no "version" (line 8)');
  });

  test('wrongly typed fields inside entries', () => {
    expect(classicError(`${header}a@^1:\n  version "1.0.0"\n  dependencies "x"\n`).message).toBe('app/yarn.lock: "a@^1": "dependencies" is not an object (line 5)');
    expect(classicError(`${header}a@^1:\n  version "1.0.0"\n  resolved true\n`).message).toContain('"resolved" is not a string');
  });
});
