// Seeded pseudo-random numbers for the benchmark fixtures: the same seed always gives the same
// lockfile and the same registry documents. No Math.random anywhere in the benchmark.

/** 32-bit FNV-1a-style string hash, mixed (xmur3 finaliser): a seed from any text. */
export function hashString(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/** sfc32: small, fast, good enough for fixtures. Returns a generator object. */
export function createRng(seedText) {
  let a = hashString(`a:${seedText}`);
  let b = hashString(`b:${seedText}`);
  let c = hashString(`c:${seedText}`);
  let d = hashString(`d:${seedText}`) | 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const rng = {
    /** [0, 1) */
    next,
    /** Integer in [min, max] inclusive. */
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    /** Float in [min, max). */
    float(min, max) {
      return min + next() * (max - min);
    },
    chance(p) {
      return next() < p;
    },
    pick(list) {
      return list[Math.floor(next() * list.length)];
    },
    /** k distinct elements of list (k clamped to its length), in random order. */
    sample(list, k) {
      const copy = list.slice();
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
    shuffle(list) {
      return rng.sample(list, list.length);
    },
    /** Log-normal with the given median, clamped to [min, max]. */
    logNormal(median, sigma, min, max) {
      // Box-Muller
      const u = Math.max(next(), 1e-12);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
    },
    /** `bytes` random bytes as lowercase hex. */
    hex(bytes) {
      let out = '';
      for (let i = 0; i < bytes; i++) out += HEX[Math.floor(next() * 256)];
      return out;
    },
    /** Random bytes as base64 (for integrity hashes and signatures). */
    base64(bytes) {
      const buffer = Buffer.allocUnsafe(bytes);
      for (let i = 0; i < bytes; i++) buffer[i] = Math.floor(next() * 256);
      return buffer.toString('base64');
    },
  };
  return rng;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
