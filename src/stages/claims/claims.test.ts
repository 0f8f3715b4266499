import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeArticle } from '../../testing/make-article.js'
import { analyzeWithRules } from '../../testing/rules-pipeline.js'
import { interviewStart } from './voice.js'

function claimsOf(text: string) {
  const analysis = analyzeWithRules(makeArticle(text))
  const name = (id: string) => analysis.entities.find((entity) => entity.id === id)!.name
  return analysis.claims.map((claim) => ({
    span: [claim.start, claim.end, claim.text],
    kinds: claim.kinds,
    evidence: claim.evidence!.map((e) => [e.start, e.end, e.text]),
    entities: claim.entities.map(name),
  }))
}

const ARTICLE = `Monday, May 18, 2015

Fishermen rescued more than 700 asylum seekers off Aceh on Friday. The flood was caused by heavy rain. Indonesia is poorer than Malaysia. The storm damaged Jakarta because the sea walls failed. The two countries met on Sunday.

"Twelve boats sank in the storm," said Ali Hassan, a spokesman. Officials said 200 more people were missing. How many people were rescued? Thailand has the largest fleet in the region, with $4.5 million spent on new boats.`

test('should keep check-worthy sentences in the outlet\'s voice, with the words that make them so and the entities they concern', () => {
  assert.deepEqual(claimsOf(ARTICLE), [
    {
      span: [22, 88, 'Fishermen rescued more than 700 asylum seekers off Aceh on Friday.'],
      kinds: ['comparative', 'quantity'],
      evidence: [[40, 49, 'more than'], [50, 53, '700']],
      entities: ['Aceh'],
    },
    { span: [125, 159, 'Indonesia is poorer than Malaysia.'], kinds: ['comparative'], evidence: [[138, 149, 'poorer than']], entities: ['Indonesia', 'Malaysia'] },
    { span: [160, 215, 'The storm damaged Jakarta because the sea walls failed.'], kinds: ['causal'], evidence: [[186, 193, 'because']], entities: ['Jakarta'] },
    {
      span: [389, 472, 'Thailand has the largest fleet in the region, with $4.5 million spent on new boats.'],
      kinds: ['comparative', 'quantity'],
      evidence: [[406, 413, 'largest'], [440, 452, '$4.5 million']],
      entities: ['Thailand'],
    },
  ])
})

test('should leave out dates, quotations, statements, questions, referring numbers and causes about no one named', () => {
  const texts = claimsOf(ARTICLE).map((claim) => claim.span[2])
  for (const absent of ['Monday, May 18, 2015', 'The flood was caused by heavy rain.', 'The two countries met on Sunday.', 'Officials said 200 more people were missing.', 'How many people were rescued?']) {
    assert.ok(!texts.some((text) => String(text).includes(absent)), absent)
  }
  assert.ok(!texts.some((text) => String(text).includes('Twelve boats')))
})

test('should treat the turns of an interview as the speakers\' words, not the outlet\'s', () => {
  const text = 'The festival drew 40,000 visitors in 2016.\n\nWikinews: How many people came this year?\n\nSarah Lee: About 12,000 people came on the first day.\n\nAnother 3,000 came on Sunday.'
  assert.equal(interviewStart(text), 44)
  assert.deepEqual(claimsOf(text), [{ span: [0, 42, 'The festival drew 40,000 visitors in 2016.'], kinds: ['quantity'], evidence: [[18, 24, '40,000']], entities: [] }])
  // One labelled paragraph is a heading, not an interview.
  assert.equal(interviewStart('The festival drew 40,000 visitors.\n\nUpdate: Another 3,000 came on Sunday.'), -1)
})
