import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { WhosaidError } from '../errors.js'
import { parseTextPage } from '../ingest/text.js'
import { tokenizeStage } from '../stages/tokenize/index.js'
import { attributeStage } from '../stages/attribute/index.js'
import { makeArticle } from '../testing/make-article.js'
import { packageRoot } from '../util/package-root.js'
import { analyzeArticle } from './analyze.js'
import { createPipeline, findProblems } from './pipeline.js'

test('should analyse a scraped page end to end: boilerplate out, quotes and reported speech in', () => {
  const file = join(packageRoot(), 'test', 'fixtures', 'ingest', 'scraped-arabic-comma.txt')
  const analysis = analyzeArticle(parseTextPage(readFileSync(file, 'utf8'), { name: file }))
  assert.equal(analysis.article.outlet, 'Asharq Al-Awsat')
  assert.equal(analysis.article.modified, '2019-05-14T21:05:00')
  assert.ok(!analysis.article.text.includes('Last Modified'))
  assert.ok(!analysis.article.text.includes('(AFP)'))
  const summary = analysis.statements.map((s) => [s.kind, s.speaker.name, s.cue.text, s.content.text.slice(0, 30)])
  assert.deepEqual(summary, [
    ['indirect', 'local officials', 'said', 'Cairo - A small town on the ba'],
    // Direct quotations keep their marks (the PolNeAR convention, docs/SCHEMA.md).
    ['direct', 'Samir Adel', 'told', '"People kept asking where thei'],
    ['direct', 'Samir Adel', 'told', '"Now they have an answer."'],
    ['indirect', 'a statement from the governorate', 'according to', 'The library holds about 12,000'],
    ['indirect', 'the statement', 'added', 'Volunteers will run reading cl'],
  ])
  const mayor = analysis.entities.find((entity) => entity.name === 'Samir Adel')!
  assert.deepEqual(mayor.roles.map((role) => role.text), ["town's mayor"])
  assert.equal(analysis.statements[0]!.speaker.anonymous, true)
})

test('should refuse an article that is not in English, naming the language', () => {
  assert.throws(
    () => analyzeArticle(makeArticle('Le gouvernement a annoncé mardi de nouvelles mesures.', { language: 'fra' })),
    (error: unknown) => error instanceof WhosaidError && error.code === 'E009' && /fra/.test(error.message),
  )
})

test('should list unmet stage requirements when a pipeline is built in the wrong order', () => {
  assert.deepEqual(findProblems([tokenizeStage, attributeStage]), [
    'whosaid.attribute.rules requires "sentences"',
    'whosaid.attribute.rules requires "mentions"',
    'whosaid.attribute.rules requires "entities"',
  ])
  assert.throws(() => createPipeline([attributeStage]), /E014|requires "tokens"/)
})
