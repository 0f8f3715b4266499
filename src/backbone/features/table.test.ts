import { test } from "node:test";
import assert from "node:assert/strict";
import { mulberry32 } from "./hash.js";
import { WeightTable } from "./table.js";

/**
 * The quantised scoring paths reorder work for speed (integer sums, cache warming); they must give
 * exactly what the straightforward float accumulation gives: out[c] = fround(sum of q) * scale
 * rounded to float32, with absent and repeated features.
 */
function randomTable(nClasses: number, nRows: number, seed: number): { t: WeightTable; keys: Int32Array; q: Int8Array; scale: number } {
  const rand = mulberry32(seed);
  const set = new Set<number>();
  while (set.size < nRows) {
    const k = (rand() * 2 ** 32) | 0;
    if (k !== 0) set.add(k);
  }
  const keys = Int32Array.from([...set].sort((a, b) => (a >>> 0) - (b >>> 0)));
  // rows from nearly empty to full, so that both the sparse and the dense row layouts are used
  const q = new Int8Array(nRows * nClasses);
  for (let r = 0; r < nRows; r++) {
    const density = rand() < 0.7 ? 0.05 : rand();
    for (let c = 0; c < nClasses; c++) if (rand() < density) q[r * nClasses + c] = Math.round(rand() * 254) - 127;
  }
  const scale = 0.0123;
  return { t: WeightTable.fromQuantized(nClasses, keys, q, scale), keys, q, scale };
}

function reference(keys: Int32Array, q: Int8Array, C: number, scale: number, feats: Int32Array, n: number, rowOf?: Map<number, number>): Float32Array {
  const row = rowOf ?? new Map<number, number>();
  if (!rowOf) keys.forEach((k, r) => row.set(k, r));
  const out = new Float32Array(C);
  for (let f = 0; f < n; f++) {
    const r = row.get(feats[f]!);
    if (r === undefined) continue;
    for (let c = 0; c < C; c++) out[c]! += q[r * C + c]!;
  }
  for (let c = 0; c < C; c++) out[c]! *= scale;
  return out;
}

// 3: packed; 5, 14, 16: inline pairs; 51, 102: mixed sparse / dense rows
for (const C of [3, 5, 14, 16, 51, 102]) {
  test(`quantised WeightTable scoring equals the reference (${C} classes)`, () => {
    const { t, keys, q, scale } = randomTable(C, 5000, C);
    // rows() (used to re-save a model) gives back every row, whatever the layout
    const back = t.rows();
    const at = new Map<number, number>();
    back.keys.forEach((k, r) => at.set(k, r));
    assert.equal(back.keys.length, keys.length);
    keys.forEach((k, r) => {
      const b = at.get(k)!;
      for (let c = 0; c < C; c++) assert.equal(back.w[b * C + c], Math.fround(q[r * C + c]! * scale));
    });
    const rand = mulberry32(99 + C);
    for (let trial = 0; trial < 200; trial++) {
      // up to 600 features: more hits than the pair layout sums before folding (256)
      const n = 1 + Math.floor(rand() * (trial % 10 === 0 ? 600 : 180));
      const feats = new Int32Array(n);
      for (let f = 0; f < n; f++) {
        // a mix of present keys (some repeated) and absent ones
        feats[f] = rand() < 0.6 ? keys[Math.floor(rand() * keys.length)]! : ((rand() * 2 ** 32) | 0) || 1;
      }
      const want = reference(keys, q, C, scale, feats, n);
      const out = new Float32Array(C);
      t.score(feats, n, out);
      assert.deepEqual(out, want);
      const cands = Int32Array.from([...new Set(Array.from({ length: 1 + Math.floor(rand() * C) }, () => Math.floor(rand() * C)))]);
      const sub = new Float32Array(C).fill(42);
      t.scoreSubset(feats, n, cands, sub);
      for (let c = 0; c < C; c++) assert.equal(sub[c], cands.includes(c) ? want[c] : 42);
    }
  });
}

// Large tables of up to 14 classes use the 16-byte tag slots, whose tags hold the key bits above
// the slot index and the distance from the home slot; rows landing too far go to an overflow map.
// 390,000 rows fill 2^19 slots to a load of 0.74, so distances run past 7 and both paths are scored.
for (const C of [7, 14]) {
  test(`quantised WeightTable scoring equals the reference (tag slots, ${C} classes)`, () => {
    const { t, keys, q, scale } = randomTable(C, 390_000, 7 + C);
    const back = t.rows();
    assert.equal(back.keys.length, keys.length);
    const at = new Map<number, number>();
    back.keys.forEach((k, r) => at.set(k, r));
    keys.forEach((k, r) => {
      const b = at.get(k);
      assert.ok(b !== undefined, `row of key ${k} lost`);
      for (let c = 0; c < C; c++) assert.equal(back.w[b * C + c], Math.fround(q[r * C + c]! * scale));
    });
    const rowOf = new Map<number, number>();
    keys.forEach((k, r) => rowOf.set(k, r));
    const rand = mulberry32(5 + C);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * (trial % 10 === 0 ? 600 : 180));
      const feats = new Int32Array(n);
      for (let f = 0; f < n; f++) feats[f] = rand() < 0.6 ? keys[Math.floor(rand() * keys.length)]! : ((rand() * 2 ** 32) | 0) || 1;
      const want = reference(keys, q, C, scale, feats, n, rowOf);
      const out = new Float32Array(C);
      t.score(feats, n, out);
      assert.deepEqual(out, want);
    }
  });
}
