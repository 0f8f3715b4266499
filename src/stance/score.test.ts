import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LABELS, pairScore, report } from './score.js'

const ix = (l: string): number => (LABELS as readonly string[]).indexOf(l)

test('official FNC-1 arithmetic on a hand-made example', () => {
  const gold = ['agree', 'disagree', 'discuss', 'unrelated', 'unrelated', 'agree', 'discuss'].map(ix)
  const pred = ['agree', 'discuss', 'unrelated', 'unrelated', 'agree', 'disagree', 'discuss'].map(ix)
  // 1 + 0.25 + 0 + 0.25 + 0 + 0.25 + 1
  const r = report(gold, pred)
  assert.equal(r.raw, 2.75)
  // 5 related x 1 + 2 unrelated x 0.25
  assert.equal(r.max, 5.5)
  assert.equal(r.relative, 50)
  assert.equal(r.null, 0.5)
  assert.deepEqual(r.confusion[ix('agree')], [1, 1, 0, 0])
  assert.deepEqual(r.confusion[ix('unrelated')], [1, 0, 0, 1])
})

test('pair scores', () => {
  assert.equal(pairScore(ix('agree'), ix('agree')), 1)
  assert.equal(pairScore(ix('agree'), ix('discuss')), 0.25)
  assert.equal(pairScore(ix('agree'), ix('unrelated')), 0)
  assert.equal(pairScore(ix('unrelated'), ix('unrelated')), 0.25)
  assert.equal(pairScore(ix('unrelated'), ix('disagree')), 0)
})

test('the competition test maximum: 18,349 unrelated and 7,064 related pairs', () => {
  const gold = [...new Array(18349).fill(ix('unrelated')), ...new Array(7064).fill(ix('discuss'))]
  const r = report(gold, gold)
  assert.equal(r.max, 11651.25)
  assert.equal(r.relative, 100)
})

test('macro-F1 averages the four classes', () => {
  const r = report([0, 1, 2, 3], [0, 1, 2, 2])
  assert.deepEqual(r.per_class_f1, { agree: 100, disagree: 100, discuss: 66.67, unrelated: 0 })
  assert.equal(r.f1_macro, 66.67)
})
