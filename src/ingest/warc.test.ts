import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { ingestFixture } from './fixtures.js'
import { readInputs, type ReadOptions } from './read.js'
import type { IngestItem } from './types.js'
import { warcFileBytes, type FixtureRecord } from './warc-fixtures.js'

async function collect(paths: string[], options?: ReadOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = []
  for await (const item of readInputs(paths, options)) items.push(item)
  return items
}

/** `where headline` or `where CODE` per item, with the folder prefix removed. */
function summary(items: IngestItem[], base: string): string[] {
  return items.map((item) => {
    const where = item.ok ? `${item.source.name}${item.source.record ? `#record${item.source.record}` : item.source.line ? `:${item.source.line}` : ''}` : (item.error.where ?? '?')
    return `${where.replace(base, '')} ${item.ok ? item.article.headline : item.error.code}`
  })
}

function page(headline: string, paragraphs: string[], meta = ''): string {
  return `<!DOCTYPE html><html><head><title>${headline}</title>${meta}</head><body><nav><a href="/">Home</a></nav><article><h1>${headline}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
}

const TRAM = [
  'The council of Port Ellery voted on Monday to keep the century-old tram line running for another ten years, after a campaign by residents.',
  '"The tram is part of who we are," said Mayor Ana Ruiz, who cast the deciding vote. Opponents said the line costs too much to maintain.',
  'The transport authority said it would publish a plan for new carriages by the end of the year.',
]
const LIBRARY = [
  'The town library reopened on Saturday after a two-year restoration of its reading room and roof, the mayor\'s office said in a statement.',
  'Head librarian Tom Baker told reporters that the collection had grown by four thousand books while the doors were closed.',
]

const RECORDS: FixtureRecord[] = [
  { type: 'request', url: 'https://herald.example/tram', body: 'GET /tram HTTP/1.1\r\nHost: herald.example\r\n\r\n', contentType: 'application/http; msgtype=request' },
  { url: 'https://herald.example/tram', date: '2021-03-08T10:00:00Z', body: page('Tram line stays', TRAM) },
  { url: 'https://herald.example/logo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), contentType: 'image/png' },
  { url: 'https://herald.example/gone', body: page('Not found', ['This page does not exist any more.']), status: 'HTTP/1.1 404 Not Found' },
  {
    url: 'https://herald.example/library',
    date: '2021-04-01T08:00:00Z',
    body: page('Library reopens', LIBRARY, '<meta property="article:published_time" content="2021-03-30T09:00:00Z"><meta property="og:url" content="https://herald.example/canonical/library">'),
  },
  { type: 'conversion', url: 'https://herald.example/ferry', date: '2021-05-02T12:00:00Z', body: 'Ferry timetable changes\n\nFerries to the island will run every forty minutes from June, the harbour office said on Friday.\n', contentType: 'text/plain' },
]

describe('readInputs on WARC archives', () => {
  let dir: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'whosaid-warc-'))
    writeFileSync(join(dir, 'crawl.warc.gz'), await warcFileBytes(RECORDS, true))
    writeFileSync(join(dir, 'crawl.warc'), await warcFileBytes(RECORDS, false))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('should read the HTML responses and text records of a .warc.gz, named file#recordN, and pass over the rest', async () => {
    const items = await collect([join(dir, 'crawl.warc.gz')])
    // Record 1 is warcinfo, 2 the request, 4 an image, 5 a 404 page.
    assert.deepEqual(summary(items, `${dir}/`), ['crawl.warc.gz#record3 Tram line stays', 'crawl.warc.gz#record6 Library reopens', 'crawl.warc.gz#record7 Ferry timetable changes'])
    const [tram, library, ferry] = items
    assert.ok(tram?.ok && library?.ok && ferry?.ok)
    assert.equal(tram.article.url, 'https://herald.example/tram')
    assert.equal(tram.article.published, '2021-03-08T10:00:00Z', 'WARC-Date when the page has no date')
    assert.match(tram.article.text, /said Mayor Ana Ruiz/)
    assert.equal(library.article.url, 'https://herald.example/library', 'the crawled URL wins over og:url')
    assert.equal(library.article.published, '2021-03-30T09:00:00Z', "the page's own date wins over WARC-Date")
    assert.equal(ferry.article.published, '2021-05-02T12:00:00Z')
    assert.match(ferry.article.text, /every forty minutes/)
  })

  it('should read an uncompressed .warc the same way', async () => {
    assert.deepEqual(
      summary(await collect([join(dir, 'crawl.warc')]), `${dir}/`),
      ['crawl.warc#record3 Tram line stays', 'crawl.warc#record6 Library reopens', 'crawl.warc#record7 Ferry timetable changes'],
    )
  })

  it('should end a truncated .warc.gz with E015 naming the record, after the records before it', async () => {
    const whole = readFileSync(join(dir, 'crawl.warc.gz'))
    const file = join(dir, 'cut.warc.gz')
    writeFileSync(file, whole.subarray(0, whole.length - 40))
    const items = await collect([file, join(dir, 'crawl.warc')])
    const lines = summary(items, `${dir}/`)
    assert.deepEqual(lines.slice(0, 3), ['cut.warc.gz#record3 Tram line stays', 'cut.warc.gz#record6 Library reopens', 'cut.warc.gz#record7 E015'])
    assert.equal(lines.length, 6, 'the next file is still read')
  })

  it('should end a .warc cut inside a record with E015 instead of waiting for the missing bytes', async () => {
    const whole = readFileSync(join(dir, 'crawl.warc'))
    const cutAt = whole.indexOf('Library reopens</title>')
    for (const [name, bytes] of [['cut-record.warc', whole.subarray(0, cutAt)], ['cut-skipped.warc', whole.subarray(0, whole.indexOf('PNG') + 2)]] as const) {
      writeFileSync(join(dir, name), bytes)
      const lines = summary(await collect([join(dir, name)]), `${dir}/`)
      assert.equal(lines[0], `${name}#record3 Tram line stays`)
      assert.match(lines.at(-1)!, new RegExp(`^${name.replace('.', '\\.')}#record\\d E015$`))
    }
  })

  it('should refuse a .warc that is not a WARC file, and a record over maxBytes while reading the next', async () => {
    writeFileSync(join(dir, 'fake.warc'), 'This is not an archive.\n')
    assert.deepEqual(summary(await collect([join(dir, 'fake.warc')]), `${dir}/`), ['fake.warc E015'])
    const big = { url: 'https://herald.example/long', body: page('Long read', Array.from({ length: 40 }, () => TRAM[0]!)) }
    writeFileSync(join(dir, 'big.warc.gz'), await warcFileBytes([RECORDS[1]!, big, RECORDS[5]!], true))
    const lines = summary(await collect([join(dir, 'big.warc.gz')], { maxBytes: 2000 }), `${dir}/`)
    assert.deepEqual(lines, ['big.warc.gz#record2 Tram line stays', 'big.warc.gz#record3 E004', 'big.warc.gz#record4 Ferry timetable changes'])
  })

  it('should decode a page in its declared charset', async () => {
    const html = Buffer.from(page('Caf\u00e9 owners protest', ['Caf\u00e9 owners in the old town said on Tuesday that the new terrace tax was unfair and would close businesses, a spokesman for the association told reporters.']), 'latin1')
    writeFileSync(join(dir, 'latin1.warc'), await warcFileBytes([{ body: html, contentType: 'text/html; charset=ISO-8859-1' }]))
    const [item] = await collect([join(dir, 'latin1.warc')])
    assert.ok(item?.ok)
    assert.equal(item.article.headline, 'Caf\u00e9 owners protest')
  })

  it('should read WARC and gzip from standard input', async () => {
    const items = await collect(['-'], { stdin: Readable.from([readFileSync(join(dir, 'crawl.warc.gz'))]) })
    assert.deepEqual(summary(items, ''), ['stdin#record3 Tram line stays', 'stdin#record6 Library reopens', 'stdin#record7 Ferry timetable changes'])
  })
})

