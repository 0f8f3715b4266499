/**
 * CLI: silver training trees for the parser by ensemble agreement (tri-training; Li, Zhang & Chen
 * 2014, Weiss et al. 2015): the news sentences of unlabelled text (PolNeAR train article bodies,
 * FNC-1 train bodies; never EWT, GUM or UNER text), split and tokenized by whosaid's own tokenizer,
 * tagged by one tagger and parsed by several parsers; a sentence is kept when every parser gives
 * it the same tree (heads and full labels).
 *
 *   node dist/backbone/silver.js --tagger DIR --parsers DIR1,[rev:]DIR2[,...] --out FILE.conllu
 *                                [--min-len N] [--max-len N] [--partial F] [--check-dev]
 *
 * The output is CoNLL-U with the tagger's tags as UPOS/XPOS, in corpus order (PolNeAR first).
 * --check-dev: also report how accurate the agreed trees are on EWT dev (gold tokenization), to
 * see what the agreement filter buys; nothing of dev goes into the output.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences } from "../stages/sentences/split.js";
import { parseCsv } from "../stance/csv.js";
import { tokenize } from "../stages/tokenize/tokenize.js";
import { parseConllu, writeConllu, type Sentence } from "./conllu.js";
import { loadParser, loadTagger } from "./model-io.js";
import { dataDir, ewtFile } from "./paths.js";
import { parseReversed } from "./parser/reverse.js";

/** A text's sentences as word arrays (our tokenizer and splitter), as the product parses them. */
export function textSentences(text: string): string[][] {
  const tokens = tokenize(text);
  return splitSentences(text, tokens).map((s) => {
    const words: string[] = [];
    for (let t = s.tokenStart; t < s.tokenEnd; t++) words.push(text.slice(tokens.start[t]!, tokens.end[t]!));
    return words;
  });
}

/** Unlabelled news texts: PolNeAR train article bodies (title line dropped), FNC-1 train bodies. */
export function unlabelledTexts(): string[] {
  const dir = join(dataDir(), "polnear", "train", "text");
  const pol = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8").replace(/^[^\n]*\n/, ""));
  const fnc = parseCsv(readFileSync(join(dataDir(), "fnc1", "train_bodies.csv"), "utf8"))
    .slice(1)
    .map((r) => r[1] ?? "");
  return pol.concat(fnc);
}

export interface MemberParser {
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): { heads: Int32Array; deprels: string[] };
}

/**
 * The silver trees of the unlabelled news (unlabelledTexts): distinct sentences of minLen-maxLen
 * words, tagged by `tagger`, kept when the parsers agree on (at least the share `partial` of) the
 * arcs, heads and full labels; disagreed arcs get head -1 and label "_".
 */
export function silverTrees(
  tagger: { tag(words: readonly string[]): { upos: string[]; xpos: string[] } },
  parsers: MemberParser[],
  o: { minLen: number; maxLen: number; partial: number },
): { kept: Sentence[]; total: number; eligible: number; keptWords: number; keptArcs: number } {
  const seen = new Set<string>();
  const kept: Sentence[] = [];
  let total = 0, eligible = 0, keptWords = 0, keptArcs = 0;
  for (const text of unlabelledTexts()) {
    for (const words of textSentences(text)) {
      total++;
      if (words.length < o.minLen || words.length > o.maxLen) continue;
      const key = words.join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      eligible++;
      const t = tagger.tag(words);
      const ps = parsers.map((p) => p.parse(words, t.upos, t.xpos));
      const a = agreedArcs(ps);
      const nAgreed = a.filter(Boolean).length;
      if (nAgreed < o.partial * words.length) continue;
      const n = words.length;
      const heads = Int32Array.from(ps[0]!.heads, (h, i) => (a[i] ? h : -1));
      const deprels = ps[0]!.deprels.map((d, i) => (a[i] ? d : "_"));
      kept.push({
        comments: [`# sent_id = silver-${kept.length + 1}`],
        words,
        lemmas: new Array<string>(n).fill("_"),
        upos: t.upos,
        xpos: t.xpos,
        feats: new Array<string>(n).fill("_"),
        heads,
        deprels,
        deps: new Array<string>(n).fill("_"),
        misc: new Array<string>(n).fill("_"),
        multiwords: [],
      });
      keptWords += n;
      keptArcs += nAgreed;
    }
  }
  return { kept, total, eligible, keptWords, keptArcs };
}

