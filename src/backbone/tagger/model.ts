/**
 * Averaged-perceptron POS tagger predicting a combined UPOS+XPOS label,
 * greedy left-to-right with the two previous predicted tags as history.
 * Features use hashed word strings, affixes, shapes, a +/-2 word window and
 * "ambiguity classes" (the set of tags seen with a word in training).
 */
import { h1, h2, h3, hashString } from "../features/hash.js";
import { WeightTable } from "../features/table.js";
import { sharedVocab, WordColumns } from "../features/vocab.js";
import { WF, wordFeatures, WordFeatureCache } from "../features/word.js";

export interface TaggerData {
  labels: string[];
  /** frequent word form -> the only labels it took in training (decoding restriction) */
  cands?: Map<string, Int32Array>;
  /** optional second pass that also sees the first pass's tags to the right */
  table2?: WeightTable | null;
  /** word form (or "\u0001" + lowercase form) -> ambiguity class hash */
  amb: Map<string, number>;
  table: WeightTable;
  /**
   * optional word clusters (tagger/clusters.ts): normalised word (see normWord) -> packed ids,
   * 10 bits per granularity (coarse first), each id + 1 (0 = not clustered)
   */
  clusters?: Map<string, number> | null;
}

const START_HASH = hashString("<s>");
const END_HASH = hashString("</s>");
const AMB_START = hashString("amb<s>");
const AMB_END = hashString("amb</s>");
const AMB_UNK = hashString("amb?");
export const MAX_FEATS = 72;
/** per-word columns of the tagger: WF.Size word features, then these */
const COL_AMB = WF.Size;
const COL_AMB_LOWER = WF.Size + 1;
const COL_CL1 = WF.Size + 2;
const COL_CL2 = WF.Size + 3;
const TAG_COLUMNS = WF.Size + 4;
/** cluster ids of the sentinel positions */
const CL_START = 2047;
const CL_END = 2046;

/** the clusters' key of a word: lowercased, digits as 0 (as the NER's clusters) */
export function normWord(w: string): string {
  return w.toLowerCase().replace(/[0-9]/g, "0");
}

/** Per-sentence precomputed context. */
export interface TagContext {
  n: number;
  /** word features (WF.Size per position), with 2 sentinel positions each side: position i+2 */
  wf: Int32Array;
  amb: Int32Array; // with 2 sentinels each side
  /** per word: allowed labels, or null for all */
  cands: (Int32Array | null)[];
  /** ambiguity class of the lowercased form alone, same layout */
  ambLower: Int32Array;
  /** coarse and fine cluster ids (0 = none), same layout as amb; all 0 without clusters */
  cl1: Int32Array;
  cl2: Int32Array;
  /** word ids in the shared vocabulary (no sentinels), or null (training contexts) */
  ids?: Int32Array | null;
}

/** Per-word ambiguity classes supplied by the trainer (jackknifed). */
export interface AmbOverride {
  amb: Int32Array;
  ambLower: Int32Array;
}

const AMBL_UNK = hashString("ambl?");

export class Tagger {
  readonly labels: string[];
  readonly uposOf: string[];
  readonly xposOf: string[];
  readonly table: WeightTable;
  table2: WeightTable | null;
  readonly amb: Map<string, number>;
  readonly clusters: Map<string, number> | null;
  private candMap: Map<string, Int32Array>;
  private cache = new WordFeatureCache();
  /**
   * Per word id of the shared vocabulary: word features (WF.Size), ambiguity class, class of the
   * lowercase form; and its candidate labels (or null). See features/vocab.ts.
   */
  private columns = new WordColumns(sharedVocab, TAG_COLUMNS);
  private candById: (Int32Array | null)[] = [];
  computeWordValues(w: string, values: Int32Array, o: number): void {
    values.set(wordFeatures(w), o);
    values[o + COL_AMB] = this.ambOf(w);
    values[o + COL_AMB_LOWER] = this.amb.get("\u0001" + w.toLowerCase()) ?? AMBL_UNK;
    const c = this.clusterOf(w);
    values[o + COL_CL1] = c & 1023;
    values[o + COL_CL2] = (c >> 10) & 1023;
    this.candById[o / TAG_COLUMNS] = this.candMap.get(w) ?? null;
  }
  clusterOf(w: string): number {
    return this.clusters ? (this.clusters.get(normWord(w)) ?? 0) : 0;
  }
  /** per word id: offset of its word-part sums in wordPool (-1 = not yet), see wordPart */
  private poolOffset = new Int32Array(1024).fill(-1);
  private wordPool = new Int32Array(1 << 16);
  private poolUsed = 0;
  private poolEpoch = 0;
  static POOL_LIMIT = 1 << 21;
  private wfBuf = new Int32Array(64 * WF.Size);
  private ambBuf = new Int32Array(64);
  private ambLowerBuf = new Int32Array(64);
  private cl1Buf = new Int32Array(64);
  private cl2Buf = new Int32Array(64);
  private feats = new Int32Array(MAX_FEATS);
  private scores: Float32Array;

