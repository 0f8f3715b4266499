/**
 * CLI: prune the shipped parser (and optionally tagger) after training: drop
 * weight rows whose largest |weight| is below a fraction of the table's
 * largest, score each setting on EWT dev (never test) and optionally write
 * the pruned files.
 *
 *   node dist/backbone/prune.js [--parser 0.01,0.02] [--tagger 0,0.01] [--write P,T] [--models DIR]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu, type Sentence } from "./conllu.js";
import { score } from "./metrics.js";
import { decodeContainer, encodeContainer, loadContainer, parserFromContainer, taggerFromContainer } from "./model-io.js";
import { writeFileSync } from "node:fs";
import { ewtFile, modelsDir } from "./paths.js";
import type { Tagger } from "./tagger/model.js";
import type { Parser } from "./parser/model.js";

const args = process.argv.slice(2);
const opt = (k: string): string | undefined => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = opt("--models") ?? modelsDir();
const list = (s: string | undefined, d: number[]): number[] => (s ? s.split(",").map(Number) : d);
const pVals = list(opt("--parser"), [0, 0.01]);
const tVals = list(opt("--tagger"), [0]);
const write = opt("--write");

const dev: Sentence[] = parseConllu(readFileSync(ewtFile("dev"), "utf8"));
const tc = loadContainer(join(dir, "tagger.bin.gz"));
const pc = loadContainer(join(dir, "parser.bin.gz"));

function run(tagger: Tagger, parser: Parser): string {
  const preds = [];
  const c0 = process.cpuUsage();
  let tagCpu = 0;
  for (const s of dev) {
    const a = process.cpuUsage();
    const t = tagger.tag(s.words);
    const b = process.cpuUsage(a);
    tagCpu += b.user + b.system;
    preds.push({ ...t, ...parser.parse(s.words, t.upos, t.xpos) });
  }
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const sc = score(dev, preds);
  return `dev UPOS ${sc.upos.toFixed(2)} XPOS ${sc.xpos.toFixed(2)} UAS ${sc.uas.toFixed(2)} LAS ${sc.las.toFixed(2)} | ${Math.round(sc.words / cpu)} w/s/cpu (tagger ${Math.round(sc.words / (tagCpu / 1e6))}, parser ${Math.round(sc.words / (cpu - tagCpu / 1e6))})`;
}

const tBufs = new Map<number, Buffer>();
const pBufs = new Map<number, Buffer>();
for (const t of tVals) tBufs.set(t, encodeContainer(tc, 8, t));
for (const p of pVals) pBufs.set(p, encodeContainer(pc, 8, p));
for (const t of tVals)
  for (const p of pVals) {
    const tagger = taggerFromContainer(decodeContainer(tBufs.get(t)!));
    const pcont = decodeContainer(pBufs.get(p)!);
    const parser = parserFromContainer(pcont);
    run(tagger, parser); // warm-up
    const rows = Object.values(pcont.tables).map((x) => x.rows().keys.length);
    console.log(`tagger prune ${t} (${(tBufs.get(t)!.length / 1e6).toFixed(2)} MB) parser prune ${p} (${(pBufs.get(p)!.length / 1e6).toFixed(2)} MB, rows ${rows.join("+")}): ${run(tagger, parser)}`);
  }
if (write) {
  const [p, t] = write.split(",").map(Number);
  if (p !== undefined && p > 0) writeFileSync(join(dir, "parser.bin.gz"), encodeContainer(pc, 8, p));
  if (t !== undefined && t > 0) writeFileSync(join(dir, "tagger.bin.gz"), encodeContainer(tc, 8, t));
  console.log(`wrote pruned models to ${dir}`);
}
