/**
 * projectPackumentBytes must give exactly what `projectPackument(JSON.parse(text))` gives:
 * the same history, or the same kind of error, for odd but possible documents.
 */
import { JsonScanError, skipValue } from '../../src/registry/json-scan.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { abbreviatedModified, projectPackumentBytes, repeatEnd, slimPackument } from '../../src/registry/slim-packument.js';
import { FIXTURE_NOW, daysBefore, makePackument, trustedPublisher } from '../support/packument.js';

const REGISTRY = 'https://registry.example/';
const iso = (days: number) => new Date(daysBefore(FIXTURE_NOW, days)).toISOString();

function full(text: string, name?: string): unknown {
  try {
    return projectPackument(JSON.parse(text), REGISTRY, name);
  } catch (error) {
    return { error: error instanceof SyntaxError ? 'SyntaxError' : (error as Error).message };
  }
}

function fast(text: string, name?: string): unknown {
  try {
    return projectPackumentBytes(Buffer.from(text), REGISTRY, name);
  } catch (error) {
    return { error: error instanceof SyntaxError ? 'SyntaxError' : (error as Error).message };
  }
}

const realistic = JSON.stringify(makePackument({
  name: 'demo',
  versions: [
    { version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 400), publisher: 'alice', scripts: { postinstall: 'node x.js' }, dependencies: { 'left-pad': '^1.0.0', 'is-odd': '3' } },
    { version: '1.1.0', publishedAt: daysBefore(FIXTURE_NOW, 30), publisher: trustedPublisher(), provenance: true, deprecated: 'use 2' },
    { version: '2.0.0', publishedAt: null, publisher: null, maintainers: null },
  ],
}), null, 2);

const versionsOf = (text: string) => `{"name":"demo","versions":${text},"time":{"1.0.0":"${iso(3)}"}}`;

