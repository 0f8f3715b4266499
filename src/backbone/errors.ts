/**
 * CLI: where the parser loses LAS on EWT dev (never test): attachment vs label errors, split by
 * whether the word's (or its head's) predicted tag is wrong, and the label confusions among
 * correctly attached words (universal labels). Also parses with gold tags for comparison.
 *
 *   node dist/backbone/errors.js [--models DIR] [--top N]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu } from "./conllu.js";
import { loadParser, loadTagger } from "./model-io.js";
import { ewtFile, modelsDir } from "./paths.js";

const args = process.argv.slice(2);
const mi = args.indexOf("--models");
const dir = mi >= 0 ? args[mi + 1]! : modelsDir();
const ti = args.indexOf("--top");
const top = ti >= 0 ? Number(args[ti + 1]) : 30;

const tagger = loadTagger(join(dir, "tagger.bin.gz"));
const parser = loadParser(join(dir, "parser.bin.gz"));
const dev = parseConllu(readFileSync(ewtFile("dev"), "utf8"));
const univ = (d: string): string => d.split(":")[0]!;
const pct = (x: number, n: number): string => ((100 * x) / n).toFixed(2);

let n = 0;
// [dep tag ok, dep tag wrong] x [head wrong, head ok label wrong, both ok]
const cells = [new Int32Array(3), new Int32Array(3)];
let headTagWrongLab = 0; // right head, wrong label, dependent tag right but the head's tag wrong
let goldUas = 0, goldLas = 0;
const conf = new Map<string, number>();
const labTotal = new Map<string, number>();
const headWrong = new Map<string, number>();
const goldCount = new Map<string, number>();
const labWrong = new Map<string, number>();
for (const s of dev) {
  const t = tagger.tag(s.words);
  const p = parser.parse(s.words, t.upos, t.xpos);
  const g = parser.parse(s.words, s.upos, s.xpos);
  for (let i = 0; i < s.words.length; i++) {
    n++;
    const tagBad = t.xpos[i] !== s.xpos[i] || t.upos[i] !== s.upos[i] ? 1 : 0;
    const gl = univ(s.deprels[i]!), pl = univ(p.deprels[i]!);
    if (g.heads[i] === s.heads[i]) {
      goldUas++;
      if (univ(g.deprels[i]!) === gl) goldLas++;
    }
    goldCount.set(gl, (goldCount.get(gl) ?? 0) + 1);
    if (p.heads[i] !== s.heads[i]) {
      cells[tagBad]![0]!++;
      headWrong.set(gl, (headWrong.get(gl) ?? 0) + 1);
    }
    else {
      labTotal.set(gl, (labTotal.get(gl) ?? 0) + 1);
      if (pl !== gl) {
        cells[tagBad]![1]!++;
        labWrong.set(gl, (labWrong.get(gl) ?? 0) + 1);
        const k = `${gl} -> ${pl}`;
        conf.set(k, (conf.get(k) ?? 0) + 1);
        const h = s.heads[i]! - 1;
        if (!tagBad && h >= 0 && (t.xpos[h] !== s.xpos[h] || t.upos[h] !== s.upos[h])) headTagWrongLab++;
      } else cells[tagBad]![2]!++;
    }
  }
}
const [ok, bad] = cells as [Int32Array, Int32Array];
const attached = ok[1]! + ok[2]! + bad[1]! + bad[2]!;
console.log(`EWT dev ${n} words; predicted tags: UAS ${pct(attached, n)} LAS ${pct(ok[2]! + bad[2]!, n)}; gold tags: UAS ${pct(goldUas, n)} LAS ${pct(goldLas, n)}`);
console.log(`words with a tag error (UPOS or XPOS): ${bad[0]! + bad[1]! + bad[2]!} (${pct(bad[0]! + bad[1]! + bad[2]!, n)}%)`);
console.log(`LAS loss (points of all words): wrong head ${pct(ok[0]! + bad[0]!, n)} (tag right ${pct(ok[0]!, n)}, tag wrong ${pct(bad[0]!, n)}); right head, wrong label ${pct(ok[1]! + bad[1]!, n)} (tag right ${pct(ok[1]!, n)}, of which head's tag wrong ${pct(headTagWrongLab, n)}; tag wrong ${pct(bad[1]!, n)})`);
console.log(`label error rate among attached words: ${pct(ok[1]! + bad[1]!, attached)}% (dependent tag right ${pct(ok[1]!, ok[1]! + ok[2]!)}%, wrong ${pct(bad[1]!, bad[1]! + bad[2]!)}%)`);
console.log(`\nlabel confusions among correctly attached words (gold -> predicted), top ${top}:`);
for (const [k, c] of [...conf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(c).padStart(4)}  ${k}`);
console.log(`\nper gold label (attached words): wrong / total`);
for (const [l, c] of [...labWrong].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${l.padEnd(12)} ${String(c).padStart(4)} / ${labTotal.get(l)} (${pct(c, labTotal.get(l)!)}%)`);
console.log(`\nwrong heads per gold label: count (points of LAS), error rate`);
for (const [l, c] of [...headWrong].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${l.padEnd(12)} ${String(c).padStart(4)} (${pct(c, n)}) ${pct(c, goldCount.get(l)!)}%`);
