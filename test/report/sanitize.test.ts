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

test('tokens in URL paths are redacted wherever a URL appears in a message (issue 15)', () => {
  expect(redactCredentials('fetching https://npm-proxy.fury.io/Ab12Cd34Ef56Gh78Ij90/acme/demo failed'))
    .toBe('fetching https://npm-proxy.fury.io/***/acme/demo failed');
  expect(redactCredentials('see https://npm-proxy.fury.io/short/acme/')).toBe('see https://npm-proxy.fury.io/***/acme/');
  expect(redactCredentials('http://10.0.0.1:4873/Xb7kQ2mN9pL4vR8sT1wZ/acme/: down')).toBe('http://10.0.0.1:4873/***/acme/: down');
  // Ordinary paths, words and version strings stay readable.
  expect(redactCredentials('https://r.example/api/npm/npm-remote/ and https://gitlab.example/api/v4/projects/1234/packages/npm/'))
    .toBe('https://r.example/api/npm/npm-remote/ and https://gitlab.example/api/v4/projects/1234/packages/npm/');
  expect(redactCredentials('https://registry.npmjs.org/@scope%2fsome_long_package_name_2')).toBe('https://registry.npmjs.org/@scope%2fsome_long_package_name_2');
});

test('a lower-case package name with digits is not taken for a token; a long hex key is', () => {
  expect(redactCredentials('https://r.example/some_long_package_name_v2')).toBe('https://r.example/some_long_package_name_v2');
  expect(redactCredentials('https://r.example/0123456789abcdef0123456789abcdef/npm/')).toBe('https://r.example/***/npm/');
});
