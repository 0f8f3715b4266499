/** Training for the arc-hybrid parser: dynamic oracle with error exploration. */
import type { Sentence } from "../conllu.js";
import { hashString, mulberry32, shuffle } from "../features/hash.js";
import { WeightTable } from "../features/table.js";
import { Parser } from "./model.js";
import { LEFT, N_MOVES, RIGHT, SHIFT, projectivize } from "./system.js";

export interface ParserTrainOptions {
  epochs: number;
  seed: number;
  /** probability of following the model's (possibly wrong) move ... */
  explore: number;
  /** ... from this epoch on (0-based) */
  exploreFrom: number;
  /**
   * a label is a decoding candidate for a (direction, dependent XPOS) pair when the training arcs
   * have it this often (singletons are mostly annotation or tagging noise and slow the labeller)
   */
  labelMinCount: number;
  /** each epoch trains on this random share of the silver sentences (default 1: all) */
  silverFrac?: number;
  log?: (msg: string) => void;
  /** called after each epoch with a frozen averaged copy of the parser */
  onEpoch?: (epoch: number, parser: Parser) => void;
}

export const defaultParserOptions: ParserTrainOptions = {
  epochs: 12,
  seed: 7,
  explore: 0.9,
  exploreFrom: 1,
  labelMinCount: 2,
};

export interface TaggedSentence {
  sent: Sentence;
  /** tags the parser sees (gold or predicted) */
  upos: string[];
  xpos: string[];
  /** times per epoch the parser trains on the sentence (default 1) */
  repeat?: number;
  /**
   * a silver tree (parsers' agreement on unlabelled text, see silver.ts; heads -1 and label "_"
   * where they disagreed): trained on, but left out
   * of the word classes and the label candidates, which come from the gold treebanks only
   */
  silver?: boolean;
}

