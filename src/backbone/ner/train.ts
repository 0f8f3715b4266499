/**
 * Train the NER model:  node dist/backbone/ner/train.js [options]
 *
 *   --epochs N        maximum epochs (default 8)
 *   --scheme S        BILOU (default) or BIO
 *   --extras LIST     extra corpora: wikigold,re3d (default "wikigold": re3d lowered dev scores; "none")
 *   --uner-weight K   copies of UNER dev sentences per epoch (default 2)
 *   --no-tune         skip the tuning run and train the final model for --epochs
 *   --tune-only       only the tuning run (prints held-out scores, writes nothing)
 *   --synthetic N     template sentences with Arabic-origin names (default 300)
 *   --folds K         cross-validation folds over UNER dev documents (default 5)
 *   --dump FILE       write out-of-fold UNER predictions of the last epoch (analysis)
 *   --silver-report   in the cross-validation, also build silver labels for the held-out UNER dev sentences from
 *                     their gold UD EWT dev trees, as silverEwt does for EWT train, and score them against the
 *                     UNER gold: how good the silver data is, and what it misses (analysis)
 *   --out FILE        model path (default models/ner.bin.gz)
 *   --prune X         drop weight rows below X * max |w| (default 0.002)
 *   --silver F        share of UD EWT train sentences added with silver labels (default 1; 0 = none; see silverEwt)
 *   --teacher-epochs N epochs of the gold-only model that types the silver spans (default 3)
 *   --silver-penalty X  favour typing a silver span over leaving it O (default 0)
 *   --silver-rounds N   self-training rounds for the silver labels (default 1)
 *   --silver-keep-untyped  keep silver sentences with a span the teacher left O (default: dropped)
 *   --pos MODE        predicted-tag features (features.ts POS_* bits: 1 UPOS ±1, 2 XPOS, 4 UPOS ±2, 8 tag x shape,
 *                     16 PROPN runs, 32 UPOS x word; default 0 = none: 9 was best on the tuning run over 4 seeds,
 *                     but only on GUM dev, with NER 16% slower; models/ner.README.md). Tags: jackknifed for the tagger's own training data
 *                     (EWT train, GUM train), the shipped tagger's for the rest (pos.ts)
 *   --pos-drop R      share of training tokens whose UPOS is hidden (tag dropout; default 0)
 *   --jk-tags FILE    cache of the jackknifed tags (default: in the OS temp folder)
 *
 * Tuning: 5-fold cross-validation over UNER dev documents (GUM train + 4/5 of
 * UNER dev + extras, plus silver UD EWT train typed by a teacher trained on that fold's gold data); after each epoch the averaged weights are scored on GUM
 * dev and the held-out fold; the epoch with the best mean of GUM dev F1 and
 * pooled UNER CV F1 is kept. Final run: all of UNER dev, that many epochs. Never reads UNER or GUM
 * test labels. Deterministic (fixed seeds, sorted inputs).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { learnPropn, learnWordStats, type WordStats } from "./clusters.js";
import { ewtFile } from "../paths.js";
import { addNorp, dataDir, defaultModelsDir, gumSplits, propnSpans, readConllu, readGum, readRe3d, readUner, readWikigold, repoRoot, syntheticArabicNames, taggedTrainText, unlabelledText, type NerSentence, type UdToken } from "./data.js";
import { mapSpans, scoreCorpus, UNER_OF } from "./evaluate.js";
import { extractFeatures, FeatureScratch, MAX_FEATS_PER_TOKEN, POS_RUN, POS_SHAPE, POS_UPOS, POS_WIDE, POS_WORD, POS_XPOS, type PosTags } from "./features.js";
import { attachTags, jackknifedTags } from "./pos.js";
import { recognizerFor } from "./index.js";
import { fmtPrf, SpanScorer } from "./metrics.js";
import { NerModel, saveModel } from "./model.js";
import type { Scheme, Span } from "./tags.js";
import { hashString, IntMap, mulberry32, shuffle } from "./util.js";

interface Opts {
  epochs: number;
  scheme: Scheme;
  extras: string[];
  unerWeight: number;
  tune: boolean;
  tuneOnly: boolean;
  folds: number;
  synthetic: number;
  dump: string;
  silverReport: boolean;
  out: string;
  prune: number;
  seed: number;
  silver: number;
  teacherEpochs: number;
  silverPenalty: number;
  silverRounds: number;
  silverKeepUntyped: boolean;
  pos: number;
  posDrop: number;
  jkTags: string;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    epochs: 8,
    scheme: "BILOU",
    extras: ["wikigold"],
    unerWeight: 2,
    tune: true,
    tuneOnly: false,
    folds: 5,
    synthetic: 300,
    dump: "",
    silverReport: false,
    out: join(defaultModelsDir(), "ner.bin.gz"),
    prune: 0.002,
    seed: 13,
    silver: 1,
    teacherEpochs: 3,
    silverPenalty: 0,
    silverRounds: 1,
    silverKeepUntyped: false,
    pos: 0,
    posDrop: 0,
    jkTags: "",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string => argv[++i] ?? "";
    if (a === "--epochs") o.epochs = Number(v());
    else if (a === "--scheme") o.scheme = v() === "BIO" ? "BIO" : "BILOU";
    else if (a === "--extras") o.extras = v().split(",").filter((x) => x && x !== "none");
    else if (a === "--uner-weight") o.unerWeight = Number(v());
    else if (a === "--no-tune") o.tune = false;
    else if (a === "--tune-only") o.tuneOnly = true;
    else if (a === "--out") o.out = v();
    else if (a === "--folds") o.folds = Number(v());
    else if (a === "--synthetic") o.synthetic = Number(v());
    else if (a === "--dump") o.dump = v();
    else if (a === "--silver-report") o.silverReport = true;
    else if (a === "--prune") o.prune = Number(v());
    else if (a === "--seed") o.seed = Number(v());
    else if (a === "--silver") o.silver = Number(v());
    else if (a === "--teacher-epochs") o.teacherEpochs = Number(v());
    else if (a === "--silver-penalty") o.silverPenalty = Number(v());
    else if (a === "--silver-rounds") o.silverRounds = Number(v());
    else if (a === "--silver-keep-untyped") o.silverKeepUntyped = true;
    else if (a === "--pos") o.pos = Number(v());
    else if (a === "--jk-tags") o.jkTags = v();
    else if (a === "--pos-drop") o.posDrop = Number(v());
    else throw new Error("unknown option " + a);
  }
  return o;
}

const log = (m: string): void => console.log(m);

const CLUSTER_OPTS = { minCount: 3, maxVocab: 40000, sizes: [32, 128, 512], iterations: 8 };

/** Word clusters + capitalisation stats, cached in the OS temp folder between runs. */
function wordStats(gumTrainDocs: string[]): WordStats {
  const propn = learnPropn(taggedTrainText(process.env["NER_PROPN_GUM"] ? gumTrainDocs : []));
  log(`PROPN lexicon: ${propn.size} words (UD EWT train + GUM train gold UPOS)`);
  return { ...clusterStats(), propn };
}

