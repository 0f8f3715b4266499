/**
 * Word clusters learned from unlabelled text: the predictive exchange
 * algorithm (Uszkoreit & Brants 2008), a fast relative of Brown clustering.
 *
 * Model: P(w_i | w_{i-1}) = P(w_i | c(w_i)) P(c(w_i) | w_{i-1}); the
 * log-likelihood up to constants is  sum_{v,c} f(N(v,c)) - sum_c f(N(c)),
 * f(x) = x log x. Words are moved one at a time to the cluster with the
 * largest gain. Several granularities give Brown-prefix-like features.
 * Words are lowercased and digits mapped to 0 (see normWord).
 */
import { hashString, IntMap } from "./util.js";

export function normWord(w: string): string {
  return w.toLowerCase().replace(/[0-9]/g, "0");
}

export interface ClusterOptions {
  minCount: number;
  maxVocab: number;
  sizes: number[];
  iterations: number;
  log?: (msg: string) => void;
}

export interface WordStats {
  /** hashString(normWord(w)) -> packed cluster ids (10 bits per granularity, each id + 1) */
  clusters: IntMap;
  /** hashString(lowercase w) -> capitalisation bucket 1..4 (see capBucket) */
  caps: IntMap;
  /** hashString(lowercase w) -> PROPN-ratio bucket from gold UPOS of training treebanks (see propnBucket) */
  propn: IntMap;
}

/** PROPN ratio bucket: 1 never, 2 < 30%, 3 < 70%, 4 < 100%, 5 always; +8 when seen 3+ times. */
export function propnBucket(p: number, c: number): number {
  if (c === 0) return 0;
  const r = p / c;
  const b = r === 0 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 1 ? 4 : 5;
  return b + (c >= 3 ? 8 : 0);
}

/** Build the PROPN lexicon from (form, upos) sequences. */
export function learnPropn(sents: { form: string; upos: string }[][]): IntMap {
  const c = new Map<string, number>();
  const p = new Map<string, number>();
  for (const s of sents) for (const t of s) {
    const l = t.form.toLowerCase();
    c.set(l, (c.get(l) ?? 0) + 1);
    if (t.upos === "PROPN") p.set(l, (p.get(l) ?? 0) + 1);
  }
  const m = new IntMap(c.size);
  for (const [l, n] of [...c.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) m.set(hashString(l), propnBucket(p.get(l) ?? 0, n));
  return m;
}

export function buildVocab(sents: string[][], minCount: number, maxVocab: number): { words: string[]; counts: Int32Array } {
  const cnt = new Map<string, number>();
  for (const s of sents) for (const w of s) {
    const k = normWord(w);
    cnt.set(k, (cnt.get(k) ?? 0) + 1);
  }
  const words = [...cnt.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxVocab);
  return { words: words.map((x) => x[0]), counts: Int32Array.from(words.map((x) => x[1])) };
}

/** Exchange clustering; returns cluster id per vocabulary word (ids 0..C-1). */
export function exchangeCluster(sents: string[][], vocab: string[], C: number, iterations: number, log?: (m: string) => void): Int32Array {
  // ids: 0 = boundary, 1 = unknown, 2.. = vocab
  const V = vocab.length + 2;
  const id = new Map<string, number>();
  vocab.forEach((w, i) => id.set(w, i + 2));
  const pair = new Map<number, number>();
  const wCount = new Float64Array(V);
  let total = 0;
  for (const s of sents) {
    let prev = 0;
    for (let i = 0; i <= s.length; i++) {
      const w = i < s.length ? (id.get(normWord(s[i]!)) ?? 1) : 0;
      const k = prev * V + w;
      pair.set(k, (pair.get(k) ?? 0) + 1);
      wCount[w]! += 1;
      total++;
      prev = w;
    }
  }
  // CSR of predecessors per word
  const deg = new Int32Array(V + 1);
  for (const k of pair.keys()) deg[(k % V) + 1]!++;
  for (let w = 0; w < V; w++) deg[w + 1]! += deg[w]!;
  const predV = new Int32Array(pair.size);
  const predN = new Int32Array(pair.size);
  const fill = deg.slice(0, V);
  for (const [k, n] of pair) {
    const w = k % V;
    const v = (k - w) / V;
    const p = fill[w]!++;
    predV[p] = v;
    predN[p] = n;
  }
  // f table
  const F = new Float64Array(total + 2);
  for (let x = 1; x < F.length; x++) F[x] = x * Math.log(x);
  // init: rank order round robin
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % C;
  const N = new Int32Array(V * C);
  const Nc = new Float64Array(C);
  for (let w = 0; w < V; w++) {
    const c = cls[w]!;
    Nc[c]! += wCount[w]!;
    for (let p = deg[w]!; p < deg[w + 1]!; p++) N[predV[p]! * C + c]! += predN[p]!;
  }
  const gain = new Float64Array(C);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      const a = cls[w]!;
      const nw = wCount[w]!;
      if (nw === 0) continue;
      const p0 = deg[w]!;
      const p1 = deg[w + 1]!;
      for (let p = p0; p < p1; p++) N[predV[p]! * C + a]! -= predN[p]!;
      Nc[a]! -= nw;
      for (let c = 0; c < C; c++) gain[c] = F[Nc[c]!]! - F[Nc[c]! + nw]!;
      for (let p = p0; p < p1; p++) {
        const base = predV[p]! * C;
        const n = predN[p]!;
        for (let c = 0; c < C; c++) {
          const x = N[base + c]!;
          gain[c]! += F[x + n]! - F[x]!;
        }
      }
      let best = a;
      let bg = gain[a]!;
      for (let c = 0; c < C; c++) if (gain[c]! > bg + 1e-9) {
        bg = gain[c]!;
        best = c;
      }
      if (best !== a) moved++;
      cls[w] = best;
      for (let p = p0; p < p1; p++) N[predV[p]! * C + best]! += predN[p]!;
      Nc[best]! += nw;
    }
    log?.(`  clusters C=${C} iteration ${it + 1}: moved ${moved}`);
    if (moved === 0) break;
  }
  return cls.slice(2);
}

