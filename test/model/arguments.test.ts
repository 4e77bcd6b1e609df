/** The argument checks the CLI and the library API share (src/model/arguments.ts). */
import { parseConcurrency, parsePackageSpec } from '../../src/model/arguments.js';
import { ERROR_CODES } from '../../src/model/constants.js';

test.each([
  ['lodash', { name: 'lodash' }],
  ['lodash@4.17.21', { name: 'lodash', version: '4.17.21' }],
  ['@scope/pkg', { name: '@scope/pkg' }],
  ['@scope/pkg@1.0.0-beta.1', { name: '@scope/pkg', version: '1.0.0-beta.1' }],
])('package spec %s', (spec, expected) => {
  expect(parsePackageSpec(spec)).toEqual(expected);
});

test.each(['lodash@', 'not a name', '@scope', '../etc/passwd', ''])('not a package spec: %j', (spec) => {
  expect(() => parsePackageSpec(spec)).toThrow(`"${spec}" is not a package name: expected <name> or <name>@<version>`);
});

test('concurrency: a whole number from 1 to 256, named as the caller names it', () => {
  expect(parseConcurrency(undefined)).toBeUndefined();
  expect(parseConcurrency(1)).toBe(1);
  expect(parseConcurrency(256)).toBe(256);
  for (const bad of [0, 257, 2.5, Number.NaN]) {
    expect(() => parseConcurrency(bad)).toThrow(expect.objectContaining({ code: ERROR_CODES.usage, message: `--concurrency: expected a whole number from 1 to 256, got ${String(bad)}` }));
  }
  expect(() => parseConcurrency(0, 'concurrency')).toThrow('concurrency: expected a whole number from 1 to 256, got 0');
});
