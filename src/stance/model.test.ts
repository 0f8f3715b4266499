import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mulberry32 } from '../backbone/features/hash.js'
import { analyse, buildVocab, N_CUE, N_DENSE, VocabIndex } from './features.js'
import { Mlp, train, type Example } from './mlp.js'
import { decide, loadModel, makeExample, roundTrip, saveModel, StanceModel } from './model.js'

test('the MLP fits a tiny separable set', () => {
  const rand = mulberry32(3)
  const xs: Example[] = []
  const ys: number[] = []
  for (let i = 0; i < 200; i++) {
    const c = i % 4
    // class c: sparse feature c (plus a shared noise feature) and a dense feature pointing at c
    const dense = new Float32Array(3)
    dense[0] = c === 1 ? 1 + rand() : rand() * 0.5
    dense[1] = c === 2 ? 1 + rand() : rand() * 0.5
    dense[2] = rand() - 0.5
    xs.push({ idx: [Int32Array.of(c, 4 + (i % 3))], val: [Float32Array.of(1, 0.5)], dense })
    ys.push(c)
  }
  const m = new Mlp({ nSparse: 8, nDense: 3, hidden: 16, classes: 4 }, 1)
  train(m, xs, Int32Array.from(ys), { epochs: 30, batch: 16, lr: 0.01, dropout: 0.1, l2: 0, seed: 1 })
  const p = new Float32Array(4)
  const correct = xs.filter((x, i) => decide(m.predict(x, p), 'argmax') === ys[i]).length
  assert.equal(correct, xs.length)
})

test('the FNC decision prefers a related label when the related classes are likely together', () => {
  assert.equal(decide([0.2, 0.05, 0.2, 0.55], 'argmax'), 3)
  assert.equal(decide([0.2, 0.05, 0.2, 0.55], 'fnc'), 0)
  assert.equal(decide([0.01, 0.01, 0.03, 0.95], 'fnc'), 3)
})

const CLAIMS = [
  ['Rocket lands on the ocean barge', 'The rocket landed upright on the ocean barge on Tuesday, officials confirmed.', 0],
  ['Rocket lands on the ocean barge', 'Reports that the rocket landed on the barge are false, the company said, denying the story.', 1],
  ['Singer cancels the world tour', 'The singer reportedly may cancel the tour, according to unconfirmed rumours.', 2],
  ['Singer cancels the world tour', 'Heavy rain flooded the valley and farmers lost their crops.', 3],
] as const

function tinyModel(): StanceModel {
  const vocab = buildVocab(CLAIMS.flatMap((c) => [c[0], c[1]]), 50, 1)
  const vi = new VocabIndex(vocab)
  const mean = new Float32Array(N_DENSE)
  const std = new Float32Array(N_DENSE).fill(1)
  const xs = CLAIMS.map((c) => makeExample(analyse(c[0], vi), analyse(c[1], vi), vi, mean, std))
  const ys = Int32Array.from(CLAIMS.map((c) => c[2]))
  const mlps = [1, 2].map((seed) => {
    const m = new Mlp({ nSparse: 2 * vocab.tf.length + N_CUE, nDense: N_DENSE, hidden: 8, classes: 4 }, seed)
    train(m, xs, ys, { epochs: 60, batch: 2, lr: 0.01, dropout: 0, l2: 0, seed })
    return m
  })
  return new StanceModel(vocab, mean, std, mlps, 'argmax', { test: true })
}

test('a tiny model fits its pairs, and saving and loading keeps its predictions', () => {
  const m = roundTrip(tinyModel())
  for (const c of CLAIMS) assert.equal(m.predict(c[0], c[1]).label, ['agree', 'disagree', 'discuss', 'unrelated'][c[2]])
  const dir = mkdtempSync(join(tmpdir(), 'stance-'))
  try {
    const path = join(dir, 'stance.bin.gz')
    saveModel(path, m)
    const loaded = loadModel(path)
    assert.deepEqual(loaded.meta, { test: true })
    for (const c of CLAIMS) assert.deepEqual(loaded.predict(c[0], c[1]), m.predict(c[0], c[1]))
    assert.deepEqual(loaded.predict('Some other claim', 'A text about nothing.'), m.predict('Some other claim', 'A text about nothing.'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test("an MLP started from its first run's pre-activations predicts exactly as from scratch", () => {
  const rand = mulberry32(11)
  const m = new Mlp({ nSparse: 50, nDense: 4, hidden: 24, classes: 4 }, 5)
  const claim = { idx: Int32Array.of(3, 17, 29, 41), val: Float32Array.of(0.7, 0.2, 1.3, 0.05) }
  const first = m.firstRunPre({ idx: [claim.idx], val: [claim.val], dense: new Float32Array(4) })
  for (let i = 0; i < 20; i++) {
    const text = Int32Array.from({ length: 6 }, () => Math.floor(rand() * 50))
    const x: Example = { idx: [claim.idx, text], val: [claim.val, Float32Array.from(text, () => rand())], dense: Float32Array.from({ length: 4 }, () => rand() - 0.5) }
    assert.deepEqual(Array.from(m.predict(x, new Float32Array(4), first)), Array.from(m.predict(x, new Float32Array(4))))
  }
  // and a starting point from another claim does change the answer: the test can fail
  const other = m.firstRunPre({ idx: [Int32Array.of(7)], val: [Float32Array.of(2)], dense: new Float32Array(4) })
  const x: Example = { idx: [claim.idx, Int32Array.of(1)], val: [claim.val, Float32Array.of(1)], dense: new Float32Array(4) }
  assert.notDeepEqual(Array.from(m.predict(x, new Float32Array(4), other)), Array.from(m.predict(x, new Float32Array(4))))
})