/** Capitalisation bucket of a lowercased word from (capitalised, total) non-initial counts. */
export function capBucket(capd: number, tot: number): number {
  if (tot < 2) return 0;
  const r = capd / tot;
  return r < 0.05 ? 1 : r < 0.5 ? 2 : r < 0.95 ? 3 : 4;
}

export function learnWordStats(sents: string[][], opts: ClusterOptions): Omit<WordStats, "propn"> {
  const { words } = buildVocab(sents, opts.minCount, opts.maxVocab);
  opts.log?.(`  vocabulary ${words.length} words from ${sents.length} segments`);
  const packed = new Int32Array(words.length);
  opts.sizes.forEach((C, g) => {
    const t0 = Date.now();
    const cl = exchangeCluster(sents, words, C, opts.iterations, opts.log);
    for (let i = 0; i < words.length; i++) packed[i]! |= (cl[i]! + 1) << (10 * g);
    opts.log?.(`  clusters C=${C} done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });
  const clusters = new IntMap(words.length);
  words.forEach((w, i) => clusters.set(hashString(w), packed[i]!));
  // capitalisation statistics (non-initial positions only)
  const capd = new Map<string, number>();
  const tot = new Map<string, number>();
  for (const s of sents) {
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!;
      const c = w.charCodeAt(0);
      const isLetter = w.toLowerCase() !== w.toUpperCase();
      if (!isLetter) continue;
      const prev = s[i - 1]!;
      if (prev === "." || prev === "?" || prev === "!" || prev === '"' || prev === "“" || prev === ":") continue;
      const l = w.toLowerCase();
      tot.set(l, (tot.get(l) ?? 0) + 1);
      if (c >= 65 && c <= 90) capd.set(l, (capd.get(l) ?? 0) + 1);
    }
  }
  const caps = new IntMap(tot.size);
  for (const [l, n] of tot) {
    const b = capBucket(capd.get(l) ?? 0, n);
    if (b) caps.set(hashString(l), b);
  }
  return { clusters, caps };
}
