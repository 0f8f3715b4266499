import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Analysis } from '../../doc/schema.js'
import { alignSegment, articleSpansOnSegment, evaluateArticleSegments, normalizeText, segmentArticle } from './align.js'

const ARTICLE = 'Headline here.\n\n“It’s heartbreaking,” Ryan said — again… Del. Stacey Plaskett spoke.\n\nThey said it was ‘‘done.’’'

const place = (tokens: string[], text = ARTICLE): string[] => {
  const offsets = alignSegment(normalizeText(text), tokens)
  return tokens.map((_, t) => text.slice(offsets.starts[t], offsets.ends[t]))
}

test('should place CoreNLP tokens in the article text despite PTB escapes, dashes and ellipses', () => {
  const tokens = ['``', 'It', "'s", 'heartbreaking', ',', "''", 'Ryan', 'said', '--', 'again', '...']
  assert.deepEqual(place(tokens), ['“', 'It', '’s', 'heartbreaking', ',', '”', 'Ryan', 'said', '—', 'again', '…'])
})

test('should give a repeated abbreviation full stop the stop before it, and read two apostrophes as one mark', () => {
  assert.deepEqual(place(['Del.', '.', 'Stacey']), ['Del.', '.', 'Stacey'])
  assert.deepEqual(place(['They', 'said', 'it', 'was', '`', 'done', '.', "'"]).slice(4), ['‘‘', 'done', '.', '’’'])
})

test('should not join the closing mark of one paragraph with the opening mark of the next', () => {
  const text = 'He said “yes.”\n\n“No,” she said.'
  const offsets = alignSegment(normalizeText(text), ['``', 'No', ',', "''", 'she', 'said', '.'])
  assert.equal(offsets.starts[0], text.indexOf('“No'))
})

test('should place what it can of a segment whose text differs from the article, and leave the rest empty', () => {
  const offsets = alignSegment(normalizeText('The mayor said the road would open. Then she left.'), ['The', 'mayor', 'said', 'the', 'bridge', 'would', 'open', '.'])
  assert.equal(offsets.unplaced, 1)
  assert.equal(offsets.starts[4], offsets.ends[4])
  assert.ok(offsets.ends[5]! > offsets.starts[5]!)
})

test('should map article statements onto segment tokens, cutting a span at the segment edge', () => {
  const text = 'Intro line.\n\nThe minister said the talks would resume next week.'
  const tokens = ['The', 'minister', 'said', 'the', 'talks']
  const offsets = alignSegment(normalizeText(text), tokens)
  const span = (s: string): { start: number; end: number; text: string } => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s })
  const analysis = { statements: [{ speaker: span('The minister'), cue: span('said'), content: span('the talks would resume next week') }] } as unknown as Analysis
  const spans = articleSpansOnSegment(analysis, offsets, tokens.length)
  assert.deepEqual(spans.source, [{ start: 0, end: 2 }])
  assert.deepEqual(spans.cue, [{ start: 2, end: 3 }])
  assert.deepEqual(spans.content, [{ start: 3, end: 5 }])
})

test('should analyse each article once and score every segment of it', () => {
  const text = 'The minister said the talks would resume.'
  const span = (s: string): { start: number; end: number; text: string } => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s })
  const analysis = { statements: [{ speaker: span('The minister'), cue: span('said'), content: span('the talks would resume') }] } as unknown as Analysis
  let analysed = 0
  const segment = {
    id: 'outlet_2016-01-01_slug_ab12',
    tokens: ['The', 'minister', 'said', 'the', 'talks', 'would', 'resume', '.'],
    labels: ['B-source', 'I-source', 'B-cue', 'B-content', 'I-content', 'I-content', 'I-content', 'O'],
  }
  assert.equal(segmentArticle(segment), 'outlet_2016-01-01_slug')
  const scores = evaluateArticleSegments([segment, segment], () => text, () => (analysed++, analysis))
  assert.equal(scores.exact.content.tp, 2)
  assert.equal(scores.exact.cue.fp, 0)
  assert.equal(scores.articles, 1)
  assert.equal(analysed, 1)
})

test('should leave out a statement nested in another one’s content, as the one-level BIO layer does', () => {
  const text = 'HASSAN: The minister told us that the talks would resume.'
  const tokens = text.replace(/([:.])/g, ' $1').split(/\s+/)
  const offsets = alignSegment(normalizeText(text), tokens)
  const span = (s: string): { start: number; end: number; text: string } => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s })
  const turn = { speaker: span('HASSAN'), cue: span(':'), content: span('The minister told us that the talks would resume.') }
  const inner = { speaker: span('The minister'), cue: span('told'), content: span('that the talks would resume') }
  const spans = articleSpansOnSegment({ statements: [turn, inner] } as unknown as Analysis, offsets, tokens.length)
  assert.deepEqual(spans.source, [{ start: 0, end: 1 }])
  assert.deepEqual(spans.cue, [{ start: 1, end: 2 }])
  assert.deepEqual(spans.content, [{ start: 2, end: tokens.length }])
})
