/** Instants as registries write them: parseExactInstant, and its fast path for the usual form. */
import { parseExactInstant } from '../../src/model/instant.js';

describe('parseExactInstant', () => {
  test.each([
    ['2011-08-11T18:02:45.524Z', Date.UTC(2011, 7, 11, 18, 2, 45, 524)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['2000-02-29T00:00:00.000Z', Date.UTC(2000, 1, 29)],
    ['0100-01-01T00:00:00.000Z', Date.parse('0100-01-01T00:00:00.000Z')],
    // Not the usual form: the general path reads them.
    ['0099-12-31T00:00:00.000Z', Date.parse('0099-12-31T00:00:00.000Z')],
    ['2011-08-11T20:02:45+02:00', Date.UTC(2011, 7, 11, 18, 2, 45)],
    ['2011-08-11T18:02:45Z', Date.UTC(2011, 7, 11, 18, 2, 45)],
    ['2011-08-11T18:02:45.5Z', Date.UTC(2011, 7, 11, 18, 2, 45, 500)],
  ])('%s is an instant', (text, instant) => {
    expect(parseExactInstant(text)).toBe(instant);
  });

  test.each([
    '1900-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2021-04-31T00:00:00.000Z', '2021-13-01T00:00:00.000Z',
    '2021-00-01T00:00:00.000Z', '2021-01-00T00:00:00.000Z', '2021-01-01T24:00:00.000Z', '2021-01-01T00:60:00.000Z',
    '2021-01-01T00:00:60.000Z', '2021-01-01T00:00:00.00aZ', '2021-01-01T00:00:00.000z', '2021-01-01 00:00:00.000Z',
    '２021-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000+', '-021-01-01T00:00:00.000Z', '2021-1-01T00:00:00.0000Z',
  ])('%s is not', (text) => {
    expect(parseExactInstant(text)).toBeNull();
  });
});