/** lowercased word -> hash of its UPOS set in training (words seen >= 3 times; tags >= 5% share) */
export function buildWordClasses(sents: Sentence[]): Map<string, number> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sents) for (let i = 0; i < s.words.length; i++) {
    const w = s.words[i]!.toLowerCase();
    let m = counts.get(w);
    if (!m) counts.set(w, (m = new Map()));
    m.set(s.upos[i]!, (m.get(s.upos[i]!) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [w, m] of counts) {
    let total = 0;
    for (const v of m.values()) total += v;
    if (total < 3) continue;
    const tags = [...m].filter(([, v]) => v >= 0.05 * total).map(([t]) => t).sort();
    out.set(w, hashString("\u0005" + tags.join(",")));
  }
  return out;
}

export function trainParser(data: TaggedSentence[], opts: ParserTrainOptions): Parser {
  const labelIds = new Map<string, number>();
  for (const { sent } of data) for (const d of sent.deprels) if (d !== "_" && !labelIds.has(d)) labelIds.set(d, labelIds.size);
  const labels = [...labelIds.keys()];
  const parser = new Parser({
    labels,
    wordClass: buildWordClasses(data.filter((d) => !d.silver).map((d) => d.sent)),
    moves: new WeightTable(N_MOVES, true, 1 << 20),
    arcs: new WeightTable(labels.length, true, 1 << 17),
  });
  const prepared = data.map((t) => {
    const n = t.sent.words.length;
    const raw = new Int32Array(n + 1);
    const lab = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      raw[i + 1] = t.sent.heads[i]!;
      lab[i + 1] = labelIds.get(t.sent.deprels[i]!) ?? 0;
    }
    raw[0] = -1;
    // silver trees are the parsers' own (projective) output; a partial one has head -1 where the
    // parsers disagreed, which the dynamic oracle's costs then ignore
    const gh = t.silver ? raw : projectivize(raw);
    gh[0] = -1;
    return { t, gh, lab };
  });
  // training order before the first shuffle: every sentence once, then the second copies of the
  // repeated ones, ... (with no repeats, training is as before; word classes and label candidates
  // above and below count each sentence once)
  const epochData = prepared.slice();
  for (let r = 2; prepared.some((p) => (p.t.repeat ?? 1) >= r); r++) for (const p of prepared) if ((p.t.repeat ?? 1) >= r) epochData.push(p);
  const rand = mulberry32(opts.seed);
  const st = parser.state;
  const sc = parser.mscores;
  const costs = new Int32Array(N_MOVES);
  let cm = 1;
  let cl = 1;
  for (let ep = 0; ep < opts.epochs; ep++) {
    const t0 = Date.now();
    shuffle(epochData, rand);
    const explore = ep >= opts.exploreFrom ? opts.explore : 0;
    let moves = 0, wrong = 0, arcsOk = 0, labWrong = 0;
    const frac = opts.silverFrac ?? 1;
    for (const { t, gh, lab } of epochData) {
      if (t.silver && frac < 1 && rand() >= frac) continue;
      const n = t.sent.words.length;
      parser.input.set(t.sent.words, t.upos, t.xpos);
      st.reset(n);
      while (!st.terminal()) {
        const k = parser.moveFeatures(parser.mfeats);
        parser.moves.score(parser.mfeats, k, sc);
        let pred = -1;
        let zero = -1;
        for (let m = 0; m < N_MOVES; m++) {
          if (!st.valid(m)) {
            costs[m] = -1;
            continue;
          }
          costs[m] = st.cost(m, gh);
          if (pred < 0 || sc[m]! > sc[pred]!) pred = m;
          if (costs[m] === 0 && (zero < 0 || sc[m]! > sc[zero]!)) zero = m;
        }
        if (zero < 0) zero = pred; // should not happen with projective gold trees
        // a costly move tying with the best zero-cost move counts as an error
        if (costs[pred] === 0) {
          for (let m = 0; m < N_MOVES; m++) if (costs[m]! > 0 && sc[m]! >= sc[zero]!) pred = m;
        }
        moves++;
        if (costs[pred]! > 0) {
          wrong++;
          parser.moves.update(parser.mfeats, k, zero, 1, cm);
          parser.moves.update(parser.mfeats, k, pred, -1, cm);
        }
        cm++;
        const next = explore > 0 && rand() < explore ? pred : zero;
        let label = 0;
        if (next !== SHIFT) {
          const [h, d] = st.arcOf(next);
          const kl = parser.labelFeatures(next, h, d, parser.lfeats);
          parser.arcs.score(parser.lfeats, kl, parser.lscores);
          let bl = 0;
          const ls = parser.lscores;
          for (let c = 1; c < ls.length; c++) if (ls[c]! > ls[bl]!) bl = c;
          if (gh[d] === h) {
            arcsOk++;
            const g = lab[d]!;
            // best rival of the gold label; a tie counts as an error
            let rival = g === 0 ? 1 : 0;
            for (let c = 0; c < ls.length; c++) if (c !== g && ls[c]! > ls[rival]!) rival = c;
            if (ls.length > 1 && ls[rival]! >= ls[g]!) bl = rival;
            else bl = g;
            if (bl !== g) {
              labWrong++;
              parser.arcs.update(parser.lfeats, kl, g, 1, cl);
              parser.arcs.update(parser.lfeats, kl, bl, -1, cl);
            }
            cl++;
            label = g;
          } else label = bl;
        }
        st.apply(next, label);
      }
    }
    if (opts.onEpoch) opts.onEpoch(ep + 1, new Parser({ labels, moves: parser.moves.averagedCopy(cm), arcs: parser.arcs.averagedCopy(cl), wordClass: parser.input.wordClass }));
    opts.log?.(
      `parser epoch ${ep + 1}: move err ${((100 * wrong) / moves).toFixed(2)}% label err ${((100 * labWrong) / Math.max(1, arcsOk)).toFixed(2)}% rows ${parser.moves.nRows}/${parser.arcs.nRows} (${((Date.now() - t0) / 1000).toFixed(1)}s)`,
    );
  }
  parser.moves.average(cm);
  parser.arcs.average(cl);
  // label candidates per (direction, dependent tag) from the training arcs
  const cands = new Map<number, Map<number, number>>();
  for (const { t, lab } of prepared) {
    if (t.silver) continue;
    parser.input.set(t.sent.words, t.upos, t.xpos);
    for (let d = 1; d <= t.sent.words.length; d++) {
      const h = t.sent.heads[d - 1]!;
      const key = Parser.labelCandKey(d < h ? LEFT : RIGHT, parser.input.P[d]!);
      let counts = cands.get(key);
      if (!counts) cands.set(key, (counts = new Map()));
      counts.set(lab[d]!, (counts.get(lab[d]!) ?? 0) + 1);
    }
  }
  for (const [k, counts] of cands) {
    let keep = [...counts].filter(([, c]) => c >= opts.labelMinCount).map(([l]) => l);
    if (keep.length === 0) keep = [...counts.keys()];
    parser.labelCands.set(k, Int32Array.from(keep.sort((a, b) => a - b)));
  }
  return parser;
}
