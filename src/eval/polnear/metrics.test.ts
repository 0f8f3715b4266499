import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { exactCounts, prf, prfByLabel, scoreSegment, tokenCounts, zeroCountsByLabel } from './metrics.js'

describe('exact-match scoring', () => {
  it('counts a gold span as found only for the same [start, end)', () => {
    const gold = [
      { start: 0, end: 2 },
      { start: 5, end: 9 },
      { start: 10, end: 11 },
    ]
    const pred = [
      { start: 0, end: 2 }, // exact
      { start: 5, end: 8 }, // boundary error: one FN and one FP
      { start: 12, end: 13 }, // spurious
    ]
    assert.deepEqual(exactCounts(gold, pred), { tp: 1, fp: 2, fn: 2 })
  })

  it('duplicate predicted spans count once', () => {
    assert.deepEqual(exactCounts([{ start: 1, end: 2 }], [{ start: 1, end: 2 }, { start: 1, end: 2 }]), { tp: 1, fp: 0, fn: 0 })
  })

  it('micro-averages over segments and reports percentages rounded to 0.1', () => {
    const exact = zeroCountsByLabel()
    const tokens = zeroCountsByLabel()
    const none = { source: [], cue: [], content: [] }
    // Segment 1: source found, cue missed, content with a wrong end.
    scoreSegment(
      { source: [{ start: 0, end: 2 }], cue: [{ start: 2, end: 3 }], content: [{ start: 3, end: 7 }] },
      { source: [{ start: 0, end: 2 }], cue: [], content: [{ start: 3, end: 6 }] },
      exact,
      tokens,
    )
    // Segment 2: nothing in gold, one spurious source.
    scoreSegment(none, { source: [{ start: 4, end: 5 }], cue: [], content: [] }, exact, tokens)
    // Segment 3: two cues, both found.
    scoreSegment(
      { ...none, cue: [{ start: 1, end: 2 }, { start: 8, end: 10 }] },
      { ...none, cue: [{ start: 1, end: 2 }, { start: 8, end: 10 }] },
      exact,
      tokens,
    )
    assert.deepEqual(exact.source, { tp: 1, fp: 1, fn: 0 })
    assert.deepEqual(exact.cue, { tp: 2, fp: 0, fn: 1 })
    assert.deepEqual(exact.content, { tp: 0, fp: 1, fn: 1 })
    const scores = prfByLabel(exact)
    assert.deepEqual(scores.source, { p: 50, r: 100, f1: 66.7 })
    assert.deepEqual(scores.cue, { p: 100, r: 66.7, f1: 80 })
    assert.deepEqual(scores.content, { p: 0, r: 0, f1: 0 })
    // Token level: content 3 of 4 gold tokens, no extra token.
    assert.deepEqual(tokens.content, { tp: 3, fp: 0, fn: 1 })
    assert.deepEqual(prf(tokens.content), { p: 100, r: 75, f1: 85.7 })
  })

  it('is 0 (not NaN) when nothing is predicted or nothing is gold', () => {
    assert.deepEqual(prf({ tp: 0, fp: 0, fn: 0 }), { p: 0, r: 0, f1: 0 })
    assert.deepEqual(prf({ tp: 0, fp: 3, fn: 0 }), { p: 0, r: 0, f1: 0 })
  })

  it('token counts treat overlapping spans of one label as a token set', () => {
    assert.deepEqual(tokenCounts([{ start: 0, end: 4 }], [{ start: 2, end: 6 }, { start: 3, end: 5 }]), { tp: 2, fp: 2, fn: 2 })
  })
})
