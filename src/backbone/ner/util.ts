/**
 * Small self-contained numeric helpers for the NER model: 32-bit hashing,
 * a deterministic PRNG, an int->int open-addressing map and a hashed weight
 * table for (averaged) structured perceptrons. Typed arrays only.
 */

/** FNV-1a over UTF-16 code units, finalised with fmix. Never returns 0. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** murmur3 finaliser; never returns 0 (0 means "empty slot"). */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 0x5bd1e995 : h;
}

function round(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
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

export function shuffle<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  return arr;
}

/** Open-addressing map from non-zero int32 keys to int32 values. */
export class IntMap {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }
  get(key: number, dflt: number): number {
    const ks = this.keys;
    let i = key & this.mask;
    for (;;) {
      const k = ks[i]!;
      if (k === key) return this.vals[i]!;
      if (k === 0) return dflt;
      i = (i + 1) & this.mask;
    }
  }
  set(key: number, val: number): void {
    if (key === 0) throw new Error("IntMap: key 0");
    let i = key & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) {
        this.vals[i] = val;
        return;
      }
      if (k === 0) break;
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.vals[i] = val;
    this.size++;
    if (this.size * 2 > this.keys.length) this.grow();
  }
  private grow(): void {
    const ok = this.keys;
    const ov = this.vals;
    const cap = ok.length * 2;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < ok.length; i++) if (ok[i] !== 0) this.set(ok[i]!, ov[i]!);
  }
  /** Entries as parallel arrays, sorted by unsigned key (deterministic). */
  entries(): { keys: Int32Array; vals: Int32Array } {
    const idx: number[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) idx.push(i);
    idx.sort((a, b) => (this.keys[a]! >>> 0) - (this.keys[b]! >>> 0));
    return { keys: Int32Array.from(idx.map((i) => this.keys[i]!)), vals: Int32Array.from(idx.map((i) => this.vals[i]!)) };
  }
}

/**
 * Rows of `nClasses` float weights addressed by non-zero feature keys. Rows are
 * allocated on first update. Averaging uses the w - u/c trick.
 */
export class WeightTable {
  readonly nClasses: number;
  private slotKey: Int32Array;
  private slotRow: Int32Array;
  private mask: number;
  nRows = 0;
  w: Float32Array;
  private u: Float32Array | null;
  rowKeys: Int32Array;

  constructor(nClasses: number, training: boolean, initialRows = 1 << 14) {
    this.nClasses = nClasses;
    let cap = 16;
    while (cap < initialRows * 2) cap <<= 1;
    this.slotKey = new Int32Array(cap);
    this.slotRow = new Int32Array(cap);
    this.mask = cap - 1;
    this.w = new Float32Array(initialRows * nClasses);
    this.u = training ? new Float32Array(initialRows * nClasses) : null;
    this.rowKeys = new Int32Array(initialRows);
  }

  find(key: number): number {
    const sk = this.slotKey;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = sk[i]!;
      if (k === key) return this.slotRow[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  findOrAdd(key: number): number {
    const sk = this.slotKey;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = sk[i]!;
      if (k === key) return this.slotRow[i]!;
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    const row = this.nRows++;
    sk[i] = key;
    this.slotRow[i] = row;
    if (row >= this.rowKeys.length) this.growRows();
    this.rowKeys[row] = key;
    if (this.nRows * 2 > sk.length) this.rehash(sk.length * 2);
    return row;
  }

  private growRows(): void {
    const n = this.rowKeys.length * 2;
    const rk = new Int32Array(n);
    rk.set(this.rowKeys);
    this.rowKeys = rk;
    const w = new Float32Array(n * this.nClasses);
    w.set(this.w);
    this.w = w;
    if (this.u) {
      const u = new Float32Array(n * this.nClasses);
      u.set(this.u);
      this.u = u;
    }
  }

  private rehash(cap: number): void {
    const sk = new Int32Array(cap);
    const sr = new Int32Array(cap);
    const mask = cap - 1;
    for (let r = 0; r < this.nRows; r++) {
      const key = this.rowKeys[r]!;
      let i = key & mask;
      while (sk[i] !== 0) i = (i + 1) & mask;
      sk[i] = key;
      sr[i] = r;
    }
    this.slotKey = sk;
    this.slotRow = sr;
    this.mask = mask;
  }

  /** out[off + c] += sum of rows of the n features. */
  addScores(feats: Int32Array, from: number, to: number, out: Float32Array, off: number): void {
    const C = this.nClasses;
    const w = this.w;
    for (let f = from; f < to; f++) {
      const r = this.find(feats[f]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) out[off + c]! += w[base + c]!;
    }
  }

  /** Add delta to class cls of every feature in feats[from..to); c = update clock. */
  update(feats: Int32Array, from: number, to: number, cls: number, delta: number, c: number): void {
    const C = this.nClasses;
    const u = this.u!;
    for (let f = from; f < to; f++) {
      const r = this.findOrAdd(feats[f]!);
      const i = r * C + cls;
      this.w[i]! += delta;
      u[i]! += c * delta;
    }
  }

  average(c: number): void {
    if (!this.u) return;
    const w = this.w;
    const u = this.u;
    const n = this.nRows * this.nClasses;
    for (let i = 0; i < n; i++) w[i] = w[i]! - u[i]! / c;
    this.u = null;
  }

  static fromRows(nClasses: number, keys: Int32Array, weights: Float32Array): WeightTable {
    const t = new WeightTable(nClasses, false, Math.max(16, keys.length));
    t.w = weights;
    t.rowKeys = keys;
    t.nRows = keys.length;
    t.rehash(t.slotKey.length);
    return t;
  }
}
