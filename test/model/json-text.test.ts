import { lineAndColumn, parseJsonText } from '../../src/model/json-text.js';

test('valid JSON parses, with or without a byte order mark', () => {
  expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  expect(parseJsonText('\ufeff[1]')).toEqual({ ok: true, value: [1] });
});

test('syntax errors say where and what was expected', () => {
  expect(parseJsonText('{\n  "a": 1,\n  "b": \n}')).toEqual({ ok: false, message: 'invalid JSON at line 4, column 1: expected a value' });
  expect(parseJsonText('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, message: 'invalid JSON at line 3, column 3: expected ","' });
  expect(parseJsonText('{"a": 1} // note')).toEqual({ ok: false, message: 'invalid JSON at line 1, column 10: comments are not allowed in JSON' });
});

test('truncated and empty files', () => {
  expect(parseJsonText('{"packages": {"a": {"version": "1.0')).toMatchObject({ ok: false, message: expect.stringMatching(/^invalid JSON at line 1, column \d+: unterminated string$/) });
  expect(parseJsonText('  \n')).toEqual({ ok: false, message: 'the file is empty' });
});

test('lineAndColumn is 1-based', () => {
  expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
});
