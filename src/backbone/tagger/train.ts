/** Training for the averaged-perceptron tagger. */
import type { Sentence } from "../conllu.js";
import { h1, hashString, mulberry32, shuffle } from "../features/hash.js";
import { WeightTable } from "../features/table.js";
import { MAX_FEATS, Tagger, type AmbOverride } from "./model.js";

export interface TaggerTrainOptions {
  epochs: number;
  seed: number;
  /** words seen fewer times get no ambiguity class (treated as unknown) */
  ambMinCount: number;
  /** a tag joins a word's ambiguity class if it covers at least this share */
  ambMinShare: number;
  /** folds for jackknifed ambiguity classes (0 = none) */
  ambFolds: number;
  /** word forms seen at least this often only get the labels they took in training (0 = off) */
  candMinCount: number;
  /** times per epoch a sentence is trained on (default 1; counts and classes see it once) */
  repeat?: (s: Sentence) => number;
  /** word clusters as features (see TaggerData.clusters; tagger/clusters.ts) */
  clusters?: Map<string, number> | null;
  log?: (msg: string) => void;
  /** called after each epoch with a temporary averaged tagger (for dev scores) */
  onEpoch?: (epoch: number, tagger: Tagger) => void;
}

export const defaultTaggerOptions: TaggerTrainOptions = {
  epochs: 10,
  seed: 1,
  ambMinCount: 3,
  ambMinShare: 0.05,
  ambFolds: 10,
  candMinCount: 20,
};

export function tagLabel(s: Sentence, i: number): string {
  return `${s.upos[i]}\t${s.xpos[i]}`;
}

type Counts = Map<string, Map<number, number>>;

function countTags(sents: Sentence[], labels: Map<string, number>): Counts {
  const counts: Counts = new Map();
  const bump = (key: string, lab: number): void => {
    let m = counts.get(key);
    if (!m) counts.set(key, (m = new Map()));
    m.set(lab, (m.get(lab) ?? 0) + 1);
  };
  for (const s of sents) {
    for (let i = 0; i < s.words.length; i++) {
      const lab = labels.get(tagLabel(s, i))!;
      bump(s.words[i]!, lab);
      bump("\u0001" + s.words[i]!.toLowerCase(), lab);
    }
  }
  return counts;
}

function ambClass(m: Map<number, number> | undefined, minus: Map<number, number> | undefined, minCount: number, minShare: number): number | undefined {
  if (!m) return undefined;
  let total = 0;
  const entries: [number, number][] = [];
  for (const [t, v0] of m) {
    const v = v0 - (minus?.get(t) ?? 0);
    if (v > 0) {
      entries.push([t, v]);
      total += v;
    }
  }
  if (total < minCount) return undefined;
  const tags = entries.filter(([, v]) => v >= minShare * total).map(([t]) => t).sort((a, b) => a - b);
  return h1(hashString("amb"), hashString(tags.join(",")));
}

export function buildCandidates(sents: Sentence[], labels: Map<string, number>, minCount: number): Map<string, Int32Array> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of sents) for (let i = 0; i < s.words.length; i++) {
    let m = counts.get(s.words[i]!);
    if (!m) counts.set(s.words[i]!, (m = new Map()));
    const lab = labels.get(tagLabel(s, i))!;
    m.set(lab, (m.get(lab) ?? 0) + 1);
  }
  const out = new Map<string, Int32Array>();
  for (const [w, m] of counts) {
    let total = 0;
    for (const v of m.values()) total += v;
    if (total >= minCount) out.set(w, Int32Array.from([...m.keys()].sort((a, b) => a - b)));
  }
  return out;
}

export function buildAmbiguityClasses(sents: Sentence[], labels: Map<string, number>, minCount: number, minShare: number): Map<string, number> {
  const counts = countTags(sents, labels);
  const amb = new Map<string, number>();
  for (const [key, m] of counts) {
    const a = ambClass(m, undefined, minCount, minShare);
    if (a !== undefined) amb.set(key, a);
  }
  return amb;
}

/**
 * Jackknifed ambiguity classes for training sentences: each sentence sees the
 * classes computed without its own fold, as unseen text would at test time.
 */
function jackknifeAmbiguity(tagger: Tagger, sents: Sentence[], labels: Map<string, number>, folds: number, minCount: number, minShare: number): AmbOverride[] {
  const full = countTags(sents, labels);
  const out: AmbOverride[] = new Array(sents.length);
  for (let f = 0; f < folds; f++) {
    const idx: number[] = [];
    for (let i = 0; i < sents.length; i++) if (Math.floor((i * folds) / sents.length) === f) idx.push(i);
    const foldCounts = countTags(idx.map((i) => sents[i]!), labels);
    const cache = new Map<string, number>();
    const cacheL = new Map<string, number>();
    const lower = (w: string): number | undefined => {
      const lk = "\u0001" + w.toLowerCase();
      return ambClass(full.get(lk), foldCounts.get(lk), minCount, minShare);
    };
    const get = (w: string): number => {
      let a = cache.get(w);
      if (a !== undefined) return a;
      a = ambClass(full.get(w), foldCounts.get(w), minCount, minShare) ?? lower(w) ?? tagger.unknownAmb(w);
      cache.set(w, a);
      return a;
    };
    const getL = (w: string): number => {
      let a = cacheL.get(w);
      if (a !== undefined) return a;
      a = lower(w) ?? Tagger.UNKNOWN_LOWER;
      cacheL.set(w, a);
      return a;
    };
    for (const i of idx) {
      const ws = sents[i]!.words;
      out[i] = { amb: Int32Array.from(ws.map(get)), ambLower: Int32Array.from(ws.map(getL)) };
    }
  }
  return out;
}

