import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Analysis } from '../../doc/schema.js'
import {
  codePointToUtf16,
  emptyBratScores,
  isNamedSource,
  namesMatch,
  parseAnn,
  scoreArticle,
  toUtf16,
  wordTokens,
} from './brat.js'

// Invented article and annotation (no PolNeAR text).
const TEXT = 'Bridge news\n\nTom Baker said the bridge would open in June. He added that it was safe.'
//            0         1         2         3         4         5         6         7         8
//            0123456789012345678901234567890123456789012345678901234567890123456789012345678901234
const ANN = [
  'T1\tSource 13 22\tTom Baker',
  'T2\tCue 23 27\tsaid',
  'T3\tContent 28 57\tthe bridge would open in June',
  'T4\tAttribution 23 27\tsaid',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
  'T5\tSource 59 61\tHe',
  'T6\tCue 62 67\tadded',
  'T7\tContent 68 72;73 84\tthat it was safe',
  'T8\tAttribution 62 67\tadded',
  'E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7',
  'T9\tDiscuss 0 6\tBridge',
  '',
].join('\n')

function span(text: string, start: number, end: number): { start: number; end: number; text: string } {
  return { start, end, text: text.slice(start, end) }
}

/** A hand-made analysis: the first statement resolves to Tom Baker, the second ("He") too. */
function fakeAnalysis(): Analysis {
  const statement = (id: string, s: [number, number], c: [number, number], t: [number, number]) => ({
    id,
    kind: 'indirect' as const,
    speaker: { ...span(TEXT, s[0], s[1]), entity: 'E1', name: 'Tom Baker', anonymous: false },
    cue: span(TEXT, c[0], c[1]),
    content: span(TEXT, t[0], t[1]),
  })
  return {
    statements: [statement('S1', [13, 22], [23, 27], [28, 57]), statement('S2', [59, 61], [62, 67], [73, 84])],
  } as unknown as Analysis
}

describe('brat .ann parsing', () => {
  it('reads text-bounds (with discontinuous fragments) and events', () => {
    const doc = parseAnn(ANN)
    assert.equal(doc.textBounds.size, 9)
    assert.deepEqual(doc.textBounds.get('T7')!.fragments, [
      { start: 68, end: 72 },
      { start: 73, end: 84 },
    ])
    assert.equal(doc.textBounds.get('T1')!.text, 'Tom Baker')
    assert.equal(doc.events.length, 2)
    assert.deepEqual(doc.events[0], {
      id: 'E1',
      type: 'Attribution',
      trigger: 'T4',
      args: [
        { role: 'Source', ref: 'T1' },
        { role: 'Cue', ref: 'T2' },
        { role: 'Content', ref: 'T3' },
      ],
    })
    for (const tb of doc.textBounds.values()) {
      assert.equal(tb.fragments.map((f) => TEXT.slice(f.start, f.end)).join(' '), tb.text)
    }
  })

  it('converts code point offsets to UTF-16 offsets', () => {
    const text = 'a😀b said'
    assert.deepEqual([...codePointToUtf16(text)], [0, 1, 3, 4, 5, 6, 7, 8, 9])
    const doc = toUtf16(parseAnn('T1\tCue 4 8\tsaid\n'), text)
    const f = doc.textBounds.get('T1')!.fragments[0]!
    assert.equal(text.slice(f.start, f.end), 'said')
  })
})

describe('speaker names', () => {
  it('tells named sources from pronouns and descriptions', () => {
    assert.equal(isNamedSource('Tom Baker'), true)
    assert.equal(isNamedSource('Mr. Baker, the town engineer,'), true)
    assert.equal(isNamedSource('He'), false)
    assert.equal(isNamedSource('the town engineer'), false)
    assert.equal(isNamedSource('The Springfield engineer'), false)
    assert.equal(isNamedSource('Officials'), false)
  })

  it('matches canonical names by shared content words, ignoring case and titles', () => {
    assert.equal(namesMatch('Tom Baker', 'Mr. Baker'), true)
    assert.equal(namesMatch('Tom Baker', 'BAKER'), true)
    assert.equal(namesMatch('Ann Lee', 'Mr. Baker'), false)
    assert.equal(namesMatch('The Mayor', 'the mayor'), true)
  })

  it('matches a name and its acronym either way', () => {
    assert.equal(namesMatch('International Monetary Fund', 'The IMF'), true)
    assert.equal(namesMatch('DNC', 'the Democratic National Committee'), true)
    assert.equal(namesMatch('International Monetary Fund', 'The IMO'), false)
    assert.equal(namesMatch('International Monetary Fund', 'the imf'), false)
  })
})

describe('article scoring', () => {
  it('scores word-token overlap and speaker resolution', () => {
    const scores = emptyBratScores()
    scoreArticle({ text: TEXT, doc: parseAnn(ANN) }, fakeAnalysis(), scores)
    assert.deepEqual(scores.tokens.source, { tp: 3, fp: 0, fn: 0 })
    assert.deepEqual(scores.tokens.cue, { tp: 2, fp: 0, fn: 0 })
    // Gold content: 6 + 4 words; ours misses "that".
    assert.deepEqual(scores.tokens.content, { tp: 9, fp: 0, fn: 1 })
    assert.equal(scores.speakers.goldWithSource, 2)
    assert.equal(scores.speakers.noOverlap, 0)
    assert.deepEqual(scores.speakers.named, { total: 1, correct: 1, wrongEntity: 0, unresolved: 0, accuracy: 0 })
    assert.deepEqual(scores.speakers.unverifiable, { total: 1, resolvedToEntity: 1, unresolved: 0 })
  })

  it('tokenizes words only', () => {
    assert.deepEqual(wordTokens('“Hi,” he said.').map((t) => t.start), [1, 6, 9])
  })
})
