import { parseRenovateDuration, toDays, toMinutes, toRenovateDuration, toSeconds } from '../../src/settings/units.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

test.each([
  // window, days (npm, Dependabot), minutes (pnpm, Yarn), seconds (Bun), Renovate
  ['7d', 7 * DAY, { value: 7, roundedUp: false }, 10_080, 604_800, '7 days'],
  ['36h', 36 * HOUR, { value: 2, roundedUp: true }, 2_160, 129_600, '36 hours'],
  ['90m', 90 * MINUTE, { value: 1, roundedUp: true }, 90, 5_400, '90 minutes'],
  ['1d', DAY, { value: 1, roundedUp: false }, 1_440, 86_400, '1 day'],
  ['2w', 14 * DAY, { value: 14, roundedUp: false }, 20_160, 1_209_600, '14 days'],
  ['1h', HOUR, { value: 1, roundedUp: true }, 60, 3_600, '1 hour'],
])('%s converts to every native unit', (_name, window, days, minutes, seconds, renovate) => {
  expect(toDays(window)).toEqual(days);
  expect(toMinutes(window)).toEqual({ value: minutes, roundedUp: false });
  expect(toSeconds(window)).toEqual({ value: seconds, roundedUp: false });
  expect(toRenovateDuration(window)).toEqual({ value: renovate, roundedUp: false });
});

test('a window that is not a whole minute is rounded up, never down', () => {
  expect(toMinutes(90 * MINUTE + 1)).toEqual({ value: 91, roundedUp: true });
  expect(toSeconds(1_500)).toEqual({ value: 2, roundedUp: true });
  expect(toRenovateDuration(MINUTE + 1)).toEqual({ value: '2 minutes', roundedUp: true });
});

test.each([
  ['7 days', 7 * DAY],
  ['1 week', 7 * DAY],
  ['7d', 7 * DAY],
  ['36 hours', 36 * HOUR],
  ['1 day 12 hours', 36 * HOUR],
  ['90 minutes', 90 * MINUTE],
])('reads the Renovate duration %j', (text, ms) => {
  expect(parseRenovateDuration(text)).toBe(ms);
});

test.each(['', 'soon', '7', '7 days please', '3 months'])('does not read %j as a duration', (text) => {
  expect(parseRenovateDuration(text)).toBeNull();
});
