import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StanceAnnotation } from '../../doc/document.js'
import { AnalysisSchema } from '../../doc/schema.js'
import { toAnalysis } from '../../doc/serialize.js'
import { WhosaidError } from '../../errors.js'
import { createPipeline } from '../../pipeline/pipeline.js'
import { loadStanceModel } from '../../stance/index.js'
import { makeArticle } from '../../testing/make-article.js'
import { analyzeWithRules } from '../../testing/rules-pipeline.js'
import { attributeStage } from '../attribute/index.js'
import { entitiesStage, resolveStage } from '../entities/index.js'
import { sentencesStage } from '../sentences/index.js'
import { sourceStance } from '../sources/sources.js'
import { tokenizeStage } from '../tokenize/index.js'
import { checkClaim, isClaimHeadline, isQuestion } from './index.js'

const TEXT = [
  'Sameh Shoukry said Egypt would send troops to Yemen next month.',
  'Officials said the army had no plans to deploy abroad.',
  'Shoukry added that the parliament would vote on the deployment.',
].join('\n\n')

test('should take a headline for a claim unless it asks a question or names a format', () => {
  assert.equal(isClaimHeadline('At least 107 killed in Mecca crane collapse'), true)
  assert.equal(isClaimHeadline('Egypt sends troops to Yemen'), true)
  assert.equal(isClaimHeadline('Which side will Egypt take: Saudi Arabia or Iran?'), false)
  assert.equal(isClaimHeadline('Which side will Turkey be on'), false)
  assert.equal(isClaimHeadline('Wikinews interviews Australian wheelchair basketball player Tina McKenzie'), false)
  assert.equal(isClaimHeadline('Cold as ice: Wikinews interviews Marymegan Daly on unusual new sea anemone'), false)
  assert.equal(isClaimHeadline('Frank Messina: An interview with the \'Mets Poet\''), false)
  assert.equal(isClaimHeadline('Jack Herrick, wikiHow founder interviewed by Wikinews'), false)
  assert.equal(isClaimHeadline("Reports: 'streamlined' UK asylum process to replace interview with questionnaire"), true)
  assert.equal(isClaimHeadline('Live: the election count'), false)
  assert.equal(isClaimHeadline('Egypt'), false)
  assert.equal(isClaimHeadline(null), false)
  assert.equal(isQuestion('Will Egypt send troops?"'), true)
})

test('should refuse empty, over-long and control-character claims with E010', () => {
  const refuses = (claim: string, message: RegExp) =>
    assert.throws(() => checkClaim(claim), (error: unknown) => error instanceof WhosaidError && error.code === 'E010' && error.where === 'claim' && message.test(error.message))
  refuses(' \n ', /empty/)
  refuses('x'.repeat(1001), /1001 characters/)
  refuses('Egypt\u0000 sends troops', /control characters/)
  assert.equal(checkClaim('  Egypt   sends\ntroops  '), 'Egypt sends troops')
})

test('should give every statement the stance model\'s label and score towards the headline, once per statement', () => {
  const headline = 'Egypt sends troops to Yemen'
  const analysis = analyzeWithRules(makeArticle(TEXT, { headline }))
  assert.deepEqual(analysis.centralClaim, { text: headline, source: 'headline' })
  assert.deepEqual(
    analysis.statements.map((s) => [s.speaker.text, s.content.start, s.content.end, s.content.text]),
    [
      ['Sameh Shoukry', 19, 62, 'Egypt would send troops to Yemen next month'],
      ['Officials', 80, 118, 'the army had no plans to deploy abroad'],
      ['Shoukry', 140, 183, 'the parliament would vote on the deployment'],
    ],
  )
  const model = loadStanceModel()
  const expected = analysis.statements.map((s) => model.predict(headline, s.content.text))
  analysis.statements.forEach((statement, index) => {
    const want = expected[index]!
    assert.equal(statement.stance!.label, want.label)
    assert.equal(statement.stance!.score, Math.round(want.scores[want.label] * 10_000) / 10_000)
  })
  // Sources: Shoukry's two statements are weighed together, the officials' one alone.
  assert.deepEqual(analysis.sources!.map((s) => [s.name, s.statements]), [
    ['Sameh Shoukry', ['S1', 'S3']],
    ['Officials', ['S2']],
  ])
  const asAnnotation = (index: number): StanceAnnotation => ({ label: expected[index]!.label, score: 0, scores: expected[index]!.scores })
  assert.deepEqual(analysis.sources![0]!.stance, sourceStance([asAnnotation(0), asAnnotation(2)]))
  assert.deepEqual(analysis.sources![1]!.stance, sourceStance([asAnnotation(1)]))
  const counts = { agree: 0, disagree: 0, discuss: 0, unrelated: 0 }
  for (const source of analysis.sources!) counts[source.stance!.label]++
  assert.deepEqual(analysis.balance!.stances, counts)
})

test('should weigh the statements against a claim the caller passes instead of the headline', () => {
  const claim = 'Egypt will not deploy its army abroad'
  const analysis = analyzeWithRules(makeArticle(TEXT, { headline: 'Egypt sends troops to Yemen' }), { claim })
  assert.deepEqual(analysis.centralClaim, { text: claim, source: 'request' })
  const model = loadStanceModel()
  for (const statement of analysis.statements) assert.equal(statement.stance!.label, model.predict(claim, statement.content.text).label)
})

test('should leave stances null when nothing is claimed', () => {
  const analysis = analyzeWithRules(makeArticle(TEXT, { headline: 'Will Egypt send troops to Yemen?' }))
  assert.equal(analysis.centralClaim, null)
  assert.deepEqual(analysis.statements.map((s) => s.stance), [null, null, null])
  assert.deepEqual(analysis.sources!.map((s) => s.stance), [null, null])
  assert.equal(analysis.balance!.stances, null)
})

test('should leave the new fields out of records from a pipeline without the stages (not run is not empty)', () => {
  const pipeline = createPipeline([tokenizeStage, sentencesStage, entitiesStage, resolveStage, attributeStage])
  const analysis = toAnalysis(pipeline.run(makeArticle(TEXT, { headline: 'Egypt sends troops to Yemen' })), pipeline.stages)
  assert.equal(analysis.statements.length, 3)
  for (const statement of analysis.statements) assert.ok(!('stance' in statement))
  for (const field of ['centralClaim', 'question', 'sources', 'balance']) assert.ok(!(field in analysis), field)
  assert.deepEqual([analysis.claims, analysis.relations], [[], []])
  assert.deepEqual(AnalysisSchema.parse(analysis), analysis)
})

test('should weigh a source by its statements that relate to the claim', () => {
  const stance = (label: StanceAnnotation['label'], agree: number, disagree: number, discuss: number, unrelated: number): StanceAnnotation => ({
    label,
    score: 0,
    scores: { agree, disagree, discuss, unrelated },
  })
  // The unrelated statement does not dilute the related ones: mean agree 0.5, disagree 0.3.
  assert.deepEqual(sourceStance([stance('agree', 0.6, 0.2, 0.1, 0.1), stance('disagree', 0.4, 0.4, 0.1, 0.1), stance('unrelated', 0, 0, 0.1, 0.9)]), { label: 'agree', score: 0.5 })
  assert.deepEqual(sourceStance([stance('unrelated', 0, 0, 0.2, 0.8), stance('unrelated', 0, 0, 0.4, 0.6)]), { label: 'unrelated', score: 0.7 })
  assert.equal(sourceStance([null, null]), null)
})
