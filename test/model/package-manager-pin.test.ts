import { packageManagerPin, pinsAtLeast } from '../../src/model/package-manager-pin.js';

test.each([
  [{ packageManager: 'npm@12.2.2' }, { name: 'npm', minVersion: '12.2.2', source: 'package.json#packageManager' }],
  [{ packageManager: 'pnpm@12.23.0+sha512.abc' }, { name: 'pnpm', minVersion: '12.23.0', source: 'package.json#packageManager' }],
  [{ devEngines: { packageManager: { name: 'pnpm', version: '^11.28.0' } } }, { name: 'pnpm', minVersion: '11.28.0', source: 'package.json#devEngines' }],
  [{ devEngines: { packageManager: [{ name: 'nope', version: '1' }, { name: 'npm', version: '12.x' }] } }, { name: 'npm', minVersion: '12.0.0', source: 'package.json#devEngines' }],
  [{ packageManager: 'npm@12.0.0', devEngines: { packageManager: { name: 'npm', version: '^11.0.0' } } }, { name: 'npm', minVersion: '12.0.0', source: 'package.json#packageManager' }],
])('%j -> %j', (pkg, pin) => {
  expect(packageManagerPin(pkg)).toEqual(pin);
});

test.each([null, 'text', {}, { packageManager: 'npm' }, { packageManager: 'npm@latest' }, { devEngines: { packageManager: { name: 'npm', version: 'not a range' } } }, { packageManager: 'deno@2.0.0' }])(
  'no pin in %j',
  (pkg) => {
    expect(packageManagerPin(pkg)).toBeNull();
  },
);

test('pinsAtLeast compares the lowest admitted version, for that manager only', () => {
  const pin = packageManagerPin({ devEngines: { packageManager: { name: 'pnpm', version: '>=12.5.0' } } });
  expect(pinsAtLeast(pin, 'pnpm', '12.0.0')).toBe(true);
  expect(pinsAtLeast(pin, 'pnpm', '12.6.0')).toBe(false);
  expect(pinsAtLeast(pin, 'npm', '1.0.0')).toBe(false);
  expect(pinsAtLeast(null, 'npm', '1.0.0')).toBe(false);
});
