/**
 * Hostile inputs that are not random: HTML nested 50,000 deep, a single line of megabytes, bytes
 * that are not UTF-8, gzip cut short. Each must end quickly with an article or a WhosaidError.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { WhosaidError } from '../errors.js'
import { buildArticle } from '../ingest/article.js'
import { parseJsonLine } from '../ingest/documents.js'
import { limitNesting } from '../ingest/html-depth.js'
import { parseHtmlPage } from '../ingest/html.js'
import { readInputs } from '../ingest/read.js'
import { parseTextPage } from '../ingest/text.js'
import type { IngestItem } from '../ingest/types.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { assertSpans, EXAMPLES, guarded, guardedAsync } from './harness.js'

/** Nested 50,000 deep these took minutes (Readability and the DOM parser grow with depth). */
const BOMB_MS = 3000
const DEPTH = 50_000
const PARAGRAPH = 'The minister said on Monday that the talks would continue, according to two officials who were present. '
const source = { name: 'bomb.html' }

const dir = mkdtempSync(join(tmpdir(), 'whosaid-bombs-'))
after(() => rmSync(dir, { recursive: true, force: true }))

async function collect(paths: string[], maxBytes?: number): Promise<IngestItem[]> {
  const items: IngestItem[] = []
  for await (const item of readInputs(paths, { maxBytes })) items.push(item)
  return items
}

function expectArticle(result: unknown, includes: string): void {
  assert.ok(!(result instanceof WhosaidError), `expected an article, got ${(result as WhosaidError).message}`)
  assert.ok((result as { text: string }).text.includes(includes))
}

describe('fuzz: HTML bombs', () => {
  const body = `<p>${PARAGRAPH.repeat(4)}</p>`
  const bombs: Array<[string, string]> = [
    ['50k nested divs', `<html><body>${'<div>'.repeat(DEPTH)}${body}${'</div>'.repeat(DEPTH)}</body></html>`],
    ['50k nested divs never closed', `<html><body>${'<div>'.repeat(DEPTH)}${body}`],
    ['50k nested spans in a paragraph', `<html><body><article><p>${'<span>'.repeat(DEPTH)}${PARAGRAPH.repeat(4)}${'</span>'.repeat(DEPTH)}</p></article></body></html>`],
    ['50k unclosed <b>', `<html><body><article><p>${'<b>x '.repeat(DEPTH)}${PARAGRAPH.repeat(4)}</p></article></body></html>`],
    ['10k nested tables', `<html><body>${'<table><tr><td>'.repeat(DEPTH / 5)}${body}</body></html>`],
    ['5k nested tables around 20k rows', `<html><body>${'<table><tr><td>'.repeat(5000)}${body}<table>${'<tr><td>x</td></tr>'.repeat(20_000)}</table></body></html>`],
  ]
  for (const [name, html] of bombs) {
    it(`${name}: parsed in time`, () => {
      const result = guarded(name, BOMB_MS, () => parseHtmlPage(html, source))
      expectArticle(result, 'talks would continue')
    })
  }

  it('a page of 100k elements side by side: refused in time (E007)', () => {
    const html = `<html><body><article><p>${PARAGRAPH}</p>${'<div>x</div>'.repeat(100_000)}</article></body></html>`
    const result = guarded('100k elements', BOMB_MS, () => parseHtmlPage(html, source))
    assert.ok(result instanceof WhosaidError && result.code === 'E007')
  })

  it('50k nested divs in the HTML body of a JSONL record: parsed in time', () => {
    const line = JSON.stringify({ title: 'Bomb', text: `${'<div>'.repeat(DEPTH)}${body}${'</div>'.repeat(DEPTH)}` })
    const item = guarded('parseJsonLine', BOMB_MS, () => parseJsonLine(line, { name: 'bomb.jsonl', line: 1 }))
    assert.ok(!(item instanceof WhosaidError) && item.ok)
    assert.match(item.article.text, /talks would continue/)
  })

  it('limitNesting leaves ordinary pages alone and ignores markup inside scripts', () => {
    const page = `<html><body>${'<div>'.repeat(40)}<p>a<p>b<ul><li>c<li>d</ul><script>${'<div>'.repeat(500)}</script>${'</div>'.repeat(40)}</body></html>`
    assert.equal(limitNesting(page), page)
    const deep = `${'<div>'.repeat(100)}text${'</div>'.repeat(100)}`
    assert.equal(limitNesting(deep, 80), `${'<div>'.repeat(80)}text${'</div>'.repeat(80)}`)
  })
})