  constructor(d: TaggerData) {
    this.labels = d.labels;
    this.uposOf = d.labels.map((l) => l.split("\t")[0]!);
    this.xposOf = d.labels.map((l) => l.split("\t")[1] ?? "_");
    this.table = d.table;
    this.table2 = d.table2 ?? null;
    this.candMap = d.cands ?? new Map();
    this.amb = d.amb;
    this.clusters = d.clusters ?? null;
    this.scores = new Float32Array(d.labels.length);
  }

  /** frequent word form -> the only labels it took in training (setting it drops cached words) */
  get cands(): Map<string, Int32Array> {
    return this.candMap;
  }
  set cands(m: Map<string, Int32Array>) {
    this.candMap = m;
    this.columns = new WordColumns(sharedVocab, TAG_COLUMNS);
    this.poolEpoch = 0; // the word parts depend on the candidates: recompute them
  }

  ambOf(w: string): number {
    const a = this.amb.get(w);
    if (a !== undefined) return a;
    const b = this.amb.get("\u0001" + w.toLowerCase());
    if (b !== undefined) return b;
    return this.unknownAmb(w);
  }

  static readonly UNKNOWN_LOWER = AMBL_UNK;

  unknownAmb(w: string): number {
    return h1(AMB_UNK, this.cache.get(w)[WF.Short]!);
  }

  /** ambOverride: per-word ambiguity classes to use instead of the dictionary (training). */
  context(words: readonly string[], ambOverride?: AmbOverride): TagContext {
    const n = words.length;
    const S = WF.Size;
    // buffers reused across sentences (a context is valid until the next call)
    if (this.ambBuf.length < n + 4) {
      const m = Math.max(n + 4, this.ambBuf.length * 2);
      this.wfBuf = new Int32Array(m * S);
      this.ambBuf = new Int32Array(m);
      this.ambLowerBuf = new Int32Array(m);
      this.cl1Buf = new Int32Array(m);
      this.cl2Buf = new Int32Array(m);
    }
    const cl1 = this.cl1Buf;
    const cl2 = this.cl2Buf;
    cl1[0] = cl1[1] = cl2[0] = cl2[1] = CL_START;
    cl1[n + 2] = cl1[n + 3] = cl2[n + 2] = cl2[n + 3] = CL_END;
    const wf = this.wfBuf;
    const amb = this.ambBuf;
    const ambLower = this.ambLowerBuf;
    const cands: (Int32Array | null)[] = new Array(n);
    wf.fill(START_HASH, 0, 2 * S);
    wf.fill(END_HASH, (n + 2) * S, (n + 4) * S);
    amb[0] = AMB_START;
    amb[1] = AMB_START;
    ambLower[0] = 0;
    ambLower[1] = 0;
    if (ambOverride) {
      for (let i = 0; i < n; i++) {
        wf.set(this.cache.get(words[i]!), (i + 2) * S);
        cands[i] = null;
        amb[i + 2] = ambOverride.amb[i]!;
        ambLower[i + 2] = ambOverride.ambLower[i]!;
        const c = this.clusterOf(words[i]!);
        cl1[i + 2] = c & 1023;
        cl2[i + 2] = (c >> 10) & 1023;
      }
    } else {
      const ids = sharedVocab.sentence(words);
      const col = this.columns.fill(words, ids, this);
      for (let i = 0; i < n; i++) {
        const o = ids[i]! * TAG_COLUMNS;
        // a copy loop, not wf.set(col.subarray(...)): no view object per token
        const to = (i + 2) * S;
        for (let k = 0; k < S; k++) wf[to + k] = col[o + k]!;
        amb[i + 2] = col[o + COL_AMB]!;
        ambLower[i + 2] = col[o + COL_AMB_LOWER]!;
        cl1[i + 2] = col[o + COL_CL1]!;
        cl2[i + 2] = col[o + COL_CL2]!;
        cands[i] = this.candById[ids[i]!]!;
      }
    }
    amb[n + 2] = AMB_END;
    amb[n + 3] = AMB_END;
    ambLower[n + 2] = 0;
    ambLower[n + 3] = 0;
    return { n, wf, amb, ambLower, cands, cl1, cl2, ids: ambOverride ? null : sharedVocab.sentence(words) };
  }

