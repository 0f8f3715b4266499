/**
 * Score the shipped NER model:  node dist/backbone/ner/eval.js [--json] [--model FILE]
 *
 * Test splits: UNER English EWT test (PER / ORG / LOC, exact spans) and GUM
 * test documents (named person / organization / place mentions, exact spans);
 * see evaluate.ts for the protocols. The readable output adds dev scores
 * (GUM dev; UNER dev, which is training data, for reference), per-type
 * scores and inference speed. --json prints only
 * {"uner":{"p","r","f1"},"gum_ner":{"p","r","f1"}} for the test splits.
 */
import { join } from "node:path";
import { defaultModelsDir, gumSplits, readGum, readUner, type NerSentence } from "./data.js";
import { scoreCorpus } from "./evaluate.js";
import { recognizerFor } from "./index.js";
import { fmtPrf, type Prf } from "./metrics.js";
import { loadModel } from "./model.js";

function main(): void {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const mi = argv.indexOf("--model");
  const path = mi >= 0 ? argv[mi + 1]! : join(defaultModelsDir(), "ner.bin.gz");
  const t0 = Date.now();
  const model = loadModel(path);
  const loadMs = Date.now() - t0;
  const ner = recognizerFor(model);
  const splits = gumSplits();
  const unerTest = readUner("test");
  const gumTest = readGum(splits.test);
  const round = (x: Prf): { p: number; r: number; f1: number } => ({
    p: Number(x.p.toFixed(2)),
    r: Number(x.r.toFixed(2)),
    f1: Number(x.f1.toFixed(2)),
  });
  const u = scoreCorpus(ner, unerTest, "uner");
  const g = scoreCorpus(ner, gumTest, "gum");
  const result = { uner: round(u.result()), gum_ner: round(g.result()) };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const show = (name: string, sc: ReturnType<typeof scoreCorpus>): void => {
    console.log(`${name}: ${fmtPrf(sc.result())}`);
    for (const [t, x] of Object.entries(sc.typeResults())) console.log(`    ${t}: ${fmtPrf(x)}`);
  };
  console.log(`model ${path} (loaded in ${loadMs} ms)`);
  console.log("== test ==");
  show("UNER EWT test", u);
  show("GUM test", g);
  console.log("== dev ==");
  show("GUM dev", scoreCorpus(ner, readGum(splits.dev), "gum"));
  show("UNER EWT dev (training data of the shipped model)", scoreCorpus(ner, readUner("dev"), "uner"));
  // speed
  const all: NerSentence[] = [...unerTest, ...gumTest];
  let toks = 0;
  for (const s of all) toks += s.words.length;
  for (const s of all) ner.recognize(s.words); // warm-up
  const reps = 3;
  const ts = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) for (const s of all) ner.recognize(s.words);
  const secs = Number(process.hrtime.bigint() - ts) / 1e9;
  console.log(`speed: ${Math.round((toks * reps) / secs)} tokens/s (${toks * reps} tokens, one core)`);
  console.log(JSON.stringify(result));
}

main();
