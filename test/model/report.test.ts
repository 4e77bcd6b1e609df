import { isBlocked } from '../../src/model/report.js';

test('isBlocked: a report stops the change when at least one package is blocked', () => {
  expect(isBlocked({ packages: [{ verdict: 'allow' }, { verdict: 'block' }] })).toBe(true);
  expect(isBlocked({ packages: [{ verdict: 'allow' }, { verdict: 'warn' }] })).toBe(false);
  expect(isBlocked({ packages: [] })).toBe(false);
});
