import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import type { Store } from '../store/store.js'
import { buildAnalysis } from '../store/analysis-builder.js'
import { createApp } from './app.js'
import { seededApp, stubAnalyze, type SeededApp } from './seeded-app.js'

let seeded: SeededApp
before(async () => (seeded = await seededApp({ rateLimit: false })))
after(() => seeded.cleanup())

async function get(path: string, app = seeded.app): Promise<{ status: number; body: any }> {
  const response = await app.request(path)
  return { status: response.status, body: await response.json() }
}

const hits = (body: any) => body.items.map((hit: any) => `${seeded.ids.indexOf(hit.articleId)}:${hit.statement.id}`)

describe('statement search filters', () => {
  it('should filter by outlet, until and both dates', async () => {
    assert.deepEqual(hits((await get('/api/v1/statements?outlet=reuters')).body), ['1:S1', '1:S2', '1:S3', '1:S4'])
    assert.deepEqual(hits((await get('/api/v1/statements?until=2024-03-05')).body), ['0:S1', '0:S2', '0:S3'])
    assert.equal((await get('/api/v1/statements?since=2024-03-06&until=2024-03-07')).body.total, 4)
    assert.deepEqual(hits((await get('/api/v1/statements?q=ceasefire&outlet=Ahram')).body), ['0:S1'])
  })

  it('should treat empty filters, as a form sends them, as absent', async () => {
    const { status, body } = await get('/api/v1/statements?q=&speaker=&entity=&outlet=&since=&until=&stance=')
    assert.equal(status, 200)
    assert.equal(body.total, 9)
  })

  it('should give each hit its sentence and its match spans', async () => {
    const { body } = await get('/api/v1/statements?q=Sinai')
    const [hit] = body.items
    const text = seeded.samples[0]!.article.text
    assert.equal(hit.context.text, text.slice(hit.context.start, hit.context.end))
    assert.deepEqual(hit.matches.map((m: { start: number; end: number }) => text.slice(m.start, m.end)), ['Sinai'])
  })

  it('should reject bad filters with a 400 naming the field', async () => {
    for (const [query, where] of [
      ['until=yesterday', 'until'],
      ['since=2024-13', 'since'],
      ['limit=0', 'limit'],
      [`speaker=${'x'.repeat(201)}`, 'speaker'],
      [`outlet=${'x'.repeat(201)}`, 'outlet'],
    ]) {
      const { status, body } = await get(`/api/v1/statements?${query}`)
      assert.equal(status, 400, query)
      assert.equal(body.error.code, 'E010', query)
      assert.equal(body.error.where, where, query)
    }
  })

  it('should answer any query text with 200 or a 400, never a 500', async () => {
    const fixed = ['"', '(', ')', 'AND', 'OR OR', 'NOT', '*', '-', 'a:b', 'NEAR(a b', '^', '{a}', "'; DROP TABLE statements; --", '\u202E', '\0']
    for (const q of fixed) {
      const { status } = await get(`/api/v1/statements?q=${encodeURIComponent(q)}`)
      assert.ok(status === 200 || status === 400, `${JSON.stringify(q)} → ${status}`)
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.constantFrom('', 'shoukry', '%'), async (q, speaker) => {
        const { status, body } = await get(`/api/v1/statements?${new URLSearchParams({ q, speaker })}`)
        if (status === 400) assert.match(body.error.code, /^E01[02]$/)
        else assert.equal(status, 200)
      }),
      { numRuns: 300 },
    )
    assert.equal(seeded.reported.length, 0)
  })

  it('should refuse a filter the store cannot apply instead of ignoring it', async () => {
    const store = new Proxy(seeded.store as Store, {
      get: (target, key) => (key === 'searchFilters' ? ['until'] : Reflect.get(target, key, target)),
    })
    const app = createApp({ store, analyze: stubAnalyze, webAssets: null })
    const { status, body } = await get('/api/v1/statements?outlet=reuters', app)
    assert.equal(status, 400)
    assert.equal(body.error.where, 'outlet')
    assert.equal((await get('/api/v1/statements?until=2024-03-05', app)).status, 200)
  })
})

describe('entity profiles over the API', () => {
  it('should page statements and carry total, timeline and co-speakers', async () => {
    const { status, body } = await get('/api/v1/entities/Shoukry?limit=2&offset=1')
    assert.equal(status, 200)
    assert.equal(body.statements.length, 2)
    assert.equal(body.statementTotal, 4)
    assert.deepEqual(body.timeline, [{ month: '2024-03', statements: 4 }])
    assert.equal(body.coSpeakers.length, 3)
    assert.equal((await get('/api/v1/entities/Shoukry?limit=500')).body.error.where, 'limit')
  })

  it('should page for a backend that returns every statement', async () => {
    const store = new Proxy(seeded.store as Store, {
      get: (target, key) =>
        key === 'getEntity'
          ? async (name: string) => {
              const profile = await target.getEntity(name)
              if (!profile) return null
              const { statementTotal: _total, timeline: _timeline, coSpeakers: _co, ...first } = profile
              return first
            }
          : Reflect.get(target, key, target),
    })
    const app = createApp({ store, analyze: stubAnalyze, webAssets: null })
    const { body } = await get('/api/v1/entities/Shoukry?limit=3&offset=2', app)
    assert.equal(body.statementTotal, 4)
    assert.equal(body.statements.length, 2)
    assert.equal(body.timeline, undefined)
  })

  it('should 404 an unknown name and 400 a blank one', async () => {
    assert.equal((await get('/api/v1/entities/Nobody%20Atall')).status, 404)
    assert.equal((await get('/api/v1/entities/%20')).body.error.where, 'name')
  })
})

describe('facets', () => {
  it('should list outlets and named speakers, most frequent first', async () => {
    const { status, body } = await get('/api/v1/facets')
    assert.equal(status, 200)
    assert.deepEqual(body.outlets.map((o: { value: string }) => o.value), ['Ahram Online', 'Reuters', 'The National'])
    assert.deepEqual(body.speakers[0], { value: 'Sameh Shoukry', count: 4 })
    assert.deepEqual(body.stances, [])
    assert.equal((await get('/api/v1/facets?limit=1')).body.speakers.length, 1)
    assert.equal((await get('/api/v1/facets?limit=0')).status, 400)
  })
})

describe('hostile content through the API', () => {
  it('should give hostile text back as JSON data, never as markup', async () => {
    const payloads = [
      '<script>window.__pwned=1</script>',
      '<img src=x onerror="window.__pwned=1">',
      '<svg onload="window.__pwned=1"><circle r=1></svg>',
      '</style><style>body{display:none}</style>',
      'Evil\u202Egnp.exe\u202C Person',
    ]
    const text = `${payloads.join(' ')} said nothing happened.`
    const hostile = buildAnalysis({
      article: { text, headline: payloads[0], outlet: payloads[3], url: 'javascript:window.__pwned=1' },
      statements: [{ kind: 'indirect', speaker: payloads[4]!, entity: null, cue: 'said', content: 'nothing happened' }],
    })
    const { id } = await seeded.store.putAnalysis(hostile, 'fixture')
    const response = await seeded.app.request(`/api/v1/articles/${id}`)
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
    const body = (await response.json()) as any
    assert.equal(body.article.text, text)
    assert.equal(body.article.url, 'javascript:window.__pwned=1')
    const search = await get(`/api/v1/statements?speaker=${encodeURIComponent('gnp.exe')}`)
    assert.equal(search.body.items[0].speakerName, payloads[4])
  })
})
