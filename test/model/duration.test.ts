import { formatDuration, parseDuration } from '../../src/model/duration.js';

test.each([
  ['90m', 90 * 60_000],
  ['36h', 36 * 3_600_000],
  ['7d', 7 * 86_400_000],
  ['2w', 14 * 86_400_000],
])('parses %s', (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
});

test.each(['7', '7 days', '7D', '-1d', '1.5d', 'd7', '', '7d ', '1y'])('rejects %j', (text) => {
  expect(parseDuration(text)).toBeNull();
});

test('formats in the largest exact unit of days, hours, minutes', () => {
  expect(formatDuration(7 * 86_400_000)).toBe('7d');
  expect(formatDuration(14 * 86_400_000)).toBe('14d');
  expect(formatDuration(36 * 3_600_000)).toBe('36h');
  expect(formatDuration(90 * 60_000)).toBe('90m');
});
