import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Analysis } from '../../doc/schema.js'
import { makeArticle } from '../../testing/make-article.js'
import { analyzeWithRules } from '../../testing/rules-pipeline.js'
import { optionsInHeadline } from './question.js'

type EvidenceRow = [kind: string, effect: string, alternative: string, start: number, end: number, text: string, statement: string | null]

function decisions(analysis: Analysis) {
  return analysis.sources!.map((source) => ({
    name: source.name,
    alternative: source.alternative,
    evidence: source.evidence.map((e): EvidenceRow => [e.kind, e.effect, e.alternative, e.start, e.end, e.text, e.statement]),
  }))
}

test('should read the options a question headline offers', () => {
  assert.deepEqual(optionsInHeadline('Which side will Egypt take: Saudi Arabia or Iran?'), ['Saudi Arabia', 'Iran'])
  assert.deepEqual(optionsInHeadline('Will Egypt side with Saudi Arabia or Iran?'), ['Saudi Arabia', 'Iran'])
  assert.deepEqual(optionsInHeadline('Egypt: Riyadh, Tehran or Ankara?'), ['Riyadh', 'Tehran', 'Ankara'])
  assert.deepEqual(optionsInHeadline('Bosnia and Herzegovina or Serbia?'), ['Bosnia and Herzegovina', 'Serbia'])
  assert.deepEqual(optionsInHeadline('Partners or rivals?'), ['Partners', 'rivals'])
  assert.deepEqual(optionsInHeadline('Is Egypt safe for tourists?'), [])
})

const ARTICLE = [
  "Iran's foreign minister, Javad Zarif, arrived in Cairo on Sunday.",
  'Adel al-Jubeir said Cairo would stand with Riyadh in the dispute.',
  'Hassan Rouhani said Egypt would work closely with Zarif.',
  'Hamdi Bekheet said Egypt would keep close ties with both Riyadh and Tehran.',
  'Mohamed Kamal said the decision would depend on the economy.',
  'Nabil Fahmy said Egypt would not side with Tehran.',
  'Amr Moussa said Egypt would side with neither Riyadh nor Tehran.',
  'Iranian officials said the talks had been constructive.',
].join('\n\n')

test('should decide for each source which alternative its statements support, with the spans that drove it', () => {
  const analysis = analyzeWithRules(makeArticle(ARTICLE, { headline: 'Which side will Egypt take: Saudi Arabia or Iran?' }))
  assert.deepEqual(analysis.question, {
    text: 'Which side will Egypt take: Saudi Arabia or Iran?',
    alternatives: [
      { text: 'Saudi Arabia', span: null },
      { text: 'Iran', span: null },
    ],
  })
  assert.deepEqual(decisions(analysis), [
    // For A: the statement names Saudi Arabia's capital.
    { name: 'Adel al-Jubeir', alternative: 'Saudi Arabia', evidence: [['mention', 'supports', 'Saudi Arabia', 110, 116, 'Riyadh', 'S1']] },
    // For B: the statement names a man the article's apposition ties to Iran.
    {
      name: 'Hassan Rouhani',
      alternative: 'Iran',
      evidence: [
        ['mention', 'supports', 'Iran', 184, 189, 'Zarif', 'S2'],
        ['tie', 'supports', 'Iran', 0, 36, "Iran's foreign minister, Javad Zarif", 'S2'],
      ],
    },
    // Split: both capitals, neither turned down.
    {
      name: 'Hamdi Bekheet',
      alternative: 'split',
      evidence: [
        ['mention', 'supports', 'Saudi Arabia', 249, 255, 'Riyadh', 'S3'],
        ['mention', 'supports', 'Iran', 260, 266, 'Tehran', 'S3'],
      ],
    },
    // Neither: no side named, and the source is tied to none.
    { name: 'Mohamed Kamal', alternative: 'none', evidence: [] },
    // Turning one side of a two-way choice down leaves the other.
    {
      name: 'Nabil Fahmy',
      alternative: 'Saudi Arabia',
      evidence: [
        ['mention', 'opposes', 'Iran', 374, 380, 'Tehran', 'S5'],
        ['polarity', 'opposes', 'Iran', 360, 363, 'not', 'S5'],
      ],
    },
    // "neither ... nor" turns both down.
    {
      name: 'Amr Moussa',
      alternative: 'none',
      evidence: [
        ['mention', 'opposes', 'Saudi Arabia', 429, 435, 'Riyadh', 'S6'],
        ['polarity', 'opposes', 'Saudi Arabia', 421, 428, 'neither', 'S6'],
        ['mention', 'opposes', 'Iran', 440, 446, 'Tehran', 'S6'],
        ['polarity', 'opposes', 'Iran', 421, 428, 'neither', 'S6'],
      ],
    },
    // A statement that names no side, from a source the demonym ties to one.
    { name: 'Iranian officials', alternative: 'Iran', evidence: [['affiliation', 'supports', 'Iran', 449, 456, 'Iranian', null]] },
  ])
  for (const source of analysis.sources!) for (const e of source.evidence) assert.equal(ARTICLE.slice(e.start, e.end), e.text)
  assert.deepEqual(analysis.balance!.alternatives, { 'Saudi Arabia': 2, Iran: 2, split: 1, none: 2 })
  assert.equal(analysis.balance!.namedSources, 6)
  assert.equal(analysis.balance!.anonymousSources, 1)
})

test('should take the sides from the lead when the headline asks "which side" without naming them', () => {
  const text = 'Turkey is caught between Russia and the United States after the vote.\n\nSergei Lavrov said Ankara would stay close to Moscow.'
  const analysis = analyzeWithRules(makeArticle(text, { headline: 'Which side will Turkey be on' }))
  assert.deepEqual(analysis.question!.alternatives, [
    { text: 'Russia', span: { start: 25, end: 31, text: 'Russia' } },
    { text: 'United States', span: { start: 40, end: 53, text: 'United States' } },
  ])
  assert.deepEqual(decisions(analysis), [{ name: 'Sergei Lavrov', alternative: 'Russia', evidence: [['mention', 'supports', 'Russia', 117, 123, 'Moscow', 'S1']] }])
})

test('should leave alternatives null when the headline asks no question with options', () => {
  const analysis = analyzeWithRules(makeArticle(ARTICLE, { headline: 'Egypt hosts Iranian foreign minister' }))
  assert.equal(analysis.question, null)
  assert.ok(analysis.sources!.length > 0)
  for (const source of analysis.sources!) {
    assert.equal(source.alternative, null)
    assert.deepEqual(source.evidence, [])
  }
  assert.equal(analysis.balance!.alternatives, null)
})