describe('readInputs on gzip-compressed JSONL', () => {
  let dir: string
  const jsonl = readFileSync(ingestFixture('corpus-with-bad-line.jsonl'))
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'whosaid-gz-'))
    writeFileSync(join(dir, 'corpus.jsonl.gz'), gzipSync(jsonl))
    writeFileSync(join(dir, 'corpus.ndjson.gz'), gzipSync(jsonl))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('should stream .jsonl.gz and .ndjson.gz like .jsonl, line numbers included', async () => {
    const plain = summary(await collect([ingestFixture('corpus-with-bad-line.jsonl')]), ingestFixture('corpus-with-bad-line.jsonl'))
    for (const name of ['corpus.jsonl.gz', 'corpus.ndjson.gz']) {
      assert.deepEqual(summary(await collect([join(dir, name)]), join(dir, name)), plain)
    }
  })

  it('should end a truncated .jsonl.gz with E015 at the line where the data breaks off', async () => {
    const many = Buffer.from(Array.from({ length: 400 }, (_, i) => JSON.stringify({ title: `Story ${i + 1}`, text: `The council met for the ${i + 1}th time on Monday, officials said, and voted on the budget.` })).join('\n') + '\n')
    const gz = gzipSync(many)
    const file = join(dir, 'cut.jsonl.gz')
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)))
    const items = await collect([file])
    const last = items.at(-1)!
    assert.ok(!last.ok)
    assert.equal(last.error.code, 'E015')
    assert.equal(last.error.where, `${file}:${items.length}`)
    assert.ok(items.slice(0, -1).every((item, i) => item.ok && item.article.headline === `Story ${i + 1}`))
    assert.ok(items.length > 10 && items.length < 400)
  })

  it('should give E015 for a file named .gz that is damaged from the start', async () => {
    const file = join(dir, 'garbage.jsonl.gz')
    writeFileSync(file, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00, 0x11]))
    const [item] = await collect([file])
    assert.ok(item && !item.ok)
    assert.equal(item.error.code, 'E015')
  })

  it('should gunzip standard input', async () => {
    const items = await collect(['-'], { stdin: Readable.from([gzipSync(jsonl)]) })
    assert.deepEqual(summary(items, ''), ['stdin:1 Council keeps the tram line', 'stdin:2 E005', 'stdin:3 Library reopens', 'stdin:5 E006', 'stdin:6 Ferry timetable changes'])
  })
})
