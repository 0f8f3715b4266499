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
 *
 * Frozen int8 tables with more classes (tagger: 102, arc labels: 51) are mostly
 * sparse: most rows of a perceptron have 2-4 non-zero classes (a feature seen in
 * few updates), so those rows keep only their (class, weight) pairs, 10-20x less
 * memory than dense rows. The few rows with many non-zero classes (frequent
 * features: the bias, common affixes and tag contexts) stay dense, because they
 * are the ones scored most often and scoring a candidate subset (the usual case)
 * then reads just the candidates' weights.
 *
 * Frozen int8 tables with 5-16 classes (the attribution tagger: 14) are mostly dense instead, and
 * so big (millions of rows) that every row read is a cache miss: they keep each row inside its
 * hash slot, two classes per int32 (see pairSums), so a feature costs one miss instead of two.
 * Those with at most 14 classes and 2^19 slots or more (over 196,608 rows) use 16-byte slots
 * instead of 32 (see TAG_STRIDE): half the memory, four slots per cache line, so more of the
 * table stays in cache.
 */
/** int32 per slot of the inline pair layout: the key and up to 7 pairs of classes (32 bytes). */
const PAIR_STRIDE = 8;
/** Hits summed in 16-bit halves before folding: 256 x 255 stays below 2^16. */
const PAIR_FLUSH = 256;

/**
 * Classes 2h and 2h+1 of the int8 row q[at, at + C) as one int32 word: each weight + 128 in a
 * 16-bit half (a missing odd class counts as 0), so that one 32-bit add sums two classes. Both the
 * dense rows of the mixed layout and the slots of the inline pair layout are stored this way.
 */
function pairWord(q: Int8Array, at: number, h: number, C: number): number {
  const lo = q[at + 2 * h]! + 128;
  const hi = 2 * h + 1 < C ? q[at + 2 * h + 1]! + 128 : 128;
  return lo | (hi << 16);
}

/** acc[2h], acc[2h+1] += the two class sums in a summed pair word v of `rows` rows (each half biased by 128 per row). */
function addPairWord(acc: Int32Array, h: number, C: number, v: number, rows: number): void {
  const bias = 128 * rows;
  acc[2 * h]! += (v & 0xffff) - bias;
  if (2 * h + 1 < C) acc[2 * h + 1]! += (v >>> 16) - bias;
}

/** acc += the class sums held in the running pair words of `hits` rows; clears run. */
function foldPairs(run: Int32Array, H: number, C: number, hits: number, acc: Int32Array): void {
  for (let h = 0; h < H; h++) {
    addPairWord(acc, h, C, run[h]!, hits);
    run[h] = 0;
  }
}

/**
 * The tag slot layout (16 bytes): int32 0 holds a 16-bit tag in its low half and classes 0 and 1
 * as (q + 128) bytes in its high half; int32 1-3 hold classes 2-13, four (q + 128) bytes each
 * (128, a zero weight, for classes past nClasses). The tag stores the key exactly: the bits of the
 * key above the slot index (32 - slot bits of them) and, in the low TAG_BITS - that many bits, how
 * far the slot lies past the key's home slot. So a table of 2^b slots needs b >= 19 (13 key bits
 * and 3 bits of distance, up to 7 slots), and a row that would land further than the distance can
 * say goes to a small overflow map instead. Exact: no two keys have the same home and tag.
 */
const TAG_STRIDE = 4;
const TAG_BITS = 16;
/** Fewest slot bits of the tag layout (see above); smaller tables keep the 32-byte pair slots. */
const TAG_MIN_SLOT_BITS = 19;
/** Most classes the tag layout holds. */
const TAG_MAX_CLASSES = 14;

/**
 * acc[c] += the class sums of `hits` tag slot rows, given the seven running sums: r0 classes 0 and
 * 1, r1 2 and 4, r2 3 and 5, r3 6 and 8, r4 7 and 9, r5 10 and 12, r6 11 and 13 (low and high
 * 16 bits, each biased by 128 per row).
 */
