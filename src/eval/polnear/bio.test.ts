import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bioToSpans, nonOverlapping, spansToBio } from './bio.js'

describe('bioToSpans (CofeNet get_element semantics)', () => {
  it('reads B- and following I- as one span per label, end exclusive', () => {
    const tags = ['B-source', 'I-source', 'B-cue', 'O', 'B-content', 'I-content', 'I-content', 'O']
    assert.deepEqual(bioToSpans(tags), {
      source: [{ start: 0, end: 2 }],
      cue: [{ start: 2, end: 3 }],
      content: [{ start: 4, end: 7 }],
    })
  })

  it('closes a span that runs to the end of the sequence', () => {
    assert.deepEqual(bioToSpans(['O', 'B-content', 'I-content']).content, [{ start: 1, end: 3 }])
    assert.deepEqual(bioToSpans(['O', 'B-cue']).cue, [{ start: 1, end: 2 }])
  })

  it('an I- without a B- starts nothing', () => {
    assert.deepEqual(bioToSpans(['I-content', 'I-content', 'O']), { source: [], cue: [], content: [] })
    assert.deepEqual(bioToSpans(['O', 'I-cue', 'B-cue']).cue, [{ start: 2, end: 3 }])
  })

  it('an I- of another label closes the open span and starts nothing', () => {
    const spans = bioToSpans(['B-source', 'I-source', 'I-content', 'I-content', 'B-cue'])
    assert.deepEqual(spans.source, [{ start: 0, end: 2 }])
    assert.deepEqual(spans.content, [])
    assert.deepEqual(spans.cue, [{ start: 4, end: 5 }])
  })

  it('two adjacent B- of the same label are two spans', () => {
    assert.deepEqual(bioToSpans(['B-cue', 'B-cue', 'I-cue']).cue, [
      { start: 0, end: 1 },
      { start: 1, end: 3 },
    ])
  })

  it('an empty sequence has no spans', () => {
    assert.deepEqual(bioToSpans([]), { source: [], cue: [], content: [] })
  })
})

describe('spansToBio', () => {
  it('renders non-overlapping spans and reads back the same spans', () => {
    const spans = { source: [{ start: 0, end: 2 }], cue: [{ start: 2, end: 3 }], content: [{ start: 3, end: 6 }] }
    const tags = spansToBio(7, spans)
    assert.deepEqual(tags, ['B-source', 'I-source', 'B-cue', 'B-content', 'I-content', 'I-content', 'O'])
    assert.deepEqual(bioToSpans(tags), spans)
  })

  it('collapses identical spans and keeps the longer of two overlapping spans of one label', () => {
    const tags = spansToBio(8, {
      source: [{ start: 0, end: 1 }, { start: 0, end: 1 }],
      cue: [],
      content: [{ start: 4, end: 6 }, { start: 2, end: 8 }],
    })
    assert.deepEqual(bioToSpans(tags), { source: [{ start: 0, end: 1 }], cue: [], content: [{ start: 2, end: 8 }] })
  })

  it('a cue inside a content interrupts it; the rest of the content restarts with B-', () => {
    const tags = spansToBio(6, { source: [], cue: [{ start: 2, end: 3 }], content: [{ start: 0, end: 6 }] })
    assert.deepEqual(tags, ['B-content', 'I-content', 'B-cue', 'B-content', 'I-content', 'I-content'])
    assert.deepEqual(bioToSpans(tags).content, [
      { start: 0, end: 2 },
      { start: 3, end: 6 },
    ])
  })

  it('clips spans to the sequence and ignores empty ones', () => {
    const tags = spansToBio(3, { source: [{ start: 1, end: 1 }], cue: [{ start: 2, end: 9 }], content: [] })
    assert.deepEqual(tags, ['O', 'O', 'B-cue'])
  })

  it('nonOverlapping keeps longest first, then earliest, and sorts by start', () => {
    assert.deepEqual(
      nonOverlapping([
        { start: 5, end: 7 },
        { start: 0, end: 2 },
        { start: 1, end: 3 },
        { start: 6, end: 7 },
      ]),
      [
        { start: 0, end: 2 },
        { start: 5, end: 7 },
      ],
    )
  })
})
