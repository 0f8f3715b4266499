import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadStanceModel, LABELS } from './index.js'

const model = loadStanceModel()

const CLAIM = 'Apple to buy Tesla for $75 billion'

test('an obviously unrelated pair is unrelated', () => {
  const r = model.predict(CLAIM, 'Heavy rain flooded several villages in northern India on Monday, and rescue teams evacuated hundreds of families from the river banks.')
  assert.equal(r.label, 'unrelated')
  assert.ok(r.scores.unrelated > 0.6)
})

test('a body that repeats and confirms the claim agrees or discusses', () => {
  const r = model.predict(
    CLAIM,
    'Apple has agreed to buy Tesla for $75 billion, the two companies announced on Monday. Apple will pay $75 billion in cash for the electric car maker Tesla, the largest deal in its history. Tesla chief executive Elon Musk said the deal to sell Tesla to Apple was good for shareholders.',
  )
  assert.ok(r.label === 'agree' || r.label === 'discuss', r.label)
  assert.ok(r.scores.unrelated < 0.1)
})

test('a body that explicitly denies the claim disagrees', () => {
  const r = model.predict(
    CLAIM,
    'Apple denied reports that it plans to buy Tesla for $75 billion, calling them false. "The story that Apple will buy Tesla is completely untrue," an Apple spokesman said. Tesla also dismissed the rumour as a hoax.',
  )
  assert.equal(r.label, 'disagree')
})

test('scores are probabilities over the four labels; predictMany matches predict', () => {
  const texts = ['Apple is reportedly in talks to buy Tesla, according to unconfirmed reports.', 'The weather was fine.']
  const many = model.predictMany(CLAIM, texts)
  texts.forEach((t, i) => assert.deepEqual(many[i], model.predict(CLAIM, t)))
  for (const r of many) {
    assert.deepEqual(Object.keys(r.scores), [...LABELS])
    const sum = Object.values(r.scores).reduce((a, b) => a + b, 0)
    assert.ok(Math.abs(sum - 1) < 1e-5)
  }
})
