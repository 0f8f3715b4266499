/**
 * Averaged-perceptron POS tagger predicting a combined UPOS+XPOS label,
 * greedy left-to-right with the two previous predicted tags as history.
 * Features use hashed word strings, affixes, shapes, a +/-2 word window and
 * "ambiguity classes" (the set of tags seen with a word in training).
 */
import { h1, h2, h3, hashString } from "../features/hash.js";
import { WeightTable } from "../features/table.js";
import { WF, WordFeatureCache } from "../features/word.js";

export interface TaggerData {
  labels: string[];
  /** frequent word form -> the only labels it took in training (decoding restriction) */
  cands?: Map<string, Int32Array>;
  /** optional second pass that also sees the first pass's tags to the right */
  table2?: WeightTable | null;
  /** word form (or "\u0001" + lowercase form) -> ambiguity class hash */
  amb: Map<string, number>;
  table: WeightTable;
}

const START = new Int32Array(WF.Size).fill(hashString("<s>"));
const END = new Int32Array(WF.Size).fill(hashString("</s>"));
const AMB_START = hashString("amb<s>");
const AMB_END = hashString("amb</s>");
const AMB_UNK = hashString("amb?");
export const MAX_FEATS = 64;

/** Per-sentence precomputed context. */
export interface TagContext {
  n: number;
  wf: Int32Array[]; // with 2 sentinels each side: index i+2
  amb: Int32Array; // with 2 sentinels each side
  /** per word: allowed labels, or null for all */
  cands: (Int32Array | null)[];
  /** ambiguity class of the lowercased form alone, same layout */
  ambLower: Int32Array;
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
  cands: Map<string, Int32Array>;
  private cache = new WordFeatureCache();
  private feats = new Int32Array(MAX_FEATS);
  private scores: Float32Array;

  constructor(d: TaggerData) {
    this.labels = d.labels;
    this.uposOf = d.labels.map((l) => l.split("\t")[0]!);
    this.xposOf = d.labels.map((l) => l.split("\t")[1] ?? "_");
    this.table = d.table;
    this.table2 = d.table2 ?? null;
    this.cands = d.cands ?? new Map();
    this.amb = d.amb;
    this.scores = new Float32Array(d.labels.length);
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
    const wf: Int32Array[] = new Array(n + 4);
    const amb = new Int32Array(n + 4);
    const ambLower = new Int32Array(n + 4);
    const cands: (Int32Array | null)[] = new Array(n);
    wf[0] = START;
    wf[1] = START;
    amb[0] = AMB_START;
    amb[1] = AMB_START;
    for (let i = 0; i < n; i++) {
      wf[i + 2] = this.cache.get(words[i]!);
      cands[i] = ambOverride ? null : this.cands.get(words[i]!) ?? null;
      if (ambOverride) {
        amb[i + 2] = ambOverride.amb[i]!;
        ambLower[i + 2] = ambOverride.ambLower[i]!;
      } else {
        const w = words[i]!;
        amb[i + 2] = this.ambOf(w);
        ambLower[i + 2] = this.amb.get("\u0001" + w.toLowerCase()) ?? AMBL_UNK;
      }
    }
    wf[n + 2] = END;
    wf[n + 3] = END;
    amb[n + 2] = AMB_END;
    amb[n + 3] = AMB_END;
    return { n, wf, amb, ambLower, cands };
  }

