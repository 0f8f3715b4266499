/**
 * Fuzzing the analysis: the tokenizer is lossless on any string, and the full pipeline, on
 * articles as the parsers hand them over (normalised text), throws nothing but WhosaidErrors, ends
 * in time, and returns records of the whosaid/1 schema whose spans all point into the article text.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { AnalysisSchema, type Analysis } from '../doc/schema.js'
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

/** The analysis of `text` as the parsers would hand it over, checked; null when it was refused. */
function analyse(text: string): Analysis | null {
  const article = { ...buildArticle({ text, headline: 'Fuzz' }), language: 'eng' }
  if (article.text === '') return null
  const result = guarded('analyzeArticle', CASE_MS, () => analyzeArticle(article))
  if (result instanceof WhosaidError) return null
  assert.equal(result.article.text, article.text)
  assertSpans(result, article.text)
  const valid = AnalysisSchema.safeParse(result)
  assert.ok(valid.success, `the record does not match the whosaid/1 schema: ${valid.success ? '' : valid.error.message}`)
  // Sentences in order and apart; mentions never empty; speakers are entities of the record.
  result.sentences.forEach((sentence, i) => assert.ok(sentence.start < sentence.end && (i === 0 || result.sentences[i - 1]!.end <= sentence.start), `sentence ${i}`))
  for (const entity of result.entities) for (const mention of entity.mentions) assert.ok(mention.start < mention.end, `empty mention of ${entity.id}`)
  for (const statement of result.statements) {
    if (statement.speaker.entity !== null) assert.ok(result.entities.some((entity) => entity.id === statement.speaker.entity), `${statement.id}: unknown speaker entity`)
  }
  return result
}

/** A statement says something: its cue and its content are not empty. */
function assertStatementsSaySomething(analysis: Analysis | null): void {
  for (const statement of analysis?.statements ?? []) {
    assert.ok(statement.cue.start < statement.cue.end || statement.content.start < statement.content.end, `${statement.id} has neither cue nor content`)
    // docs/SCHEMA.md: a content that is not in the text analysed ("He said." alone) is the empty
    // span at the end of the cue; any other empty content would be a bug.
    if (statement.content.start === statement.content.end) {
      assert.equal(statement.content.start, statement.cue.end, `${statement.id}: an empty content sits at the end of its cue`)
    }
  }
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
      bounded(500, 2000),
    )
  })

  it('analyzeArticle: only WhosaidErrors, spans inside the text, in time (mutated real articles)', async (t) => {
    await fuzz(
      t,
      fc.property(mutatedArticle(40, 4), (text) => void analyse(text)),
      bounded(150, 5000),
    )
  })

  it('analyzeArticle: only WhosaidErrors, spans inside the text, in time (random Unicode)', async (t) => {
    await fuzz(
      t,
      fc.property(unicodeText, (text) => void analyse(text)),
      bounded(200, 2000),
    )
  })

  it('analyzeArticle: every statement has a cue or a content, and an empty content only where documented', async (t) => {
    for (const text of ['said', 'He told', 'The minister told reporters.']) assertStatementsSaySomething(analyse(text))
    await fuzz(
      t,
      fc.property(fc.oneof(mutatedArticle(20, 3), unicodeText), (text) => assertStatementsSaySomething(analyse(text))),
      bounded(100, 2000),
    )
  })
})
