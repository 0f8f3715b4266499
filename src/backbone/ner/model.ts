/**
 * Structured (averaged) perceptron sequence labeller: hashed emission
 * features, a tag-bigram transition matrix and constrained Viterbi over
 * BIO / BILOU tags. Also the compact model file format.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { sharedVocab, WordColumns, WordSums } from "../features/vocab.js";
import { extractFeatures, FeatureScratch, MAX_FEATS_PER_TOKEN, MAX_WORD_FEATS, WORD_VALUES, wordFeatureKeys, wordValues, type PosTags } from "./features.js";
import type { WordStats } from "./clusters.js";
import { TagSet, type Scheme, type Span } from "./tags.js";
import { IntMap, WeightTable } from "./util.js";

const NEG = -1e30;

export class NerModel {
  readonly tags: TagSet;
  readonly stats: WordStats;
  table: WeightTable;
  /** (T+1) x T: row T = sentence start */
  trans: Float32Array;
  /** T: score of ending on a tag */
  endW: Float32Array;
  private transU: Float32Array | null = null;
  private endU: Float32Array | null = null;
  meta: Record<string, unknown> = {};
  /**
   * Predicted-tag features the model uses (features.ts POS_* bits; kept in meta.posMode in the file).
   * 0: words only, as models before them; otherwise every decode needs the sentence's tags.
   */
  posMode = 0;

  private scratch = new FeatureScratch();
  /** per word id of the shared vocabulary: the word's values (wordValues), computed once */
  private columns = new WordColumns(sharedVocab, WORD_VALUES);
  computeWordValues(w: string, values: Int32Array, o: number): void {
    wordValues(w, this.stats, values, o);
  }
  /**
   * per word id: the summed emission weights of its word-only features (wordFeatureKeys), so that
   * decoding looks up only a token's context features (about 27 of 47)
   */
  private wordSums: WordSums;
  /** the table wordSums were summed from (a model whose table is replaced must not use them) */
  private wordSumsTable: WeightTable | null = null;
  private wordKeys = new Int32Array(MAX_WORD_FEATS);
  computeWordSums(id: number, sums: Float32Array, offset: number): void {
    const n = wordFeatureKeys(this.columns.values, id * WORD_VALUES, this.wordKeys, 0);
    this.table.addScores(this.wordKeys, 0, n, sums, offset);
  }
  private emis = new Float32Array(0);
  private delta = new Float32Array(0);
  private back = new Int32Array(0);
  private path = new Int32Array(0);
  /** allowed predecessors of each tag (not the sentence start): preds[predStart[b] .. predStart[b + 1]) */
  private readonly preds: Int32Array;
  private readonly predStart: Int32Array;

  constructor(scheme: Scheme, stats: WordStats, training: boolean) {
    this.tags = new TagSet(scheme);
    this.stats = stats;
    const T = this.tags.size;
    this.table = new WeightTable(T, training, training ? 1 << 18 : 16);
    this.wordSums = new WordSums(sharedVocab, T);
    this.trans = new Float32Array((T + 1) * T);
    this.endW = new Float32Array(T);
    this.predStart = new Int32Array(T + 1);
    const preds: number[] = [];
    for (let b = 0; b < T; b++) {
      for (let a = 0; a < T; a++) if (this.tags.allowed[a * T + b]) preds.push(a);
      this.predStart[b + 1] = preds.length;
    }
    this.preds = Int32Array.from(preds);
    if (training) {
      this.transU = new Float32Array((T + 1) * T);
      this.endU = new Float32Array(T);
    }
  }

  /** Emission scores of the last decoded sentence: n x T (a view, valid until the next decode). */
  get lastEmissions(): Float32Array {
    return this.emis;
  }

  /**
   * Features of the last decoded sentence (for training): all of them, or only the context part when
   * a frozen (loaded) model decoded it with its word sums.
   */
  get lastScratch(): FeatureScratch {
    return this.scratch;
  }

  /**
   * Decode a sentence; returns tag indices (a view valid until the next call).
   * `adjust` (n x T) is added to the emission scores (a large negative value forbids a tag; see typeSpans).
   */
  decodeTags(words: readonly string[], precomputed?: { feats: Int32Array; nf: Int32Array }, adjust?: Float32Array, tags?: PosTags): Int32Array {
    const n = words.length;
    const T = this.tags.size;
    if (this.path.length < n) {
      let cap = 64;
      while (cap < n) cap *= 2;
      this.emis = new Float32Array(cap * T);
      this.delta = new Float32Array(cap * T);
      this.back = new Int32Array(cap * T);
      this.path = new Int32Array(cap);
    }
    if (n === 0) return this.path.subarray(0, 0);
    const M = MAX_FEATS_PER_TOKEN;
    const emis = this.emis;
    if (precomputed || !this.table.frozen) {
      // training: every feature of every token, word-only ones first
      let feats: Int32Array;
      let nf: Int32Array;
      if (precomputed) ({ feats, nf } = precomputed);
      else {
        const ids = sharedVocab.sentence(words);
        extractFeatures(words, this.stats, this.scratch, { ids, values: this.columns.fill(words, ids, this) }, tags, this.posMode);
        ({ feats, nf } = this.scratch);
      }
      emis.fill(0, 0, n * T);
      for (let i = 0; i < n; i++) this.table.addScores(feats, i * M, i * M + nf[i]!, emis, i * T);
    } else {
      if (this.wordSumsTable !== this.table) {
        this.wordSums.clear();
        this.wordSumsTable = this.table;
      }
      // the word-only features' sum of each word, then the token's context features added to it:
      // the same float32 additions in the same order as above
      const ids = sharedVocab.sentence(words);
      extractFeatures(words, this.stats, this.scratch, { ids, values: this.columns.fill(words, ids, this) }, tags, this.posMode, true);
      const sums = this.wordSums.fill(ids, this);
      const { feats, nf } = this.scratch;
      for (let i = 0; i < n; i++) {
        const from = ids[i]! * T;
        const to = i * T;
        for (let c = 0; c < T; c++) emis[to + c] = sums[from + c]!;
        this.table.addScores(feats, i * M, i * M + nf[i]!, emis, i * T);
      }
    }
    if (adjust) for (let k = 0; k < n * T; k++) emis[k]! += adjust[k]!;
    const allowed = this.tags.allowed;
    const trans = this.trans;
    const delta = this.delta;
    const back = this.back;
    const predStart = this.predStart;
    const preds = this.preds;
    for (let b = 0; b < T; b++) delta[b] = allowed[T * T + b] ? trans[T * T + b]! + emis[b]! : NEG;
    for (let i = 1; i < n; i++) {
      const o = i * T;
      const po = o - T;
      for (let b = 0; b < T; b++) {
        let best = NEG;
        let arg = 0;
        // only the allowed predecessors, in increasing order as in a full scan with a skip
        for (let p = predStart[b]!; p < predStart[b + 1]!; p++) {
          const a = preds[p]!;
          const v = delta[po + a]! + trans[a * T + b]!;
          if (v > best) {
            best = v;
            arg = a;
          }
        }
        delta[o + b] = best + emis[o + b]!;
        back[o + b] = arg;
      }
    }
    let best = NEG;
    let arg = 0;
    const lo = (n - 1) * T;
    for (let b = 0; b < T; b++) {
      if (!this.tags.allowedEnd[b]) continue;
      const v = delta[lo + b]! + this.endW[b]!;
      if (v > best) {
        best = v;
        arg = b;
      }
    }
    const path = this.path;
    path[n - 1] = arg;
    for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]!]!;
    return path.subarray(0, n);
  }

  /** Internal-class spans (PERSON / ORG / LOC / NORP). */
  predictSpans(words: readonly string[], tags?: PosTags): Span[] {
    return this.tags.decode(this.decodeTags(words, undefined, undefined, tags), words.length);
  }

  /**
   * Type given candidate spans (silver labelling): each span becomes one entity of the
   * best-scoring class covering exactly the span, or stays O; all other tokens are O.
   * `oPenalty` is subtracted from the O score of every span token (favouring an entity).
   */
  typeSpans(words: readonly string[], spans: readonly { start: number; end: number }[], oPenalty = 0, tags?: PosTags): Span[] {
    const n = words.length;
    const T = this.tags.size;
    const adjust = new Float32Array(n * T).fill(NEG);
    for (let i = 0; i < n; i++) adjust[i * T] = 0;
    const bilou = this.tags.scheme === "BILOU";
    for (const sp of spans) {
      for (let i = sp.start; i < sp.end; i++) {
        const pre = sp.end - sp.start === 1 ? (bilou ? "U" : "B") : i === sp.start ? "B" : i === sp.end - 1 && bilou ? "L" : "I";
        for (const c of this.tags.classes) adjust[i * T + this.tags.index.get(`${pre}-${c}`)!] = 0;
        adjust[i * T] = -oPenalty;
      }
    }
    const path = this.decodeTags(words, undefined, adjust, tags);
    return this.tags
      .decode(path, n)
      .filter((s) => spans.some((sp) => sp.start === s.start && sp.end === s.end));
  }

  /**
   * One perceptron step on a sentence with precomputed features; returns the
   * number of wrong tags. `clock` is the averaging counter.
   */
  trainStep(words: readonly string[], gold: Int32Array, feats: Int32Array, nf: Int32Array, clock: number): number {
    const pred = this.decodeTags(words, { feats, nf });
    const n = words.length;
    const T = this.tags.size;
    const M = MAX_FEATS_PER_TOKEN;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) wrong++;
    if (wrong === 0) return 0;
    const tu = this.transU!;
    const eu = this.endU!;
    const upd = (idx: number, d: number): void => {
      this.trans[idx]! += d;
      tu[idx]! += clock * d;
    };
    for (let i = 0; i < n; i++) {
      const g = gold[i]!;
      const p = pred[i]!;
      if (g !== p) {
        this.table.update(feats, i * M, i * M + nf[i]!, g, 1, clock);
        this.table.update(feats, i * M, i * M + nf[i]!, p, -1, clock);
      }
      const gp = i === 0 ? T : gold[i - 1]!;
      const pp = i === 0 ? T : pred[i - 1]!;
      if (g !== p || gp !== pp) {
        upd(gp * T + g, 1);
        upd(pp * T + p, -1);
      }
    }
    const gl = gold[n - 1]!;
    const pl = pred[n - 1]!;
    if (gl !== pl) {
      this.endW[gl]! += 1;
      eu[gl]! += clock;
      this.endW[pl]! -= 1;
      eu[pl]! -= clock;
    }
    return wrong;
  }

  finishTraining(clock: number): void {
    this.table.average(clock);
    if (this.transU) for (let i = 0; i < this.trans.length; i++) this.trans[i] = this.trans[i]! - this.transU[i]! / clock;
    if (this.endU) for (let i = 0; i < this.endW.length; i++) this.endW[i] = this.endW[i]! - this.endU[i]! / clock;
    this.transU = null;
    this.endU = null;
  }

  /** Copy of weights (for picking the best epoch during training). */
  snapshotAveraged(clock: number): NerModel {
    const m = new NerModel(this.tags.scheme, this.stats, false);
    const T = this.tags.size;
    const tb = this.table as unknown as { u: Float32Array | null };
    const w = new Float32Array(this.table.nRows * T);
    const u = tb.u;
    for (let i = 0; i < w.length; i++) w[i] = this.table.w[i]! - (u ? u[i]! / clock : 0);
    m.table = WeightTable.fromRows(T, this.table.rowKeys.slice(0, this.table.nRows), w);
    for (let i = 0; i < m.trans.length; i++) m.trans[i] = this.trans[i]! - (this.transU ? this.transU[i]! / clock : 0);
    for (let i = 0; i < T; i++) m.endW[i] = this.endW[i]! - (this.endU ? this.endU[i]! / clock : 0);
    m.meta = { ...this.meta };
    m.posMode = this.posMode;
    return m;
  }
}

