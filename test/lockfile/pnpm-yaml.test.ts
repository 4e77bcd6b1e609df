/**
 * pnpm-lock.yaml is read by js-yaml when nothing in it could read differently, and by the
 * yaml library's document model otherwise (decision 0052). Both readings must agree wherever
 * the quick one is taken. A reading without `range` is the quick one: only the yaml library's
 * reading knows where the main document is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PnpmDocument, parsePnpmDocument, parsePnpmDocumentWithRange } from '../../src/lockfile/pnpm-yaml.js';
import { parsePnpmLockfile } from '../../src/lockfile/pnpm.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lockfiles', 'pnpm');
const HINT = 'regenerate it';

const read = (text: string): PnpmDocument => parsePnpmDocument(text, 'pnpm-lock.yaml', HINT);
const readFully = (text: string): PnpmDocument => parsePnpmDocumentWithRange(text, 'pnpm-lock.yaml', HINT);
const quick = (document: PnpmDocument): boolean => !('range' in document);
const reading = ({ data, versionText, others }: PnpmDocument) => ({ data, versionText, others });

/** A reading and whether it was quick, or the error it ended with. */
function outcome(parse: (text: string) => PnpmDocument, text: string): { quick?: boolean; reading?: unknown; error?: string } {
  try {
    const document = parse(text);
    return { quick: quick(document), reading: reading(document) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('lockfiles written by pnpm 7 to 12', () => {
  const fixtures = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map(({ name: dir }) => [dir, readFileSync(join(FIXTURES, dir, 'pnpm-lock.yaml'), 'utf8')] as const);

  test.each(fixtures)('%s: read quickly, the same data, version and lines as the full reading', (_, text) => {
    const fast = read(text);
    const full = readFully(text);
    expect(quick(fast)).toBe(true);
    expect(reading(fast)).toEqual(reading(full));
    const packages = fast.data['packages'];
    const firstPackage = packages && typeof packages === 'object' ? Object.keys(packages)[0] : undefined;
    for (const keys of [['lockfileVersion'], ['importers'], ['packages', firstPackage ?? '']]) {
      expect(fast.lineOf(keys)).toBe(full.lineOf(keys));
    }
  });
});

describe('the quick reading', () => {
  test.each([
    ['an unquoted 6.0 keeps its text', 'lockfileVersion: 6.0\npackages: {}\n', '6.0'],
    ['an unquoted 5.4', 'lockfileVersion: 5.4\n', '5.4'],
    ['a double-quoted version', 'lockfileVersion: "9.0"\n', '9.0'],
    ['no lockfileVersion', 'packages: {}\n', null],
    ['CRLF line ends', "lockfileVersion: '9.0'\r\npackages:\r\n  a@1.0.0: {}\r\n", '9.0'],
  ])('%s', (_, text, versionText) => {
    const fast = read(text);
    expect(quick(fast)).toBe(true);
    expect(fast.versionText).toBe(versionText);
    expect(reading(fast)).toEqual(reading(readFully(text)));
  });
});

describe('whatever could read differently goes to the full reading', () => {
  test.each([
    ['a %YAML 1.1 directive (yes is true there)', "%YAML 1.1\n---\nlockfileVersion: '9.0'\nsettings:\n  autoInstallPeers: yes\n"],
    ['an anchor', "lockfileVersion: '9.0'\nsettings: &s {a: 1}\n"],
    ['a tag', "lockfileVersion: '9.0'\nsettings: !custom 1\n"],
    ['an implicit key over 1,024 characters', `lockfileVersion: '9.0'\npackages:\n  ${'a'.repeat(1100)}@1.0.0: {}\n`],
    ['a lockfileVersion with a comment', "lockfileVersion: '9.0' # pnpm 9\n"],
    ['a lockfileVersion that is not on a top-level line', "{lockfileVersion: '9.0', packages: {}}\n"],
    ['a lockfileVersion line inside a string', "lockfileVersion: '9.0'\nnote: \"a\nlockfileVersion: 5.4\"\n"],
    ['a lockfileVersion whose written text and value disagree', 'lockfileVersion: "9\\x2e0"\n'],
  ])('%s', (_, text) => {
    // The same reading, or the same error, as the full reader alone.
    expect(outcome(read, text)).toEqual(outcome(readFully, text));
  });

  test.each([
    ['a duplicate key', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n", /invalid YAML: Map keys must be unique \(line 4\)$/],
    ['an alias', "lockfileVersion: '9.0'\nx: &big [1, 2]\ny: *big\n", /invalid YAML: /],
    ['a tab in the indentation', "lockfileVersion: '9.0'\npackages:\n\ta@1.0.0: {}\n", /invalid YAML: .*\(line 3\)$/],
  ])('%s: the full reading reports it, with its line', (_, text, message) => {
    expect(() => parsePnpmLockfile(text, { path: 'pnpm-lock.yaml' })).toThrow(message);
  });
});

describe('YAML merge keys', () => {
  // pnpm up to 11 merges `<<` (js-yaml's default schema); the gate would read it as a key.
  test.each([
    ['in a block mapping', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    <<: {resolution: {integrity: x}}\n", 4],
    ['in a flow mapping', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {<<: {resolution: {integrity: x}}}\n", 3],
  ])('%s: refused, with its line, by both readings', (_, text, line) => {
    const message = new RegExp(`merge key \\(<<\\).*\\(line ${line}\\)$`);
    expect(() => read(text)).toThrow(message);
    expect(() => readFully(text)).toThrow(message);
  });

  test('a quoted "<<" is a plain key', () => {
    expect(read("lockfileVersion: '9.0'\nsettings:\n  '<<': 1\n").data['settings']).toEqual({ '<<': 1 });
  });
});