/** per word: do all the parsers give it the same head and label? */
function agreedArcs(ps: { heads: Int32Array; deprels: string[] }[]): boolean[] {
  return Array.from(ps[0]!.heads, (h, i) => ps.every((p) => p.heads[i] === h && p.deprels[i] === ps[0]!.deprels[i]));
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (k: string, d?: string): string | undefined => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : d;
  };
  const tagger = loadTagger(join(opt("--tagger")!, "tagger.bin.gz"));
  // "rev:DIR" = a right-to-left parser (train.js --reverse)
  const parsers: MemberParser[] = opt("--parsers")!.split(",").map((d) => {
    const rev = d.startsWith("rev:");
    const p = loadParser(join(rev ? d.slice(4) : d, "parser.bin.gz"));
    return { parse: (w: readonly string[], u: readonly string[], x: readonly string[]) => (rev ? parseReversed(p, w, u, x) : p.parse(w, u, x)) };
  });
  const minLen = Number(opt("--min-len", "3"));
  const maxLen = Number(opt("--max-len", "60"));
  const out = opt("--out");
  const same = (a: { heads: Int32Array; deprels: string[] }, b: { heads: Int32Array; deprels: string[] }): boolean => {
    for (let i = 0; i < a.heads.length; i++) if (a.heads[i] !== b.heads[i] || a.deprels[i] !== b.deprels[i]) return false;
    return true;
  };
  // --partial F: also keep a sentence on whose arcs (head and label) the parsers agree for at
  // least the share F of its words, with head -1 / label "_" on the others (a partial tree)
  const partial = Number(opt("--partial", "1"));
  if (argv.includes("--check-dev")) {
    const dev = parseConllu(readFileSync(ewtFile("dev"), "utf8"));
    let agreed = 0, words = 0, las = 0, allWords = 0, allLas = 0, pArcs = 0, pOk = 0;
    for (const s of dev) {
      const t = tagger.tag(s.words);
      const ps = parsers.map((p) => p.parse(s.words, t.upos, t.xpos));
      let ok = 0;
      for (let i = 0; i < s.words.length; i++) if (ps[0]!.heads[i] === s.heads[i] && ps[0]!.deprels[i]!.split(":")[0] === s.deprels[i]!.split(":")[0]) ok++;
      allWords += s.words.length;
      allLas += ok;
      if (ps.every((p) => same(p, ps[0]!))) (agreed++, (words += s.words.length), (las += ok));
      const a = agreedArcs(ps);
      const share = a.filter(Boolean).length / a.length;
      if (share >= partial) for (let i = 0; i < a.length; i++) if (a[i]) {
        pArcs++;
        if (ps[0]!.heads[i] === s.heads[i] && ps[0]!.deprels[i]!.split(":")[0] === s.deprels[i]!.split(":")[0]) pOk++;
      }
    }
    console.log(`dev: arcs agreed in sentences with >= ${partial} agreed: ${pArcs} of ${allWords} words, LAS on them ${((100 * pOk) / pArcs).toFixed(2)}`);
    console.log(`dev: ${agreed} of ${dev.length} sentences agreed (${words} of ${allWords} words); LAS of the first parser on them ${((100 * las) / words).toFixed(2)}, on all ${((100 * allLas) / allWords).toFixed(2)}`);
  }
  if (!out) return;
  const { kept, total, eligible, keptWords, keptArcs } = silverTrees(tagger, parsers, { minLen, maxLen, partial });
  writeFileSync(out, writeConllu(kept));
  console.log(`${total} sentences, ${eligible} distinct of ${minLen}-${maxLen} words, ${kept.length} kept (${keptWords} words, ${(keptWords / Math.max(1, kept.length)).toFixed(1)} per sentence, ${keptArcs} agreed arcs) -> ${out}`);
}

if (process.argv[1]?.endsWith("silver.js")) main();
