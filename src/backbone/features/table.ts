/**
 * Weight table for multi-class averaged perceptrons.
 *
 * Feature keys are non-zero 32-bit hashes. An open-addressing map (key and row
 * interleaved, so one probe touches one cache line) sends a key to a dense row
 * of `nClasses` float weights; rows are allocated only when a feature is first
 * updated, so memory follows the features that matter.
 *
 * Averaging uses the standard trick: keep w and u (sum of c * delta); the
 * averaged weight is w - u / c, with c the number of training instances seen.
 *
 * Frozen tables with few classes store the weights inside the hash slots
 * (key, w0..wC-1), so scoring a feature costs a single memory access.
 */
export class WeightTable {
  readonly nClasses: number;
  /** [key, row] pairs */
  private slots: Int32Array;
  private mask: number;
  nRows = 0;
  w: Float32Array;
  private u: Float32Array | null;
  /** Row keys in row order (for saving). */
  rowKeys: Int32Array;
  /** inline layout for small frozen tables: slot i at i * (C + 1) */
  private inlineKeys: Int32Array | null = null;
  private inlineW: Float32Array | null = null;
  private inlineMask = 0;
  /** int8 weights of frozen tables (rows layout), with one scale */
  private qw: Int8Array | null = null;
  private qscale = 1;
  /** packed inline layout for frozen int8 tables with <= 4 classes: [key, 4 x int8] */
  private packed: Int32Array | null = null;
  /** scratch of the quantised scoring paths */
  private rowBuf = new Int32Array(256);
  private acc = new Int32Array(128);
  private packedOut: Float32Array | null = null;
  /** xor of the values touched to warm the cache, kept so the loads are not optimised away */
  sink = 0;

  constructor(nClasses: number, training: boolean, initialRows = 1 << 14) {
    this.nClasses = nClasses;
    let cap = 1;
    while (cap < initialRows * 2) cap <<= 1;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.w = new Float32Array(initialRows * nClasses);
    this.u = training ? new Float32Array(initialRows * nClasses) : null;
    this.rowKeys = new Int32Array(initialRows);
  }

  /** Row index of key, or -1. */
  find(key: number): number {
    const sl = this.slots;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = sl[2 * i]!;
      if (k === key) return sl[2 * i + 1]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Row index of key, allocating a zero row when absent. */
  findOrAdd(key: number): number {
    const sl = this.slots;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = sl[2 * i]!;
      if (k === key) return sl[2 * i + 1]!;
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    const row = this.nRows++;
    sl[2 * i] = key;
    sl[2 * i + 1] = row;
    if (row >= this.rowKeys.length) this.growRows();
    this.rowKeys[row] = key;
    if (this.nRows * 2 > mask + 1) this.rehash((mask + 1) * 2);
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
    const sl = new Int32Array(cap * 2);
    const mask = cap - 1;
    for (let r = 0; r < this.nRows; r++) {
      const key = this.rowKeys[r]!;
      let i = key & mask;
      while (sl[2 * i] !== 0) i = (i + 1) & mask;
      sl[2 * i] = key;
      sl[2 * i + 1] = r;
    }
    this.slots = sl;
    this.mask = mask;
  }

  /**
   * out[c] = sum over features of w[feature][c].
   *
   * Quantised tables sum the int8 weights in integers (exact, so the order does not matter) and
   * scale once: out[c] = fround(sum * scale), the same value the float accumulation gave. The
   * tables are far larger than the CPU caches, so nearly every probe is a cache miss; the loops
   * below first touch every feature's hash slot (independent loads the CPU overlaps) and only
   * then probe, instead of paying one miss after another.
   */
  score(feats: Int32Array, n: number, out: Float32Array): void {
    const C = this.nClasses;
    if (this.packed) {
      const pk = this.packed;
      const mask = this.inlineMask;
      let touch = 0;
      for (let f = 0; f < n; f++) touch ^= pk[(feats[f]! & mask) << 1]!;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let f = 0; f < n; f++) {
        const key = feats[f]!;
        let i = key & mask;
        for (;;) {
          const k = pk[2 * i]!;
          if (k === key) {
            const v = pk[2 * i + 1]!;
            a0 += (v << 24) >> 24;
            a1 += (v << 16) >> 24;
            a2 += (v << 8) >> 24;
            a3 += v >> 24;
            break;
          }
          if (k === 0) break;
          i = (i + 1) & mask;
        }
      }
      this.sink = touch;
      const sc = this.qscale;
      out.fill(0, 0, C);
      out[0] = a0 * sc;
      if (C > 1) out[1] = a1 * sc;
      if (C > 2) out[2] = a2 * sc;
      if (C > 3) out[3] = a3 * sc;
      return;
    }
    if (this.qw) {
      const q = this.qw;
      const m = this.findRows(feats, n);
      const rows = this.rowBuf;
      const acc = this.accBuf(C);
      for (let j = 0; j < m; j++) {
        const base = rows[j]!;
        for (let c = 0; c < C; c++) acc[c]! += q[base + c]!;
      }
      const sc = this.qscale;
      for (let c = 0; c < C; c++) out[c] = acc[c]! * sc;
      return;
    }
    out.fill(0, 0, C);
    if (this.inlineKeys) {
      const ik = this.inlineKeys;
      const iw = this.inlineW!;
      const mask = this.inlineMask;
      const S = C + 1;
      for (let f = 0; f < n; f++) {
        const key = feats[f]!;
        let i = key & mask;
        for (;;) {
          const o = i * S;
          const k = ik[o]!;
          if (k === key) {
            for (let c = 0; c < C; c++) out[c]! += iw[o + 1 + c]!;
            break;
          }
          if (k === 0) break;
          i = (i + 1) & mask;
        }
      }
      return;
    }
    const w = this.w;
    for (let f = 0; f < n; f++) {
      const r = this.find(feats[f]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) out[c]! += w[base + c]!;
    }
  }

