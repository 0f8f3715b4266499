import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu } from "../conllu.js";
import { loadTagger } from "../model-io.js";
import { repoRoot } from "../paths.js";
import { MAX_FEATS, Tagger } from "./model.js";

/**
 * At inference the tagger sums the word-only features once per word (cached) and the context
 * features per token; training and the reference path score features() per token. Both must see
 * the same feature keys and choose the same labels, also when the cache has to start over.
 */
test("cached word part + context features = features(), same labels", () => {
  const root = repoRoot();
  const sents = parseConllu(readFileSync(join(root, "src", "backbone", "testdata", "ewt-dev-sample.conllu"), "utf8")).map((s) => s.words);
  const tagger = loadTagger(join(root, "models", "tagger.bin.gz"));
  assert.ok(tagger.table.isMixed);
  const all = new Int32Array(MAX_FEATS);
  const part = new Int32Array(2 * MAX_FEATS);
  const limit = Tagger.POOL_LIMIT;
  try {
    for (const poolLimit of [limit, 300]) {
      Tagger.POOL_LIMIT = poolLimit; // a tiny pool starts over every few words
      for (const words of sents) {
        const ctx = tagger.context(words);
        const reference = tagger.greedy(ctx, tagger.table, null);
        for (let i = 0; i < words.length; i++) {
          const p1 = i > 0 ? reference[i - 1]! : -1;
          const p2 = i > 1 ? reference[i - 2]! : -1;
          const n = tagger.features(ctx, i, p1, p2, all);
          let m = tagger.wordOnlyFeatures(ctx, i, part);
          m += tagger.contextFeatures(ctx, i, p1, p2, part.subarray(m));
          assert.deepEqual([...part.subarray(0, m)].sort(), [...all.subarray(0, n)].sort());
        }
        assert.deepEqual(tagger.tagIds(words), reference);
      }
    }
  } finally {
    Tagger.POOL_LIMIT = limit;
  }
});
