import { test } from 'node:test'
import assert from 'node:assert/strict'
import { claimFolds, splitByBody, type Fnc1Split, type Pair } from './data.js'
import { porterStem } from './porter.js'
import { sentences, words } from './text.js'

/** 10 claims, each with 2 headlines and 3 bodies, plus unrelated pairs across claims. */
function synthetic(): Fnc1Split {
  const bodies = new Map<number, string>()
  const pairs: Pair[] = []
  for (let c = 0; c < 10; c++) {
    for (let b = 0; b < 3; b++) bodies.set(c * 10 + b, `body ${b} of claim ${c}`)
    for (let h = 0; h < 2; h++) {
      const headline = `headline ${h} of claim ${c}`
      for (let b = 0; b < 3; b++) pairs.push({ headline, bodyId: c * 10 + b, label: (h + b) % 3 })
      for (let o = 1; o <= 3; o++) pairs.push({ headline, bodyId: ((c + o) % 10) * 10 + h, label: 3 })
    }
  }
  return { pairs, bodies }
}

test('the dev split shares no body and no headline with train, and keeps every pair', () => {
  const data = synthetic()
  const { train, dev, devBodies } = splitByBody(data, 0.2, 1)
  assert.equal(train.length + dev.length, data.pairs.length)
  assert.equal(devBodies.size, 6)
  for (const p of dev) assert.ok(devBodies.has(p.bodyId))
  for (const p of train) assert.ok(!devBodies.has(p.bodyId))
  const trainHeadlines = new Set(train.map((p) => p.headline))
  for (const p of dev) assert.ok(!trainHeadlines.has(p.headline), p.headline)
  // related pairs are kept as they are; unrelated pairs stay unrelated (other claims' headlines)
  assert.equal(dev.filter((p) => p.label !== 3).length, 12)
  for (const p of dev.filter((q) => q.label === 3)) assert.notEqual(p.headline.slice(-1), String(Math.floor(p.bodyId / 10)))
})

test('claim folds cover every body once', () => {
  const data = synthetic()
  const folds = claimFolds(data, 5, 2)
  const all = folds.flatMap((f) => [...f])
  assert.equal(all.length, data.bodies.size)
  assert.equal(new Set(all).size, data.bodies.size)
  // each claim's bodies stay in one fold
  for (const f of folds) for (const id of f) assert.ok(f.has(Math.floor(id / 10) * 10))
})

test('words, stems and sentences', () => {
  assert.deepEqual(words("Apple's CEO didn't say it — 3.5%!"), ['apple', 'ceo', 'did', 'not', 'say', 'it', '3', '5'])
  assert.deepEqual(['caresses', 'ponies', 'denied', 'reportedly', 'hopping', 'relational', 'generalization'].map(porterStem), ['caress', 'poni', 'deni', 'reportedli', 'hop', 'relat', 'gener'])
  assert.deepEqual(sentences('He said no. Then "Yes!" she said.\nNew line'), ['He said no.', 'Then "Yes!" she said.', 'New line'])
})
