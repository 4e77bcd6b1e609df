/** HTTP freshness of facts-cache entries: max-age parsing, the 5-minute cap, expiry. */
import { MAX_FRESHNESS_SECONDS, isFresh, parseFreshnessLifetime } from '../../src/registry/freshness.js';

describe('parseFreshnessLifetime', () => {
  test.each([
    ['public, max-age=300', null, 300],
    ['max-age=60', null, 60],
    ['MAX-AGE=60, Public', null, 60],
    ['private, max-age="120"', null, 120],
    ['public, max-age=300, must-revalidate', null, 300],
    ['public, max-age=300', '100', 200],
    ['public, max-age=300', '400', 0],
    ['s-maxage=600', null, 0],
    ['public', null, 0],
    ['', null, 0],
    ['no-cache', null, 0],
    ['max-age=300, no-cache', null, 0],
    ['no-store, max-age=300', null, 0],
    ['max-age=-5', null, 0],
    ['max-age=5.5', null, 0],
    ['max-age=', null, 0],
    ['max-age=60, max-age=600', null, 0],
    ['max-age=300', 'soon', 0],
  ])('Cache-Control %j, Age %j -> %d s', (cacheControl, age, seconds) => {
    expect(parseFreshnessLifetime(cacheControl, age)).toBe(seconds);
  });

  test('no Cache-Control at all: 0 (always revalidate)', () => {
    expect(parseFreshnessLifetime(null, null)).toBe(0);
    expect(parseFreshnessLifetime(null, '0')).toBe(0);
  });

  test('the lifetime is stored as the registry said it; the cap applies when reading', () => {
    expect(parseFreshnessLifetime('max-age=31536000', null)).toBe(31_536_000);
  });
});

describe('isFresh at a fixed clock', () => {
  const fetchedAt = Date.parse('2026-05-01T00:00:00Z');

  test('fresh from the fetch until max-age has passed, not at it', () => {
    expect(isFresh({ fetchedAt, maxAge: 60 }, fetchedAt)).toBe(true);
    expect(isFresh({ fetchedAt, maxAge: 60 }, fetchedAt + 59_999)).toBe(true);
    expect(isFresh({ fetchedAt, maxAge: 60 }, fetchedAt + 60_000)).toBe(false);
  });

  test(`capped at ${MAX_FRESHNESS_SECONDS} s whatever the registry said`, () => {
    expect(MAX_FRESHNESS_SECONDS).toBe(300);
    expect(isFresh({ fetchedAt, maxAge: 86_400 }, fetchedAt + 299_999)).toBe(true);
    expect(isFresh({ fetchedAt, maxAge: 86_400 }, fetchedAt + 300_000)).toBe(false);
  });

  test('max-age 0 is never fresh', () => {
    expect(isFresh({ fetchedAt, maxAge: 0 }, fetchedAt)).toBe(false);
  });

  test('an entry from the future (clock moved back) is stale', () => {
    expect(isFresh({ fetchedAt, maxAge: 300 }, fetchedAt - 1)).toBe(false);
  });
});
