/**
 * Tarball digests, as lockfiles and registries write them (Subresource Integrity strings such as
 * `sha512-<base64> sha1-<base64>`, and the registry's hex `dist.shasum`), and their compact
 * form kept in release histories. Pure.
 *
 * Compact form: each algorithm once, strongest first, as `<algorithm>-<first 16 base64
 * characters of its digest>` (96 bits), separated by a space. A registry history holds one per
 * version, so the full 88-character sha512 of every version ever published would dominate the
 * facts cache; 96 bits still leave a lockfile no practical way to name other bytes with the
 * same prefix (a second preimage, 2^96 work), which is all the binding needs.
 */

/** Algorithms npm's ssri knows, strongest first. */
const ALGORITHMS = ['sha512', 'sha384', 'sha256', 'sha1'] as const;
export type DigestAlgorithm = (typeof ALGORITHMS)[number];

/** Base64 characters kept per digest in the compact form. */
export const COMPACT_DIGEST_LENGTH = 16;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A sha1 in hex, as `dist.shasum` and Yarn classic's `#<sha1>` write it. */
const HEX_SHA1 = /^[0-9a-f]{40}$/i;

/**
 * `sha512-abc… sha1-xyz…` -> algorithm -> base64 digest. Unknown algorithms, options
 * (`?foo`) and malformed parts are ignored (ssri does the same); the first digest of an
 * algorithm wins.
 */
export function parseIntegrity(text: string): Map<DigestAlgorithm, string> {
  const digests = new Map<DigestAlgorithm, string>();
  for (const part of text.trim().split(/\s+/)) {
    const dash = part.indexOf('-');
    if (dash === -1) continue;
    const algorithm = part.slice(0, dash).toLowerCase() as DigestAlgorithm;
    const digest = part.slice(dash + 1).replace(/\?.*$/, '');
    if (!ALGORITHMS.includes(algorithm) || !BASE64.test(digest) || digests.has(algorithm)) continue;
    digests.set(algorithm, digest);
  }
  return digests;
}

/** A 40-digit hex sha1 (`dist.shasum`, Yarn classic's `#<sha1>` URL fragment) as base64; null otherwise. */
export function sha1OfHex(hex: string): string | null {
  return HEX_SHA1.test(hex) ? Buffer.from(hex, 'hex').toString('base64') : null;
}

/**
 * The compact form of what a registry publishes for one version: `dist.integrity` and, for a
 * sha1 it does not already name, `dist.shasum`. Null when it publishes no usable digest.
 */
export function compactDigests(integrity: string | null, shasum: string | null): string | null {
  return commonCompactDigests(integrity, shasum) ?? generalCompactDigests(integrity, shasum);
}

/** 1 for the characters of base64's alphabet, `A-Za-z0-9+/`. */
const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CHAR[c.charCodeAt(0)] = 1;

/**
 * Exactly one sha512 digest, as the registry writes `dist.integrity` for nearly every version:
 * `/^sha512-[A-Za-z0-9+/]{86}==$/`, tested a character at a time (the regular expression was
 * 5 % of projecting a document).
 */
function isSha512Only(text: string): boolean {
  if (text.length !== 95 || !text.startsWith('sha512-') || !text.endsWith('==')) return false;
  for (let k = 7; k < 93; k++) if (BASE64_CHAR[text.charCodeAt(k)] !== 1) return false;
  return true;
}

/**
 * compactDigests for what nearly every version has (one sha512 `integrity`, a hex `shasum` or
 * none), without splitting, a map or decoding the whole shasum: its first 12 bytes are the 16
 * base64 characters kept. It was a twentieth of a cold check's main thread. Null for anything
 * else (generalCompactDigests decides).
 */
function commonCompactDigests(integrity: string | null, shasum: string | null): string | null {
  if (integrity === null || !isSha512Only(integrity)) return null;
  const sha512 = `sha512-${integrity.slice(7, 7 + COMPACT_DIGEST_LENGTH)}`;
  if (shasum === null) return sha512;
  if (!HEX_SHA1.test(shasum)) return null;
  return `${sha512} sha1-${Buffer.from(shasum.slice(0, (COMPACT_DIGEST_LENGTH / 4) * 6), 'hex').toString('base64')}`;
}

function generalCompactDigests(integrity: string | null, shasum: string | null): string | null {
  const digests = parseIntegrity(integrity ?? '');
  const sha1 = shasum === null ? null : sha1OfHex(shasum);
  if (sha1 !== null && !digests.has('sha1')) digests.set('sha1', sha1);
  const parts = ALGORITHMS.flatMap((algorithm) => {
    const digest = digests.get(algorithm);
    return digest === undefined ? [] : [`${algorithm}-${digest.slice(0, COMPACT_DIGEST_LENGTH)}`];
  });
  return parts.length === 0 ? null : parts.join(' ');
}

/** A compact form as written by compactDigests, checked strictly (a stored value is untrusted); null when malformed. */
export function parseCompactDigests(compact: string): Map<DigestAlgorithm, string> | null {
  const parts = compact.split(' ');
  const digests = parseIntegrity(compact);
  if (digests.size !== parts.length) return null;
  for (const digest of digests.values()) {
    if (digest.length > COMPACT_DIGEST_LENGTH) return null;
  }
  return digests;
}

export type IntegrityComparison =
  /** Every algorithm both name agrees. */
  | { status: 'match' }
  /** `algorithm` names different bytes. */
  | { status: 'mismatch'; algorithm: DigestAlgorithm }
  /** The lockfile names no algorithm the registry publishes (or nothing usable at all). */
  | { status: 'no-common-algorithm' };

/**
 * Compares a lockfile's integrity with a registry's compact digests. Every algorithm both
 * name must agree: a package manager verifies the strongest one the lockfile names, so a
 * lockfile that matched on sha1 but not on sha512 would still install other bytes.
 */
export function compareIntegrity(locked: string, published: string): IntegrityComparison {
  const lockedDigests = parseIntegrity(locked);
  const publishedDigests = parseCompactDigests(published) ?? new Map<DigestAlgorithm, string>();
  let common = 0;
  for (const algorithm of ALGORITHMS) {
    const mine = lockedDigests.get(algorithm);
    const theirs = publishedDigests.get(algorithm);
    if (mine === undefined || theirs === undefined) continue;
    common += 1;
    if (!mine.startsWith(theirs) || (theirs.length < COMPACT_DIGEST_LENGTH && mine !== theirs)) {
      return { status: 'mismatch', algorithm };
    }
  }
  return common === 0 ? { status: 'no-common-algorithm' } : { status: 'match' };
}

/** For messages: each digest cut to the length the compact form keeps, marked with `…`. */
export function abbreviateIntegrity(integrity: string): string {
  const digests = [...parseIntegrity(integrity)];
  if (digests.length === 0) return integrity;
  return digests.map(([algorithm, digest]) => `${algorithm}-${digest.length > COMPACT_DIGEST_LENGTH ? `${digest.slice(0, COMPACT_DIGEST_LENGTH)}…` : digest}`).join(' ');
}