  /**
   * Fill feature keys for token i given previous tags p1, p2 (label ids, -1 = start).
   * With `right` (first-pass label ids), adds second-pass features.
   */
  features(ctx: TagContext, i: number, p1: number, p2: number, out: Int32Array, right?: Int32Array | null): number {
    const j = i + 2;
    const w = ctx.wf[j]!;
    const wm1 = ctx.wf[j - 1]!;
    const wm2 = ctx.wf[j - 2]!;
    const wp1 = ctx.wf[j + 1]!;
    const wp2 = ctx.wf[j + 2]!;
    const a = ctx.amb;
    const t1 = p1 + 2;
    const t2 = p2 + 2;
    let k = 0;
    out[k++] = h1(0, 1);
    out[k++] = h1(1, w[WF.Word]!);
    out[k++] = h1(2, w[WF.Lower]!);
    out[k++] = h1(3, w[WF.Suf1]!);
    out[k++] = h1(4, w[WF.Suf2]!);
    out[k++] = h1(5, w[WF.Suf3]!);
    out[k++] = h1(6, w[WF.Suf4]!);
    out[k++] = h1(7, w[WF.Pre1]!);
    out[k++] = h1(8, w[WF.Pre2]!);
    out[k++] = h1(9, w[WF.Pre3]!);
    out[k++] = h1(10, w[WF.Pre4]!);
    out[k++] = h1(11, w[WF.Shape]!);
    out[k++] = h1(12, w[WF.Short]!);
    out[k++] = h2(13, w[WF.Flags]!, i === 0 ? 1 : 0);
    out[k++] = h1(14, a[j]!);
    out[k++] = h1(15, wm1[WF.Lower]!);
    out[k++] = h1(16, wp1[WF.Lower]!);
    out[k++] = h1(17, wm2[WF.Lower]!);
    out[k++] = h1(18, wp2[WF.Lower]!);
    out[k++] = h1(19, wm1[WF.Suf3]!);
    out[k++] = h1(20, wp1[WF.Suf3]!);
    out[k++] = h1(21, wp1[WF.Short]!);
    out[k++] = h1(22, a[j + 1]!);
    out[k++] = h1(23, a[j + 2]!);
    out[k++] = h1(24, a[j - 1]!);
    out[k++] = h2(25, w[WF.Lower]!, wp1[WF.Lower]!);
    out[k++] = h2(26, wm1[WF.Lower]!, w[WF.Lower]!);
    out[k++] = h2(27, a[j]!, a[j + 1]!);
    out[k++] = h2(28, w[WF.Lower]!, a[j + 1]!);
    out[k++] = h2(29, wm1[WF.Short]!, w[WF.Short]!);
    out[k++] = h3(30, a[j - 1]!, a[j]!, a[j + 1]!);
    out[k++] = h2(31, w[WF.Suf3]!, a[j + 1]!);
    out[k++] = h2(32, i === 0 ? 1 : 0, w[WF.Word]!);
    const al = ctx.ambLower[j]!;
    out[k++] = h1(33, al);
    out[k++] = h3(34, al, w[WF.Flags]!, i === 0 ? 1 : 0);
    out[k++] = h2(35, a[j]!, i === 0 ? 1 : 0);
    out[k++] = h2(36, al, a[j + 1]!);
    // history
    out[k++] = h1(40, t1);
    out[k++] = h1(41, t2);
    out[k++] = h2(42, t1, t2);
    out[k++] = h2(43, t1, w[WF.Lower]!);
    out[k++] = h2(44, t1, w[WF.Suf3]!);
    out[k++] = h2(45, t1, a[j + 1]!);
    out[k++] = h2(46, t1, a[j]!);
    out[k++] = h3(47, t1, t2, a[j]!);
    out[k++] = h2(48, t1, w[WF.Short]!);
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
      out[k++] = h2(55, w[WF.Lower]!, r1);
      out[k++] = h2(56, w[WF.Suf3]!, r1);
      out[k++] = h3(57, t1, r1, a[j]!);
      out[k++] = h2(58, r0, a[j]!);
      out[k++] = h3(59, t1, r0, r1);
      out[k++] = h2(60, wp1[WF.Lower]!, r2);
    }
    return k;
  }

  /** Predict label ids (both passes when a second pass is present). */
  tagIds(words: readonly string[]): Int32Array {
    const ctx = this.context(words);
    const first = this.greedy(ctx, this.table, null);
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
