import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { seededApp, type SeededApp } from './seeded-app.js'

let seeded: SeededApp
before(async () => (seeded = await seededApp()))
after(() => seeded.cleanup())

async function get(path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await seeded.app.request(path)
  return { status: response.status, body: await response.json(), headers: response.headers }
}

/** Asserts a JSON error response with this status, code and (when given) field. */
async function expectError(path: string, status: number, code: string, where?: string): Promise<void> {
  const { status: actual, body } = await get(path)
  assert.equal(actual, status, path)
  assert.equal(body.error.code, code, path)
  assert.equal(typeof body.error.message, 'string')
  if (where) assert.equal(body.error.where, where, path)
}

describe('read API', () => {
  it('should answer health', async () => {
    const { status, body, headers } = await get('/api/v1/health')
    assert.equal(status, 200)
    assert.deepEqual(body, { status: 'ok', store: 'sqlite' })
    assert.equal(headers.get('cache-control'), 'no-store')
  })

  it('should list articles newest first and page them', async () => {
    const { ids } = seeded
    const all = await get('/api/v1/articles')
    assert.equal(all.status, 200)
    assert.equal(all.body.total, 3)
    assert.deepEqual(
      all.body.items.map((a: { id: number }) => a.id),
      [ids[2], ids[1], ids[0]],
    )
    const page = await get('/api/v1/articles?limit=1&offset=1')
    assert.deepEqual(
      page.body.items.map((a: { id: number }) => a.id),
      [ids[1]],
    )
  })

  it('should reject bad paging naming the field', async () => {
    await expectError('/api/v1/articles?limit=0', 400, 'E010', 'limit')
    await expectError('/api/v1/articles?limit=201', 400, 'E010', 'limit')
    await expectError('/api/v1/articles?limit=ten', 400, 'E010', 'limit')
    await expectError('/api/v1/articles?offset=-1', 400, 'E010', 'offset')
    await expectError('/api/v1/statements?limit=1.5', 400, 'E010', 'limit')
  })

  it('should return one article with its id, or 404', async () => {
    const { ids, samples } = seeded
    const { status, body } = await get(`/api/v1/articles/${ids[1]}`)
    assert.equal(status, 200)
    const { id, ...analysis } = body
    assert.equal(id, ids[1])
    assert.deepEqual(analysis, samples[1])
    await expectError('/api/v1/articles/987654', 404, 'E011', 'id')
    await expectError('/api/v1/articles/abc', 400, 'E010', 'id')
  })

  it('should search statements with full text and filters', async () => {
    const ceasefire = await get('/api/v1/statements?q=ceasefire')
    assert.equal(ceasefire.status, 200)
    assert.equal(ceasefire.body.total, 2)
    for (const hit of ceasefire.body.items) assert.match(hit.snippet, /\[ceasefire\]/)
    const bySpeaker = await get('/api/v1/statements?speaker=shoukry&since=2024-03-06')
    assert.deepEqual(
      bySpeaker.body.items.map((hit: { statement: { id: string } }) => hit.statement.id),
      ['S2', 'S3'],
    )
    const byEntity = await get(`/api/v1/statements?entity=${encodeURIComponent('Abu Dhabi')}`)
    assert.equal(byEntity.body.total, 2)
    const all = await get('/api/v1/statements?limit=2')
    assert.equal(all.body.total, 9)
    assert.equal(all.body.items.length, 2)
  })

  it('should answer a full-text syntax error or a bad date with 400', async () => {
    await expectError(`/api/v1/statements?q=${encodeURIComponent('"unbalanced')}`, 400, 'E012', 'q')
    await expectError(`/api/v1/statements?q=${encodeURIComponent('AND AND')}`, 400, 'E012', 'q')
    await expectError('/api/v1/statements?since=yesterday', 400, 'E010', 'since')
  })

  it('should return an entity profile by name, accents or not, or 404', async () => {
    const { status, body } = await get(`/api/v1/entities/${encodeURIComponent('antonio guterres')}`)
    assert.equal(status, 200)
    assert.equal(body.name, 'António Guterres')
    assert.equal(body.statements.length, 1)
    const shoukry = await get('/api/v1/entities/Shoukry')
    assert.equal(shoukry.body.statements.length, 4)
    await expectError('/api/v1/entities/Nobody', 404, 'E011', 'name')
  })

  it('should count the corpus', async () => {
    assert.deepEqual((await get('/api/v1/stats')).body, { articles: 3, statements: 9, entities: 12 })
  })

  it('should describe every route in an OpenAPI 3.1 document', async () => {
    const { status, body } = await get('/api/v1/openapi.json')
    assert.equal(status, 200)
    assert.equal(body.openapi, '3.1.0')
    // Every route the app serves under /api/v1, with its method, is documented, and nothing else.
    const served = seeded.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(body.paths as Record<string, object>).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    assert.deepEqual([...new Set(served)].sort(), documented.sort())
    assert.ok(documented.includes('post /ingest') && documented.includes('get /facets'))
    assert.equal(body.components.schemas.Analysis.properties.schema.const, 'whosaid/1')
    for (const operations of Object.values(body.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const operation of Object.values(operations)) assert.ok('429' in operation.responses)
    }
  })

  it('should answer unknown routes with a JSON 404', async () => {
    await expectError('/api/v1/nothing-here', 404, 'E011')
    await expectError('/elsewhere', 404, 'E011')
  })
})
