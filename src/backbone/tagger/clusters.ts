/**
 * CLI: word clusters for the tagger, learned by the NER's exchange clustering (ner/clusters.ts) from
 * text that holds no EWT, GUM or UNER dev/test sentence: EWT train, the GUM train documents, and the
 * news of the PolNeAR train articles and the FNC-1 train bodies (whosaid's tokenizer).
 *
 *   node dist/backbone/tagger/clusters.js --out FILE.json [--sizes 128,512] [--iterations N]
 *
 * Output: {"words": [...normalised words], "packed": [...cluster ids, 10 bits per size, id + 1]}.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseConllu } from "../conllu.js";
import { buildVocab, exchangeCluster } from "../ner/clusters.js";
import { ewtFile, gumTrainFiles } from "../paths.js";
import { textSentences, unlabelledTexts } from "../silver.js";

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (k: string, d: string): string => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1]! : d;
  };
  const sizes = opt("--sizes", "128,512").split(",").map(Number);
  const iterations = Number(opt("--iterations", "8"));
  const sents: string[][] = [];
  for (const s of parseConllu(readFileSync(ewtFile("train"), "utf8"))) sents.push(s.words);
  for (const f of gumTrainFiles()) for (const s of parseConllu(gunzipSync(readFileSync(f)).toString("utf8"))) sents.push(s.words);
  for (const t of unlabelledTexts()) for (const s of textSentences(t)) sents.push(s);
  let toks = 0;
  for (const s of sents) toks += s.length;
  console.log(`${sents.length} sentences, ${toks} tokens`);
  const { words } = buildVocab(sents, 3, 40000);
  const packed = new Int32Array(words.length);
  sizes.forEach((C, g) => {
    const t0 = Date.now();
    const cl = exchangeCluster(sents, words, C, iterations, (m) => console.log(m));
    for (let i = 0; i < words.length; i++) packed[i]! |= (cl[i]! + 1) << (10 * g);
    console.log(`C=${C}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  });
  writeFileSync(opt("--out", "clusters.json"), JSON.stringify({ sizes, words, packed: [...packed] }));
}

main();