  /** Like score, but only for the classes in cands (other entries of out untouched). */
  scoreSubset(feats: Int32Array, n: number, cands: Int32Array, out: Float32Array): void {
    const C = this.nClasses;
    const m = cands.length;
    if (this.packed) {
      // at most 4 classes: scoring them all costs the same as scoring a subset
      const all = (this.packedOut ??= new Float32Array(4));
      this.score(feats, n, all);
      for (let j = 0; j < m; j++) out[cands[j]!] = all[cands[j]!]!;
      return;
    }
    if (this.qw) {
      const q = this.qw;
      const nr = this.findRows(feats, n, cands[0]!);
      const rows = this.rowBuf;
      const acc = this.accBuf(m);
      for (let r = 0; r < nr; r++) {
        const base = rows[r]!;
        for (let j = 0; j < m; j++) acc[j]! += q[base + cands[j]!]!;
      }
      const sc = this.qscale;
      for (let j = 0; j < m; j++) out[cands[j]!] = acc[j]! * sc;
      return;
    }
    for (let j = 0; j < m; j++) out[cands[j]!] = 0;
    const w = this.w;
    for (let f = 0; f < n; f++) {
      const r = this.find(feats[f]!);
      if (r < 0) continue;
      const base = r * C;
      for (let j = 0; j < m; j++) {
        const c = cands[j]!;
        out[c]! += w[base + c]!;
      }
    }
  }

  /** Integer accumulators for quantised scoring, zeroed. */
  private accBuf(m: number): Int32Array {
    if (this.acc.length < m) this.acc = new Int32Array(m);
    this.acc.fill(0, 0, m);
    return this.acc;
  }

