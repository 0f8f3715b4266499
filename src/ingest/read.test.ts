import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { ingestFixture } from './fixtures.js'
import { readInputs, type ReadOptions } from './read.js'
import type { IngestItem } from './types.js'

async function collect(paths: string[], options?: ReadOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = []
  for await (const item of readInputs(paths, options)) items.push(item)
  return items
}

/** One line per item, `where: headline` or `where: CODE`, for exact comparisons. */
function summary(items: IngestItem[], base = ''): string[] {
  return items.map((item) => {
    const where = (item.ok ? `${item.source.name}${item.source.line ? `:${item.source.line}` : ''}` : (item.error.where ?? '?')).replace(base, '')
    return `${where} ${item.ok ? item.article.headline : item.error.code}`
  })
}

describe('readInputs on JSONL', () => {
  it('should report a bad line with its line number and read the lines around it', async () => {
    const file = ingestFixture('corpus-with-bad-line.jsonl')
    const items = await collect([file])
    assert.deepEqual(summary(items, file), [
      ':1 Council keeps the tram line',
      ':2 E005',
      ':3 Library reopens',
      ':5 E006',
      ':6 Ferry timetable changes',
    ])
    const bad = items[1]
    assert.ok(!bad.ok)
    assert.equal(bad.error.where, `${file}:2`)
    assert.deepEqual(bad.source, { name: file, line: 2 })
  })
})

describe('readInputs on bad files', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'whosaid-ingest-'))
    writeFileSync(join(dir, 'empty.txt'), '')
    writeFileSync(join(dir, 'blank.txt'), ' \n\n\t \n')
    writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 owners said the tax was unfair.', 'latin1'))
    writeFileSync(join(dir, 'big.txt'), 'The council voted to keep the tram line. '.repeat(10))
    writeFileSync(join(dir, 'long-line.jsonl'), `{"text": "${'word '.repeat(100)}"}\n{"title": "Short", "text": "The council voted to keep the tram line."}\n`)
    writeFileSync(join(dir, 'bad-utf8.jsonl'), Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"title": "Fine", "text": "The council voted to keep the tram line."}\n')]))
    writeFileSync(join(dir, 'broken.json'), '{"title": "Unfinished", ')
    writeFileSync(join(dir, 'records.json'), JSON.stringify([{ title: 'First', text: 'The council voted to keep the tram line.' }, { title: 'No text' }]))
    writeFileSync(join(dir, 'no-extension'), '{"title": "Sniffed", "text": "The council voted to keep the tram line."}\n')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('should give E001 for empty and blank files, E002 for binary, E003 for invalid UTF-8', async () => {
    const names = ['empty.txt', 'blank.txt', 'image.txt', 'latin1.txt']
    const items = await collect(names.map((name) => join(dir, name)))
    assert.deepEqual(summary(items, `${dir}/`), ['empty.txt E001', 'blank.txt E001', 'image.txt E002', 'latin1.txt E003'])
  })

  it('should give E004 for a file over maxBytes and read it under a higher limit', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'big.txt')], { maxBytes: 100 }), `${dir}/`), ['big.txt E004'])
    const [item] = await collect([join(dir, 'big.txt')], { maxBytes: 1000 })
    assert.ok(item.ok)
  })

  it('should give E004 for one JSONL line over maxBytes and read the next line', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'long-line.jsonl')], { maxBytes: 200 }), `${dir}/`), ['long-line.jsonl:1 E004', 'long-line.jsonl:2 Short'])
  })

  it('should give E003 for one JSONL line that is not UTF-8 and read the next line', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'bad-utf8.jsonl')]), `${dir}/`), ['bad-utf8.jsonl:1 E003', 'bad-utf8.jsonl:2 Fine'])
  })

  it('should give E005 for a .json file that is not valid JSON', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'broken.json')]), `${dir}/`), ['broken.json E005'])
  })

  it('should read a .json array as records numbered from 1', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'records.json')]), `${dir}/`), ['records.json:1 First', 'records.json:2 E006'])
  })

  it('should sniff the format of a file named without an extension', async () => {
    assert.deepEqual(summary(await collect([join(dir, 'no-extension')]), `${dir}/`), ['no-extension:1 Sniffed'])
  })

  it('should give E008 for a missing path and go on with the next one', async () => {
    const missing = join(dir, 'no-such-file.txt')
    const items = await collect([missing, ingestFixture('folder', 'alpha.txt')])
    assert.equal(items.length, 2)
    assert.ok(!items[0].ok)
    assert.equal(items[0].error.code, 'E008')
    assert.equal(items[0].error.where, missing)
    assert.ok(items[1].ok)
  })
})

describe('readInputs on a folder', () => {
  it('should read article files recursively in sorted order, skipping hidden files, READMEs, licenses and other extensions', async () => {
    const folder = ingestFixture('folder')
    assert.deepEqual(summary(await collect([folder]), `${folder}/`), [
      'alpha.txt Council keeps the tram line',
      'beta.html Reservoirs at twenty-year low',
      'nested/gamma.jsonl:1 Library reopens',
      'nested/gamma.jsonl:2 Ferry timetable changes',
    ])
  })
})

describe('readInputs on standard input', () => {
  const stdin = (text: string | Buffer) => Readable.from([text])

  it('should read plain text from "-"', async () => {
    const items = await collect(['-'], { stdin: stdin('Council keeps the tram line\n\nThe council voted on Monday to keep the tram line, officials said.\n') })
    assert.deepEqual(summary(items), ['stdin Council keeps the tram line'])
  })

  it('should sniff JSONL and number its lines, even when it arrives in small chunks', async () => {
    const jsonl = '{"title": "One", "text": "The council voted to keep the tram line."}\nnot json\n{"title": "Three", "text": "Ferries will run every forty minutes."}\n'
    const chunks = Readable.from(Array.from({ length: Math.ceil(jsonl.length / 7) }, (_, i) => Buffer.from(jsonl.slice(i * 7, i * 7 + 7))))
    assert.deepEqual(summary(await collect(['-'], { stdin: chunks })), ['stdin:1 One', 'stdin:2 E005', 'stdin:3 Three'])
  })

  it('should sniff HTML', async () => {
    const html = '<html><head><meta property="og:title" content="Library reopens"></head><body><article><p>The town library reopened on Saturday after a two-year restoration, the mayor\'s office said in a statement on Friday evening.</p></article></body></html>'
    assert.deepEqual(summary(await collect(['-'], { stdin: stdin(html) })), ['stdin Library reopens'])
  })

  it('should give E001 for empty standard input and E004 when it is over maxBytes', async () => {
    assert.deepEqual(summary(await collect(['-'], { stdin: stdin('') })), ['stdin E001'])
    assert.deepEqual(summary(await collect(['-'], { stdin: stdin('x'.repeat(50)), maxBytes: 10 })), ['stdin E004'])
  })
})
