/**
 * CLI: score the shipped models on UD English-EWT test (and dev) with gold
 * tokenization and predicted tags; also measures tag+parse speed on test.
 *
 *   node dist/backbone/eval.js [--json] [--models DIR]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu, type Sentence } from "./conllu.js";
import { score, type Prediction, type Scores } from "./metrics.js";
import { loadParser, loadTagger } from "./model-io.js";
import { ewtFile, modelsDir } from "./paths.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const mi = args.indexOf("--models");
const dir = mi >= 0 ? args[mi + 1]! : modelsDir();

const t0 = performance.now();
const tagger = loadTagger(join(dir, "tagger.bin.gz"));
const parser = loadParser(join(dir, "parser.bin.gz"));
const loadMs = performance.now() - t0;

function run(sents: Sentence[]): { scores: Scores; seconds: number; tagSeconds: number; cpuSeconds: number } {
  const preds: Prediction[] = new Array(sents.length);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  let tagMs = 0;
  for (let i = 0; i < sents.length; i++) {
    const w = sents[i]!.words;
    const a = performance.now();
    const tg = tagger.tag(w);
    tagMs += performance.now() - a;
    const p = parser.parse(w, tg.upos, tg.xpos);
    preds[i] = { upos: tg.upos, xpos: tg.xpos, heads: p.heads, deprels: p.deprels };
  }
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { scores: score(sents, preds), seconds, tagSeconds: tagMs / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const test = parseConllu(readFileSync(ewtFile("test"), "utf8"));
const dev = parseConllu(readFileSync(ewtFile("dev"), "utf8"));
run(dev); // warm-up (JIT)
const d = run(dev);
const t = run(test);
const wps = Math.round(t.scores.words / t.seconds);
// CPU time of this process: words per second per core, less sensitive to other load on the machine
const cpuWps = Math.round(t.scores.words / t.cpuSeconds);
const r2 = (x: number): number => Math.round(x * 100) / 100;
if (json) {
  const o = (s: Scores) => ({ upos: s.upos, xpos: s.xpos, uas: s.uas, las: s.las, las_full: s.lasFull, words: s.words });
  console.log(JSON.stringify({ ewt: o(t.scores), ewt_dev: o(d.scores), speed_wps: wps, speed_wps_cpu: cpuWps, load_ms: Math.round(loadMs) }));
} else {
  const line = (name: string, s: Scores): string =>
    `${name}: UPOS ${s.upos.toFixed(2)}  XPOS ${s.xpos.toFixed(2)}  UAS ${s.uas.toFixed(2)}  LAS ${s.las.toFixed(2)}  LAS(full labels) ${s.lasFull.toFixed(2)}  (${s.words} words)`;
  console.log(line("EWT test", t.scores));
  console.log(line("EWT dev ", d.scores));
  console.log(`models loaded in ${Math.round(loadMs)} ms`);
  console.log(
    `speed on test (tag+parse, one thread): ${wps} words/s wall-clock, ${cpuWps} words/s per CPU-second (tagger ${Math.round(t.scores.words / t.tagSeconds)} w/s, parser ${Math.round(
      t.scores.words / (t.seconds - t.tagSeconds),
    )} w/s; ${r2(t.seconds)} s)`,
  );
}
