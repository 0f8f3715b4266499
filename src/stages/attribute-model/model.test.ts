import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Document } from '../../doc/document.js'
import { makeArticle } from '../../testing/make-article.js'
import { sentencesStage } from '../sentences/index.js'
import { tokenizeStage } from '../tokenize/index.js'
import { goldLabels, renderParagraphs } from './data.js'
import { buildFeatureContext, MAX_FEATURES, quoteRoles, unitFeatures, unitWordFeatures } from './features.js'
import { analyzeSyntax } from './syntax.js'
import { mulberry32 } from '../../backbone/features/hash.js'
import { allowed, labelSpans, viterbi, N_LABELS, START } from './model.js'
import { kindOf } from './statements.js'
import { buildUnits } from './units.js'

function unitsOf(text: string) {
  const doc = new Document(makeArticle(text))
  tokenizeStage.run(doc)
  sentencesStage.run(doc)
  return { doc, units: buildUnits(doc) }
}

test('should keep a clitic split by spaces as one unit, as in running text', () => {
  assert.deepEqual(unitsOf("Obama 's plan").units.words, ['Obama', "'s", 'plan'])
  assert.deepEqual(unitsOf('Obama’s plan').units.words, ['Obama', '’s', 'plan'])
})

test("should read the NYT's two apostrophes as one quotation mark", () => {
  const { units } = unitsOf("''This isn't reform,'' he said.")
  assert.deepEqual(units.words.slice(0, 2), ["''", 'This'])
  assert.deepEqual(Array.from(quoteRoles("''This isn't reform,'' he said.", units)).filter((r) => r > 0), [1, 2])
})

test('should tell opening from closing marks in space-joined text', () => {
  const text = '” This is n’t reform , ” said Holtz-Eakin . ” It is anti-reform . ”'
  const { units } = unitsOf(text)
  const roles = quoteRoles(text, units)
  const marks = units.words.map((w, u) => (roles[u] ? `${w}${roles[u]}` : '')).filter(Boolean)
  assert.deepEqual(marks, ['”1', '”2', '”1', '”2'])
})

test('should close a quotation opened before the paragraph, and open one at a paragraph end', () => {
  const first = 'This is not reform , ” said Holtz-Eakin .'
  assert.deepEqual(Array.from(quoteRoles(first, unitsOf(first).units)).filter((r) => r > 0), [2])
  const last = 'Clinton has come up with one . ”'
  assert.deepEqual(Array.from(quoteRoles(last, unitsOf(last).units)).filter((r) => r > 0), [1])
})

test('should render paragraphs the way evaluation segments arrive', () => {
  const text = "“It’s over,” he said.\n\n''Yes.''"
  const { units } = unitsOf(text)
  assert.equal(renderParagraphs(units, quoteRoles(text, units)), '“ It ’s over , ” he said .\n\n” Yes . ”')
})

test('should read spans from BIO labels as the PolNeAR evaluation does', () => {
  // O B-source I-source B-cue I-content(orphan) B-content I-content
  assert.deepEqual(labelSpans([0, 1, 2, 3, 6, 5, 6]), [
    { label: 'source', start: 1, end: 3 },
    { label: 'cue', start: 3, end: 4 },
    { label: 'content', start: 5, end: 7 },
  ])
})

test('should never decode an I- tag that does not continue its span', () => {
  const m = 3
  const emission = new Float32Array(m * N_LABELS)
  emission[0 * N_LABELS + 6] = 5 // I-content first: not allowed
  emission[1 * N_LABELS + 4] = 5 // I-cue after it: not allowed either
  emission[2 * N_LABELS + 0] = 1
  const transitions = new Float32Array((N_LABELS + 1) * N_LABELS)
  transitions[START * N_LABELS + 0] = 0
  const labels = Array.from(viterbi(emission, m, transitions))
  assert.ok(labels[0] !== 2 && labels[0] !== 4 && labels[0] !== 6)
  for (let i = 1; i < m; i++) {
    const y = labels[i]!
    if (y === 2 || y === 4 || y === 6) assert.ok(labels[i - 1] === y || labels[i - 1] === y - 1)
  }
})