describe('fuzz: gigantic lines, bad bytes, cut gzip', () => {
  const huge = PARAGRAPH.repeat(50_000) // 5 MB on one line

  it('a 5 MB single-line text page and JSONL line are parsed in time', () => {
    expectArticle(guarded('parseTextPage', BOMB_MS, () => parseTextPage(huge, { name: 'huge.txt' })), 'talks would continue')
    const item = guarded('parseJsonLine', BOMB_MS, () => parseJsonLine(JSON.stringify({ text: huge }), { name: 'huge.jsonl', line: 1 }))
    assert.ok(!(item instanceof WhosaidError) && item.ok)
  })

  it('a JSONL line over --max-bytes is refused while streaming, and the next line is read', async () => {
    const file = join(dir, 'huge.jsonl')
    writeFileSync(file, `${JSON.stringify({ text: huge.repeat(3) })}\n${JSON.stringify({ title: 'Next', text: PARAGRAPH })}\n`)
    const items = await guardedAsync('readInputs', BOMB_MS * 2, () => collect([file]))
    assert.ok(!(items instanceof WhosaidError))
    assert.deepEqual(items.map((item) => (item.ok ? item.article.headline : item.error.code)), ['E004', 'Next'])
  })

  it('a long single-line article (all the samples, 175 KB, no line break) is analysed in time with valid spans', () => {
    // The bodies only: a header block ("Title: ...") collapsed into the line would swallow it.
    const text = EXAMPLES.map((example) => example.slice(example.indexOf('\n\n') + 2)).join(' ').replace(/\s+/g, ' ')
    const article = { ...buildArticle({ text }), language: 'eng' }
    assert.ok(article.text.length > 150_000 && !article.text.includes('\n'))
    const result = guarded('analyzeArticle', 20_000, () => analyzeArticle(article))
    if (!(result instanceof WhosaidError)) assertSpans(result, article.text)
  })

  it('invalid UTF-8 anywhere in a file is E003, in a JSONL line E003 for that line only', async () => {
    const bad = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe, 0xed, 0xa0, 0x80])
    writeFileSync(join(dir, 'bad.txt'), Buffer.concat([Buffer.from(PARAGRAPH), bad, Buffer.from(PARAGRAPH)]))
    writeFileSync(join(dir, 'bad.jsonl'), Buffer.concat([Buffer.from('{"text": "'), bad, Buffer.from(`"}\n${JSON.stringify({ title: 'Fine', text: PARAGRAPH })}\n`)]))
    const items = await collect([join(dir, 'bad.txt'), join(dir, 'bad.jsonl')])
    assert.deepEqual(items.map((item) => (item.ok ? item.article.headline : item.error.code)), ['E003', 'E003', 'Fine'])
  })

  it('gzip cut at every tenth of its length ends with E015, never a throw', async () => {
    const gz = gzipSync(EXAMPLES.map((text, i) => JSON.stringify({ title: `Story ${i}`, text })).join('\n'))
    for (let tenth = 1; tenth < 10; tenth++) {
      const file = join(dir, `cut-${tenth}.jsonl.gz`)
      writeFileSync(file, gz.subarray(0, Math.floor((gz.length * tenth) / 10)))
      const items = await collect([file])
      const last = items.at(-1)!
      assert.ok(!last.ok && last.error.code === 'E015', `cut at ${tenth}/10: ${last.ok ? 'an article' : last.error.code}`)
    }
  })
})
