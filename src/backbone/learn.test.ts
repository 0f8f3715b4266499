import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConllu, type Sentence } from "./conllu.js";
import { loadParser, loadTagger, parserToContainer, saveModel, taggerToContainer } from "./model-io.js";
import { trainParser } from "./parser/train.js";
import { trainTagger } from "./tagger/train.js";
import { projectivize, State, SHIFT, LEFT, RIGHT } from "./parser/system.js";

// Tiny hand-built treebank: tagger and parser must fit it perfectly.
const rows = (spec: string): string =>
  spec
    .trim()
    .split("\n")
    .map((l, i) => {
      const [w, u, x, h, d] = l.trim().split(/\s+/);
      return `${i + 1}\t${w}\t_\t${u}\t${x}\t_\t${h}\t${d}\t_\t_`;
    })
    .join("\n");

const TINY = [
  `The DET DT 2 det
   dog NOUN NN 3 nsubj
   barks VERB VBZ 0 root
   . PUNCT . 3 punct`,
  `A DET DT 2 det
   cat NOUN NN 3 nsubj
   sees VERB VBZ 0 root
   the DET DT 5 det
   dog NOUN NN 3 obj
   . PUNCT . 3 punct`,
  `Dogs NOUN NNS 2 nsubj
   run VERB VBP 0 root
   fast ADV RB 2 advmod
   . PUNCT . 2 punct`,
  `She PRON PRP 2 nsubj
   saw VERB VBD 0 root
   the DET DT 4 det
   man NOUN NN 2 obj
   with ADP IN 7 case
   a DET DT 7 det
   telescope NOUN NN 2 obl
   . PUNCT . 2 punct`,
  `I PRON PRP 2 nsubj
   like VERB VBP 0 root
   green ADJ JJ 4 amod
   tea NOUN NN 2 obj
   and CCONJ CC 6 cc
   milk NOUN NN 4 conj`,
  `Who PRON WP 2 nsubj
   said VERB VBD 0 root
   that SCONJ IN 5 mark
   it PRON PRP 5 nsubj
   rained VERB VBD 2 ccomp
   ? PUNCT . 2 punct`,
]
  .map(rows)
  .join("\n\n");

const sents: Sentence[] = parseConllu(TINY + "\n");

test("projectivize lifts a crossing arc", () => {
  // 1->3, 2->4 cross: 0 root=1 ; heads: 1:0, 2:4? build: w1 root, w3 head of w2? use classic: a b c d with b->d, c->a
  const h = Int32Array.from([-1, 0, 4, 1, 1]); // arc 4->2 spans 3 whose head 1 is outside
  const p = projectivize(h);
  assert.deepEqual([...p], [-1, 0, 1, 1, 1]);
});

test("arc-hybrid oracle reaches the gold tree with zero cost", () => {
  for (const s of sents) {
    const n = s.words.length;
    const gh = Int32Array.from([-1, ...s.heads]);
    const st = new State();
    st.reset(n);
    while (!st.terminal()) {
      const m = [SHIFT, LEFT, RIGHT].find((x) => st.valid(x) && st.cost(x, gh) === 0);
      assert.notEqual(m, undefined);
      st.apply(m!, 0);
    }
    assert.deepEqual([...st.heads.subarray(1, n + 1)], [...s.heads]);
  }
});

test("tagger and parser fit a tiny treebank; save/load keeps predictions", () => {
  const tagger = trainTagger(sents, { epochs: 20, seed: 1, ambMinCount: 1, ambMinShare: 0.05, ambFolds: 0, candMinCount: 0 });
  const parser = trainParser(
    sents.map((s) => ({ sent: s, upos: s.upos, xpos: s.xpos })),
    { epochs: 30, seed: 1, explore: 0.9, exploreFrom: 2, labelMinCount: 1 },
  );
  for (const s of sents) {
    const t = tagger.tag(s.words);
    assert.deepEqual(t.upos, s.upos);
    assert.deepEqual(t.xpos, s.xpos);
    const p = parser.parse(s.words, s.upos, s.xpos);
    assert.deepEqual([...p.heads], [...s.heads]);
    assert.deepEqual(p.deprels, s.deprels);
  }
  const dir = mkdtempSync(join(tmpdir(), "backbone-test-"));
  try {
    saveModel(join(dir, "t.bin.gz"), taggerToContainer(tagger));
    saveModel(join(dir, "p.bin.gz"), parserToContainer(parser));
    const t2 = loadTagger(join(dir, "t.bin.gz"));
    const p2 = loadParser(join(dir, "p.bin.gz"));
    const probe = [...sents.map((s) => s.words), ["The", "telescope", "sees", "green", "milk", "."], ["Unknown", "words", "here"]];
    for (const w of probe) {
      const a = tagger.tag(w);
      assert.deepEqual(t2.tag(w), a);
      assert.deepEqual(p2.parse(w, a.upos, a.xpos), parser.parse(w, a.upos, a.xpos));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
