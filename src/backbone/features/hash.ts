/**
 * Fast 32-bit hashing helpers for feature keys.
 *
 * Strings are hashed once per token (FNV-1a); feature keys are then built by
 * mixing small integers (template id + value hashes) with murmur3-style rounds,
 * so the hot path never concatenates strings.
 */

/** FNV-1a over UTF-16 code units, finalised with fmix32. Never returns 0. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function round(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3 finaliser; maps 0 to a non-zero constant so 0 can mean "empty". */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 0x5bd1e995 : h;
}

export function h1(t: number, a: number): number {
  return fmix(round(round(0x3c6ef372, t), a));
}
export function h2(t: number, a: number, b: number): number {
  return fmix(round(round(round(0x3c6ef372, t), a), b));
}
export function h3(t: number, a: number, b: number, c: number): number {
  return fmix(round(round(round(round(0x3c6ef372, t), a), b), c));
}
export function h4(t: number, a: number, b: number, c: number, d: number): number {
  return fmix(round(round(round(round(round(0x3c6ef372, t), a), b), c), d));
}

/** Deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with the given PRNG. */
export function shuffle<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  return arr;
}
