import { test } from "node:test";
import assert from "node:assert/strict";
import { mulberry32, WeightTable } from "./util.js";

/**
 * A frozen table (fromRows: what a loaded model scores with) skips zero weights and reorders
 * memory accesses; its emission scores must be bit-for-bit those of plain dense rows added in
 * feature order (float32 sums are not associative, so the order is part of the contract).
 */
// 17 tags (BILOU, the shipped model: running sums in locals) and 9 (BIO: sparse and dense rows)
for (const T of [17, 9]) test(`frozen NER WeightTable adds exactly what dense rows in feature order add (${T} tags)`, () => {
  const rand = mulberry32(T);
  const nRows = 3000;
  const keySet = new Set<number>();
  while (keySet.size < nRows) keySet.add(((rand() * 2 ** 32) | 0) || 1);
  const keys = Int32Array.from(keySet);
  const w = new Float32Array(nRows * T);
  for (let r = 0; r < nRows; r++) {
    // sparse rows (2-4 classes) and denser ones, as in a trained model
    const density = rand() < 0.7 ? 0.15 : rand();
    for (let c = 0; c < T; c++) if (rand() < density) w[r * T + c] = (rand() - 0.5) * rand() * 3;
  }
  const frozen = WeightTable.fromRows(T, keys, w);
  const row = new Map<number, number>();
  keys.forEach((k, r) => row.set(k, r));
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(rand() * 60);
    const feats = new Int32Array(n + 3);
    for (let f = 0; f < feats.length; f++) feats[f] = rand() < 0.7 ? keys[Math.floor(rand() * nRows)]! : ((rand() * 2 ** 32) | 0) || 1;
    const want = new Float32Array(T + 5).fill(0.25);
    for (let f = 2; f < 2 + n; f++) {
      const r = row.get(feats[f]!);
      if (r === undefined) continue;
      for (let c = 0; c < T; c++) want[3 + c]! += w[r * T + c]!;
    }
    const got = new Float32Array(T + 5).fill(0.25);
    frozen.addScores(feats, 2, 2 + n, got, 3);
    assert.deepEqual(got, want);
  }
});
