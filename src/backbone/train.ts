/**
 * CLI: train the tagger and parser on UD English-EWT train, score on dev, and
 * write models/tagger.bin.gz, models/parser.bin.gz and models/README.md.
 *
 *   node dist/backbone/train.js [--epochs N] [--tagger-epochs N] [--parser-epochs N]
 *                               [--only tagger|parser] [--folds K] [--out DIR] [--prune F]
 *                               [--gum none|parser|both] [--jk-cache FILE]
 *                               [--explore P] [--explore-from E] [--parser-seed S]
 *                               [--ewt-weight W] [--tagger-ewt-weight W]
 *                               [--silver FILE.conllu [--silver-max N] [--silver-frac F]] [--reverse]
 *                               [--tri-epochs E] [--tagger-clusters FILE.json]
 *
 * --gum: add the GUM train documents (gum/splits.md; dev, test and the reddit genre left out)
 * to the parser's training data ("parser") or to the tagger's and the parser's ("both", the default).
 * With "parser", the GUM sentences carry the (EWT-only) tagger's tags, which are held-out tags
 * for them; the EWT sentences carry jackknifed tags as before.
 *
 * --ewt-weight W / --tagger-ewt-weight W: the parser / the tagger train on each EWT sentence W
 * times per epoch, GUM sentences once (default 1; with 2 for both, EWT being the domain tuned on:
 * dev LAS 82.12 / 82.17 -> 82.24 / 82.52 with parser seeds 7 / 8, tagger dev UPOS 95.38 -> 95.49;
 * counts such as ambiguity classes, word classes and label candidates still see each sentence once).
 *
 * --silver FILE: silver trees (silver.js) added to the parser's training data; --tri-epochs E makes
 * them in the run instead: three members (seeds 7 and 8, right-to-left seed 7; E epochs each) trained
 * on the run's data, their agreed trees on the unlabelled news (PolNeAR and FNC-1 train bodies).
 * --tagger-clusters FILE: word clusters (tagger/clusters.js) as tagger features, stored in its file.
 * With --tagger-clusters and --tri-epochs 6: dev LAS 82.67 / 82.74 with parser seeds 7 / 8 (models/README.md, session 6).
 *
 * --prune F: when saving the parser, drop weight rows whose largest |weight| is
 * below F x the table's largest (default 0.02: with GUM, dev LAS as at 0.01 with half the move rows).
 * A "## Test" section already in README.md (written by hand after `eval.js`) is kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parseConllu, type Sentence } from "./conllu.js";
import { score, type Scores } from "./metrics.js";
import { loadTagger, parserToContainer, saveModel, taggerToContainer } from "./model-io.js";
import { dataDir, ewtFile, gumTrainFiles, modelsDir } from "./paths.js";
import type { Parser } from "./parser/model.js";
import { defaultParserOptions, trainParser, type ParserTrainOptions, type TaggedSentence } from "./parser/train.js";
import type { Tagger } from "./tagger/model.js";
import { mulberry32, shuffle } from "./features/hash.js";
import { parseReversed, reverseSentence } from "./parser/reverse.js";
import { silverTrees, type MemberParser } from "./silver.js";
import { defaultTaggerOptions, jackknifeTags, trainTagger, type TaggerTrainOptions } from "./tagger/train.js";

interface Args {
  taggerEpochs: number;
  parserEpochs: number;
  only?: "tagger" | "parser";
  folds: number;
  out: string;
  /** optional file to cache jackknifed training tags between runs */
  jkCache?: string;
  /** parser row pruning threshold (fraction of the table's largest |weight|) */
  prune: number;
  /** which models also train on the GUM train documents */
  gum: "none" | "parser" | "both";
  /** parser settings other than the defaults (dev experiments) */
  parser: Partial<ParserTrainOptions>;
  /** the parser sees each EWT train sentence this many times per epoch (GUM once) */
  ewtWeight: number;
  /** likewise for the tagger */
  taggerEwtWeight: number;
  /** silver trees for the parser (silver.ts), at most silverMax of them (a seeded sample) */
  silver?: string;
  silverMax: number;
  /** train a right-to-left parser (reversed sentences; a diverse member for silver.ts) */
  reverse: boolean;
  /**
   * epochs of the tri-training members (0 = none): parsers of seeds 7 and 8 and a right-to-left one
   * of seed 7, trained on this run's data, whose agreed trees on the unlabelled news become the
   * silver trees (instead of a --silver file)
   */
  triEpochs: number;
  /** word clusters for the tagger (tagger/clusters.ts output) */
  taggerClusters?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { taggerEpochs: 0, parserEpochs: 0, folds: 5, out: modelsDir(), prune: 0.02, gum: "both", parser: {}, ewtWeight: 1, taggerEwtWeight: 1, silverMax: Infinity, reverse: false, triEpochs: 0 };
  let epochs = 0;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = argv[i + 1];
    if (k === "--epochs") (epochs = Number(v)), i++;
    else if (k === "--tagger-epochs") (a.taggerEpochs = Number(v)), i++;
    else if (k === "--parser-epochs") (a.parserEpochs = Number(v)), i++;
    else if (k === "--folds") (a.folds = Number(v)), i++;
    else if (k === "--out") (a.out = v!), i++;
    else if (k === "--jk-cache") (a.jkCache = v!), i++;
    else if (k === "--prune") (a.prune = Number(v)), i++;
    else if (k === "--explore") (a.parser.explore = Number(v)), i++;
    else if (k === "--explore-from") (a.parser.exploreFrom = Number(v)), i++;
    else if (k === "--parser-seed") (a.parser.seed = Number(v)), i++;
    else if (k === "--ewt-weight") (a.ewtWeight = Number(v)), i++;
    else if (k === "--tagger-ewt-weight") (a.taggerEwtWeight = Number(v)), i++;
    else if (k === "--silver") (a.silver = v!), i++;
    else if (k === "--reverse") a.reverse = true;
    else if (k === "--tri-epochs") (a.triEpochs = Number(v)), i++;
    else if (k === "--tagger-clusters") (a.taggerClusters = v!), i++;
    else if (k === "--silver-max") (a.silverMax = Number(v)), i++;
    else if (k === "--silver-frac") (a.parser.silverFrac = Number(v)), i++;
    else if (k === "--gum") {
      if (v !== "none" && v !== "parser" && v !== "both") throw new Error("--gum none|parser|both");
      a.gum = v;
      i++;
    } else if (k === "--only") {
      if (v !== "tagger" && v !== "parser") throw new Error("--only tagger|parser");
      a.only = v;
      i++;
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!a.taggerEpochs) a.taggerEpochs = epochs || defaultTaggerOptions.epochs;
  if (!a.parserEpochs) a.parserEpochs = epochs || defaultParserOptions.epochs;
  return a;
}

