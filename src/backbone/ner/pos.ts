/**
 * Predicted POS tags for the NER training data, as noisy as the tags the recogniser sees at run
 * time (the backbone tagger's, in context).
 *
 * The shipped tagger trained on UD EWT train and the GUM train documents (reddit genre left out;
 * see src/backbone/train.ts, `--gum both`), so its tags for those sentences would be nearly
 * perfect. Those sentences get jackknifed tags instead: 5 taggers, each trained with the shipped
 * settings on the other 4 contiguous folds of the same data in the same order (as the parser's
 * training tags; `jackknifeTags`), so the file written here has the layout of train.ts's
 * `--jk-cache`. Every other sentence (UNER dev = EWT dev, GUM dev, wikigold, synthetic, the GUM
 * reddit documents) is tagged by the shipped tagger, which never saw it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseConllu, type Sentence } from "../conllu.js";
import { loadBackbone } from "../index.js";
import { dataDir, ewtFile, gumTrainFiles } from "../paths.js";
import { defaultTaggerOptions, jackknifeTags, type TagStrings } from "../tagger/train.js";
import { hashString } from "./util.js";

export const JK_FOLDS = 5;

/** The shipped tagger's training sentences, in its training order (EWT train, then GUM train files). */
function taggerTrainingSentences(): Sentence[] {
  const ewt = parseConllu(readFileSync(ewtFile("train"), "utf8"));
  const gum = gumTrainFiles().flatMap((f) => parseConllu(gunzipSync(readFileSync(f)).toString("utf8")));
  return ewt.concat(gum);
}

const sentKey = (words: readonly string[]): string => words.join("\u0001");

/**
 * Jackknifed tags of the tagger's training sentences, by sentence text (a sentence that occurs
 * twice keeps its first tagging). Cached in the OS temp folder (about 5 minutes to compute), or
 * at `cachePath`.
 */
export function jackknifedTags(log: (m: string) => void, cachePath?: string): Map<string, TagStrings> {
  const sents = taggerTrainingSentences();
  const key = hashString(JSON.stringify({ ...defaultTaggerOptions, folds: JK_FOLDS, n: sents.length, d: dataDir() })) >>> 0;
  const path = cachePath ?? join(tmpdir(), `whosaid-ner-jktags-${key.toString(16)}.json`);
  let jk: TagStrings[];
  if (existsSync(path)) {
    jk = JSON.parse(readFileSync(path, "utf8")) as TagStrings[];
    if (jk.length !== sents.length) throw new Error(`${path}: ${jk.length} sentences, expected ${sents.length}`);
    log(`jackknifed POS tags read from ${path}`);
  } else {
    const t0 = Date.now();
    jk = jackknifeTags(sents, JK_FOLDS, { ...defaultTaggerOptions }, log);
    writeFileSync(path, JSON.stringify(jk));
    log(`jackknifed POS tags (${JK_FOLDS} folds) in ${((Date.now() - t0) / 1000).toFixed(0)}s -> ${path}`);
  }
  const out = new Map<string, TagStrings>();
  sents.forEach((s, i) => {
    const k = sentKey(s.words);
    if (!out.has(k)) out.set(k, jk[i]!);
  });
  return out;
}

/** Sentences that carry predicted tags. */
export interface Tagged {
  words: string[];
  upos?: string[];
  xpos?: string[];
}

/**
 * Attach predicted tags: `jk` (jackknifed tags of the tagger's training data) for sentences found
 * there when given, else the shipped tagger's. Returns how many came from `jk`.
 */
export function attachTags(sents: Tagged[], jk?: Map<string, TagStrings>): number {
  const bb = loadBackbone();
  let fromJk = 0;
  for (const s of sents) {
    const t = jk?.get(sentKey(s.words));
    if (t && t.upos.length === s.words.length) fromJk++;
    const r = t && t.upos.length === s.words.length ? t : bb.tag(s.words);
    s.upos = r.upos;
    s.xpos = r.xpos;
  }
  return fromJk;
}

// small run: node dist/backbone/ner/pos.js  (computes the jackknife cache)
if (process.argv[1]?.endsWith("ner/pos.js")) jackknifedTags((m) => console.log(m));
