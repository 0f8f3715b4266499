import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AnalysisSchema, type Analysis, type Span } from '../doc/schema.js'
import { contentHash } from '../doc/serialize.js'
import { buildAnalysis } from './analysis-builder.js'
import { sampleAnalyses, syntheticAnalysis } from './sample-analyses.js'

/** Every standoff span of an analysis, with a label saying where it sits. */
function spans(analysis: Analysis): Array<[string, Span]> {
  return [
    ...analysis.entities.flatMap((e) => [...e.mentions.map((m) => [`${e.id} mention`, m]), ...e.roles.map((r) => [`${e.id} role`, r])]),
    ...analysis.statements.flatMap((s) => [
      [`${s.id} speaker`, s.speaker],
      [`${s.id} cue`, s.cue],
      [`${s.id} content`, s.content],
    ]),
  ] as Array<[string, Span]>
}

describe('sample analyses', () => {
  it('should be valid whosaid/1 records whose spans match their text', () => {
    for (const analysis of [...sampleAnalyses(), syntheticAnalysis(0), syntheticAnalysis(3)]) {
      assert.deepEqual(AnalysisSchema.parse(analysis), analysis)
      assert.equal(analysis.provenance.contentHash, contentHash(analysis.article))
      for (const [label, span] of spans(analysis)) {
        assert.equal(analysis.article.text.slice(span.start, span.end), span.text, label)
      }
    }
  })

  it('should resolve speakers to entities by name or alias, or leave them unresolved', () => {
    const [ahram, reuters] = sampleAnalyses()
    assert.deepEqual(
      ahram!.statements.map((s) => [s.speaker.text, s.speaker.entity, s.speaker.name]),
      [
        ['Sameh Shoukry', 'E1', 'Sameh Shoukry'],
        ['Shoukry', 'E1', 'Sameh Shoukry'],
        ['Mohammed bin Abdulrahman Al Thani', 'E7', 'Mohammed bin Abdulrahman Al Thani'],
      ],
    )
    const officials = reuters!.statements[3]!.speaker
    assert.deepEqual([officials.entity, officials.name, officials.anonymous], [null, 'Officials familiar with the talks', true])
  })

  it('should fail loudly when a fixture names text that is not in the article', () => {
    assert.throws(
      () => buildAnalysis({ article: { text: 'Nobody spoke.' }, statements: [{ kind: 'direct', speaker: 'X', cue: 'said', content: 'hi' }] }),
      /not found/,
    )
  })
})
