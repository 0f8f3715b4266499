import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { MAX_FILE_BYTES, MAX_JSON_BYTES, type IngestedArticle } from './ingest.js'
import { seededApp, type SeededApp } from './seeded-app.js'

let seeded: SeededApp
before(async () => (seeded = await seededApp()))
after(() => seeded.cleanup())

interface Answer {
  status: number
  body: any
  headers: Headers
}

async function post(path: string, body: string | Uint8Array | Buffer, contentType: string): Promise<Answer> {
  const response = await seeded.app.request(path, { method: 'POST', body, headers: { 'Content-Type': contentType } })
  const text = await response.text()
  return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text, headers: response.headers }
}

const postJson = (body: unknown) => post('/api/v1/ingest', JSON.stringify(body), 'application/json')

function expectError(answer: Answer, status: number, code: string, where?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body))
  assert.equal(answer.body.error.code, code)
  if (where !== undefined) assert.equal(answer.body.error.where, where)
}

/** The NDJSON lines of a JSONL ingest answer. */
async function postJsonl(lines: string | Uint8Array, query = ''): Promise<{ status: number; results: any[]; summary: any }> {
  const answer = await post(`/api/v1/ingest${query}`, lines, 'application/x-ndjson')
  assert.match(answer.headers.get('content-type') ?? '', /^application\/x-ndjson/)
  const values = (answer.body as string)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
  return { status: answer.status, results: values.slice(0, -1), summary: values.at(-1) }
}

describe('POST /ingest with pasted JSON', () => {
  it('should analyse, store and link a pasted article, once', async () => {
    const first = await postJson({ text: 'Rathke said the boats should not be turned away.', outlet: 'Desk', published: '2015-05-18' })
    assert.equal(first.status, 201)
    const result = first.body as IngestedArticle
    assert.equal(result.inserted, true)
    assert.equal(result.statements, 1)
    assert.equal(result.outlet, 'Desk')
    assert.equal(first.headers.get('location'), `/api/v1/articles/${result.id}`)
    const stored = await seeded.app.request(first.headers.get('location')!)
    assert.equal(((await stored.json()) as any).statements[0].speaker.name, 'Rathke')
    const again = await postJson({ text: 'Rathke said the boats should not be turned away.', outlet: 'Desk', published: '2015-05-18' })
    assert.equal(again.status, 200)
    assert.deepEqual(again.body, { ...result, inserted: false })
  })

  it('should take an HTML page', async () => {
    const answer = await postJson({ html: '<html><body><p>Nadia said the page was parsed.</p></body></html>' })
    assert.equal(answer.status, 201)
  })

  it('should name the bad field', async () => {
    expectError(await postJson({}), 400, 'E010', 'body.text')
    expectError(await postJson({ text: '   ' }), 400, 'E010', 'body.text')
    expectError(await postJson({ html: '' }), 400, 'E010', 'body.html')
    expectError(await postJson({ text: 'a', html: 'b' }), 400, 'E010', 'body.text')
    expectError(await postJson({ text: 'Ann said so.', colour: 'red' }), 400, 'E010', 'body.colour')
    expectError(await postJson({ text: 'Ann said so.', published: 'last Tuesday' }), 400, 'E010', 'body.published')
    expectError(await post('/api/v1/ingest', '{"text": ', 'application/json'), 400, 'E010', 'body')
  })

  it('should pass on the language check refusing an article, and skip it when asked', async () => {
    expectError(await postJson({ text: 'Bonjour tout le monde.' }), 422, 'E009', 'paste')
    assert.equal((await postJson({ text: 'Bonjour tout le monde.', languageCheck: false })).status, 201)
    expectError(await postJson({ text: 'Bonjour.', languageCheck: 'no' }), 400, 'E010', 'body.languageCheck')
    expectError(await post('/api/v1/ingest?name=fr.txt', 'Bonjour à tous.', 'text/plain'), 422, 'E009', 'fr.txt')
    assert.equal((await post('/api/v1/ingest?name=fr.txt&languageCheck=false', 'Bonjour à tous.', 'text/plain')).status, 201)
    const { results } = await postJsonl(JSON.stringify({ text: 'Bonjour, dit-il.' }), '?languageCheck=false')
    assert.equal(results[0].status, 'stored')
  })

  it('should refuse a body over the limit with 413', async () => {
    expectError(await postJson({ text: 'x'.repeat(MAX_JSON_BYTES + 10) }), 413, 'E004', 'body')
  })

  it('should refuse a content type it does not read, naming it', async () => {
    expectError(await post('/api/v1/ingest', 'a,b,c', 'text/csv'), 400, 'E010', 'Content-Type')
    const bare = await seeded.app.request('/api/v1/ingest', { method: 'POST', body: new Uint8Array([1, 2]) })
    assert.equal(bare.status, 400)
  })
})