function foldTags(acc: Int32Array, hits: number, r0: number, r1: number, r2: number, r3: number, r4: number, r5: number, r6: number): void {
  const bias = 128 * hits;
  acc[0]! += (r0 & 0xffff) - bias;
  acc[1]! += (r0 >>> 16) - bias;
  acc[2]! += (r1 & 0xffff) - bias;
  acc[4]! += (r1 >>> 16) - bias;
  acc[3]! += (r2 & 0xffff) - bias;
  acc[5]! += (r2 >>> 16) - bias;
  acc[6]! += (r3 & 0xffff) - bias;
  acc[8]! += (r3 >>> 16) - bias;
  acc[7]! += (r4 & 0xffff) - bias;
  acc[9]! += (r4 >>> 16) - bias;
  acc[10]! += (r5 & 0xffff) - bias;
  acc[12]! += (r5 >>> 16) - bias;
  acc[11]! += (r6 & 0xffff) - bias;
  acc[13]! += (r6 >>> 16) - bias;
}

/** The (q + 128) byte of class c in the tag slot row starting at row[at]. */
function tagByte(row: Int32Array, at: number, c: number): number {
  const byte = c + 2;
  return (row[at + (byte >> 2)]! >>> (8 * (byte & 3))) & 0xff;
}

/**
 * Integer sums per class (acc[0, 14), cleared first) over the features of a tag slot table (see
 * TAG_STRIDE; exact). As in pairSums, the home slots are touched first so that their misses
 * overlap, and each hit adds two classes per 32-bit add: the (q + 128) bytes are spread into 16-bit
 * halves by masks, and the seven running sums stay in registers until folded (per chunk of
 * PAIR_FLUSH features). Returns the xor of the touched slots.
 */
function tagSums(ts: Int32Array, bits: number, overflow: Map<number, Int32Array>, feats: Int32Array, n: number, acc: Int32Array): number {
  acc.fill(0, 0, TAG_MAX_CLASSES);
  const mask = (1 << bits) - 1;
  const wrap = mask * TAG_STRIDE;
  const dispBits = TAG_BITS - (32 - bits);
  const maxDisp = (1 << dispBits) - 1;
  let touch = 0;
  for (let f = 0; f < n; f++) touch ^= ts[(feats[f]! & mask) * TAG_STRIDE]!;
  // chunks of at most PAIR_FLUSH features, so that no 16-bit half of a running sum overflows
  for (let from = 0; from < n; from += PAIR_FLUSH) {
    const to = Math.min(n, from + PAIR_FLUSH);
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0;
    let hits = 0;
    for (let f = from; f < to; f++) {
      const key = feats[f]!;
      // the slot d steps past the home slot holds this key iff its tag is tag0 + d
      let tag = (key >>> bits) << dispBits;
      let o = (key & mask) * TAG_STRIDE;
      let v = ts[o]!;
      while (v !== 0 && (v & 0xffff) !== tag) {
        if ((tag & maxDisp) === maxDisp) {
          v = -1;
          break;
        }
        tag++;
        o = (o + TAG_STRIDE) & wrap;
        v = ts[o]!;
      }
      if (v === 0) continue;
      let v1: number, v2: number, v3: number;
      if (v !== -1) {
        v1 = ts[o + 1]!;
        v2 = ts[o + 2]!;
        v3 = ts[o + 3]!;
      } else {
        // every slot the tag can reach holds another key: the row overflowed, if present
        const spilled = overflow.get(key);
        if (!spilled) continue;
        v = spilled[0]!;
        v1 = spilled[1]!;
        v2 = spilled[2]!;
        v3 = spilled[3]!;
      }
      r0 = (r0 + (((v >>> 16) & 0xff) | ((v >>> 24) << 16))) | 0;
      r1 = (r1 + (v1 & 0x00ff00ff)) | 0;
      r2 = (r2 + ((v1 >>> 8) & 0x00ff00ff)) | 0;
      r3 = (r3 + (v2 & 0x00ff00ff)) | 0;
      r4 = (r4 + ((v2 >>> 8) & 0x00ff00ff)) | 0;
      r5 = (r5 + (v3 & 0x00ff00ff)) | 0;
      r6 = (r6 + ((v3 >>> 8) & 0x00ff00ff)) | 0;
      hits++;
    }
    if (hits > 0) foldTags(acc, hits, r0, r1, r2, r3, r4, r5, r6);
  }
  return touch;
}

