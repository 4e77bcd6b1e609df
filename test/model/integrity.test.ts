/** Tarball digests: parsing SRI strings, the compact form kept per version, and binding them. */
import { compactDigests, compareIntegrity, parseCompactDigests, parseIntegrity, sha1OfHex } from '../../src/model/integrity.js';

const SHA512 = Buffer.alloc(64, 1).toString('base64');
const OTHER512 = Buffer.alloc(64, 2).toString('base64');
const SHA1_HEX = '0a'.repeat(20);
const SHA1 = Buffer.from(SHA1_HEX, 'hex').toString('base64');

describe('integrity', () => {
  test('parseIntegrity reads every known algorithm once and skips the rest', () => {
    expect([...parseIntegrity(` sha512-${SHA512}?opt sha1-${SHA1}  md5-xyz sha512-${OTHER512} junk`)]).toEqual([
      ['sha512', SHA512],
      ['sha1', SHA1],
    ]);
  });

  test('sha1OfHex turns a shasum into base64 and refuses anything else', () => {
    expect(sha1OfHex(SHA1_HEX)).toBe(SHA1);
    expect(sha1OfHex('xyz')).toBeNull();
  });

  test('compactDigests keeps 16 characters per algorithm, strongest first, adding the shasum', () => {
    expect(compactDigests(`sha512-${SHA512}`, SHA1_HEX)).toBe(`sha512-${SHA512.slice(0, 16)} sha1-${SHA1.slice(0, 16)}`);
    expect(compactDigests(null, null)).toBeNull();
    expect(compactDigests('nonsense', 'nope')).toBeNull();
    expect(parseCompactDigests(`sha512-${SHA512}`)).toBeNull();
  });

  test('compactDigests reads the usual sha512 and shasum of a registry, and their near misses, alike', () => {
    const sha512 = `sha512-${SHA512.slice(0, 16)}`;
    const sha1 = `sha1-${SHA1.slice(0, 16)}`;
    expect(compactDigests(`sha512-${SHA512}`, null)).toBe(sha512);
    expect(compactDigests(`sha512-${SHA512}`, SHA1_HEX.toUpperCase())).toBe(`${sha512} ${sha1}`);
    expect(compactDigests(`sha512-${SHA512}`, 'not hex')).toBe(sha512);
    expect(compactDigests(`sha512-${SHA512}`, `${SHA1_HEX}0`)).toBe(sha512);
    // Not the usual form, read by the general path: the same digests.
    expect(compactDigests(`SHA512-${SHA512}?opt `, SHA1_HEX)).toBe(`${sha512} ${sha1}`);
    expect(compactDigests(`sha512-${SHA512} sha1-${Buffer.alloc(20, 3).toString('base64')}`, SHA1_HEX)).toBe(`${sha512} sha1-${Buffer.alloc(20, 3).toString('base64').slice(0, 16)}`);
    expect(compactDigests(`sha512-${SHA512.slice(0, -3)}===`, SHA1_HEX)).toBe(sha1);
    // 95 characters like the usual form, one of them not base64: never the usual form.
    for (const odd of ['_', '-', '\u00e9', ' ']) {
      const text = `sha512-${SHA512.slice(0, 40)}${odd}${SHA512.slice(41)}`;
      expect(text).toHaveLength(95);
      expect(compactDigests(text, SHA1_HEX)).toBe(odd === ' ' ? `sha512-${SHA512.slice(0, 16)} ${sha1}` : sha1);
    }
    expect(compactDigests(`sha512-${SHA512.slice(0, -2)}=a`, null)).toBeNull();
  });

  test('compareIntegrity: every shared algorithm must agree; none shared is said so', () => {
    const published = compactDigests(`sha512-${SHA512}`, SHA1_HEX)!;
    expect(compareIntegrity(`sha512-${SHA512}`, published)).toEqual({ status: 'match' });
    expect(compareIntegrity(`sha1-${SHA1}`, published)).toEqual({ status: 'match' });
    expect(compareIntegrity(`sha512-${OTHER512}`, published)).toEqual({ status: 'mismatch', algorithm: 'sha512' });
    // A right sha1 does not excuse a wrong sha512: the package manager checks the strongest.
    expect(compareIntegrity(`sha512-${OTHER512} sha1-${SHA1}`, published)).toEqual({ status: 'mismatch', algorithm: 'sha512' });
    expect(compareIntegrity(`sha384-${SHA512.slice(0, 64)}`, published)).toEqual({ status: 'no-common-algorithm' });
    expect(compareIntegrity('', published)).toEqual({ status: 'no-common-algorithm' });
  });
});