  /**
   * Fill feature keys for token i given previous tags p1, p2 (label ids, -1 = start).
   * With `right` (first-pass label ids), adds second-pass features.
   */
  features(ctx: TagContext, i: number, p1: number, p2: number, out: Int32Array, right?: Int32Array | null): number {
    const j = i + 2;
    // word features of positions j-2 .. j+2, at offsets from the flat per-sentence array
    const f = ctx.wf;
    const w = j * WF.Size;
    const wm1 = w - WF.Size;
    const wm2 = w - 2 * WF.Size;
    const wp1 = w + WF.Size;
    const wp2 = w + 2 * WF.Size;
    const a = ctx.amb;
    const t1 = p1 + 2;
    const t2 = p2 + 2;
    let k = 0;
    out[k++] = h1(0, 1);
    out[k++] = h1(1, f[w + WF.Word]!);
    out[k++] = h1(2, f[w + WF.Lower]!);
    out[k++] = h1(3, f[w + WF.Suf1]!);
    out[k++] = h1(4, f[w + WF.Suf2]!);
    out[k++] = h1(5, f[w + WF.Suf3]!);
    out[k++] = h1(6, f[w + WF.Suf4]!);
    out[k++] = h1(7, f[w + WF.Pre1]!);
    out[k++] = h1(8, f[w + WF.Pre2]!);
    out[k++] = h1(9, f[w + WF.Pre3]!);
    out[k++] = h1(10, f[w + WF.Pre4]!);
    out[k++] = h1(11, f[w + WF.Shape]!);
    out[k++] = h1(12, f[w + WF.Short]!);
    out[k++] = h2(13, f[w + WF.Flags]!, i === 0 ? 1 : 0);
    out[k++] = h1(14, a[j]!);
    out[k++] = h1(15, f[wm1 + WF.Lower]!);
    out[k++] = h1(16, f[wp1 + WF.Lower]!);
    out[k++] = h1(17, f[wm2 + WF.Lower]!);
    out[k++] = h1(18, f[wp2 + WF.Lower]!);
    out[k++] = h1(19, f[wm1 + WF.Suf3]!);
    out[k++] = h1(20, f[wp1 + WF.Suf3]!);
    out[k++] = h1(21, f[wp1 + WF.Short]!);
    out[k++] = h1(22, a[j + 1]!);
    out[k++] = h1(23, a[j + 2]!);
    out[k++] = h1(24, a[j - 1]!);
    out[k++] = h2(25, f[w + WF.Lower]!, f[wp1 + WF.Lower]!);
    out[k++] = h2(26, f[wm1 + WF.Lower]!, f[w + WF.Lower]!);
    out[k++] = h2(27, a[j]!, a[j + 1]!);
    out[k++] = h2(28, f[w + WF.Lower]!, a[j + 1]!);
    out[k++] = h2(29, f[wm1 + WF.Short]!, f[w + WF.Short]!);
    out[k++] = h3(30, a[j - 1]!, a[j]!, a[j + 1]!);
    out[k++] = h2(31, f[w + WF.Suf3]!, a[j + 1]!);
    out[k++] = h2(32, i === 0 ? 1 : 0, f[w + WF.Word]!);
    const al = ctx.ambLower[j]!;
    out[k++] = h1(33, al);
    out[k++] = h3(34, al, f[w + WF.Flags]!, i === 0 ? 1 : 0);
    out[k++] = h2(35, a[j]!, i === 0 ? 1 : 0);
    out[k++] = h2(36, al, a[j + 1]!);
    if (this.clusters) {
      k = this.clusterWordFeatures(ctx, j, out, k);
      k = this.clusterContextFeatures(ctx, j, t1, out, k);
    }
    // history
    out[k++] = h1(40, t1);
    out[k++] = h1(41, t2);
    out[k++] = h2(42, t1, t2);
    out[k++] = h2(43, t1, f[w + WF.Lower]!);
    out[k++] = h2(44, t1, f[w + WF.Suf3]!);
    out[k++] = h2(45, t1, a[j + 1]!);
    out[k++] = h2(46, t1, a[j]!);
    out[k++] = h3(47, t1, t2, a[j]!);
    out[k++] = h2(48, t1, f[w + WF.Short]!);
    if (right) {
      const n = ctx.n;
      const r0 = right[i]! + 2;
      const r1 = i + 1 < n ? right[i + 1]! + 2 : 1;
      const r2 = i + 2 < n ? right[i + 2]! + 2 : 1;
      out[k++] = h1(50, r0);
      out[k++] = h1(51, r1);
      out[k++] = h1(52, r2);
      out[k++] = h2(53, r1, r2);
      out[k++] = h2(54, t1, r1);
      out[k++] = h2(55, f[w + WF.Lower]!, r1);
      out[k++] = h2(56, f[w + WF.Suf3]!, r1);
      out[k++] = h3(57, t1, r1, a[j]!);
      out[k++] = h2(58, r0, a[j]!);
      out[k++] = h3(59, t1, r0, r1);
      out[k++] = h2(60, f[wp1 + WF.Lower]!, r2);
    }
    return k;
  }

