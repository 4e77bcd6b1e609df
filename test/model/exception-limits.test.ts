import { exceptionLimits, latestExpiryDate, runsPastMaxDays } from '../../src/model/exception-limits.js';
import { parseExpiry } from '../../src/model/instant.js';
import { isCatchAllPattern } from '../../src/model/name-pattern.js';
import type { PolicyException } from '../../src/model/policy.js';

const NOW = Date.parse('2026-12-03T15:00:00Z');

function exception(pkg: string, expires: string): PolicyException {
  const at = pkg.indexOf('@', 1);
  return {
    source: 'p.json: exceptions[0]', package: pkg, name: at === -1 ? pkg : pkg.slice(0, at), version: at === -1 ? null : pkg.slice(at + 1),
    rules: null, reason: 'r', expires, expiresAt: parseExpiry(expires) as number, ticket: null,
  };
}

test.each([['*', true], ['**', true], ['@*/*', true], ['@*/**', true], ['*-*', true], ['*.*', true], ['@myorg/*', false], ['eslint-plugin-*', false], ['@*/eslint-*', false], ['left-pad', false], ['a*', false]])(
  'isCatchAllPattern(%j) is %s',
  (pattern, expected) => {
    expect(isCatchAllPattern(pattern)).toBe(expected);
  },
);

test('a plain date may be the day maxDays ahead (it holds through that day); an instant at most maxDays later', () => {
  expect(latestExpiryDate(NOW, 90)).toBe('2027-03-03');
  expect(runsPastMaxDays(exception('a', '2027-03-03'), NOW, 90)).toBe(false);
  expect(runsPastMaxDays(exception('a', '2027-03-04'), NOW, 90)).toBe(true);
  expect(runsPastMaxDays(exception('a', '2027-03-03T15:00:00Z'), NOW, 90)).toBe(false);
  expect(runsPastMaxDays(exception('a', '2027-03-03T15:01:00Z'), NOW, 90)).toBe(true);
});

test('exceptionLimits: both limits at once; an expired exception breaks none', () => {
  expect(exceptionLimits(exception('**', '2099-12-31'), NOW, 90)).toEqual(['catch-all', 'too-long']);
  expect(exceptionLimits(exception('left-pad@1.3.0', '2026-12-10'), NOW, 90)).toEqual([]);
  expect(exceptionLimits(exception('**', '2026-12-01'), NOW, 90)).toEqual([]);
});