  /**
   * Row offsets (row * nClasses) of the features present in the table, in feature order, into
   * rowBuf; returns their number. Touches the hash slots of all features first and then the
   * rows found (at column `col`), so that the cache misses overlap (see score).
   */
  private findRows(feats: Int32Array, n: number, col = 0): number {
    if (this.rowBuf.length < n) this.rowBuf = new Int32Array(n);
    const rows = this.rowBuf;
    const sl = this.slots;
    const mask = this.mask;
    const C = this.nClasses;
    let touch = 0;
    for (let f = 0; f < n; f++) touch ^= sl[(feats[f]! & mask) << 1]!;
    let m = 0;
    for (let f = 0; f < n; f++) {
      const key = feats[f]!;
      let i = key & mask;
      for (;;) {
        const k = sl[2 * i]!;
        if (k === key) {
          rows[m++] = sl[2 * i + 1]! * C;
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    const q = this.qw;
    if (q) for (let j = 0; j < m; j++) touch ^= q[rows[j]! + col]!;
    this.sink = touch;
    return m;
  }

  /** Add delta to class cls for all features; c = current instance count (for averaging). */
  update(feats: Int32Array, n: number, cls: number, delta: number, c: number): void {
    const C = this.nClasses;
    for (let f = 0; f < n; f++) {
      const r = this.findOrAdd(feats[f]!);
      const i = r * C + cls;
      this.w[i]! += delta;
      this.u![i]! += c * delta;
    }
  }

  /** Replace weights by their average over c instances; ends training. */
  average(c: number): void {
    if (!this.u) return;
    const w = this.w;
    const u = this.u;
    const n = this.nRows * this.nClasses;
    for (let i = 0; i < n; i++) w[i] = w[i]! - u[i]! / c;
    this.u = null;
  }

  /** Keys and float weights of every row, whatever the storage (training, float or int8). */
  rows(): { keys: Int32Array; w: Float32Array } {
    const C = this.nClasses;
    if (this.packed) {
      const pk = this.packed;
      const keys: number[] = [];
      const w: number[] = [];
      for (let i = 0; i < pk.length; i += 2) {
        if (pk[i] === 0) continue;
        keys.push(pk[i]!);
        const v = pk[i + 1]!;
        const q = [(v << 24) >> 24, (v << 16) >> 24, (v << 8) >> 24, v >> 24];
        for (let c = 0; c < C; c++) w.push(q[c]! * this.qscale);
      }
      return { keys: Int32Array.from(keys), w: Float32Array.from(w) };
    }
    const keys = this.rowKeys.slice(0, this.nRows);
    if (this.qw) {
      const w = new Float32Array(this.nRows * C);
      for (let i = 0; i < w.length; i++) w[i] = this.qw[i]! * this.qscale;
      return { keys, w };
    }
    return { keys, w: this.w.subarray(0, this.nRows * C) };
  }

  /** A frozen copy holding the weights averaged over c instances (training continues). */
  averagedCopy(c: number): WeightTable {
    const n = this.nRows * this.nClasses;
    const w = new Float32Array(n);
    const u = this.u;
    for (let i = 0; i < n; i++) w[i] = u ? this.w[i]! - u[i]! / c : this.w[i]!;
    return WeightTable.fromRows(this.nClasses, this.rowKeys.slice(0, this.nRows), w);
  }

  /** Build an int8 inference table (weights = q * scale), kept quantised in memory. */
  static fromQuantized(nClasses: number, keys: Int32Array, q: Int8Array, scale: number): WeightTable {
    const t = new WeightTable(nClasses, false, 16);
    t.w = new Float32Array(0);
    t.rowKeys = keys;
    t.nRows = keys.length;
    t.qscale = scale;
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    if (nClasses <= 4) {
      const pk = new Int32Array(cap * 2);
      const mask = cap - 1;
      for (let r = 0; r < keys.length; r++) {
        const key = keys[r]!;
        let i = key & mask;
        while (pk[2 * i] !== 0) i = (i + 1) & mask;
        pk[2 * i] = key;
        let v = 0;
        for (let c = 0; c < nClasses; c++) v |= (q[r * nClasses + c]! & 0xff) << (8 * c);
        pk[2 * i + 1] = v;
      }
      t.packed = pk;
      t.inlineMask = mask;
      t.rowKeys = new Int32Array(0);
      t.nRows = keys.length;
    } else {
      t.rehash(cap);
      t.qw = q;
    }
    return t;
  }

  /** Build an inference table from rows (keys + dense weights). */
  static fromRows(nClasses: number, keys: Int32Array, weights: Float32Array): WeightTable {
    const t = new WeightTable(nClasses, false, 16);
    t.w = weights;
    t.rowKeys = keys;
    t.nRows = keys.length;
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    t.rehash(cap);
    if (nClasses <= 8) {
      const S = nClasses + 1;
      const buf = new ArrayBuffer(cap * S * 4);
      const ik = new Int32Array(buf);
      const iw = new Float32Array(buf);
      const mask = cap - 1;
      for (let r = 0; r < keys.length; r++) {
        const key = keys[r]!;
        let i = key & mask;
        while (ik[i * S] !== 0) i = (i + 1) & mask;
        ik[i * S] = key;
        for (let c = 0; c < nClasses; c++) iw[i * S + 1 + c] = weights[r * nClasses + c]!;
      }
      t.inlineKeys = ik;
      t.inlineW = iw;
      t.inlineMask = mask;
    }
    return t;
  }
}
