import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { AnalysisSchema } from '../doc/schema.js'
import { MAX_BODY_BYTES } from './api.js'
import { seededApp, type SeededApp } from './seeded-app.js'

let seeded: SeededApp
before(async () => (seeded = await seededApp()))
after(() => seeded.cleanup())

function post(body: unknown, query = '', raw?: string): Promise<Response> {
  return Promise.resolve(
    seeded.app.request(`/api/v1/analyze${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    }),
  )
}

async function expectBadField(response: Response, status: number, code: string, where: string): Promise<void> {
  const body = (await response.json()) as { error: { code: string; where: string; message: string } }
  assert.equal(response.status, status)
  assert.equal(body.error.code, code)
  assert.equal(body.error.where, where)
}

describe('POST /analyze', () => {
  it('should return the analysis without storing it', async () => {
    const response = await post({ text: 'Sameh Shoukry said the talks would resume.', outlet: 'Test Wire', published: '2024-04-01' })
    assert.equal(response.status, 200)
    const analysis = AnalysisSchema.parse(await response.json())
    assert.equal(analysis.statements[0]!.content.text, 'the talks would resume')
    assert.equal(analysis.article.outlet, 'Test Wire')
    assert.equal((await seeded.store.stats()).articles, 3)
  })

  it('should store it when asked, once', async () => {
    const text = 'Reem Al Hashimy said the donor conference raised pledges.'
    const first = await post({ text, headline: 'Pledges' }, '?store=true')
    assert.equal(first.status, 201)
    const stored = (await first.json()) as { id: number; inserted: boolean }
    assert.equal(stored.inserted, true)
    assert.equal(first.headers.get('location'), `/api/v1/articles/${stored.id}`)

    const again = await post({ text, headline: 'Pledges' }, '?store=1')
    assert.equal(again.status, 200)
    assert.deepEqual(((await again.json()) as { id: number; inserted: boolean }).inserted, false)

    const fetched = await seeded.app.request(`/api/v1/articles/${stored.id}`)
    assert.equal(fetched.status, 200)
    const search = (await (await seeded.app.request('/api/v1/statements?q=pledges')).json()) as { total: number }
    assert.equal(search.total, 1)
  })

  it('should name the field that is wrong', async () => {
    await expectBadField(await post({}), 400, 'E010', 'body.text')
    await expectBadField(await post({ text: '   ' }), 400, 'E010', 'body.text')
    await expectBadField(await post({ text: 42 }), 400, 'E010', 'body.text')
    await expectBadField(await post({ text: 'x', published: 'yesterday' }), 400, 'E010', 'body.published')
    await expectBadField(await post({ text: 'x', format: 'pdf' }), 400, 'E010', 'body.format')
    await expectBadField(await post({ text: 'x', bogus: true }), 400, 'E010', 'body.bogus')
    await expectBadField(await post(null, '', '{"text": '), 400, 'E010', 'body')
    await expectBadField(await post([1, 2]), 400, 'E010', 'body')
    await expectBadField(await post({ text: 'x' }, '?store=maybe'), 400, 'E010', 'store')
  })

  it('should accept null for optional metadata', async () => {
    const response = await post({ text: 'No quotes here.', headline: null, url: null, format: null })
    assert.equal(response.status, 200)
  })

  it('should refuse a body over 5 MB with 413', async () => {
    const text = 'a'.repeat(MAX_BODY_BYTES + 1)
    await expectBadField(await post({ text }), 413, 'E004', 'body')
  })

  it('should pass analyser errors through with their status', async () => {
    const response = await post({ text: 'Bonjour tout le monde.' })
    assert.equal(response.status, 422)
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'E009')
  })

  it('should answer an unexpected failure with a bare 500 and report it', async () => {
    const response = await post({ text: 'crash' })
    assert.equal(response.status, 500)
    const text = await response.text()
    assert.deepEqual(JSON.parse(text), { error: { code: 'internal', message: 'internal server error' } })
    assert.doesNotMatch(text, /secret|stack|\.ts/)
    assert.equal(seeded.reported.length, 1)
  })
})
