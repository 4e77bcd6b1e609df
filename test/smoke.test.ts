import pLimit from 'p-limit';
import { parseDuration } from '../src/core/duration.js';

test('esm deps load', async () => {
  const limit = pLimit(2);
  expect(await limit(async () => parseDuration('7d'))).toBe(604_800_000);
});
