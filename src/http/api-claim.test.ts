import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { AnalysisSchema } from '../doc/schema.js'
import { analyzeInput } from '../pipeline/analyze-input.js'
import { loadStanceModel } from '../stance/index.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { createApp } from './app.js'

// The real analyser, not the stub of seeded-app: the claim has to reach the stance stage.
const dir = mkdtempSync(join(tmpdir(), 'whosaid-claim-'))
const store = SqliteStore.open(join(dir, 'claim.db'))
const app = createApp({ store, analyze: analyzeInput, webAssets: null, rateLimit: false })
after(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const TEXT = 'Sameh Shoukry said Egypt would send troops to Yemen.\n\nOfficials said the army had no such plans.'
const HEADLINE = 'Egypt sends troops to Yemen'

async function analyze(body: unknown, query = ''): Promise<{ status: number; body: any }> {
  const response = await app.request(`/api/v1/analyze${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, body: await response.json() }
}

describe('POST /analyze with a claim', () => {
  it('should weigh each statement against the claim instead of the headline', async () => {
    const claim = 'Egypt will not send troops to Yemen'
    const { status, body } = await analyze({ text: TEXT, headline: HEADLINE, claim })
    assert.equal(status, 200)
    const analysis = AnalysisSchema.parse(body)
    assert.deepEqual(analysis.centralClaim, { text: claim, source: 'request' })
    assert.deepEqual(
      analysis.statements.map((s) => [s.speaker.text, s.content.start, s.content.end, s.content.text]),
      [
        ['Sameh Shoukry', 19, 51, 'Egypt would send troops to Yemen'],
        ['Officials', 69, 95, 'the army had no such plans'],
      ],
    )
    const model = loadStanceModel()
    for (const statement of analysis.statements) {
      const expected = model.predict(claim, statement.content.text)
      assert.equal(statement.stance?.label, expected.label)
      assert.ok(Math.abs(statement.stance!.score - expected.scores[expected.label]) < 1e-4)
    }
    // Without the claim the headline is the claim, and the stances are the model's towards it.
    const byHeadline = AnalysisSchema.parse((await analyze({ text: TEXT, headline: HEADLINE })).body)
    assert.deepEqual(byHeadline.centralClaim, { text: HEADLINE, source: 'headline' })
    assert.equal(byHeadline.statements[0]!.stance?.label, model.predict(HEADLINE, 'Egypt would send troops to Yemen').label)
  })

  it('should give null stances when neither the headline nor the request makes a claim', async () => {
    const { body } = await analyze({ text: TEXT, headline: 'Will Egypt send troops to Yemen?' })
    const analysis = AnalysisSchema.parse(body)
    assert.equal(analysis.centralClaim, null)
    assert.deepEqual(analysis.statements.map((s) => s.stance), [null, null])
    assert.deepEqual(analysis.sources!.map((s) => s.stance), [null, null])
    assert.equal(analysis.balance!.stances, null)
  })

  it('should name body.claim when the claim is empty, too long or asked to be stored', async () => {
    for (const [claim, query, message] of [
      ['  ', '', /claim is empty/],
      ['x'.repeat(1001), '', /1001 characters/],
      [42, '', /expected string/i],
      ['Egypt sends troops', '?store=true', /applies to this request only/],
    ] as const) {
      const { status, body } = await analyze({ text: TEXT, claim }, query)
      assert.equal(status, 400, String(claim))
      assert.equal(body.error.code, 'E010')
      assert.equal(body.error.where, 'body.claim')
      assert.match(body.error.message, message)
    }
    assert.equal((await store.stats()).articles, 0)
  })

  it('should document the claim in the OpenAPI description', async () => {
    const openapi = (await (await app.request('/api/v1/openapi.json')).json()) as any
    const claim = openapi.components.schemas.AnalyzeInput.properties.claim
    assert.equal(claim.type, 'string')
    assert.equal(claim.maxLength, 1000)
    const statement = openapi.components.schemas.Analysis.properties.statements.items.properties
    assert.ok(statement.stance, 'statements[].stance in the Analysis schema')
    for (const field of ['centralClaim', 'question', 'sources', 'balance']) assert.ok(openapi.components.schemas.Analysis.properties[field], field)
  })
})
