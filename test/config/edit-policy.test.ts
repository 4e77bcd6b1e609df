import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { detectFormatting, STARTER_POLICY, starterPolicyText, upsertException, type ExceptionEntry } from '../../src/config/edit-policy.js';
import { validatePolicy } from '../../src/config/validate-policy.js';

const entry: ExceptionEntry = { package: 'left-pad@1.3.0', rules: ['release-age'], reason: 'reviewed the diff', expires: '2026-12-01' };

/** Parses policy text (comments allowed), fails on syntax errors, and validates it. */
function validated(text: string, prefix: string[] = []) {
  const errors: ParseError[] = [];
  let document: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  expect(errors).toEqual([]);
  for (const key of prefix) document = (document as Record<string, unknown>)[key];
  const result = validatePolicy(document, 'quarantine.json');
  if (!result.ok) throw new Error(`invalid policy: ${JSON.stringify(result.issues)}`);
  return result.layer;
}

const exceptionsOf = (text: string, prefix: string[] = []) => validated(text, prefix).exceptions.map((e) => [e.package, e.rules, e.reason, e.expires]);

describe('upsertException: a policy without exceptions', () => {
  test('creates the array with the one entry, after the existing keys', () => {
    const text = '{\n  "extends": "default"\n}\n';
    const result = upsertException(text, [], entry);
    expect(result.replaced).toBe(false);
    expect(result.text).toBe(
      [
        '{',
        '  "extends": "default",',
        '  "exceptions": [',
        '    {',
        '      "package": "left-pad@1.3.0",',
        '      "rules": [',
        '        "release-age"',
        '      ],',
        '      "reason": "reviewed the diff",',
        '      "expires": "2026-12-01"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(exceptionsOf(result.text)).toEqual([['left-pad@1.3.0', ['release-age'], 'reviewed the diff', '2026-12-01']]);
  });

  test('an entry without rules or with a ticket is written with exactly the keys given', () => {
    const text = '{\n  "extends": "default"\n}\n';
    const { text: written } = upsertException(text, [], { package: '@myorg/*', reason: 'ours', expires: '2026-12-31', ticket: 'SEC-12' });
    const layer = validated(written);
    expect(layer.exceptions).toEqual([expect.objectContaining({ package: '@myorg/*', name: '@myorg/*', version: null, rules: null, ticket: 'SEC-12' })]);
    expect(written).not.toContain('"rules"');
  });
});

describe('upsertException keeps the file as it was outside the edit', () => {
  const commented = [
    '// Release quarantine for the web app.',
    '/* Reviewed quarterly by the security team. */',
    '{',
    '  "$schema": "./node_modules/release-quarantine/policies/schema.json",',
    '  // Start from the shipped preset.',
    '  "extends": "default", // see docs/policy.md',
    '  "rules": {',
    '    /* wait longer than the default */',
    '    "release-age": { "minReleaseAge": "10d" }',
    '  }',
    '}',
    '',
  ].join('\n');

  test('comments and everything before the insertion point stay byte-for-byte', () => {
    const { text } = upsertException(commented, [], entry);
    const lastBrace = commented.lastIndexOf('  }\n}');
    // Everything up to the end of the last property is untouched; the edit only adds after it.
    expect(text.startsWith(commented.slice(0, lastBrace + 3))).toBe(true);
    expect(text.endsWith('\n  ]\n}\n')).toBe(true);
    for (const comment of ['// Release quarantine for the web app.', '/* Reviewed quarterly by the security team. */', '// Start from the shipped preset.', '// see docs/policy.md', '/* wait longer than the default */']) {
      expect(text).toContain(comment);
    }
    // Removing what was added gives the original back.
    const added = text.slice(lastBrace + 3, text.length - '\n}\n'.length);
    expect(added.startsWith(',\n  "exceptions": [')).toBe(true);
    expect(text.replace(added, '')).toBe(commented);
    expect(exceptionsOf(text)).toEqual([['left-pad@1.3.0', ['release-age'], 'reviewed the diff', '2026-12-01']]);
    expect(validated(text).rules['release-age']).toEqual({ minReleaseAge: 10 * 86_400_000 });
  });

  test('four-space indentation is kept', () => {
    const text = '{\n    "extends": "default"\n}\n';
    const { text: written } = upsertException(text, [], entry);
    expect(written).toContain('\n    "exceptions": [\n        {\n            "package": "left-pad@1.3.0",\n            "rules": [\n                "release-age"\n            ],');
    expect(written).not.toMatch(/^ {1,3}"/m);
    validated(written);
  });

  test('tab indentation is kept', () => {
    const text = '{\n\t"extends": "default"\n}\n';
    const { text: written } = upsertException(text, [], entry);
    expect(written).toBe('{\n\t"extends": "default",\n\t"exceptions": [\n\t\t{\n\t\t\t"package": "left-pad@1.3.0",\n\t\t\t"rules": [\n\t\t\t\t"release-age"\n\t\t\t],\n\t\t\t"reason": "reviewed the diff",\n\t\t\t"expires": "2026-12-01"\n\t\t}\n\t]\n}\n');
    expect(written).not.toMatch(/^ +/m);
  });

  test('CRLF line endings are kept: no bare LF is introduced', () => {
    const text = '{\r\n  // team policy\r\n  "extends": "default"\r\n}\r\n';
    const { text: written } = upsertException(text, [], entry);
    expect(written.startsWith('{\r\n  // team policy\r\n  "extends": "default",\r\n  "exceptions": [\r\n')).toBe(true);
    expect(written.replaceAll('\r\n', '')).not.toContain('\n');
    expect(written.endsWith('\r\n}\r\n')).toBe(true);
    validated(written);
  });
});

describe('upsertException: an existing exceptions array', () => {
  const withOne = [
    '{',
    '  "extends": "default",',
    '  "exceptions": [',
    '    // vendored, reviewed',
    '    {',
    '      "package": "is-odd@3.0.1",',
    '      "reason": "vendored",',
    '      "expires": "2026-12-31"',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');

  test('a new package is appended after the existing entries, which stay as they were', () => {
    const result = upsertException(withOne, [], entry);
    expect(result.replaced).toBe(false);
    expect(result.text).toBe(
      [
        '{',
        '  "extends": "default",',
        '  "exceptions": [',
        '    // vendored, reviewed',
        '    {',
        '      "package": "is-odd@3.0.1",',
        '      "reason": "vendored",',
        '      "expires": "2026-12-31"',
        '    },',
        '    {',
        '      "package": "left-pad@1.3.0",',
        '      "rules": [',
        '        "release-age"',
        '      ],',
        '      "reason": "reviewed the diff",',
        '      "expires": "2026-12-01"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(exceptionsOf(result.text).map(([pkg]) => pkg)).toEqual(['is-odd@3.0.1', 'left-pad@1.3.0']);
  });

  test('an empty array gets its first entry', () => {
    const result = upsertException('{\n  "extends": "default",\n  "exceptions": []\n}\n', [], entry);
    expect(result.replaced).toBe(false);
    expect(exceptionsOf(result.text).map(([pkg]) => pkg)).toEqual(['left-pad@1.3.0']);
  });

  test('the same package and rules: that entry is replaced in place and the list does not grow', () => {
    const first = upsertException(withOne, [], entry).text;
    const again = upsertException(first, [], { ...entry, reason: 'reviewed again', expires: '2027-01-15' });
    expect(again.replaced).toBe(true);
    expect(exceptionsOf(again.text)).toEqual([
      ['is-odd@3.0.1', null, 'vendored', '2026-12-31'],
      ['left-pad@1.3.0', ['release-age'], 'reviewed again', '2027-01-15'],
    ]);
    // The entry before it, with its comment, is untouched.
    expect(again.text.slice(0, again.text.indexOf('    },'))).toBe(withOne.slice(0, withOne.indexOf('    }\n')));
  });

  test('replacing a middle entry leaves its neighbours and their comments alone', () => {
    const three = [
      '{',
      '  "exceptions": [',
      '    // one',
      '    { "package": "a", "reason": "r", "expires": "2026-12-01" },',
      '    // two',
      '    { "package": "left-pad@1.3.0", "rules": ["release-age"], "reason": "old", "expires": "2026-11-01" },',
      '    // three',
      '    { "package": "b", "reason": "r", "expires": "2026-12-01" }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const result = upsertException(three, [], entry);
    expect(result.replaced).toBe(true);
    const lines = result.text.split('\n');
    expect(lines.slice(0, 5)).toEqual(three.split('\n').slice(0, 5));
    expect(lines.slice(-5)).toEqual(three.split('\n').slice(-5));
    expect(exceptionsOf(result.text).map(([pkg, , reason]) => `${pkg} ${reason}`)).toEqual(['a r', 'left-pad@1.3.0 reviewed the diff', 'b r']);
  });

  test('rules are compared as a set: the same rules in another order replace', () => {
    const both = upsertException(withOne, [], { ...entry, rules: ['release-age', 'new-publisher'] }).text;
    const result = upsertException(both, [], { ...entry, rules: ['new-publisher', 'release-age'], reason: 'swapped' });
    expect(result.replaced).toBe(true);
    expect(exceptionsOf(result.text)).toHaveLength(2);
  });

  test('the same package with different rules is a separate entry', () => {
    const first = upsertException(withOne, [], entry).text;
    const other = upsertException(first, [], { ...entry, rules: ['new-publisher'] });
    expect(other.replaced).toBe(false);
    expect(exceptionsOf(other.text).map(([pkg, rules]) => [pkg, rules])).toEqual([
      ['is-odd@3.0.1', null],
      ['left-pad@1.3.0', ['release-age']],
      ['left-pad@1.3.0', ['new-publisher']],
    ]);
    // Every rule (no `rules`) is not the same as one rule either.
    const everyRule = upsertException(first, [], { package: 'left-pad@1.3.0', reason: 'all', expires: '2026-12-01' });
    expect(everyRule.replaced).toBe(false);
    expect(exceptionsOf(everyRule.text)).toHaveLength(3);
  });

  test('a different version of the same name is a separate entry', () => {
    const first = upsertException(withOne, [], entry).text;
    const other = upsertException(first, [], { ...entry, package: 'left-pad@1.3.1' });
    expect(other.replaced).toBe(false);
    expect(exceptionsOf(other.text).map(([pkg]) => pkg)).toEqual(['is-odd@3.0.1', 'left-pad@1.3.0', 'left-pad@1.3.1']);
  });
});

describe('upsertException: the quarantine key of package.json', () => {
  const manifest = [
    '{',
    '  "name": "web-app",',
    '  "version": "1.0.0",',
    '  "quarantine": {',
    '    "extends": "strict"',
    '  },',
    '  "dependencies": {',
    '    "left-pad": "^1.3.0"',
    '  },',
    '  "overrides": {}',
    '}',
    '',
  ].join('\n');

  test('the exception goes under quarantine; every other key is untouched', () => {
    const result = upsertException(manifest, ['quarantine'], entry);
    expect(result.replaced).toBe(false);
    const before = JSON.parse(manifest) as Record<string, unknown>;
    const after = JSON.parse(result.text) as Record<string, unknown>;
    expect({ ...after, quarantine: undefined }).toEqual({ ...before, quarantine: undefined });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after['quarantine']).toEqual({
      extends: 'strict',
      exceptions: [{ package: 'left-pad@1.3.0', rules: ['release-age'], reason: 'reviewed the diff', expires: '2026-12-01' }],
    });
    expect(result.text.startsWith('{\n  "name": "web-app",\n  "version": "1.0.0",\n  "quarantine": {\n    "extends": "strict",\n    "exceptions": [\n      {\n')).toBe(true);
    expect(result.text.endsWith('  },\n  "dependencies": {\n    "left-pad": "^1.3.0"\n  },\n  "overrides": {}\n}\n')).toBe(true);
    expect(exceptionsOf(result.text, ['quarantine'])).toEqual([['left-pad@1.3.0', ['release-age'], 'reviewed the diff', '2026-12-01']]);
  });

  test('replacing under quarantine does not touch a top-level exceptions-like key', () => {
    const once = upsertException(manifest, ['quarantine'], entry).text;
    const twice = upsertException(once, ['quarantine'], { ...entry, reason: 'renewed' });
    expect(twice.replaced).toBe(true);
    const after = JSON.parse(twice.text) as { quarantine: { exceptions: unknown[] }; exceptions?: unknown };
    expect(after.quarantine.exceptions).toEqual([{ package: 'left-pad@1.3.0', rules: ['release-age'], reason: 'renewed', expires: '2026-12-01' }]);
    expect(after.exceptions).toBeUndefined();
  });

  test('a top-level exceptions array is not mistaken for the policy\'s', () => {
    const decoy = '{\n  "name": "web-app",\n  "exceptions": [{ "package": "left-pad@1.3.0", "rules": ["release-age"] }],\n  "quarantine": {\n    "extends": "default"\n  }\n}\n';
    const result = upsertException(decoy, ['quarantine'], entry);
    expect(result.replaced).toBe(false);
    const after = JSON.parse(result.text) as { exceptions: unknown[]; quarantine: { exceptions: unknown[] } };
    expect(after.exceptions).toEqual([{ package: 'left-pad@1.3.0', rules: ['release-age'] }]);
    expect(after.quarantine.exceptions).toHaveLength(1);
  });
});

describe('detectFormatting', () => {
  test('two spaces and LF by default', () => {
    expect(detectFormatting('{}')).toEqual({ insertSpaces: true, tabSize: 2, eol: '\n' });
  });

  test('the first indented line decides the indentation; any CRLF makes CRLF', () => {
    expect(detectFormatting('{\n    "a": 1\n}')).toEqual({ insertSpaces: true, tabSize: 4, eol: '\n' });
    expect(detectFormatting('{\r\n\t"a": 1\r\n}')).toEqual({ insertSpaces: false, tabSize: 1, eol: '\r\n' });
  });
});

describe('starterPolicyText', () => {
  test('the starter policy: $schema and extends default, two-space JSON with a final newline', () => {
    const text = starterPolicyText();
    expect(text).toBe('{\n  "$schema": "./node_modules/release-quarantine/policies/schema.json",\n  "extends": "default"\n}\n');
    expect(JSON.parse(text)).toEqual(STARTER_POLICY);
    const layer = validated(text);
    expect(layer).toEqual({ extends: 'default', rules: {}, overrides: [], exceptions: [], registries: {}, maxExceptionDays: null });
  });

  test('extra keys come after the starter keys and the result still validates', () => {
    const text = starterPolicyText({ exceptions: [{ package: 'left-pad@1.3.0', reason: 'reviewed', expires: '2026-12-01' }] });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['$schema', 'extends', 'exceptions']);
    expect(exceptionsOf(text)).toEqual([['left-pad@1.3.0', null, 'reviewed', '2026-12-01']]);
  });

  test('upserting into the starter text gives a valid policy with the entry', () => {
    const { text } = upsertException(starterPolicyText(), [], entry);
    expect(text.startsWith(starterPolicyText().slice(0, -3))).toBe(true);
    expect(exceptionsOf(text)).toEqual([['left-pad@1.3.0', ['release-age'], 'reviewed the diff', '2026-12-01']]);
  });
});

describe('comments around the edit', () => {
  test('a leading block comment does not set the indentation', () => {
    const text = '/*\n * Team policy\n */\n{\n    "extends": "default"\n}\n';
    expect(detectFormatting(text).tabSize).toBe(4);
    const { text: edited } = upsertException(text, [], entry);
    expect(edited).toContain('\n    "exceptions": [\n        {\n            "package": "left-pad@1.3.0",');
  });

  test('a comment after the last entry stays with that entry', () => {
    const text = '{\n  "exceptions": [\n    { "package": "a", "reason": "r", "expires": "2026-12-01" } // why a\n  ]\n}\n';
    const { text: edited } = upsertException(text, [], entry);
    expect(edited).toContain('{ "package": "a", "reason": "r", "expires": "2026-12-01" }, // why a\n    {\n      "package": "left-pad@1.3.0",');
    expect(exceptionsOf(edited).map(([name]) => name)).toEqual(['a', 'left-pad@1.3.0']);
  });
});