describe('projectPackumentBytes agrees with JSON.parse + projectPackument', () => {
  test.each([
    ['a realistic, pretty-printed document', realistic],
    ['duplicate top-level keys (the last wins)', `{"name":"demo","versions":{"9.9.9":{}},"versions":{"1.0.0":{"_npmUser":{"name":"bob"}}},"time":{"1.0.0":"${iso(1)}"}}`],
    ['duplicate version keys and members', versionsOf('{"1.0.0":{"_npmUser":{"name":"eve"}},"1.0.0":{"_npmUser":{"name":"bob"},"_npmUser":{"name":"carol"}}}')],
    ['a `__proto__` version', versionsOf('{"__proto__":{"_npmUser":{"name":"eve"}},"1.0.0":{}}')],
    ['escaped and non-ASCII keys', versionsOf('{"1.0.0-\\u00e9":{},"1.0.0-ü":{"scripts":{"install":"x"}},"\\ufeff1.0.0":{}}')],
    ['field names written with escapes', `{"name":"demo","\\u0076ersions":{"1.0.0":{"_npm\\u0055ser":{"name":"eve"},"\\u0064ist":{"integrity":"sha512-${'A'.repeat(86)}=="},"dependencies":{"\\u0061":"1"}}},"t\\u0069me":{"1.0.0":"${iso(2)}"}}`],
    ['near misses of field names', versionsOf('{"1.0.0":{"dists":{"tarball":"x"},"dis":1,"_npmUsers":{"name":"eve"},"scripts ":{"install":"x"}}}')],
    ['long and non-ASCII keys', versionsOf(`{"1.0.0-${'x'.repeat(80)}":{},"1.0.0-${'é'.repeat(40)}":{"scripts":{"install":"x"}},"1.0.0":{"dependencies":{"${'d'.repeat(70)}":"1","ü":"1"}}}`)],
    ['unusual field types', versionsOf('{"1.0.0":{"_npmUser":"bob","maintainers":"x","dist":[1],"scripts":null,"deprecated":false}}')],
    ['dependency lists of odd shapes', versionsOf('{"1.0.0":{"dependencies":{"a":{"nested":[1]},"__proto__":"1","b":"1"},"optionalDependencies":"x"},"1.0.1":{"dependencies":["a"]},"1.0.2":{"dependencies":{"a":"1","a":"2"},"optionalDependencies":{"c":null}}}')],
    ['a bad value inside a dependency list', versionsOf('{"1.0.0":{"dependencies":{"a":01}}}')],
    ['versions that is an array', '{"name":"demo","versions":[{"version":"1.0.0"}]}'],
    ['a version that is not an object', versionsOf('{"1.0.0":"nope"}')],
    ['no versions, no name', '{"time":{}}'],
    ['another name', '{"name":"other","versions":{}}'],
    ['whitespace everywhere', ` \n{ "name" : "demo" , "versions" : { "1.0.0" : { "scripts" : { "install" : "x" } } } }\n\t`],
    ['a top-level array', '[1,2]'],
    ['a raw control character in a skipped readme', `{"name":"demo","readme":"a\u0001b","versions":{}}`],
    ['a bad escape in a skipped field', '{"name":"demo","readme":"\\x","versions":{}}'],
    ['a bad number in a skipped field', '{"name":"demo","n":01,"versions":{}}'],
    ['trailing data', '{"name":"demo","versions":{}} x'],
    ['a trailing comma', '{"name":"demo","versions":{},}'],
    ['a leading byte-order mark', '\ufeff{"name":"demo","versions":{}}'],
    ['truncated', realistic.slice(0, realistic.length / 2)],
    // Repeated members are shared (REPEATED_FIELDS): a near repeat of the same length must be built again.
    ['members repeated from the version before, and near repeats of the same length', versionsOf(
      '{"1.0.0":{"_npmUser":{"name":"alice"},"maintainers":[{"name":"alice"}],"scripts":{"install":"a"},"dependencies":{"a":"1"},"optionalDependencies":{"o":"1"}},'
      + '"1.0.1":{"_npmUser":{"name":"alice"},"maintainers":[{"name":"alice"}],"scripts":{"install":"a"},"dependencies":{"a":"1"},"optionalDependencies":{"o":"1"}},'
      + '"1.0.2":{"_npmUser":{"name":"alicf"},"maintainers":[{"name":"alicf"}],"scripts":{"test":"a"},"dependencies":{"b":"1"},"optionalDependencies":{"o":"1"}},'
      + '"1.0.3":{"_npmUser":{"name":"alicf"},"maintainers":[{"name":"alicf"}],"scripts":{"test":"a"},"dependencies":{"b":"1"}},'
      + '"1.0.4":{"_npmUser":{"name":"alice"},"maintainers":"alice","dependencies":null},"1.0.5":{"maintainers":"alice","dependencies":null},'
      + '"1.0.6":{"dependencies":{"a":"1"},"optionalDependencies":{"o":"1"}},"1.0.7":{"dependencies":{"a":"1"},"optionalDependencies":{"p":"1"}}}',
    )],
    // Members a version repeats byte for byte are not scanned again (repeatEnd): whatever follows
    // a repeat, or a copy that is not quite one, is read as JSON.parse reads it.
    ['skipped members repeated, reordered, re-keyed and nearly repeated', versionsOf(
      `{"1.0.0":{"exports":{"./a":"./a.js","./b":"./b.js"},"readme":"${'r'.repeat(100)}","size":12345678901234567,"keywords":["a","b","c","d"]},`
      + `"1.0.1":{"exports":{"./a":"./a.js","./b":"./b.js"},"readme":"${'r'.repeat(100)}","size":123456789012345678,"keywords":["a","b","c","d"]},`
      + `"1.0.2":{"keywords":["a","b","c","d"],"readme":"${'r'.repeat(100)}","\\u0065xports":{"./a":"./a.js","./b":"./b.js"},"exports":{"./a":"./a.js","./b":"./b.jsx"}},`
      + `"1.0.3":{"exports":{"./a":"./a.js","./b":"./b.js"},"exports":{"./a":"./a.js","./b":"./b.jsx"},"readme":"${'r'.repeat(99)}\\"","_npmUser":{"name":"bob"}}}`,
    )],
    ['a repeated member followed by trailing garbage', versionsOf(
      '{"1.0.0":{"exports":{"./a":"./a.js","./b":"./b.js"}},"1.0.1":{"exports":{"./a":"./a.js","./b":"./b.js"}x}}',
    )],
    ['a copy of a repeated member with a raw control character', versionsOf(
      '{"1.0.0":{"exports":{"./a":"./a.js","./b":"./b.js"}},"1.0.1":{"exports":{"./a":"./a.js","./b":"./b\u0001js"}}}',
    )],
    ['a copy of a repeated member that differs in its first byte only', versionsOf(
      '{"1.0.0":{"exports":{"./a":"./a.js","./b":"./b.js"}},"1.0.1":{"exports":["./a":"./a.js","./b":"./b.js"}}}',
    )],
    ['a long copy that differs in its first byte only', versionsOf(
      `{"1.0.0":{"exports":{"./a":"${'a'.repeat(80)}"}},"1.0.1":{"exports":["./a":"${'a'.repeat(80)}"}}}`,
    )],
    ['a repeated member cut off by the end of the document', '{"name":"demo","versions":{"1.0.0":{"exports":{"./a":"./a.js","./b":"./b.js"}},"1.0.1":{"exports":{"./a":"./a.js","./b":"./b.js'],
  ])('%s', (_, text) => {
    expect(fast(text, 'demo')).toEqual(full(text, 'demo'));
  });

  test('the slim document keeps only what the projection reads', () => {
    const slim = slimPackument(Buffer.from(realistic));
    expect(Object.keys(slim).sort()).toEqual(['dist-tags', 'maintainers', 'name', 'time', 'versions']);
    const versions = slim['versions'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(versions['1.0.0'] ?? {}).sort()).toEqual(['_npmUser', 'dependencies', 'dist', 'maintainers', 'scripts']);
    // Dependency lists are kept as their names only.
    expect(versions['1.0.0']?.['dependencies']).toEqual({ 'left-pad': 0, 'is-odd': 0 });
  });

  test('a member repeated byte for byte from the version before is built once and shared', () => {
    const slim = slimPackument(Buffer.from(versionsOf(
      '{"1.0.0":{"maintainers":[{"name":"alice"}],"dist":{"tarball":"t"}},"1.0.1":{"maintainers":[{"name":"alice"}],"dist":{"tarball":"t"}},'
      + '"1.0.2":{"maintainers":[{"name":"alicf"}]}}',
    )));
    const versions = slim['versions'] as Record<string, Record<string, unknown>>;
    expect(versions['1.0.1']?.['maintainers']).toBe(versions['1.0.0']?.['maintainers']);
    expect(versions['1.0.2']?.['maintainers']).toEqual([{ name: 'alicf' }]);
    // Members that differ for every version (dist) are not compared at all.
    expect(versions['1.0.1']?.['dist']).not.toBe(versions['1.0.0']?.['dist']);
  });
});