  /** Predict label ids (both passes when a second pass is present). */
  tagIds(words: readonly string[]): Int32Array {
    const ctx = this.context(words);
    const first = ctx.ids && this.table.isMixed ? this.greedyCached(ctx, ctx.ids) : this.greedy(ctx, this.table, null);
    return this.table2 ? this.greedy(ctx, this.table2, first) : first;
  }

  greedy(ctx: TagContext, table: WeightTable, right: Int32Array | null): Int32Array {
    const n = ctx.n;
    const out = new Int32Array(n);
    const feats = this.feats;
    const scores = this.scores;
    const C = this.labels.length;
    let p1 = -1;
    let p2 = -1;
    for (let i = 0; i < n; i++) {
      const cand = ctx.cands[i];
      let best = 0;
      if (cand && cand.length === 1) {
        best = cand[0]!; // frequent word with a single label in training: nothing to score
      } else if (cand) {
        const k = this.features(ctx, i, p1, p2, feats, right);
        table.scoreSubset(feats, k, cand, scores);
        best = cand[0]!;
        let bs = scores[best]!;
        for (let j = 1; j < cand.length; j++) {
          const c = cand[j]!;
          if (scores[c]! > bs) {
            bs = scores[c]!;
            best = c;
          }
        }
      } else {
        const k = this.features(ctx, i, p1, p2, feats, right);
        table.score(feats, k, scores);
        let bs = scores[0]!;
        for (let c = 1; c < C; c++) {
          if (scores[c]! > bs) {
            bs = scores[c]!;
            best = c;
          }
        }
      }
      out[i] = best;
      p2 = p1;
      p1 = best;
    }
    return out;
  }

  /**
   * The first-pass features that depend on the word alone (its form, affixes, shapes and
   * ambiguity classes; and the bias), at positions j = i + 2 of ctx: the templates 0-12, 14 and 33
   * of features().
   */
  wordOnlyFeatures(ctx: TagContext, i: number, out: Int32Array): number {
    const f = ctx.wf;
    const w = (i + 2) * WF.Size;
    let k = 0;
    out[k++] = h1(0, 1);
    out[k++] = h1(1, f[w + WF.Word]!);
    out[k++] = h1(2, f[w + WF.Lower]!);
    out[k++] = h1(3, f[w + WF.Suf1]!);
    out[k++] = h1(4, f[w + WF.Suf2]!);
    out[k++] = h1(5, f[w + WF.Suf3]!);
    out[k++] = h1(6, f[w + WF.Suf4]!);
    out[k++] = h1(7, f[w + WF.Pre1]!);
    out[k++] = h1(8, f[w + WF.Pre2]!);
    out[k++] = h1(9, f[w + WF.Pre3]!);
    out[k++] = h1(10, f[w + WF.Pre4]!);
    out[k++] = h1(11, f[w + WF.Shape]!);
    out[k++] = h1(12, f[w + WF.Short]!);
    out[k++] = h1(14, ctx.amb[i + 2]!);
    out[k++] = h1(33, ctx.ambLower[i + 2]!);
    if (this.clusters) k = this.clusterWordFeatures(ctx, i + 2, out, k);
    return k;
  }