function clusterStats(): Omit<WordStats, "propn"> {
  const key = hashString(JSON.stringify(CLUSTER_OPTS) + dataDir()) >>> 0;
  const cachePath = join(tmpdir(), `whosaid-ner-wordstats-${key.toString(16)}.json`);
  if (existsSync(cachePath)) {
    const j = JSON.parse(readFileSync(cachePath, "utf8")) as { ck: number[]; cv: number[]; pk: number[]; pv: number[] };
    const clusters = new IntMap(j.ck.length);
    j.ck.forEach((k, i) => clusters.set(k, j.cv[i]!));
    const caps = new IntMap(j.pk.length);
    j.pk.forEach((k, i) => caps.set(k, j.pv[i]!));
    log(`word stats: ${clusters.size} clustered words, ${caps.size} capitalisation entries (cached)`);
    return { clusters, caps };
  }
  const t0 = Date.now();
  const text = unlabelledText();
  let toks = 0;
  for (const s of text) toks += s.length;
  log(`unlabelled text: ${text.length} segments, ${toks} tokens`);
  const st = learnWordStats(text, { ...CLUSTER_OPTS, log });
  const c = st.clusters.entries();
  const p = st.caps.entries();
  writeFileSync(cachePath, JSON.stringify({ ck: [...c.keys], cv: [...c.vals], pk: [...p.keys], pv: [...p.vals] }));
  log(`word stats learned in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return st;
}

interface Prepared {
  words: string[];
  gold: Int32Array;
  feats: Int32Array;
  nf: Int32Array;
}

const posOf = (s: { upos?: string[]; xpos?: string[] }): PosTags | undefined => (s.upos && s.xpos ? { upos: s.upos, xpos: s.xpos } : undefined);

function prepare(sents: NerSentence[], model: NerModel, posDrop = 0): Prepared[] {
  const sc = new FeatureScratch();
  const M = MAX_FEATS_PER_TOKEN;
  const rand = mulberry32(97);
  return sents.map((s) => {
    let tags = posOf(s);
    if (tags && posDrop > 0) {
      // tag dropout: some tokens show an unknown tag, so the weights do not lean on the tags alone
      // (the tagger errs on all-caps and unseen names, where the word features must carry the decision)
      tags = { upos: tags.upos.map((u) => (rand() < posDrop ? "_" : u)), xpos: tags.xpos };
    }
    extractFeatures(s.words, model.stats, sc, undefined, tags, model.posMode);
    const n = s.words.length;
    // compact copy: features of token i at [i*M, i*M + nf[i])
    return { words: s.words, gold: model.tags.encode(n, s.spans), feats: sc.feats.slice(0, n * M), nf: sc.nf.slice(0, n) };
  });
}

/** A UD EWT train sentence for the silver data, with its (jackknifed) predicted tags. */
type EwtSentence = { doc: string; id: string; toks: UdToken[]; words: string[]; upos?: string[]; xpos?: string[] };

interface DevSet {
  name: string;
  sents: NerSentence[];
  protocol: "uner" | "gum";
}

interface EpochScores {
  /** per dev set: tp, gold, pred */
  counts: number[][];
  /** per dev set: per type, tp, gold, pred */
  types: Map<string, number[]>[];
}

function runTraining(
  label: string,
  train: NerSentence[],
  dev: DevSet[],
  stats: WordStats,
  opts: Opts,
  epochs: number,
  onEpoch?: (ep: number, model: NerModel) => void,
): { model: NerModel; perEpoch: EpochScores[] } {
  const model = new NerModel(opts.scheme, stats, true);
  model.posMode = opts.pos;
  const t0 = Date.now();
  const data = prepare(train.filter((s) => s.words.length > 0), model, opts.posDrop);
  let ntok = 0;
  for (const d of data) ntok += d.words.length;
  log(`[${label}] ${data.length} sentences, ${ntok} tokens; features in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  const rand = mulberry32(opts.seed);
  let clock = 1;
  const perEpoch: EpochScores[] = [];
  let last: NerModel | null = null;
  for (let ep = 1; ep <= epochs; ep++) {
    const te = Date.now();
    shuffle(data, rand);
    let wrong = 0;
    for (const d of data) {
      wrong += model.trainStep(d.words, d.gold, d.feats, d.nf, clock);
      clock++;
    }
    let line = `[${label}] epoch ${ep}: ${wrong} wrong tags, ${((Date.now() - te) / 1000).toFixed(1)}s`;
    if (dev.length || onEpoch || ep === epochs) {
      const snap = model.snapshotAveraged(clock);
      last = snap;
      onEpoch?.(ep, snap);
      const ner = recognizerFor(snap);
      const counts: number[][] = [];
      const types: Map<string, number[]>[] = [];
      for (const d of dev) {
        const sc = scoreCorpus(ner, d.sents, d.protocol);
        counts.push([sc.tp, sc.gold, sc.pred]);
        types.push(new Map([...sc.perType].map(([t, c]) => [t, [c.tp, c.gold, c.pred]])));
        line += ` | ${d.name} F1 ${sc.result().f1.toFixed(2)}`;
      }
      perEpoch.push({ counts, types });
    }
    log(line);
  }
  return { model: last!, perEpoch };
}

/**
 * Silver NER data from UD EWT train (the web genres of UNER, whose train split we lack): the
 * candidate spans are the gold-UPOS proper-noun runs (propnSpans); a teacher trained on the gold
 * data types each span or leaves it O (NerModel.typeSpans). A share `opts.silver` of the
 * sentences is kept (deterministic by sentence id).
 */
function silverEwt(teacher: NerModel, ewt: EwtSentence[], opts: Opts): NerSentence[] {
  const out: NerSentence[] = [];
  for (const s of ewt) {
    if (opts.silver < 1 && ((hashString(s.id) >>> 0) % 1000) / 1000 >= opts.silver) continue;
    const words = s.toks.map((t) => t.form);
    const { spans, complete } = silverLabels(teacher, s.toks, words, opts, posOf(s));
    // a candidate the teacher leaves O may be a missed name: such sentences are dropped (unless kept by option)
    if (!opts.silverKeepUntyped && !complete) continue;
    out.push({ words, spans, doc: s.doc, id: s.id, upos: s.upos, xpos: s.xpos });
  }
  return addNorp(out);
}

/**
 * Silver spans of one sentence with a gold UD tree: the proper-noun runs (propnSpans) as the
 * teacher types them. `complete`: the teacher typed every run.
 */
function silverLabels(teacher: NerModel, toks: UdToken[], words: string[], opts: Opts, tags?: PosTags): { spans: Span[]; complete: boolean } {
  const cands = propnSpans(toks);
  const spans = teacher.typeSpans(words, cands, opts.silverPenalty, tags);
  return { spans, complete: spans.length === cands.length };
}

/** Train on `gold`, plus silver EWT sentences typed by a gold-only teacher when opts.silver > 0. */
function withSilver(label: string, gold: NerSentence[], ewt: EwtSentence[], stats: WordStats, opts: Opts, onTeacher?: (teacher: NerModel) => void): NerSentence[] {
  if (opts.silver <= 0) return gold;
  let teacher = runTraining(`${label} teacher`, gold, [], stats, opts, opts.teacherEpochs).model;
  let silver = silverEwt(teacher, ewt, opts);
  for (let r = 1; r < opts.silverRounds; r++) {
    // self-training: a teacher trained on gold + the previous round's silver types the spans again
    teacher = runTraining(`${label} teacher ${r + 1}`, [...gold, ...silver], [], stats, opts, opts.teacherEpochs).model;
    silver = silverEwt(teacher, ewt, opts);
  }
  onTeacher?.(teacher);
  let n = 0;
  for (const s of silver) n += s.spans.length;
  log(`[${label}] silver: ${silver.length} EWT train sentences, ${n} spans`);
  return [...gold, ...silver];
}

/**
 * How good the silver labels are (--silver-report): each fold's teacher labels the held-out UNER dev
 * sentences as silverEwt labels EWT train (gold-UPOS proper-noun runs of the gold UD EWT dev trees,
 * typed or left O), and the result is scored against the UNER gold, over all held-out sentences and
 * over those silverEwt would keep. Candidates: the untyped runs that match a gold name's boundaries.
 */
class SilverReport {
  private readonly trees = new Map<string, UdToken[]>();
  private readonly all = new SpanScorer();
  private readonly kept = new SpanScorer();
  private candidates = 0;
  private matched = 0;
  private sentences = 0;
  private keptSentences = 0;
  private readonly missed = new Map<string, number>();
  /** one line per silver error (with --dump, written to FILE.silver) */
  readonly errors: string[] = [];

  constructor(devTrees: { id: string; toks: UdToken[] }[], private readonly opts: Opts) {
    for (const t of devTrees) this.trees.set(t.id, t.toks);
  }

  add(teacher: NerModel, held: NerSentence[]): void {
    for (const s of held) {
      const toks = s.id === undefined ? undefined : this.trees.get(s.id);
      if (!toks || toks.length !== s.words.length) continue;
      const cands = propnSpans(toks);
      const { spans: typed, complete } = silverLabels(teacher, toks, s.words, this.opts, posOf(s));
      const gold = mapSpans(s.spans, UNER_OF);
      const pred = mapSpans(typed, UNER_OF);
      this.sentences++;
      this.all.add(gold, pred);
      if (complete) {
        this.keptSentences++;
        this.kept.add(gold, pred);
      }
      this.candidates += cands.length;
      const text = (x: { start: number; end: number }): string => s.words.slice(x.start, x.end).join(" ");
      for (const p of pred) {
        const g = gold.find((x) => x.start === p.start && x.end === p.end);
        if (!g || g.type !== p.type) this.errors.push(`${g ? g.type : "O"} -> ${p.type}: ${text(p)}  || ${s.words.join(" ").slice(0, 140)}`);
      }
      for (const g of gold) {
        if (!pred.some((p) => p.start === g.start && p.end === g.end)) this.errors.push(`${g.type} -> ${cands.some((c) => c.start === g.start && c.end === g.end) ? "O" : "no candidate"}: ${text(g)}  || ${s.words.join(" ").slice(0, 140)}`);
      }
      for (const g of gold) {
        if (cands.some((c) => c.start === g.start && c.end === g.end)) this.matched++;
        else {
          // why a gold name is no candidate: the UPOS of its words
          const why = toks.slice(g.start, g.end).map((t) => t.upos).join(" ");
          this.missed.set(why, (this.missed.get(why) ?? 0) + 1);
        }
      }
    }
  }

  print(): void {
    log(`silver labels of the held-out UNER dev sentences (${this.sentences}; ${this.keptSentences} kept by silverEwt):`);
    log(`  all sentences:  ${fmtPrf(this.all.result())}`);
    log(`  kept sentences: ${fmtPrf(this.kept.result())}`);
    const per = [...this.all.perType].sort().map(([t, c]) => `${t} ${fmtPrf(SpanScorer.prf(c.tp, c.gold, c.pred))}`);
    for (const p of per) log(`    ${p}`);
    log(`  candidate runs ${this.candidates}; gold names with a candidate of the same boundaries ${this.matched} of ${this.all.gold}`);
    const top = [...this.missed].sort((a, b) => b[1] - a[1]).slice(0, 12);
    log(`  gold names without a candidate, by UPOS: ${top.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const tStart = Date.now();
  const splits = gumSplits();
  const gumTrain = addNorp(readGum(splits.train));
  const gumDev = readGum(splits.dev);
  const unerDev = readUner("dev");
  const unerAll = addNorp(unerDev.map((s) => ({ ...s, spans: [...s.spans] })));
  const extras: NerSentence[] = [];
  if (opts.extras.includes("wikigold")) extras.push(...addNorp(readWikigold()));
  if (opts.extras.includes("re3d")) extras.push(...readRe3d("train"));
  if (opts.synthetic > 0) extras.push(...syntheticArabicNames(opts.synthetic, opts.seed));
  log(
    `data: GUM train ${gumTrain.length} / dev ${gumDev.length} sentences; UNER dev ${unerDev.length}; extras [${opts.extras.join(",")}] ${extras.length}`,
  );
  const stats = wordStats(splits.train);
  const ewt: EwtSentence[] = (opts.silver > 0 ? readConllu(ewtFile("train")) : []).map((s) => ({ ...s, words: s.toks.map((t) => t.form) }));
  if (opts.pos) {
    // the tagger's training data (EWT train, GUM train) gets jackknifed tags, the rest the shipped tagger's
    const t0 = Date.now();
    const jk = jackknifedTags(log, opts.jkTags || undefined);
    const a = attachTags(gumTrain, jk) + attachTags(ewt, jk);
    attachTags(gumDev);
    attachTags(unerDev);
    attachTags(unerAll);
    attachTags(extras);
    log(`POS tags: ${a} sentences jackknifed, the rest by the shipped tagger (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
  }
  const rep = <T>(xs: T[], k: number): T[] => {
    const out: T[] = [];
    for (let i = 0; i < k; i++) out.push(...xs);
    return out;
  };
  let epochs = opts.epochs;
  const tuneHistory: string[] = [];
  const tuneScores: string[] = [];
  if (opts.tune) {
    // k-fold cross-validation over UNER dev documents; GUM dev scored in every fold
    const K = opts.folds;
    const foldOf = (doc: string): number => (hashString(doc) >>> 0) % K;
    const sums: number[][][] = []; // [epoch][set][tp,gold,pred]
    const typeSums: Map<string, number[]>[] = []; // [epoch] UNER CV per type: tp, gold, pred
    const dumps: string[] = [];
    const silverReport = opts.silverReport ? new SilverReport(readConllu(ewtFile("dev")), opts) : undefined;
    for (let k = 0; k < K; k++) {
      const held = unerDev.filter((s) => foldOf(s.doc) === k);
      const trainU = unerAll.filter((s) => foldOf(s.doc) !== k);
      const devSets: DevSet[] = [
        { name: "GUM dev", sents: gumDev, protocol: "gum" },
        { name: `UNER fold ${k}`, sents: held, protocol: "uner" },
      ];
      const foldTrain = withSilver(`fold ${k}`, [...gumTrain, ...rep(trainU, opts.unerWeight), ...extras], ewt, stats, opts, silverReport && ((t) => silverReport.add(t, held)));
      const r = runTraining(`fold ${k}`, foldTrain, devSets, stats, opts, opts.epochs, opts.dump
        ? (ep, m) => {
            if (ep !== opts.epochs) return;
            const ner = recognizerFor(m);
            for (const s of held) {
              const pred = ner.recognize(s.words, posOf(s)).map((x) => `${x.type}:${s.words.slice(x.start, x.end).join(" ")}`);
              const gold = s.spans.map((x) => `${x.type}:${s.words.slice(x.start, x.end).join(" ")}`);
              dumps.push(`${s.words.join(" ")}\n  gold: ${gold.join(" | ")}\n  pred: ${pred.join(" | ")}`);
            }
          }
        : undefined);
      r.perEpoch.forEach((e, i) => {
        sums[i] ??= e.counts.map(() => [0, 0, 0]);
        e.counts.forEach((c, j) => c.forEach((v, q) => (sums[i]![j]![q]! += v)));
        const ts = (typeSums[i] ??= new Map());
        for (const [t, c] of e.types[1] ?? []) {
          const acc = ts.get(t) ?? [0, 0, 0];
          c.forEach((v, q) => (acc[q]! += v));
          ts.set(t, acc);
        }
      });
    }
    if (opts.dump) writeFileSync(opts.dump, dumps.join("\n"));
    silverReport?.print();
    if (silverReport && opts.dump) writeFileSync(opts.dump + ".silver", silverReport.errors.sort().join("\n"));
    let best = -1;
    sums.forEach((e, i) => {
      const gumF = SpanScorer.prf(e[0]![0]! / K, e[0]![1]! / K, e[0]![2]! / K);
      const un = SpanScorer.prf(e[1]![0]!, e[1]![1]!, e[1]![2]!);
      const mean = (gumF.f1 + un.f1) / 2;
      const line = `epoch ${i + 1}: GUM dev F1 ${gumF.f1.toFixed(2)} (mean of ${K} folds) | UNER dev ${K}-fold CV: ${fmtPrf(un)} | mean ${mean.toFixed(2)}`;
      tuneHistory.push(line);
      log(line);
      const per = [...(typeSums[i] ?? [])].sort().map(([t, c]) => `${t} ${SpanScorer.prf(c[0]!, c[1]!, c[2]!).f1.toFixed(2)}`);
      log(`  UNER CV F1 per class: ${per.join("  ")}`);
      if (mean > best) {
        best = mean;
        epochs = i + 1;
      }
    });
    tuneScores.push(tuneHistory[epochs - 1]!);
    log(`best epoch ${epochs}`);
    if (opts.tuneOnly) return;
  }
  const finalTrain = withSilver("final", [...gumTrain, ...rep(unerAll, opts.unerWeight), ...extras], ewt, stats, opts);
  const r = runTraining("final", finalTrain, [], stats, opts, epochs);
  const model = r.model;
  model.meta = {
    kind: "ner",
    scheme: opts.scheme,
    epochs,
    extras: opts.extras,
    unerWeight: opts.unerWeight,
    synthetic: opts.synthetic,
    silver: { share: opts.silver, teacherEpochs: opts.teacherEpochs, penalty: opts.silverPenalty, rounds: opts.silverRounds, keepUntyped: opts.silverKeepUntyped },
    seed: opts.seed,
    ...(opts.pos ? { pos: opts.pos } : {}),
    ...(opts.posDrop ? { posDrop: opts.posDrop } : {}),
    clusters: CLUSTER_OPTS,
    trainedOn: ["gum train", "uner_english_ewt dev", ...opts.extras.map((x) => (x === "re3d" ? "re3d train" : x)), ...(opts.silver > 0 ? ["ud_english_ewt train (silver)"] : [])],
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  const bytes = saveModel(opts.out, model, opts.prune);
  const trainSecs = (Date.now() - tStart) / 1000;
  log(`saved ${relative(repoRoot(), opts.out)} (${(bytes / 1024 / 1024).toFixed(2)} MB) after ${trainSecs.toFixed(0)}s`);
  // score the saved (quantised) model on GUM dev
  const finalDev: string[] = [];
  {
    const ner = recognizerFor(model);
    const sc = scoreCorpus(ner, gumDev, "gum");
    finalDev.push(`GUM dev (final model, unquantised): ${fmtPrf(sc.result())}`);
  }
  for (const l of finalDev) log(l);
  if (opts.out === join(defaultModelsDir(), "ner.bin.gz")) {
    writeReadme({ opts, epochs, bytes, trainSecs, tuneHistory, tuneScores, finalDev });
  }
}

function posText(mode: number): string {
  const parts: string[] = [];
  if (mode & POS_UPOS) parts.push("UPOS of the word and at ±1, UPOS bigrams, UPOS × capitalisation");
  if (mode & POS_XPOS) parts.push("XPOS and XPOS bigrams");
  if (mode & POS_WIDE) parts.push("UPOS at ±2 and the UPOS trigram");
  if (mode & POS_SHAPE) parts.push("UPOS at ±1 × the word's shape, UPOS × capitalisation ratio");
  if (mode & POS_RUN) parts.push("position in and length of the PROPN run");
  if (mode & POS_WORD) parts.push("UPOS × word");
  return parts.join("; ");
}

function writeReadme(x: {
  opts: Opts;
  epochs: number;
  bytes: number;
  trainSecs: number;
  tuneHistory: string[];
  tuneScores: string[];
  finalDev: string[];
}): void {
  const o = x.opts;
  const md = `# models/ner.bin.gz — named-entity recogniser

Written by \`node dist/backbone/ner/train.js\` (source: \`src/backbone/ner/\`). Scores on the test
splits: \`node dist/backbone/ner/eval.js\` (see below). Load with \`loadNer()\` from
\`src/backbone/ner/index.ts\`.

## Model
- Structured averaged perceptron over ${o.scheme} tags for PERSON / ORG / LOC(place) / NORP, first-order
  transitions with constrained Viterbi; hashed emission features (word, lowercase, ±2 words, bigrams,
  prefixes / suffixes, shapes, capitalisation pattern and corpus capitalisation ratio, sentence position
  and case mode, word clusters, lexicon flags for titles, Arabic name particles / names, NORP, organisation
  and place head words), and a PROPN-ratio lexicon from the gold UPOS of UD EWT train.
${o.pos ? `- Predicted POS tags (backbone tagger, \`--pos ${o.pos}\`: ${posText(o.pos)}). \`recognize(words, tags?)\` takes the
  caller's tags (the backbone tagger's upos / xpos) or tags the words itself. Training tags are as noisy as at run
  time: the tagger's own training data (UD EWT train, GUM train) carries jackknifed tags (5 taggers, each trained
  with the shipped settings on 4/5 of that data; \`pos.ts\`), UNER dev (= EWT dev), GUM dev, wikigold and the
  synthetic sentences the shipped tagger's.
` : ""}- Word clusters: predictive exchange clustering (${CLUSTER_OPTS.sizes.join(" / ")} clusters, ${CLUSTER_OPTS.iterations} iterations,
  lowercased words seen ≥ ${CLUSTER_OPTS.minCount} times, ≤ ${CLUSTER_OPTS.maxVocab} words) over the unlabelled tokens of GUM, UD EWT,
  UNER, wikigold, re3d, PolNeAR text and FNC-1 bodies (text only, no labels).
- Places are split into GPE / LOC after decoding by head-word and region lists (\`lexicon.ts placeKind\`),
  since no training corpus separates them.
- File: int8 weights with one float32 scale per row, rows below ${o.prune} × max |w| pruned, keys delta-varint
  coded, gzip: ${(x.bytes / 1024 / 1024).toFixed(2)} MB.

## Data
- GUM train documents (named mentions of person / organization / place: head token PROPN; the name span
  is the run of name-like tokens around the head — see \`gumNamedSpans\` in \`data.ts\`).
- UNER English EWT dev (× ${o.unerWeight} per epoch). UNER test is never read for training.
- ${o.synthetic} synthetic template sentences with Arabic-origin names (particles al- / el- / bin / Abu / Abd al-, titles).
- Extras: ${o.extras.length ? o.extras.join(", ") : "none"}${o.extras.includes("re3d") ? " (re3d train: Nationality → NORP; pronouns, determiners and leading titles stripped)" : ""}.
- NORP: capitalised nationality / religion / party words outside any span become NORP in GUM, UNER and
  wikigold (UNER scoring drops NORP, as its guidelines do not treat nationalities as entities).
${o.silver > 0 ? `- Silver UD EWT train (the web genres of UNER, whose train split is missing): ${Math.round(o.silver * 100)}% of the sentences; candidate
  spans are the gold-UPOS proper-noun runs (\`propnSpans\` in \`data.ts\`: PROPN runs joined across "of" / "-" / "al" ... and
  capitalised amod / compound modifiers, split where the dependency tree does not link them); a teacher trained
  on the gold data above for ${o.teacherEpochs} epochs types each span or leaves it O (\`NerModel.typeSpans\`, O penalty ${o.silverPenalty},
  ${o.silverRounds} round${o.silverRounds > 1 ? "s" : ""}); sentences with a span left O are ${o.silverKeepUntyped ? "kept" : "dropped (it may be a missed name)"}. In the
  cross-validation each fold's teacher sees only that fold's training part of UNER dev.
` : ""}
## Settings
scheme ${o.scheme}, epochs ${x.epochs} (chosen on the tuning run), seed ${o.seed}, UNER weight ${o.unerWeight}, silver share ${o.silver},
training time ${x.trainSecs.toFixed(0)} s on one core.

## Dev scores (5-fold CV over UNER dev documents; GUM dev averaged over the folds)
\`\`\`
${x.tuneScores.join("\n")}
\`\`\`
Per epoch:
\`\`\`
${x.tuneHistory.join("\n")}
\`\`\`
Final model (all of UNER dev):
\`\`\`
${x.finalDev.join("\n")}
\`\`\`
`;
  // keep the hand-written sections (test scores are measured once with eval.js, never here)
  const path = join(defaultModelsDir(), "ner.README.md");
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  const ti = old.search(/^## Test scores\b/m);
  writeFileSync(path, ti >= 0 ? md + "\n" + old.slice(ti).replace(/\s*$/, "\n") : md);
}

main();
