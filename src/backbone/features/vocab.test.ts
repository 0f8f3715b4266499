import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu } from "../conllu.js";
import { loadModel } from "../ner/model.js";
import { extractFeatures, FeatureScratch, MAX_FEATS_PER_TOKEN } from "../ner/features.js";
import { loadTagger } from "../model-io.js";
import { repoRoot } from "../paths.js";
import { MAX_FEATS, Tagger, type TagContext } from "../tagger/model.js";
import { sharedVocab, Vocab, WordColumns } from "./vocab.js";
import { WF, wordFeatures } from "./word.js";

test("Vocab: stable ids, the last sentence reused, a new epoch when full", () => {
  const v = new Vocab(5);
  const a = Array.from(v.sentence(["a", "b", "a"]));
  assert.deepEqual(a, [0, 1, 0]);
  const words = ["b", "c"];
  assert.deepEqual(Array.from(v.sentence(words)), [1, 2]);
  assert.deepEqual(Array.from(v.sentence(words)), [1, 2]); // the same words again (reused ids)
  assert.equal(v.size, 3);
  const epoch = v.epoch;
  assert.deepEqual(Array.from(v.sentence(["d", "e", "f"])), [0, 1, 2]); // 3 + 3 > 5: starts over
  assert.equal(v.epoch, epoch + 1);
  const cols = new WordColumns(v, 2);
  let computed = 0;
  const put = (w: string, values: Int32Array, o: number): void => {
    computed++;
    values[o] = w.length;
    values[o + 1] = w.charCodeAt(0);
  };
  const ids = v.sentence(["xy", "z", "xy"]);
  const vals = cols.fill(["xy", "z", "xy"], ids, { computeWordValues: put });
  assert.equal(computed, 2);
  assert.deepEqual([vals[ids[0]! * 2], vals[ids[1]! * 2 + 1]], [2, "z".charCodeAt(0)]);
  v.sentence(["p", "q", "r", "s"]); // full again: new epoch, columns must forget
  const ids2 = v.sentence(["xy"]);
  cols.fill(["xy"], ids2, { computeWordValues: put });
  assert.equal(computed, 3);
});

/**
 * The tagger and NER read per-word values from columns filled once per word of the shared
 * vocabulary; they must equal what the per-token computation (the reference, still used in
 * training) gives, also across an epoch change of the vocabulary.
 */
test("cached per-word values give the tagger and NER the same features as per-token computation", () => {
  const root = repoRoot();
  const sents = parseConllu(readFileSync(join(root, "src", "backbone", "testdata", "ewt-dev-sample.conllu"), "utf8")).map((s) => s.words);
  const tagger = loadTagger(join(root, "models", "tagger.bin.gz"));
  const ner = loadModel(join(root, "models", "ner.bin.gz"));
  const got = new Int32Array(MAX_FEATS);
  const want = new Int32Array(MAX_FEATS);
  const b = new FeatureScratch();
  for (let round = 0; round < 2; round++) {
    for (const words of sents) {
      const n = words.length;
      // reference context, built word by word as before the vocabulary existed
      const wf = new Int32Array((n + 4) * WF.Size);
      const amb = new Int32Array(n + 4);
      const ambLower = new Int32Array(n + 4);
      const ctx = tagger.context(words);
      wf.set(ctx.wf.subarray(0, 2 * WF.Size));
      wf.set(ctx.wf.subarray((n + 2) * WF.Size, (n + 4) * WF.Size), (n + 2) * WF.Size);
      amb.set([ctx.amb[0]!, ctx.amb[1]!]);
      amb.set([ctx.amb[n + 2]!, ctx.amb[n + 3]!], n + 2);
      words.forEach((w, i) => {
        wf.set(wordFeatures(w), (i + 2) * WF.Size);
        amb[i + 2] = tagger.ambOf(w);
        ambLower[i + 2] = tagger.amb.get("\u0001" + w.toLowerCase()) ?? Tagger.UNKNOWN_LOWER;
      });
      const ref: TagContext = { n, wf, amb, ambLower, cands: words.map((w) => tagger.cands.get(w) ?? null), cl1: ctx.cl1, cl2: ctx.cl2 };
      assert.deepEqual(ctx.cands, ref.cands);
      for (let i = 0; i < n; i++) {
        const k = tagger.features(ctx, i, i - 1, i - 2, got);
        assert.equal(tagger.features(ref, i, i - 1, i - 2, want), k);
        assert.deepEqual(got.subarray(0, k), want.subarray(0, k));
      }
      // NER: features through the model's columns (decodeTags) and computed per token (with the
      // tagger's tags, which a model with tag features reads; the same tags on both sides)
      const tags = ner.posMode ? tagger.tag(words) : undefined;
      // (a loaded model decodes with its per-word sums, so its scratch holds the context features)
      ner.decodeTags(words, undefined, undefined, tags);
      const cached = ner.lastScratch;
      extractFeatures(words, ner.stats, b, undefined, tags, ner.posMode, true);
      for (let i = 0; i < n; i++) {
        assert.equal(cached.nf[i], b.nf[i]);
        const M = MAX_FEATS_PER_TOKEN;
        assert.deepEqual(cached.feats.subarray(i * M, i * M + b.nf[i]!), b.feats.subarray(i * M, i * M + b.nf[i]!));
      }
    }
    // push the shared vocabulary over its limit: the second round runs in a new epoch
    const epoch = sharedVocab.epoch;
    for (let k = 0; sharedVocab.epoch === epoch; k++) sharedVocab.sentence(Array.from({ length: 1000 }, (_, j) => `filler${k}_${j}`));
  }
});
