/**
 * Small self-contained numeric helpers for the NER model: 32-bit hashing,
 * a deterministic PRNG, an int->int open-addressing map and a hashed weight
 * table for (averaged) structured perceptrons. Typed arrays only.
 */
import { probeRefs } from '../features/table.js'

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
    this.frozenSlots = null; // a table that learns again scores from its plain rows
    this.frozen17 = false;
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
    if (this.frozen17) {
      this.addScores17(feats, from, to, out, off);
      return;
    }
    if (this.frozenSlots) {
      this.addScoresFrozen(feats, from, to, out, off);
      return;
    }
    const C = this.nClasses;
    const w = this.w;
    for (let f = from; f < to; f++) {
      const r = this.find(feats[f]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) out[off + c]! += w[base + c]!;
    }
  }

  /**
   * Frozen (inference) layout. Most rows have 2-4 non-zero classes (a feature seen in few
   * updates): they keep only their (class, weight) pairs; rows with more stay dense. Skipping a
   * zero weight changes no sum (x + 0 = x in float32), and every class still receives its
   * weights in feature order, so the scores are bit-for-bit those of the dense rows; the table
   * is ~3x smaller and the adds ~4x fewer. Slots [key, ref]: ref = (offset << 8) | count for a
   * sparse row (entries sparseClass / sparseW from offset), (index << 8) | 0xff for a dense row
   * (denseW from index * nClasses).
   */
  private frozenSlots: Int32Array | null = null;
  /** Whether the table is in its inference layout, which nothing changes any more (learning unfreezes it). */
  get frozen(): boolean {
    return this.frozen17 || this.frozenSlots !== null;
  }
  /** frozen with 17 classes: addScores17 over the dense rows */
  private frozen17 = false;
  private frozenMask = 0;
  private sparseClass = new Uint8Array(0);
  private sparseW = new Float32Array(0);
  private denseW = new Float32Array(0);
  private refBuf = new Int32Array(64);
  /** xor of the values touched to warm the cache, kept so the loads are not optimised away */
  sink = 0;
  /** Rows with more non-zero classes than this stay dense (4 to 17 all ran within noise). */
  static readonly DENSE_ABOVE = 8;

  private freeze(): void {
    const C = this.nClasses;
    if (C === 17) {
      this.frozen17 = true;
      return;
    }
    if (C > 255) return;
    const w = this.w;
    let nSparse = 0;
    let nDense = 0;
    for (let r = 0; r < this.nRows; r++) {
      let k = 0;
      for (let c = 0; c < C; c++) if (w[r * C + c] !== 0) k++;
      if (k > WeightTable.DENSE_ABOVE) nDense++;
      else nSparse += k;
    }
    if (nSparse >= 1 << 23 || nDense >= 1 << 23) return; // keep the plain layout
    const cls = new Uint8Array(nSparse);
    const sw = new Float32Array(nSparse);
    const dw = new Float32Array(nDense * C);
    let cap = 16;
    while (cap < this.nRows * 2) cap <<= 1;
    const sl = new Int32Array(cap * 2);
    const mask = cap - 1;
    let e = 0;
    let d = 0;
    for (let r = 0; r < this.nRows; r++) {
      let k = 0;
      for (let c = 0; c < C; c++) if (w[r * C + c] !== 0) k++;
      let ref: number;
      if (k > WeightTable.DENSE_ABOVE) {
        dw.set(w.subarray(r * C, (r + 1) * C), d * C);
        ref = (d++ << 8) | 0xff;
      } else {
        ref = (e << 8) | k;
        for (let c = 0; c < C; c++) {
          if (w[r * C + c] === 0) continue;
          cls[e] = c;
          sw[e++] = w[r * C + c]!;
        }
      }
      const key = this.rowKeys[r]!;
      let i = key & mask;
      while (sl[2 * i] !== 0) i = (i + 1) & mask;
      sl[2 * i] = key;
      sl[2 * i + 1] = ref;
    }
    this.frozenSlots = sl;
    this.frozenMask = mask;
    this.sparseClass = cls;
    this.sparseW = sw;
    this.denseW = dw;
  }

  /**
   * addScores on the frozen layout. The slots of all features are touched before probing, and
   * the rows found before adding, so the cache misses of the features overlap instead of
   * following one another.
   */
  /**
   * addScores for frozen tables of 17 classes (O + BILOU x 4 entity classes: the shipped tag
   * set): the 17 running sums live in local variables instead of the out array, rounded to
   * float32 after every addition exactly as storing them in out would, so the results are
   * bit-for-bit the same while the loop needs no memory round trip per weight (~30% faster
   * recognition than the sparse rows of addScoresFrozen, which this layout does not need).
   */
  private addScores17(feats: Int32Array, from: number, to: number, out: Float32Array, off: number): void {
    const sk = this.slotKey;
    const sr = this.slotRow;
    const mask = this.mask;
    if (this.refBuf.length < to - from) this.refBuf = new Int32Array(to - from);
    const rows = this.refBuf;
    let touch = 0;
    for (let f = from; f < to; f++) touch ^= sk[feats[f]! & mask]!;
    let m = 0;
    for (let f = from; f < to; f++) {
      const key = feats[f]!;
      let i = key & mask;
      for (;;) {
        const k = sk[i]!;
        if (k === key) {
          rows[m++] = sr[i]! * 17;
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    const w = this.w;
    for (let j = 0; j < m; j++) touch ^= w[rows[j]!]! | 0;
    this.sink = touch;
    let a0 = out[off + 0]!, a1 = out[off + 1]!, a2 = out[off + 2]!, a3 = out[off + 3]!, a4 = out[off + 4]!, a5 = out[off + 5]!, a6 = out[off + 6]!, a7 = out[off + 7]!, a8 = out[off + 8]!, a9 = out[off + 9]!, a10 = out[off + 10]!, a11 = out[off + 11]!, a12 = out[off + 12]!, a13 = out[off + 13]!, a14 = out[off + 14]!, a15 = out[off + 15]!, a16 = out[off + 16]!;
    for (let j = 0; j < m; j++) {
      const b = rows[j]!;
      a0 = Math.fround(a0 + w[b + 0]!);
      a1 = Math.fround(a1 + w[b + 1]!);
      a2 = Math.fround(a2 + w[b + 2]!);
      a3 = Math.fround(a3 + w[b + 3]!);
      a4 = Math.fround(a4 + w[b + 4]!);
      a5 = Math.fround(a5 + w[b + 5]!);
      a6 = Math.fround(a6 + w[b + 6]!);
      a7 = Math.fround(a7 + w[b + 7]!);
      a8 = Math.fround(a8 + w[b + 8]!);
      a9 = Math.fround(a9 + w[b + 9]!);
      a10 = Math.fround(a10 + w[b + 10]!);
      a11 = Math.fround(a11 + w[b + 11]!);
      a12 = Math.fround(a12 + w[b + 12]!);
      a13 = Math.fround(a13 + w[b + 13]!);
      a14 = Math.fround(a14 + w[b + 14]!);
      a15 = Math.fround(a15 + w[b + 15]!);
      a16 = Math.fround(a16 + w[b + 16]!);
    }
    out[off + 0] = a0;
    out[off + 1] = a1;
    out[off + 2] = a2;
    out[off + 3] = a3;
    out[off + 4] = a4;
    out[off + 5] = a5;
    out[off + 6] = a6;
    out[off + 7] = a7;
    out[off + 8] = a8;
    out[off + 9] = a9;
    out[off + 10] = a10;
    out[off + 11] = a11;
    out[off + 12] = a12;
    out[off + 13] = a13;
    out[off + 14] = a14;
    out[off + 15] = a15;
    out[off + 16] = a16;
  }

  private addScoresFrozen(feats: Int32Array, from: number, to: number, out: Float32Array, off: number): void {
    const C = this.nClasses;
    const sl = this.frozenSlots!;
    const mask = this.frozenMask;
    if (this.refBuf.length < to - from) this.refBuf = new Int32Array(to - from);
    const refs = this.refBuf;
    const cls = this.sparseClass;
    const sw = this.sparseW;
    const dw = this.denseW;
    const m = probeRefs(sl, mask, feats, from, to, refs);
    let touch = 0;
    for (let j = 0; j < m; j++) {
      const v = refs[j]!;
      touch ^= (v & 0xff) === 0xff ? dw[(v >>> 8) * C]! : cls[v >>> 8]!;
    }
    this.sink = touch;
    for (let j = 0; j < m; j++) {
      const v = refs[j]!;
      if ((v & 0xff) === 0xff) {
        const base = (v >>> 8) * C;
        for (let c = 0; c < C; c++) out[off + c]! += dw[base + c]!;
      } else {
        const end = (v >>> 8) + (v & 0xff);
        for (let e = v >>> 8; e < end; e++) out[off + cls[e]!]! += sw[e]!;
      }
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
    t.freeze();
    return t;
  }
}