// ------------------------------------------------------------------ model file

const MAGIC = "WSNER1\n";

function writeVarints(vals: ArrayLike<number>, out: number[]): void {
  for (let i = 0; i < vals.length; i++) {
    let v = vals[i]!;
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
}

function readVarints(buf: Buffer, off: number, n: number): { vals: Float64Array; off: number } {
  const vals = new Float64Array(n);
  let p = off;
  for (let i = 0; i < n; i++) {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[p++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    vals[i] = v;
  }
  return { vals, off: p };
}

/** Sorted unsigned keys as delta varints. */
function encodeKeys(keys: Int32Array): Buffer {
  const out: number[] = [];
  const d = new Float64Array(keys.length);
  let prev = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]! >>> 0;
    d[i] = k - prev;
    prev = k;
  }
  writeVarints(d, out);
  return Buffer.from(out);
}

function decodeKeys(buf: Buffer, off: number, n: number): { keys: Int32Array; off: number } {
  const r = readVarints(buf, off, n);
  const keys = new Int32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev += r.vals[i]!;
    keys[i] = prev | 0;
  }
  return { keys, off: r.off };
}

function sortedMap(m: IntMap): { keys: Int32Array; vals: Int32Array } {
  return m.entries();
}

/**
 * Save: weights quantised to int8 with one float32 scale per row; rows whose
 * largest |weight| is below `prune` (relative to the table maximum) or that
 * quantise to all zeros are dropped; keys delta-varint coded; gzip -9.
 */
