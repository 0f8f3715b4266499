import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu } from "./conllu.js";
import { loadBackbone } from "./index.js";
import { score } from "./metrics.js";
import { repoRoot } from "./paths.js";

// Floors: the shipped models score UPOS 95.98 and LAS 87.48 on this 50-sentence
// (647-word) EWT dev sample; floors leave a margin of ~6 words (UPOS) and
// ~29 words (LAS). See models/README.md for full dev/test scores.
const UPOS_FLOOR = 95.0;
const LAS_FLOOR = 83.0;

test("shipped models keep their accuracy on an EWT dev sample", () => {
  const sample = parseConllu(readFileSync(join(repoRoot(), "src", "backbone", "testdata", "ewt-dev-sample.conllu"), "utf8"));
  assert.equal(sample.length, 50);
  const bb = loadBackbone();
  const preds = sample.map((s) => bb.analyze(s.words));
  const sc = score(sample, preds);
  assert.ok(sc.upos >= UPOS_FLOOR, `UPOS ${sc.upos} < ${UPOS_FLOOR}`);
  assert.ok(sc.las >= LAS_FLOOR, `LAS ${sc.las} < ${LAS_FLOOR}`);
  for (const p of preds) {
    assert.equal(p.heads.filter((h) => h === 0).length, 1, "exactly one root");
  }
});

test("empty input", () => {
  const bb = loadBackbone();
  assert.deepEqual(bb.tag([]), { upos: [], xpos: [] });
  assert.equal(bb.parse([], [], []).heads.length, 0);
});
