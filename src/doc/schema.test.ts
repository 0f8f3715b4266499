import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { parseTextPage } from '../ingest/text.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { packageRoot } from '../util/package-root.js'
import { analysisJsonSchema } from './json-schema.js'
import { AnalysisSchema, type Analysis } from './schema.js'

const examples = join(packageRoot(), 'examples', 'wikinews')
const files = readdirSync(examples).filter((name) => name.endsWith('.txt')).sort()

function analyseExample(name: string): Analysis {
  return analyzeArticle(parseTextPage(readFileSync(join(examples, name), 'utf8'), { name }))
}

test('should ship at least 20 sample articles', () => {
  assert.ok(files.length >= 20, `only ${files.length} sample articles`)
})

test('should produce valid whosaid/1 records whose every span matches the text, for every sample article', () => {
  let statements = 0
  for (const name of files) {
    const analysis = AnalysisSchema.parse(analyseExample(name))
    const { text } = analysis.article
    const spans = [
      ...analysis.entities.flatMap((entity) => [...entity.mentions, ...entity.roles]),
      ...analysis.statements.flatMap((statement) => [statement.speaker, statement.cue, statement.content]),
      ...analysis.claims.flatMap((claim) => [claim, ...(claim.evidence ?? [])]),
      ...analysis.relations.flatMap((relation) => [relation.evidence, relation.subjectMention!, relation.objectMention!, ...(relation.role ? [relation.role] : [])]),
      ...(analysis.sources ?? []).flatMap((source) => [...source.roles, ...source.evidence]),
    ]
    for (const span of spans) {
      assert.ok(span.start <= span.end && span.end <= text.length, `${name}: span out of range`)
      assert.equal(text.slice(span.start, span.end), span.text, `${name}: span text differs`)
    }
    const ids = new Set(analysis.entities.map((entity) => entity.id))
    for (const statement of analysis.statements) if (statement.speaker.entity) assert.ok(ids.has(statement.speaker.entity), `${name}: dangling speaker`)
    const referenced = [
      ...analysis.claims.flatMap((claim) => claim.entities),
      ...analysis.relations.flatMap((relation) => [relation.subject, relation.object]),
      ...(analysis.sources ?? []).flatMap((source) => (source.entity ? [source.entity] : [])),
    ]
    for (const id of referenced) assert.ok(ids.has(id), `${name}: dangling entity ${id}`)
    // Each statement belongs to exactly one source.
    assert.deepEqual((analysis.sources ?? []).flatMap((source) => source.statements).sort(), analysis.statements.map((statement) => statement.id).sort(), `${name}: sources`)
    statements += analysis.statements.length
  }
  assert.ok(statements > 3 * files.length, `only ${statements} statements in ${files.length} articles`)
})

test('should analyse the same article to the same record twice (deterministic, no shared state)', () => {
  const name = files[0]!
  assert.deepEqual(analyseExample(name), analyseExample(name))
})

test('should keep the committed JSON Schema in sync with the zod schema', () => {
  const committed = JSON.parse(readFileSync(join(packageRoot(), 'docs', 'whosaid-1.schema.json'), 'utf8'))
  assert.deepEqual(committed, analysisJsonSchema(), 'run `npm run schema` and commit docs/whosaid-1.schema.json')
})