/** The plain Viterbi (every predecessor tested with allowed()) that the decoder's shortcut must match. */
function referenceViterbi(emission: Float32Array, m: number, T: Float32Array): number[] {
  const score = new Float64Array(m * N_LABELS)
  const back = new Uint8Array(m * N_LABELS)
  for (let y = 0; y < N_LABELS; y++) score[y] = allowed(-1, y) ? emission[y]! + T[START * N_LABELS + y]! : -Infinity
  for (let i = 1; i < m; i++) {
    for (let y = 0; y < N_LABELS; y++) {
      let best = -Infinity
      let arg = 0
      for (let p = 0; p < N_LABELS; p++) {
        if (!allowed(p, y)) continue
        const v = score[(i - 1) * N_LABELS + p]! + T[p * N_LABELS + y]!
        if (v > best) {
          best = v
          arg = p
        }
      }
      score[i * N_LABELS + y] = best + emission[i * N_LABELS + y]!
      back[i * N_LABELS + y] = arg
    }
  }
  const labels = new Array<number>(m)
  let y = 0
  for (let c = 1; c < N_LABELS; c++) if (score[(m - 1) * N_LABELS + c]! > score[(m - 1) * N_LABELS + y]!) y = c
  for (let i = m - 1; i >= 0; i--) {
    labels[i] = y
    y = back[i * N_LABELS + y]!
  }
  return labels
}

test('should decode exactly as the plain Viterbi does, ties included', () => {
  const random = mulberry32(7)
  for (let trial = 0; trial < 500; trial++) {
    const m = 1 + Math.floor(random() * 300)
    // coarse values so that ties between paths are common
    const value = (): number => (trial % 2 === 0 ? Math.round(random() * 4) - 2 : random() * 4 - 2)
    const emission = Float32Array.from({ length: m * N_LABELS }, value)
    const transitions = Float32Array.from({ length: (N_LABELS + 1) * N_LABELS }, value)
    assert.deepEqual(Array.from(viterbi(emission, m, transitions)), referenceViterbi(emission, m, transitions))
  }
})

test('should map brat spans onto units, discontinuous content as two spans', () => {
  const text = '“We won,” he said, “and we will win again.”'
  const { units } = unitsOf(text)
  const ann = [
    'T1\tContent 0 9;19 43\t“We won,” “and we will win again.”',
    'T2\tSource 10 12\the',
    'T3\tCue 13 17\tsaid',
    'E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2',
  ].join('\n')
  const spans = labelSpans(goldLabels(units, text, ann)).map((s) => `${s.label}:${units.words.slice(s.start, s.end).join(' ')}`)
  assert.deepEqual(spans, ['content:“ We won , ”', 'source:he', 'cue:said', 'content:“ and we will win again . ”'])
})

test('should tell direct, mixed and indirect content apart', () => {
  const kind = (s: string): string => kindOf(s, { start: 0, end: s.length })
  assert.equal(kind('“We will continue our efforts,”'), 'direct')
  assert.equal(kind('“We will keep talking.\n\n“Nobody gains from this.”'), 'direct')
  assert.equal(kind('“We will keep talking to every side.'), 'direct')
  assert.equal(kind("''It's anti-reform.''"), 'direct')
  assert.equal(kind('that the plan was "a historic mistake" for the region'), 'mixed')
  assert.equal(kind('that Cairo would not accept the plan'), 'indirect')
})

test('should read single quotation marks as quotations, not apostrophes', () => {
  const kind = (s: string): string => kindOf(s, { start: 0, end: s.length })
  assert.equal(kind("'Tehran will respond firmly to any aggression.'"), 'direct')
  assert.equal(kind('‘We don’t know when talks will resume,’'), 'direct')
  assert.equal(kind("the visit was 'postponed indefinitely' by the palace"), 'mixed')
  assert.equal(kind("the students' union would appeal and the rector's office agreed"), 'indirect')
  assert.equal(kind("'90s-style protests would not return, the governor's office said"), 'indirect')
})

test("should split a unit's features into its word's and its context's, which together are all of them", () => {
  // The tagger sums the word part once per word and reuses it (tagger.ts): the parts must not overlap or miss a feature.
  const { doc, units } = unitsOf('“We will not back down,” said Sheikh Ahmed al-Tayeb, the Grand Imam. He told reporters in Cairo that the talks had failed.')
  for (const parse of [true, false]) {
    const context = buildFeatureContext(doc, units, analyzeSyntax(units, { parse }))
    const all = new Int32Array(MAX_FEATURES)
    const part = new Int32Array(MAX_FEATURES)
    for (let u = 0; u < units.count; u++) {
      const whole = Array.from(all.subarray(0, unitFeatures(context, u, all))).sort()
      const word = Array.from(part.subarray(0, unitWordFeatures(context, u, part)))
      assert.equal(word.length, 11)
      const rest = Array.from(part.subarray(0, unitFeatures(context, u, part, false)))
      assert.deepEqual([...word, ...rest].sort(), whole, `unit ${u} (${units.words[u]})`)
    }
  }
})