describe('repeatEnd', () => {
  const at = (text: string, earlier: string) => {
    const bytes = Buffer.from(text);
    return { bytes, start: text.lastIndexOf(earlier), earlier: text.indexOf(earlier) };
  };
  const ends = (bytes: Uint8Array, start: number, earlier: number, length: number) =>
    repeatEnd(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), start, earlier, length);

  test.each([
    ['an object', '{"./a":"./a.js","./b":"./b.js"}'],
    ['an array', '["alpha","beta","gamma"]'],
    ['a string compared natively', `"${'x'.repeat(300)}"`],
  ])('%s repeated byte for byte ends where the earlier one ended, without scanning it', (_, value) => {
    const { bytes, start, earlier } = at(`[${value},${value}]`, value);
    expect(ends(bytes, start, earlier, value.length)).toBe(start + value.length);
    expect(ends(bytes, start, earlier, value.length)).toBe(skipValue(bytes, start));
  });

  test.each([
    ['in its last byte, compared byte by byte', '{"a":"bcdefgh1"}', '{"a":"bcdefgh2"}'],
    ['in its last four bytes, compared four at a time', '{"a":"bcdefg1"}', '{"a":"bcdefg2"}'],
    ['in its first byte', '{"a":"bcdefgh"}', '["a":"bcdefgh"}'],
    ['in its last byte, compared natively', `"${'y'.repeat(250)}"`, `"${'y'.repeat(249)}z"`],
  ])('a value that differs %s is not a repeat', (_, earlierValue, value) => {
    const bytes = Buffer.from(`[${earlierValue},${value}]`);
    expect(ends(bytes, earlierValue.length + 2, 1, earlierValue.length)).toBe(-1);
  });

  test('a number or literal is never taken: the byte after it decides where it ends', () => {
    const { bytes, earlier } = at('[1234567890123456,12345678901234567]', '1234567890123456');
    expect(ends(bytes, 18, earlier, 16)).toBe(-1);
    const literal = at('[true,true]', 'true');
    expect(ends(literal.bytes, 6, literal.earlier, 4)).toBe(-1);
  });

  test('a repeat that would run past the end of the document is not one', () => {
    const { bytes, earlier } = at('[{"a":"b"},{"a":"b"', '{"a":"b"}');
    expect(ends(bytes, 11, earlier, 9)).toBe(-1);
  });
});