  /** The first-pass features other than wordOnlyFeatures: features() without them, same order. */
  contextFeatures(ctx: TagContext, i: number, p1: number, p2: number, out: Int32Array): number {
    const j = i + 2;
    const f = ctx.wf;
    const w = j * WF.Size;
    const wm1 = w - WF.Size;
    const wm2 = w - 2 * WF.Size;
    const wp1 = w + WF.Size;
    const wp2 = w + 2 * WF.Size;
    const a = ctx.amb;
    const t1 = p1 + 2;
    const t2 = p2 + 2;
    const first = i === 0 ? 1 : 0;
    let k = 0;
    out[k++] = h2(13, f[w + WF.Flags]!, first);
    out[k++] = h1(15, f[wm1 + WF.Lower]!);
    out[k++] = h1(16, f[wp1 + WF.Lower]!);
    out[k++] = h1(17, f[wm2 + WF.Lower]!);
    out[k++] = h1(18, f[wp2 + WF.Lower]!);
    out[k++] = h1(19, f[wm1 + WF.Suf3]!);
    out[k++] = h1(20, f[wp1 + WF.Suf3]!);
    out[k++] = h1(21, f[wp1 + WF.Short]!);
    out[k++] = h1(22, a[j + 1]!);
    out[k++] = h1(23, a[j + 2]!);
    out[k++] = h1(24, a[j - 1]!);
    out[k++] = h2(25, f[w + WF.Lower]!, f[wp1 + WF.Lower]!);
    out[k++] = h2(26, f[wm1 + WF.Lower]!, f[w + WF.Lower]!);
    out[k++] = h2(27, a[j]!, a[j + 1]!);
    out[k++] = h2(28, f[w + WF.Lower]!, a[j + 1]!);
    out[k++] = h2(29, f[wm1 + WF.Short]!, f[w + WF.Short]!);
    out[k++] = h3(30, a[j - 1]!, a[j]!, a[j + 1]!);
    out[k++] = h2(31, f[w + WF.Suf3]!, a[j + 1]!);
    out[k++] = h2(32, first, f[w + WF.Word]!);
    const al = ctx.ambLower[j]!;
    out[k++] = h3(34, al, f[w + WF.Flags]!, first);
    out[k++] = h2(35, a[j]!, first);
    out[k++] = h2(36, al, a[j + 1]!);
    out[k++] = h1(40, t1);
    out[k++] = h1(41, t2);
    out[k++] = h2(42, t1, t2);
    out[k++] = h2(43, t1, f[w + WF.Lower]!);
    out[k++] = h2(44, t1, f[w + WF.Suf3]!);
    out[k++] = h2(45, t1, a[j + 1]!);
    out[k++] = h2(46, t1, a[j]!);
    out[k++] = h3(47, t1, t2, a[j]!);
    out[k++] = h2(48, t1, f[w + WF.Short]!);
    if (this.clusters) k = this.clusterContextFeatures(ctx, j, t1, out, k);
    return k;
  }

  /** cluster features of the word at position j alone (part of the word-only features) */
  private clusterWordFeatures(ctx: TagContext, j: number, out: Int32Array, k: number): number {
    out[k++] = h1(37, ctx.cl1[j]!);
    out[k++] = h1(38, ctx.cl2[j]!);
    return k;
  }