const log = (m: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

function read(split: "train" | "dev" | "test"): Sentence[] {
  return parseConllu(readFileSync(ewtFile(split), "utf8"));
}

/** GUM train documents (see paths.gumTrainFiles), in file order. */
function readGum(): Sentence[] {
  return gumTrainFiles().flatMap((f) => parseConllu(gunzipSync(readFileSync(f)).toString("utf8")));
}

export function tagAll(tagger: Tagger, sents: Sentence[]): TaggedSentence[] {
  return sents.map((s) => {
    const t = tagger.tag(s.words);
    return { sent: s, upos: t.upos, xpos: t.xpos };
  });
}

export function evaluate(tagger: Tagger, parser: Parser | null, sents: Sentence[], reversed = false): Scores {
  const preds = sents.map((s) => {
    const t = tagger.tag(s.words);
    const p = parser ? (reversed ? parseReversed(parser, s.words, t.upos, t.xpos) : parser.parse(s.words, t.upos, t.xpos)) : undefined;
    return { ...t, ...p };
  });
  return score(sents, preds);
}

interface Record_ {
  tagger?: { settings: Omit<TaggerTrainOptions, "clusters"> & { gum?: boolean; ewtWeight?: number; clusterFile?: string }; dev: Scores; seconds: number; bytes: number; rows: number };
  parser?: { settings: ParserTrainOptions & { jackknifeFolds: number; prune?: number; gum?: boolean; ewtWeight?: number; silver?: string; silverTrees?: number; reverse?: boolean }; dev: Scores; seconds: number; bytes: number; rows: number[] };
}

function writeReadme(dir: string, rec: Record_): void {
  const gum = rec.tagger?.settings.gum ? "both" : rec.parser?.settings.gum ? "parser" : "none";
  const f = (x: unknown): string => JSON.stringify(x);
  const lines = [
    "# whosaid backbone models: POS tagger and dependency parser",
    "",
    "(Other models in this folder have their own `*.README.md`.)",
    "",
    "Trained by `node dist/backbone/train.js` (pure TypeScript, deterministic, one core) on",
    "UD English-EWT v2.16 `en_ewt-ud-train.conllu`" +
      (gum === "none" ? " only;" : `, plus for the ${gum === "both" ? "tagger and the parser" : "parser"} the GUM train documents`),
    ...(gum === "none" ? [] : ["(`../shared/data/gum`: the `splits.md` train list without the reddit genre, whose text is withheld);"]),
    "tuned on EWT `en_ewt-ud-dev.conllu`. Test scores: `node dist/backbone/eval.js`.",
    "",
    "License: the models are derived from the UD English-EWT annotations (CC BY-SA 4.0),",
    "so they carry the ShareAlike obligation for those annotations" +
      (gum === "none" ? "." : "; GUM annotations are CC BY 4.0 (Zeldes 2017), its texts were used for training only."),
    "",
    "| file | what |",
    "| --- | --- |",
    "| `tagger.bin.gz` | averaged perceptron, combined UPOS+XPOS label, greedy left-to-right |",
    "| `parser.bin.gz` | arc-hybrid greedy parser, dynamic oracle, averaged perceptrons for moves and labels |",
    "| `backbone.training.json` | settings, dev scores, sizes, training time (machine-readable) |",
    "",
    "Format: gzip of a JSON header plus sorted feature-hash keys (varint deltas) and",
    "int8 weights with one scale per table (see `src/backbone/model-io.ts`); parser rows whose",
    "largest |weight| is below `prune` x the table's largest are dropped when saving.",
    "",
  ];
  if (rec.tagger) {
    const t = rec.tagger;
    lines.push("## Tagger", "", `- dev (gold tokenization): UPOS ${t.dev.upos}, XPOS ${t.dev.xpos} over ${t.dev.words} words`);
    lines.push(`- training: ${t.seconds.toFixed(0)} s, ${t.rows} weight rows, file ${(t.bytes / 1e6).toFixed(2)} MB`);
    lines.push(`- settings: \`${f(t.settings)}\``, "");
  }
  if (rec.parser) {
    const p = rec.parser;
    lines.push("## Parser", "", `- dev with predicted tags: UAS ${p.dev.uas}, LAS ${p.dev.las} (full labels ${p.dev.lasFull}), UPOS ${p.dev.upos}`);
    lines.push(`- training: ${p.seconds.toFixed(0)} s incl. jackknifing, ${p.rows.join(" + ")} weight rows, file ${(p.bytes / 1e6).toFixed(2)} MB`);
    lines.push(`- settings: \`${f(p.settings)}\``, "");
  }
  lines.push("Scores follow CoNLL 2018: syntactic words, punctuation included; LAS compares the head and", "the universal part of the relation (subtype after ':' stripped); full-label LAS keeps subtypes.", "");
  // keep the hand-written test section (test scores are measured once with eval.js, never here)
  const path = join(dir, "README.md");
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  const ti = old.search(/^## Test\b/m);
  let text = lines.join("\n");
  if (ti >= 0) text += "\n" + old.slice(ti).replace(/\s*$/, "\n");
  writeFileSync(path, text);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(ewtFile("train"))) throw new Error(`EWT not found under ${dataDir()} (set WHOSAID_DATA)`);
  mkdirSync(args.out, { recursive: true });
  const recPath = join(args.out, "backbone.training.json");
  const rec: Record_ = existsSync(recPath) ? (JSON.parse(readFileSync(recPath, "utf8")) as Record_) : {};
  const ewt = read("train");
  const gum = args.gum === "none" ? [] : readGum();
  const dev = read("dev");
  log(`train ${ewt.length} EWT sentences${gum.length ? ` + ${gum.length} GUM (${args.gum})` : ""}, dev ${dev.length}`);
  const gumName = " + GUM train documents (reddit genre left out)";
  const taggerTrain = args.gum === "both" ? ewt.concat(gum) : ewt;
  const taggerOn = "UD_English-EWT v2.16 train" + (args.gum === "both" ? gumName : "");
  const parserOn = "UD_English-EWT v2.16 train" + (args.gum !== "none" ? gumName : "");
  const topts: TaggerTrainOptions = { ...defaultTaggerOptions, epochs: args.taggerEpochs };
  if (args.taggerClusters) {
    const j = JSON.parse(readFileSync(args.taggerClusters, "utf8")) as { words: string[]; packed: number[] };
    topts.clusters = new Map(j.words.map((w, i) => [w, j.packed[i]!]));
    log(`tagger clusters: ${j.words.length} words from ${args.taggerClusters}`);
  }
  // (weights only matter next to GUM: alone, EWT repeated would just mean more epochs)
  if (args.taggerEwtWeight > 1 && args.gum === "both") {
    const inEwt = new Set(ewt);
    topts.repeat = (s) => (inEwt.has(s) ? args.taggerEwtWeight : 1);
  }
  let tagger: Tagger;
  const taggerPath = join(args.out, "tagger.bin.gz");
  if (args.only !== "parser") {
    const t0 = Date.now();
    tagger = trainTagger(taggerTrain, { ...topts, log });
    const secs = (Date.now() - t0) / 1000;
    const bytes = saveModel(taggerPath, taggerToContainer(tagger, { trainedOn: taggerOn }));
    tagger = loadTagger(taggerPath); // score the shipped (quantised) model
    const d = evaluate(tagger, null, dev);
    log(`tagger dev UPOS ${d.upos} XPOS ${d.xpos}; ${(bytes / 1e6).toFixed(2)} MB; ${secs.toFixed(0)} s`);
    const { log: _l, onEpoch: _o, repeat: _r, clusters: _c, ...settings } = topts;
    rec.tagger = { settings: { ...settings, gum: args.gum === "both", ewtWeight: args.taggerEwtWeight, ...(args.taggerClusters ? { clusterFile: args.taggerClusters } : {}) }, dev: d, seconds: secs, bytes, rows: tagger.table.nRows };
    writeFileSync(recPath, JSON.stringify(rec, null, 2) + "\n");
    writeReadme(args.out, rec);
  } else {
    tagger = loadTagger(taggerPath);
  }
  if (args.only === "tagger") return;
  const t0 = Date.now();
  const popts: ParserTrainOptions = { ...defaultParserOptions, ...args.parser, epochs: args.parserEpochs };
  // the parser trains on the tags it will see: jackknifed over the tagger's training data, and
  // for GUM when the tagger did not train on it, the tagger's own (held-out) tags
  let data: TaggedSentence[];
  if (args.folds <= 1) data = ewt.concat(gum).map((s) => ({ sent: s, upos: s.upos, xpos: s.xpos }));
  else {
    let jk: { upos: string[]; xpos: string[] }[] | undefined;
    if (args.jkCache && existsSync(args.jkCache)) {
      jk = JSON.parse(readFileSync(args.jkCache, "utf8")) as { upos: string[]; xpos: string[] }[];
      if (jk.length !== taggerTrain.length) throw new Error(`${args.jkCache}: ${jk.length} sentences, expected ${taggerTrain.length}`);
      log(`jackknifed tags read from ${args.jkCache}`);
    } else {
      jk = jackknifeTags(taggerTrain, args.folds, topts, log);
      if (args.jkCache) writeFileSync(args.jkCache, JSON.stringify(jk));
    }
    data = taggerTrain.map((s, i) => ({ sent: s, upos: jk[i]!.upos, xpos: jk[i]!.xpos }));
    if (args.gum === "parser") data = data.concat(tagAll(tagger, gum));
  }
  // EWT (the target domain, and EWT dev is what is tuned on) weighted over GUM
  if (gum.length > 0) for (let i = 0; i < ewt.length; i++) data[i]!.repeat = args.ewtWeight;
  let silverCount = 0;
  let silver: Sentence[] | null = args.silver ? parseConllu(readFileSync(args.silver, "utf8")) : null;
  if (!silver && args.triEpochs > 0) {
    const t1 = Date.now();
    const members: MemberParser[] = [];
    for (const [name, seed, rev] of [["seed7", 7, false], ["seed8", 8, false], ["rtl7", 7, true]] as const) {
      const d = rev ? data.map((x) => ({ ...x, sent: reverseSentence(x.sent), upos: x.upos.slice().reverse(), xpos: x.xpos.slice().reverse() })) : data;
      const dir = join(args.out, "members", name);
      mkdirSync(dir, { recursive: true });
      const m = trainParser(d, { ...popts, seed, epochs: args.triEpochs });
      saveModel(join(dir, "parser.bin.gz"), parserToContainer(m, { member: name }), 8, args.prune);
      const { loadParser } = await import("./model-io.js");
      const saved = loadParser(join(dir, "parser.bin.gz"));
      members.push({ parse: (w, u, x) => (rev ? parseReversed(saved, w, u, x) : saved.parse(w, u, x)) });
      log(`tri-training member ${name} (${args.triEpochs} epochs): dev LAS ${evaluate(tagger, saved, dev, rev).las}`);
    }
    const st = silverTrees(tagger, members, { minLen: 3, maxLen: 60, partial: 1 });
    silver = st.kept;
    log(`silver: ${st.kept.length} agreed trees of ${st.eligible} sentences (${st.keptWords} words); members and silver ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }
  if (silver) {
    if (silver.length > args.silverMax) {
      shuffle(silver, mulberry32(12345));
      silver = silver.slice(0, args.silverMax);
    }
    silverCount = silver.length;
    log(`silver: ${silver.length} trees${args.silver ? ` from ${args.silver}` : ""}`);
    // the tags the parser will see: this run's tagger's (the file's are those of the tagger that
    // made the silver trees; the same when it is this one)
    data = data.concat(tagAll(tagger, silver).map((t) => ({ ...t, silver: true })));
  }
  if (args.reverse) {
    data = data.map((d) => {
      const r = reverseSentence({ ...d.sent, upos: d.upos, xpos: d.xpos });
      return { ...d, sent: { ...reverseSentence(d.sent) }, upos: r.upos, xpos: r.xpos };
    });
    log("right-to-left parser: sentences reversed");
  }
  const devEvery = Number(process.env["BB_DEV_EVERY"] ?? 0);
  const onEpoch = devEvery > 0
    ? (ep: number, p: Parser): void => {
        if (ep % devEvery !== 0) return;
        const d = evaluate(tagger, p, dev, args.reverse);
        log(`  epoch ${ep} dev UAS ${d.uas} LAS ${d.las}`);
      }
    : undefined;
  const parser = trainParser(data, { ...popts, log, onEpoch });
  const secs = (Date.now() - t0) / 1000;
  const parserPath = join(args.out, "parser.bin.gz");
  const bytes = saveModel(parserPath, parserToContainer(parser, { trainedOn: parserOn, jackknifeFolds: args.folds }), 8, args.prune);
  const { loadParser } = await import("./model-io.js");
  const shipped = loadParser(parserPath);
  const d = evaluate(tagger, shipped, dev, args.reverse);
  log(`parser dev (predicted tags) UAS ${d.uas} LAS ${d.las} LASfull ${d.lasFull}; ${(bytes / 1e6).toFixed(2)} MB; ${secs.toFixed(0)} s`);
  const { log: _l, ...settings } = popts;
  rec.parser = { settings: { ...settings, jackknifeFolds: args.folds, prune: args.prune, gum: args.gum !== "none", ewtWeight: args.ewtWeight, ...(args.reverse ? { reverse: true } : {}), ...(silver ? { silver: args.silver ?? `tri-training members, ${args.triEpochs} epochs`, silverTrees: silverCount } : {}) }, dev: d, seconds: secs, bytes, rows: [shipped.moves.nRows, shipped.arcs.nRows] };
  writeFileSync(recPath, JSON.stringify(rec, null, 2) + "\n");
  writeReadme(args.out, rec);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