describe('skipValue', () => {
  test.each([
    '0', '-0.5e+10', '"a\\"b\\u0041"', 'true', 'null', '[]', '{}', '[1,[2,{"a":[]}]]', ' {"a" : 1 } ',
    '[1,]', '{"a"}', '{"a":1,}', '01', '1.', '-', '"\\u12"', 'tru', '[1 2]', '{1:2}', '"a', '[',
  ])('%j: accepted exactly when JSON.parse accepts it', (text) => {
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    const bytes = Buffer.from(text.trim());
    let scans = true;
    try {
      scans = skipValue(bytes, 0) === bytes.length;
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error;
      scans = false;
    }
    expect(scans).toBe(parses);
  });

  test('deep nesting does not overflow the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(skipValue(Buffer.from(deep), 0)).toBe(deep.length);
  });
});

describe('abbreviatedModified', () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  test("npm's abbreviated document: the top-level modified, whatever follows it", () => {
    const doc = { name: 'demo', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { dist: { integrity: 'sha512-x' } } }, modified: '2026-05-01T00:00:00.000Z' };
    expect(abbreviatedModified(bytes(doc))).toEqual({ name: 'demo', modified: Date.parse('2026-05-01T00:00:00.000Z') });
  });

  test("Verdaccio's keeps time: time.modified comes first, as projectPackument reads it", () => {
    const doc = { name: 'demo', modified: '2020-01-01T00:00:00.000Z', time: { modified: '2026-05-01T00:00:00.000Z' }, versions: {} };
    expect(abbreviatedModified(bytes(doc)).modified).toBe(Date.parse('2026-05-01T00:00:00.000Z'));
  });

  test('no instant is no modified; what is not a document is the scan refusing it', () => {
    expect(abbreviatedModified(bytes({ name: 'demo', modified: 'Jan 1' })).modified).toBeNull();
    expect(() => abbreviatedModified(bytes(['demo']))).toThrow(JsonScanError);
    expect(() => abbreviatedModified(bytes({ name: 'demo', time: 'now' }))).toThrow(JsonScanError);
    expect(() => abbreviatedModified(new TextEncoder().encode('{"name": "demo",'))).toThrow(JsonScanError);
  });
});
