import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { charSpanToTokens, evaluateSegments, parseCofenet, predictSegment, segmentText } from './cofenet.js'

// Invented sentences in the CofeNet JSONL shape (no PolNeAR text).
const SEGMENTS = [
  {
    tokens: ['``', 'We', 'will', 'finish', 'the', 'bridge', 'by', 'June', ',', "''", 'Maria', 'Lopez', 'said', '.'],
    labels: ['B-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'B-source', 'I-source', 'B-cue', 'O'],
    id: 'invented_a',
  },
  {
    tokens: ['Maria', 'Lopez', 'said', 'the', 'bridge', 'would', 'open', 'in', 'June', '.'],
    labels: ['B-source', 'I-source', 'B-cue', 'B-content', 'I-content', 'I-content', 'I-content', 'I-content', 'I-content', 'O'],
    id: 'invented_b',
  },
  {
    tokens: ['Rain', 'fell', 'on', 'the', 'valley', 'for', 'three', 'days', '.'],
    labels: ['O', 'O', 'O', 'O', 'O', 'O', 'O', 'O', 'O'],
    id: 'invented_c',
  },
]
const JSONL = SEGMENTS.map((s) => JSON.stringify({ ...s, pos: s.tokens.map(() => 'X'), ner: s.tokens.map(() => 'O') })).join('\n') + '\n'

describe('segment text', () => {
  it('joins tokens with single spaces and records offsets', () => {
    const text = segmentText(['Tom', 'said', 'no', '.'])
    assert.equal(text.text, 'Tom said no .')
    assert.deepEqual(text.starts, [0, 4, 9, 12])
    assert.deepEqual(text.ends, [3, 8, 11, 13])
  })

  it('turns PTB escapes back into characters unless told not to', () => {
    assert.equal(segmentText(['``', 'Hi', "''", '-LRB-', 'x', '-RRB-']).text, '“ Hi ” ( x )')
    assert.equal(segmentText(['``', 'Hi', "''"], { unescape: false }).text, "`` Hi ''")
  })

  it('can detokenize for diagnostics without changing token indices', () => {
    const text = segmentText(['``', 'Tom', "'s", 'dog', ',', "''", 'she', 'said', '.'], { detokenize: true })
    assert.equal(text.text, '“Tom\'s dog,” she said.')
    assert.equal(text.starts.length, 9)
    assert.equal(text.text.slice(text.starts[2], text.ends[2]), "'s")
  })
})

describe('charSpanToTokens', () => {
  const { starts, ends } = segmentText(['Tom', 'Baker', 'said', 'yes', '.']) // "Tom Baker said yes ."
  it('maps an exact character span to its tokens', () => {
    assert.deepEqual(charSpanToTokens(starts, ends, { start: 0, end: 9 }), { start: 0, end: 2 })
  })
  it('takes every token the span overlaps, even partly', () => {
    assert.deepEqual(charSpanToTokens(starts, ends, { start: 5, end: 11 }), { start: 1, end: 3 })
    assert.deepEqual(charSpanToTokens(starts, ends, { start: 2, end: 3 }), { start: 0, end: 1 })
  })
  it('returns null for a span that covers no token', () => {
    assert.equal(charSpanToTokens(starts, ends, { start: 3, end: 4 }), null) // the space between Tom and Baker
    assert.equal(charSpanToTokens(starts, ends, { start: 6, end: 6 }), null)
    assert.equal(charSpanToTokens(starts, ends, { start: 40, end: 50 }), null)
  })
  it('the last token can be reached', () => {
    assert.deepEqual(charSpanToTokens(starts, ends, { start: 19, end: 20 }), { start: 4, end: 5 })
  })
})

describe('CofeNet JSONL', () => {
  it('parses tokens, labels and id, and rejects mismatched lengths', () => {
    const segments = parseCofenet(JSONL)
    assert.equal(segments.length, 3)
    assert.equal(segments[0]!.id, 'invented_a')
    assert.equal(segments[1]!.tokens.length, segments[1]!.labels.length)
    assert.throws(() => parseCofenet('{"tokens":["a"],"labels":[],"id":"x"}'))
  })
})

describe('end to end on invented segments', () => {
  it('predicts BIO tags for a segment', () => {
    const prediction = predictSegment(SEGMENTS[1]!.tokens)
    assert.equal(prediction.tags.length, SEGMENTS[1]!.tokens.length)
    assert.deepEqual(prediction.spans.source, [{ start: 0, end: 2 }])
    assert.deepEqual(prediction.spans.cue, [{ start: 2, end: 3 }])
    assert.equal(prediction.text.text.includes('``'), false)
  })

  it('scores exact and token overlap over the segments', () => {
    const scores = evaluateSegments(parseCofenet(JSONL))
    assert.equal(scores.segments, 3)
    assert.equal(scores.failures, 0)
    assert.deepEqual(scores.exact.source, { tp: 2, fp: 0, fn: 0 })
    assert.deepEqual(scores.exact.cue, { tp: 2, fp: 0, fn: 0 })
    // Two gold contents; the plain reported-speech one is found exactly.
    assert.equal(scores.exact.content.tp + scores.exact.content.fn, 2)
    assert.ok(scores.exact.content.tp >= 1)
    // Gold content tokens: 10 (quote marks and comma included) + 6.
    assert.equal(scores.tokens.content.tp + scores.tokens.content.fn, 16)
    assert.ok(scores.tokens.content.tp >= 13)
    assert.deepEqual(scores.tokens.source, { tp: 4, fp: 0, fn: 0 })
  })
})