describe('POST /ingest with an uploaded file', () => {
  it('should read a text page with its header block', async () => {
    const page = 'Title: Boats turned away\nOutlet: Wire\nDate: 2015-05-18\n\nRathke said the navy must stop turning boats away.\n'
    const answer = await post('/api/v1/ingest?name=boats.txt', page, 'text/plain; charset=utf-8')
    assert.equal(answer.status, 201)
    assert.equal(answer.body.headline, 'Boats turned away')
    assert.equal(answer.body.outlet, 'Wire')
    assert.equal(answer.body.published, '2015-05-18')
  })

  it('should read an HTML page', async () => {
    const html = `<html><head><title>Crossing stays open</title><meta property="og:site_name" content="Gazette"></head>
      <body><article><h1>Crossing stays open</h1><p>Shoukry said the crossing stayed open all week, officials confirmed on Sunday.</p>
      <p>${'More paragraphs of the article body follow here. '.repeat(8)}</p></article></body></html>`
    const answer = await post('/api/v1/ingest?name=crossing.html', html, 'text/html')
    assert.equal(answer.status, 201, JSON.stringify(answer.body))
    assert.equal(answer.body.outlet, 'Gazette')
  })

  it('should name the file in errors for empty, binary, non-UTF-8 and oversized input', async () => {
    expectError(await post('/api/v1/ingest?name=empty.txt', '', 'text/plain'), 400, 'E001', 'empty.txt')
    expectError(await post('/api/v1/ingest?name=photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 'text/plain'), 400, 'E002', 'photo.txt')
    expectError(await post('/api/v1/ingest?name=latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]), 'text/plain'), 400, 'E003', 'latin1.txt')
    expectError(await post('/api/v1/ingest?name=huge.txt', 'a'.repeat(MAX_FILE_BYTES + 1), 'text/plain'), 413, 'E004', 'huge.txt')
    expectError(await post('/api/v1/ingest?name=bad%00name', 'Ann said so.', 'text/plain'), 400, 'E010', 'name')
  })
})

describe('POST /ingest with JSONL', () => {
  it('should answer line by line, naming file and line, and go on after a bad line', async () => {
    const lines = [
      JSON.stringify({ title: 'One', text: 'Amal said the first line was fine.' }),
      '{"title": "Two", "text": ',
      JSON.stringify({ title: 'Three' }),
      '',
      JSON.stringify({ title: 'One', text: 'Amal said the first line was fine.' }),
      JSON.stringify({ title: 'Five', text: 'Bonjour à tous.' }),
      JSON.stringify({ title: 'Six', text: 'Basya said the last line had no newline.' }),
    ].join('\n')
    const { status, results, summary } = await postJsonl(lines, '?name=corpus.jsonl')
    assert.equal(status, 200)
    assert.deepEqual(
      results.map((r) => [r.line, r.status, r.error?.code ?? null, r.error?.where ?? null]),
      [
        [1, 'stored', null, null],
        [2, 'failed', 'E005', 'corpus.jsonl:2'],
        [3, 'failed', 'E006', 'corpus.jsonl:3'],
        [5, 'skipped', null, null],
        [6, 'failed', 'E009', 'corpus.jsonl:6'],
        [7, 'stored', null, null],
      ],
    )
    assert.equal(results[0].headline, 'One')
    assert.equal(results[0].statements, 1)
    assert.deepEqual(summary, { done: true, read: 6, stored: 2, skipped: 1, failed: 3, stopped: false })
  })

  it('should number the lines of a chunk from ?line=', async () => {
    const { results } = await postJsonl(`${JSON.stringify({ text: 'Sara said chunks count.' })}\nnot json\n`, '?name=big.jsonl&line=201')
    assert.deepEqual(results.map((r) => [r.line, r.status]), [[201, 'stored'], [202, 'failed']])
    assert.equal(results[1].error.where, 'big.jsonl:202')
  })

  it('should read a body streamed in pieces, lines split across them', async () => {
    const text = [1, 2, 3].map((i) => JSON.stringify({ title: `Streamed ${i}`, text: `Omar said piece ${i} arrived.` })).join('\r\n') + '\r\n'
    const bytes = new TextEncoder().encode(text)
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7))
        controller.close()
      },
    })
    const response = await seeded.app.request('/api/v1/ingest?name=stream.jsonl', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-ndjson' },
      duplex: 'half',
    } as RequestInit)
    const values = (await response.text()).trim().split('\n').map((line) => JSON.parse(line))
    assert.deepEqual(values.slice(0, -1).map((r) => [r.line, r.status, r.headline]), [
      [1, 'stored', 'Streamed 1'],
      [2, 'stored', 'Streamed 2'],
      [3, 'stored', 'Streamed 3'],
    ])
  })

  it('should report a line that is not UTF-8 by number and read on', async () => {
    const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`)
    const bad = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])
    const body = Buffer.concat([encode({ text: 'Lina said the first line is fine.' }), bad, encode({ text: 'Lina said the third line is fine too.' })])
    const { results, summary } = await postJsonl(body, '?name=mixed.jsonl')
    assert.deepEqual(results.map((r) => [r.line, r.status, r.error?.code, r.error?.where]), [
      [1, 'stored', undefined, undefined],
      [2, 'failed', 'E003', 'mixed.jsonl:2'],
      [3, 'stored', undefined, undefined],
    ])
    assert.equal(summary.stopped, false)
  })

  it('should keep the store consistent and count what it stored', async () => {
    const before = (await (await seeded.app.request('/api/v1/stats')).json()) as { articles: number }
    const { summary } = await postJsonl([4, 5].map((i) => JSON.stringify({ text: `Rana said article ${i} counts.` })).join('\n'))
    const afterStats = (await (await seeded.app.request('/api/v1/stats')).json()) as { articles: number }
    assert.equal(afterStats.articles, before.articles + summary.stored)
    assert.equal(seeded.reported.length, 0)
  })
})
