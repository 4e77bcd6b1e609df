import { printable, redactCredentials, sanitize } from '../../src/report/sanitize.js';

test('control characters, terminal escapes and bidi overrides are stripped', () => {
  expect(sanitize('evil\u001b[31mred\u001b[0m\r\nname\u0007')).toBe('evil[31mred[0mname');
  expect(sanitize('abc\u202edcba\u2066x')).toBe('abcdcbax');
  expect(sanitize('plain-name@1.0.0')).toBe('plain-name@1.0.0');
});

test('credentials in URLs are redacted', () => {
  expect(redactCredentials('https://user:s3cret@registry.example.com/pkg')).toBe('https://***@registry.example.com/pkg');
  expect(redactCredentials('git+https://token@github.com/a/b.git')).toBe('git+https://***@github.com/a/b.git');
  expect(redactCredentials('git+ssh://git@github.com/a/b.git')).toBe('git+ssh://***@github.com/a/b.git');
  expect(printable('https://u:p@h/\u001b[2J')).toBe('https://***@h/[2J');
});