  /** cluster features of the context of position j (t1: previous tag + 2) */
  private clusterContextFeatures(ctx: TagContext, j: number, t1: number, out: Int32Array, k: number): number {
    const c1 = ctx.cl1;
    out[k++] = h1(39, c1[j - 1]!);
    out[k++] = h1(49, c1[j + 1]!);
    out[k++] = h2(61, ctx.cl2[j]!, c1[j + 1]!);
    out[k++] = h2(62, c1[j - 1]!, c1[j]!);
    out[k++] = h2(63, t1, c1[j]!);
    return k;
  }

  /**
   * Integer sums of the word-only features of word id (all classes, or the word's candidates in
   * candidate order), kept per word in a pool for the vocabulary's epoch: a word met again only
   * scores its context features. Returns the offset of the sums in wordPool.
   */
  private wordPart(ctx: TagContext, i: number, id: number, cand: Int32Array | null): number {
    const m = cand ? cand.length : this.labels.length;
    // start over in a new vocabulary epoch, or when the pool reaches its bound (8 MB)
    if (this.poolEpoch !== sharedVocab.epoch || this.poolUsed + m > Tagger.POOL_LIMIT) {
      this.poolEpoch = sharedVocab.epoch;
      this.poolOffset.fill(-1);
      this.poolUsed = 0;
    }
    if (id >= this.poolOffset.length) {
      const g = new Int32Array(Math.max(id + 1, this.poolOffset.length * 2)).fill(-1);
      g.set(this.poolOffset);
      this.poolOffset = g;
    }
    const known = this.poolOffset[id]!;
    if (known >= 0) return known;
    if (this.poolUsed + m > this.wordPool.length) {
      const g = new Int32Array(Math.max(this.poolUsed + m, this.wordPool.length * 2));
      g.set(this.wordPool.subarray(0, this.poolUsed));
      this.wordPool = g;
    }
    const k = this.wordOnlyFeatures(ctx, i, this.feats);
    const sums = this.table.intSums(this.feats, k, cand);
    const o = this.poolUsed;
    if (cand) for (let j = 0; j < m; j++) this.wordPool[o + j] = sums[cand[j]!]!;
    else this.wordPool.set(sums.subarray(0, m), o);
    this.poolUsed += m;
    this.poolOffset[id] = o;
    return o;
  }

  /**
   * First pass for a quantised table: per token, the cached word part (wordPart) plus the
   * context features' sums. The scores compared are fround(total * scale), the very values
   * greedy() compares, so the labels are the same.
   */
  private greedyCached(ctx: TagContext, ids: Int32Array): Int32Array {
    const n = ctx.n;
    const out = new Int32Array(n);
    const feats = this.feats;
    const table = this.table;
    const scale = table.quantScale;
    const C = this.labels.length;
    let p1 = -1;
    let p2 = -1;
    for (let i = 0; i < n; i++) {
      const cand = ctx.cands[i];
      let best = 0;
      if (cand && cand.length === 1) {
        best = cand[0]!; // frequent word with a single label in training: nothing to score
      } else {
        const o = this.wordPart(ctx, i, ids[i]!, cand);
        const pool = this.wordPool;
        const k = this.contextFeatures(ctx, i, p1, p2, feats);
        const sums = table.intSums(feats, k, cand);
        if (cand) {
          best = cand[0]!;
          let bs = Math.fround((sums[best]! + pool[o]!) * scale);
          for (let j = 1; j < cand.length; j++) {
            const c = cand[j]!;
            const v = Math.fround((sums[c]! + pool[o + j]!) * scale);
            if (v > bs) {
              bs = v;
              best = c;
            }
          }
        } else {
          let bs = Math.fround((sums[0]! + pool[o]!) * scale);
          for (let c = 1; c < C; c++) {
            const v = Math.fround((sums[c]! + pool[o + c]!) * scale);
            if (v > bs) {
              bs = v;
              best = c;
            }
          }
        }
      }
      out[i] = best;
      p2 = p1;
      p1 = best;
    }
    return out;
  }

  tag(words: readonly string[]): { upos: string[]; xpos: string[] } {
    const ids = this.tagIds(words);
    const upos = new Array<string>(ids.length);
    const xpos = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      upos[i] = this.uposOf[ids[i]!]!;
      xpos[i] = this.xposOf[ids[i]!]!;
    }
    return { upos, xpos };
  }
}