/** xor of the home slots touched by probeRefs, kept so those loads are not optimised away. */
export let probeSink = 0;

/**
 * Looks the keys feats[from, to) up in an open-addressing table of [key, ref] slot pairs (`mask`
 * = slot count - 1) and writes the refs of the keys present to `refs`, in feature order; returns
 * how many. A first pass touches every key's home slot so that the cache misses overlap instead of
 * stalling one probe after another. Shared by the backbone's and the NER's frozen tables.
 */
export function probeRefs(sl: Int32Array, mask: number, feats: Int32Array, from: number, to: number, refs: Int32Array): number {
  let touch = 0;
  for (let f = from; f < to; f++) touch ^= sl[(feats[f]! & mask) << 1]!;
  probeSink = touch;
  let m = 0;
  for (let f = from; f < to; f++) {
    const key = feats[f]!;
    let i = key & mask;
    for (;;) {
      const k = sl[2 * i]!;
      if (k === key) {
        refs[m++] = sl[2 * i + 1]!;
        break;
      }
      if (k === 0) break;
      i = (i + 1) & mask;
    }
  }
  return m;
}

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
  /** scale of frozen int8 tables (weight = q * qscale) */
  private qscale = 1;
  /**
   * mixed int8 layout: hash slots [key, ref]. A sparse row has ref = (offset << 8) | count, its
   * `count` entries (class << 8) | (q & 0xff) start at `offset` in sparseEntries; a dense row has
   * ref = (index << 8) | 0xff, its weights at index * nClasses in denseRows. rowRefs[r] is the
   * ref of row r (rows in key order, for rows()).
   */
  private sparseSlots: Int32Array | null = null;
  private sparseEntries: Uint16Array | null = null;
  private denseRows: Int8Array | null = null;
  /** denseRows again, two classes per int32 (see mixedSums); built with the table */
  private densePairs: Int32Array | null = null;
  private denseBuf = new Int32Array(64);
  private rowRefs: Int32Array | null = null;
  /**
   * inline pair layout for frozen int8 tables of 5-16 classes: slots of PAIR_STRIDE int32,
   * [key, pair 0, pair 1, ...], pair h holding classes 2h and 2h+1 as (q + 128) in 16-bit halves
   */
  private pairSlots: Int32Array | null = null;
  /** tag slot layout (see TAG_STRIDE): slots, bits of the slot index, the rows that overflowed (key -> 4 words) */
  private tagSlots: Int32Array | null = null;
  private tagSlotBits = 0;
  private tagOverflow: Map<number, Int32Array> | null = null;
  /** packed inline layout for frozen int8 tables with <= 4 classes: [key, 4 x int8] */
  private packed: Int32Array | null = null;
  /** scratch of the quantised scoring paths */
  private rowBuf = new Int32Array(256);
  private pairRun = new Int32Array(8);
  private acc = new Int32Array(128);
  private packedOut: Float32Array | null = null;
  private packedAcc = new Int32Array(4);
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
      const acc = this.packedAcc;
      acc.fill(0);
      this.addPacked(feats, n, acc);
      const sc = this.qscale;
      out.fill(0, 0, C);
      out[0] = acc[0]! * sc;
      if (C > 1) out[1] = acc[1]! * sc;
      if (C > 2) out[2] = acc[2]! * sc;
      if (C > 3) out[3] = acc[3]! * sc;
      return;
    }
    if (this.isMixed) {
      const acc = this.intSums(feats, n, null);
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

  /** True for frozen int8 tables of <= 4 classes (addPacked and quantScale apply). */
  get isPacked(): boolean {
    return this.packed !== null;
  }

  /** True for frozen int8 tables of more than 4 classes (intSums and quantScale apply). */
  get isMixed(): boolean {
    return this.sparseSlots !== null || this.pairSlots !== null || this.tagSlots !== null;
  }

  /**
   * Integer sums of the int8 weights over the features, per class (a view, valid until the next
   * call): every class, or when cands is given at least the classes in cands. The score of class
   * c is fround(sum * quantScale), so callers may add sums over other features first.
   */
  intSums(feats: Int32Array, n: number, cands: Int32Array | null): Int32Array {
    return this.tagSlots ? this.tagSums(feats, n) : this.pairSlots ? this.pairSums(feats, n) : this.mixedSums(feats, n, cands);
  }

  /** Weight = integer sum * quantScale for int8 tables. */
  get quantScale(): number {
    return this.qscale;
  }

  /**
   * acc[c] += integer sum of the int8 weights of class c over the features feats[from .. n)
   * (packed tables). The score of class c is fround(sum * quantScale), so callers may split the
   * features into groups, sum the groups separately and add: integer sums do not depend on the
   * order.
   */
  addPacked(feats: Int32Array, n: number, acc: Int32Array, from = 0): void {
    const pk = this.packed!;
    const mask = this.inlineMask;
    let touch = 0;
    for (let f = from; f < n; f++) touch ^= pk[(feats[f]! & mask) << 1]!;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let f = from; f < n; f++) {
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
    acc[0]! += a0;
    acc[1]! += a1;
    acc[2]! += a2;
    acc[3]! += a3;
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
    if (this.isMixed) {
      const acc = this.intSums(feats, n, cands);
      const sc = this.qscale;
      for (let j = 0; j < m; j++) out[cands[j]!] = acc[cands[j]!]! * sc;
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

  /**
   * Integer sums over the features, per class, of an inline pair table (all classes; exact). The
   * slots of all features are touched first so that their cache misses overlap (see score); then
   * each hit adds its pair words, two classes per 32-bit add, into running sums that are folded
   * into acc every PAIR_FLUSH hits, before a 16-bit half could carry into the other.
   */
  private pairSums(feats: Int32Array, n: number): Int32Array {
    const C = this.nClasses;
    const H = (C + 1) >> 1;
    if (this.acc.length < C) this.acc = new Int32Array(C);
    const acc = this.acc;
    acc.fill(0, 0, C);
    const ps = this.pairSlots!;
    const mask = this.inlineMask;
    let touch = 0;
    for (let f = 0; f < n; f++) touch ^= ps[(feats[f]! & mask) * PAIR_STRIDE]!;
    this.sink = touch;
    const run = this.pairRun;
    run.fill(0);
    let hits = 0;
    for (let f = 0; f < n; f++) {
      const key = feats[f]!;
      let i = key & mask;
      for (;;) {
        const o = i * PAIR_STRIDE;
        const k = ps[o]!;
        if (k === key) {
          for (let h = 0; h < H; h++) run[h] = (run[h]! + ps[o + 1 + h]!) | 0;
          if (++hits === PAIR_FLUSH) {
            foldPairs(run, H, C, hits, acc);
            hits = 0;
          }
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    if (hits > 0) foldPairs(run, H, C, hits, acc);
    return acc;
  }

  /** Integer sums over the features, per class, of a tag slot table (all classes; see the tagSums function). */
  private tagSums(feats: Int32Array, n: number): Int32Array {
    const acc = this.acc;
    this.sink = tagSums(this.tagSlots!, this.tagSlotBits, this.tagOverflow!, feats, n, acc);
    // classes past nClasses were stored as zero weights
    acc.fill(0, this.nClasses, TAG_MAX_CLASSES);
    return acc;
  }

  /**
   * Integer sums over the features, per class, of a mixed int8 table (exact, so the order of the
   * additions does not matter): all classes, or at least those in cands (sparse rows add all their
   * classes, which is cheaper than picking out the candidates). The slots of all features are
   * touched before probing, and the rows of all hits before summing, so that the cache misses
   * overlap (see score).
   */
  private mixedSums(feats: Int32Array, n: number, cands: Int32Array | null): Int32Array {
    const C = this.nClasses;
    if (this.acc.length < C) this.acc = new Int32Array(C);
    const acc = this.acc;
    acc.fill(0, 0, C);
    if (this.rowBuf.length < n) this.rowBuf = new Int32Array(n);
    const refs = this.rowBuf;
    const sl = this.sparseSlots!;
    const ent = this.sparseEntries!;
    const dense = this.denseRows!;
    const mask = this.inlineMask;
    const m = probeRefs(sl, mask, feats, 0, n, refs);
    let touch = 0;
    const c0 = cands ? cands[0]! : 0;
    for (let j = 0; j < m; j++) {
      const v = refs[j]!;
      touch ^= (v & 0xff) === 0xff ? dense[(v >>> 8) * C + c0]! : ent[v >>> 8]!;
    }
    this.sink = touch;
    // sparse rows add their entries; dense rows are gathered and summed below, candidate by
    // candidate (a register sum per class) or, for all classes, two classes per 32-bit add
    if (this.denseBuf.length < m) this.denseBuf = new Int32Array(m);
    const drow = this.denseBuf;
    let nd = 0;
    for (let j = 0; j < m; j++) {
      const v = refs[j]!;
      if ((v & 0xff) === 0xff) drow[nd++] = v >>> 8;
      else {
        const end = (v >>> 8) + (v & 0xff);
        for (let e = v >>> 8; e < end; e++) {
          const x = ent[e]!;
          acc[x >>> 8]! += (x << 24) >> 24;
        }
      }
    }
    if (nd === 0) return acc;
    if (cands) {
      const nc = cands.length;
      for (let x = 0; x < nc; x++) {
        const c = cands[x]!;
        let sum = acc[c]!;
        for (let j = 0; j < nd; j++) sum += dense[drow[j]! * C + c]!;
        acc[c] = sum;
      }
    } else if (nd > 257) {
      for (let j = 0; j < nd; j++) for (let c = 0; c < C; c++) acc[c]! += dense[drow[j]! * C + c]!;
    } else {
      // pairs: word h of a dense row holds classes 2h and 2h+1 as (q + 128) in 16-bit halves, so
      // one add sums two classes; nd <= 257 rows keep each half below 2^16 (no carry between them)
      const pairs = this.densePairs!;
      const H = (C + 1) >> 1;
      for (let j = 0; j < nd; j++) drow[j] = drow[j]! * H;
      for (let h = 0; h < H; h++) {
        // the running sum stays in a register (int32 wrap-around keeps both halves exact)
        let v = 0;
        for (let j = 0; j < nd; j++) v = (v + pairs[drow[j]! + h]!) | 0;
        addPairWord(acc, h, C, v, nd);
      }
    }
    return acc;
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
    if (this.tagSlots) {
      const ts = this.tagSlots;
      const bits = this.tagSlotBits;
      const dispBits = TAG_BITS - (32 - bits);
      const keys: number[] = [];
      const w: number[] = [];
      const put = (key: number, row: Int32Array, at: number): void => {
        keys.push(key);
        for (let c = 0; c < C; c++) w.push((tagByte(row, at, c) - 128) * this.qscale);
      };
      for (let i = 0; i < ts.length / TAG_STRIDE; i++) {
        const v = ts[i * TAG_STRIDE]!;
        if (v === 0) continue;
        const home = (i - (v & ((1 << dispBits) - 1))) & ((1 << bits) - 1);
        put((((v & 0xffff) >>> dispBits) << bits) | home, ts, i * TAG_STRIDE);
      }
      for (const [key, row] of this.tagOverflow!) put(key, row, 0);
      return { keys: Int32Array.from(keys), w: Float32Array.from(w) };
    }
    if (this.pairSlots) {
      const ps = this.pairSlots;
      const keys: number[] = [];
      const w: number[] = [];
      for (let o = 0; o < ps.length; o += PAIR_STRIDE) {
        if (ps[o] === 0) continue;
        keys.push(ps[o]!);
        for (let c = 0; c < C; c++) {
          const v = ps[o + 1 + (c >> 1)]!;
          w.push((((c & 1) === 0 ? v & 0xffff : v >>> 16) - 128) * this.qscale);
        }
      }
      return { keys: Int32Array.from(keys), w: Float32Array.from(w) };
    }
    const keys = this.rowKeys.slice(0, this.nRows);
    if (this.rowRefs) {
      const ent = this.sparseEntries!;
      const dense = this.denseRows!;
      const w = new Float32Array(this.nRows * C);
      for (let r = 0; r < this.nRows; r++) {
        const v = this.rowRefs[r]!;
        if ((v & 0xff) === 0xff) {
          for (let c = 0; c < C; c++) w[r * C + c] = dense[(v >>> 8) * C + c]! * this.qscale;
        } else {
          const end = (v >>> 8) + (v & 0xff);
          for (let e = v >>> 8; e < end; e++) w[r * C + (ent[e]! >>> 8)] = ((ent[e]! << 24) >> 24) * this.qscale;
        }
      }
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

  /**
   * Rows of int8 tables with more non-zero classes than this are kept dense (see the class
   * comment). 16 was fastest for the tagger on the news sample (4, 8, 32 and all-sparse were
   * 5-40% slower); the arc labeller hardly cares.
   */
  static DENSE_ABOVE = 16;

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
    } else if (nClasses <= 2 * (PAIR_STRIDE - 1)) {
      // rows inline (one cache miss per feature); a load factor up to 3/4 keeps the table at
      // 2-4 x the weights' size (linear probing stays short at that load)
      let slots = 16;
      while (slots * 3 < keys.length * 4) slots <<= 1;
      // -128 (never written by encodeTable, which quantises to +-127) would let a row's first word
      // read as an empty slot
      if (nClasses <= TAG_MAX_CLASSES && slots >= 1 << TAG_MIN_SLOT_BITS && !q.includes(-128)) {
        t.buildTagSlots(keys, q, Math.log2(slots));
        return t;
      }
      const ps = new Int32Array(slots * PAIR_STRIDE);
      const mask = slots - 1;
      for (let r = 0; r < keys.length; r++) {
        const key = keys[r]!;
        let i = key & mask;
        while (ps[i * PAIR_STRIDE] !== 0) i = (i + 1) & mask;
        const o = i * PAIR_STRIDE;
        ps[o] = key;
        for (let h = 0; 2 * h < nClasses; h++) ps[o + 1 + h] = pairWord(q, r * nClasses, h, nClasses);
      }
      t.pairSlots = ps;
      t.inlineMask = mask;
      t.rowKeys = new Int32Array(0);
    } else if (nClasses <= 256) {
      // Loading speed: ~97% of the weights are 0, so the two scans below read the weights four at
      // a time (as int32) and only look at the bytes of non-zero words.
      const nBytes = keys.length * nClasses;
      const words32 = q.byteOffset % 4 === 0 ? new Int32Array(q.buffer, q.byteOffset, nBytes >> 2) : new Int32Array(0);
      const tail = words32.length * 4;
      const counts = new Int32Array(keys.length);
      for (let w = 0; w < words32.length; w++) {
        if (words32[w] === 0) continue;
        for (let b = 4 * w; b < 4 * w + 4; b++) if (q[b] !== 0) counts[(b / nClasses) | 0]!++;
      }
      for (let b = tail; b < nBytes; b++) if (q[b] !== 0) counts[(b / nClasses) | 0]!++;
      let nSparse = 0;
      let nDense = 0;
      for (let r = 0; r < keys.length; r++) {
        if (counts[r]! > WeightTable.DENSE_ABOVE) nDense++;
        else nSparse += counts[r]!;
      }
      // offsets / indices in 24 bits, count (or the dense mark 0xff) in 8
      if (nSparse >= 1 << 24 || nDense >= 1 << 24) throw new Error("WeightTable: too many weights for the mixed int8 layout");
      const ent = new Uint16Array(nSparse);
      const dense = new Int8Array(nDense * nClasses);
      const refs = new Int32Array(keys.length);
      // next free entry of each sparse row (-1: dense row, copied whole)
      const next = counts;
      let e = 0;
      let d = 0;
      for (let r = 0; r < keys.length; r++) {
        const k = counts[r]!;
        if (k > WeightTable.DENSE_ABOVE) {
          dense.set(q.subarray(r * nClasses, (r + 1) * nClasses), d * nClasses);
          refs[r] = (d++ << 8) | 0xff;
          next[r] = -1;
        } else {
          refs[r] = (e << 8) | k;
          next[r] = e;
          e += k;
        }
      }
      const put = (b: number): void => {
        const r = (b / nClasses) | 0;
        if (next[r]! >= 0) ent[next[r]!++] = ((b - r * nClasses) << 8) | (q[b]! & 0xff);
      };
      for (let w = 0; w < words32.length; w++) {
        if (words32[w] === 0) continue;
        for (let b = 4 * w; b < 4 * w + 4; b++) if (q[b] !== 0) put(b);
      }
      for (let b = tail; b < nBytes; b++) if (q[b] !== 0) put(b);
      const sl = new Int32Array(cap * 2);
      const mask = cap - 1;
      for (let r = 0; r < keys.length; r++) {
        const key = keys[r]!;
        let i = key & mask;
        while (sl[2 * i] !== 0) i = (i + 1) & mask;
        sl[2 * i] = key;
        sl[2 * i + 1] = refs[r]!;
      }
      const H = (nClasses + 1) >> 1;
      const pairs = new Int32Array(nDense * H);
      for (let r = 0; r < nDense; r++) for (let h = 0; h < H; h++) pairs[r * H + h] = pairWord(dense, r * nClasses, h, nClasses);
      t.sparseSlots = sl;
      t.sparseEntries = ent;
      t.denseRows = dense;
      t.densePairs = pairs;
      t.rowRefs = refs;
      t.inlineMask = mask;
    } else {
      throw new Error(`WeightTable: ${nClasses} classes are more than the int8 layouts hold`);
    }
    return t;
  }

  /** Fills the tag slot layout (see TAG_STRIDE) with 2^bits slots from int8 rows. */
  private buildTagSlots(keys: Int32Array, q: Int8Array, bits: number): void {
    const C = this.nClasses;
    const slots = 1 << bits;
    const mask = slots - 1;
    const dispBits = TAG_BITS - (32 - bits);
    const maxDisp = (1 << dispBits) - 1;
    const ts = new Int32Array(slots * TAG_STRIDE);
    const overflow = new Map<number, Int32Array>();
    const b = (r: number, c: number): number => (c < C ? q[r * C + c]! + 128 : 128);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let i = key & mask;
      let d = 0;
      while (d <= maxDisp && ts[i * TAG_STRIDE] !== 0) {
        i = (i + 1) & mask;
        d++;
      }
      // word 0 is never 0 for a row: its class bytes are q + 128 >= 1 (int8 weights are >= -127)
      const row = d <= maxDisp ? ts.subarray(i * TAG_STRIDE, (i + 1) * TAG_STRIDE) : new Int32Array(TAG_STRIDE);
      row[0] = (((key >>> bits) << dispBits) | Math.min(d, maxDisp)) | (b(r, 0) << 16) | (b(r, 1) << 24);
      for (let w = 1; w < TAG_STRIDE; w++) row[w] = b(r, 4 * w - 2) | (b(r, 4 * w - 1) << 8) | (b(r, 4 * w) << 16) | (b(r, 4 * w + 1) << 24);
      if (d > maxDisp) overflow.set(key, row);
    }
    this.tagSlots = ts;
    this.tagSlotBits = bits;
    this.tagOverflow = overflow;
    this.rowKeys = new Int32Array(0);
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