export interface TagStrings {
  upos: string[];
  xpos: string[];
}

/**
 * Train the tagger. With `firstPass` (jackknifed first-pass tags for `train`,
 * same order) a second pass is trained on top that also sees those tags.
 */
export function trainTagger(train: Sentence[], opts: TaggerTrainOptions, firstPass?: TagStrings[]): Tagger {
  const labelIds = new Map<string, number>();
  for (const s of train) for (let i = 0; i < s.words.length; i++) {
    const l = tagLabel(s, i);
    if (!labelIds.has(l)) labelIds.set(l, labelIds.size);
  }
  const labels = [...labelIds.keys()];
  const amb = buildAmbiguityClasses(train, labelIds, opts.ambMinCount, opts.ambMinShare);
  const table = new WeightTable(labels.length, true, 1 << 18);
  const tagger = new Tagger({ labels, amb, table, clusters: opts.clusters ?? null });
  const gold = train.map((s) => Int32Array.from(s.words.map((_, i) => labelIds.get(tagLabel(s, i))!)));
  let ambs: AmbOverride[] | null = null;
  if (opts.ambFolds > 1) ambs = jackknifeAmbiguity(tagger, train, labelIds, opts.ambFolds, opts.ambMinCount, opts.ambMinShare);
  trainPass(tagger, table, train, gold, ambs, null, opts, "tagger");
  if (opts.candMinCount > 0) tagger.cands = buildCandidates(train, labelIds, opts.candMinCount);
  if (firstPass) {
    const right = firstPass.map((t) => Int32Array.from(t.upos.map((u, i) => labelIds.get(`${u}\t${t.xpos[i]}`) ?? 0)));
    const table2 = new WeightTable(labels.length, true, 1 << 18);
    trainPass(tagger, table2, train, gold, ambs, right, opts, "tagger pass 2");
    tagger.table2 = table2;
  }
  return tagger;
}

function trainPass(
  tagger: Tagger,
  table: WeightTable,
  train: Sentence[],
  gold: Int32Array[],
  ambs: AmbOverride[] | null,
  right: Int32Array[] | null,
  opts: TaggerTrainOptions,
  name: string,
): void {
  const rand = mulberry32(opts.seed);
  const order = train.map((_, i) => i);
  if (opts.repeat) {
    const reps = train.map((s) => opts.repeat!(s));
    for (let r = 2; reps.some((x) => x >= r); r++) reps.forEach((x, i) => x >= r && order.push(i));
  }
  const feats = new Int32Array(MAX_FEATS);
  const C = tagger.labels.length;
  const scores = new Float32Array(C);
  let c = 1;
  for (let ep = 0; ep < opts.epochs; ep++) {
    shuffle(order, rand);
    let correct = 0;
    let total = 0;
    const t0 = Date.now();
    for (const si of order) {
      const s = train[si]!;
      const g = gold[si]!;
      const r = right ? right[si]! : null;
      const ctx = tagger.context(s.words, ambs ? ambs[si] : undefined);
      let p1 = -1;
      let p2 = -1;
      for (let i = 0; i < ctx.n; i++) {
        const k = tagger.features(ctx, i, p1, p2, feats, r);
        table.score(feats, k, scores);
        const gi = g[i]!;
        // best rival of the gold label; a tie counts as an error
        let rival = gi === 0 ? 1 : 0;
        for (let cc = 0; cc < C; cc++) if (cc !== gi && scores[cc]! > scores[rival]!) rival = cc;
        const best = scores[rival]! >= scores[gi]! ? rival : gi;
        if (best !== gi) {
          table.update(feats, k, gi, 1, c);
          table.update(feats, k, best, -1, c);
        } else correct++;
        total++;
        c++;
        p2 = p1;
        p1 = best;
      }
    }
    opts.log?.(`${name} epoch ${ep + 1}: train acc ${(100 * correct / total).toFixed(2)} rows ${table.nRows} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  }
  table.average(c);
}

/** Jackknifed single-pass tags for `train` (each fold tagged by a tagger trained on the others). */
export function jackknifeTags(train: Sentence[], folds: number, opts: TaggerTrainOptions, log?: (m: string) => void): TagStrings[] {
  const out: TagStrings[] = new Array(train.length);
  for (let f = 0; f < folds; f++) {
    // contiguous folds: held-out documents are unseen, as at test time
    const held: number[] = [];
    const rest: Sentence[] = [];
    train.forEach((s, i) => (Math.floor((i * folds) / train.length) === f ? held.push(i) : rest.push(s)));
    const t = trainTagger(rest, { ...opts, log: undefined });
    let ok = 0, n = 0;
    for (const i of held) {
      const s = train[i]!;
      const tg = t.tag(s.words);
      out[i] = tg;
      for (let j = 0; j < s.words.length; j++, n++) if (tg.upos[j] === s.upos[j]) ok++;
    }
    log?.(`jackknife fold ${f + 1}/${folds}: held-out UPOS ${((100 * ok) / n).toFixed(2)}`);
  }
  return out;
}
