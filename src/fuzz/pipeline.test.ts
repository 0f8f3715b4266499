/**
 * Fuzzing the analysis: the tokenizer is lossless on any string, and the full pipeline, on
 * articles as the parsers hand them over (normalised text), throws nothing but WhosaidErrors, ends
 * in time, and returns spans that all point into the article text.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { AnalysisSchema } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { buildArticle } from '../ingest/article.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { assertSpans, bounded, fuzz, EXAMPLES, guarded, mutatedArticle, unicodeText } from './harness.js'

const CASE_MS = 5000

/** Tokens in order, inside the text, not overlapping, and no letter or digit left between them. */
function assertLossless(text: string): void {
  const tokens = tokenize(text)
  let previous = 0
  for (let i = 0; i < tokens.count; i++) {
    const start = tokens.start[i]!
    const end = tokens.end[i]!
    assert.ok(start >= previous && start < end && end <= text.length, `token ${i} [${start}, ${end}) after ${previous} in a text of ${text.length}`)
    const gap = text.slice(previous, start)
    assert.ok(!/[\p{L}\p{N}]/u.test(gap), `text lost between tokens: ${JSON.stringify(gap)}`)
    previous = end
  }
  assert.ok(!/[\p{L}\p{N}]/u.test(text.slice(previous)), 'text lost after the last token')
}

function analyse(text: string): void {
  const article = { ...buildArticle({ text, headline: 'Fuzz' }), language: 'eng' }
  if (article.text === '') return
  const result = guarded('analyzeArticle', CASE_MS, () => analyzeArticle(article))
  if (result instanceof WhosaidError) return
  assert.equal(result.article.text, article.text)
  assertSpans(result, article.text)
  const valid = AnalysisSchema.safeParse(result)
  assert.ok(valid.success, `the record does not match the whosaid/1 schema: ${valid.success ? '' : valid.error.message}`)
  // Sentences in order and apart; statement parts and mentions never empty.
  result.sentences.forEach((sentence, i) => assert.ok(sentence.start < sentence.end && (i === 0 || result.sentences[i - 1]!.end <= sentence.start), `sentence ${i}`))
  for (const statement of result.statements) {
    for (const part of [statement.cue, statement.content]) assert.ok(part.start < part.end, `empty span in ${statement.id}`)
    if (statement.speaker.entity !== null) assert.ok(result.entities.some((entity) => entity.id === statement.speaker.entity), `${statement.id}: unknown speaker entity`)
  }
  for (const entity of result.entities) for (const mention of entity.mentions) assert.ok(mention.start < mention.end, `empty mention of ${entity.id}`)
}

describe('fuzz: tokenizer and pipeline', () => {
  // Stages load their tables (and models) on first use; that is not what the time limit is for.
  before(() => void analyzeArticle(buildArticle({ text: EXAMPLES[0]! })))

  it('tokenize: lossless on any string', async (t) => {
    await fuzz(
      t,
      fc.property(fc.oneof(unicodeText, mutatedArticle(30, 6)), (text) => {
        guarded('tokenize', CASE_MS, () => assertLossless(text))
      }),
      bounded(500, 3000),
    )
  })

  it('analyzeArticle: only WhosaidErrors, spans inside the text, in time (mutated real articles)', async (t) => {
    await fuzz(
      t,
      fc.property(mutatedArticle(40, 4), (text) => analyse(text)),
      bounded(150, 8000),
    )
  })

  it('analyzeArticle: only WhosaidErrors, spans inside the text, in time (random Unicode)', async (t) => {
    await fuzz(
      t,
      fc.property(unicodeText, (text) => analyse(text)),
      bounded(200, 4000),
    )
  })
})