export function encodeModel(m: NerModel, prune = 0): Buffer {
  const T = m.tags.size;
  const t = m.table;
  let gmax = 0;
  for (let i = 0; i < t.nRows * T; i++) gmax = Math.max(gmax, Math.abs(t.w[i]!));
  const thr = gmax * prune;
  const rows: number[] = [];
  for (let r = 0; r < t.nRows; r++) {
    let mx = 0;
    for (let c = 0; c < T; c++) mx = Math.max(mx, Math.abs(t.w[r * T + c]!));
    if (mx > 0 && mx >= thr) rows.push(r);
  }
  rows.sort((a, b) => (t.rowKeys[a]! >>> 0) - (t.rowKeys[b]! >>> 0));
  const keys = Int32Array.from(rows.map((r) => t.rowKeys[r]!));
  const scales = new Float32Array(rows.length);
  const q = new Int8Array(rows.length * T);
  rows.forEach((r, j) => {
    let mx = 0;
    for (let c = 0; c < T; c++) mx = Math.max(mx, Math.abs(t.w[r * T + c]!));
    const s = mx / 127;
    scales[j] = s;
    for (let c = 0; c < T; c++) q[j * T + c] = Math.round(t.w[r * T + c]! / s);
  });
  // transpose int8 weights column-major: compresses better
  const qt = new Int8Array(q.length);
  for (let j = 0; j < rows.length; j++) for (let c = 0; c < T; c++) qt[c * rows.length + j] = q[j * T + c]!;
  const cl = sortedMap(m.stats.clusters);
  const cp = sortedMap(m.stats.caps);
  const capVals = Int8Array.from(cp.vals);
  const pp = sortedMap(m.stats.propn);
  const propnVals = Int8Array.from(pp.vals);
  const header = {
    // a words-only model's header stays as before tag features existed
    meta: m.posMode ? { ...m.meta, posMode: m.posMode } : m.meta,
    scheme: m.tags.scheme,
    classes: m.tags.classes,
    T,
    rows: rows.length,
    clusters: cl.keys.length,
    caps: cp.keys.length,
    propn: pp.keys.length,
  };
  const hb = Buffer.from(JSON.stringify(header), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(hb.length);
  const f32 = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const i32 = (a: Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [
    Buffer.from(MAGIC),
    len,
    hb,
    f32(m.trans),
    f32(m.endW),
    encodeKeys(keys),
    f32(scales),
    Buffer.from(qt.buffer),
    encodeKeys(cl.keys),
    i32(cl.vals),
    encodeKeys(cp.keys),
    Buffer.from(capVals.buffer),
    encodeKeys(pp.keys),
    Buffer.from(propnVals.buffer),
  ];
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeModel(buf: Buffer): NerModel {
  const raw = gunzipSync(buf);
  if (raw.toString("utf8", 0, MAGIC.length) !== MAGIC) throw new Error("ner model: bad magic");
  let off = MAGIC.length;
  const hlen = raw.readUInt32LE(off);
  off += 4;
  const h = JSON.parse(raw.toString("utf8", off, off + hlen)) as {
    meta: Record<string, unknown>;
    scheme: Scheme;
    T: number;
    rows: number;
    clusters: number;
    caps: number;
    propn: number;
  };
  off += hlen;
  const T = h.T;
  const f32 = (n: number): Float32Array => {
    const a = new Float32Array(n);
    Buffer.from(a.buffer).set(raw.subarray(off, off + 4 * n));
    off += 4 * n;
    return a;
  };
  const trans = f32((T + 1) * T);
  const endW = f32(T);
  const k = decodeKeys(raw, off, h.rows);
  off = k.off;
  const scales = f32(h.rows);
  const w = new Float32Array(h.rows * T);
  for (let c = 0; c < T; c++) {
    for (let j = 0; j < h.rows; j++) {
      const b = raw[off + c * h.rows + j]!;
      w[j * T + c] = ((b << 24) >> 24) * scales[j]!;
    }
  }
  off += h.rows * T;
  const ck = decodeKeys(raw, off, h.clusters);
  off = ck.off;
  const cv = new Int32Array(h.clusters);
  Buffer.from(cv.buffer).set(raw.subarray(off, off + 4 * h.clusters));
  off += 4 * h.clusters;
  const pk = decodeKeys(raw, off, h.caps);
  off = pk.off;
  const clusters = new IntMap(h.clusters);
  for (let i = 0; i < h.clusters; i++) clusters.set(ck.keys[i]!, cv[i]!);
  const caps = new IntMap(h.caps);
  for (let i = 0; i < h.caps; i++) caps.set(pk.keys[i]!, (raw[off + i]! << 24) >> 24);
  off += h.caps;
  const qk = decodeKeys(raw, off, h.propn);
  off = qk.off;
  const propn = new IntMap(h.propn);
  for (let i = 0; i < h.propn; i++) propn.set(qk.keys[i]!, (raw[off + i]! << 24) >> 24);
  const m = new NerModel(h.scheme, { clusters, caps, propn }, false);
  m.table = WeightTable.fromRows(T, k.keys, w);
  m.trans.set(trans);
  m.endW.set(endW);
  m.meta = h.meta;
  m.posMode = typeof h.meta["posMode"] === "number" ? h.meta["posMode"] : 0;
  return m;
}

export function saveModel(path: string, m: NerModel, prune = 0): number {
  const buf = encodeModel(m, prune);
  writeFileSync(path, buf);
  return buf.length;
}

export function loadModel(path: string): NerModel {
  return decodeModel(readFileSync(path));
}
