/**
 * Fuzzing the ingest parsers: text pages, HTML pages, JSON records and JSONL lines, WARC archives
 * and gzip streams never throw anything but a WhosaidError, never hang, and every article they
 * return satisfies the record schema.
 */
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it, before } from 'node:test'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { ArticleSchema, type Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { parseJsonLine } from '../ingest/documents.js'
import { decodeInput } from '../ingest/guard.js'
import { parseHtmlPage } from '../ingest/html.js'
import { readInputs } from '../ingest/read.js'
import { parseTextPage } from '../ingest/text.js'
import type { IngestItem } from '../ingest/types.js'
import { warcFileBytes } from '../ingest/warc-fixtures.js'
import { bounded, fuzz, EXAMPLES, guarded, guardedAsync, mutatedArticle, unicodeText } from './harness.js'

/** Per case: generous for a loaded CI machine, far below what a hang or a quadratic blow-up takes. */
const CASE_MS = 5000
const source = { name: 'fuzz' }

function checkArticle(result: Article | WhosaidError): void {
  if (result instanceof WhosaidError) return
  const parsed = ArticleSchema.safeParse(result)
  assert.ok(parsed.success, `invalid article: ${parsed.success ? '' : parsed.error.message}`)
}

async function collect(stdin: Buffer): Promise<IngestItem[]> {
  const items: IngestItem[] = []
  for await (const item of readInputs(['-'], { stdin: Readable.from([stdin]) })) items.push(item)
  return items
}

/** Tags, attributes and broken markup around real paragraphs. */
const htmlPage: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('p', 'div', 'span', 'article', 'section', 'b', 'i', 'a', 'li', 'ul', 'table', 'td', 'script', 'style', 'figure', 'figcaption', 'h1', 'br', 'svg', 'template', 'noscript', 'iframe'), mutatedArticle(6, 2), fc.boolean(), fc.constantFrom('', ' class="story"', ' id=x', ' onclick="alert(1)"', ' data-x="<p>"', ' style="display:none"', ' <<')), { maxLength: 12 }),
    fc.constantFrom('', '<meta property="og:title" content="A headline">', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"X","datePublished":"2019-05-14"}</script>', '<script type="application/ld+json">{broken</script>', '<title>Headline - Site</title>'),
    fc.boolean(),
  )
  .map(([parts, head, close]) => {
    const body = parts.map(([tag, text, closed, attr]) => `<${tag}${attr}>${text.replace(/\n\n/g, '</p><p>')}${closed ? `</${tag}>` : ''}`).join('\n')
    return `<!DOCTYPE html><html><head>${head}</head><body>${body}${close ? '</body></html>' : ''}`
  })

describe('fuzz: parsers', () => {
  it('parseTextPage: only WhosaidErrors, valid articles, in time (random text, mutated articles)', async (t) => {
    await fuzz(
      t,
      fc.property(fc.oneof(unicodeText, mutatedArticle(30, 100)), (text) => {
        checkArticle(guarded('parseTextPage', CASE_MS, () => parseTextPage(text, source)))
      }),
      bounded(300, 3000),
    )
  })

  it('parseHtmlPage: only WhosaidErrors, valid articles, in time (random markup, random text)', async (t) => {
    await fuzz(
      t,
      fc.property(fc.oneof(htmlPage, unicodeText.map((text) => `<html><body><p>${text}</p></body></html>`), unicodeText), (html) => {
        checkArticle(guarded('parseHtmlPage', CASE_MS, () => parseHtmlPage(html, source)))
      }),
      bounded(150, 3000),
    )
  })

  it('JSONL lines: an item (article or WhosaidError) for any line, in time', async (t) => {
    const record = fc.record(
      { text: fc.oneof(mutatedArticle(10, 3), unicodeText, htmlPage, fc.jsonValue()), title: fc.oneof(fc.string(), fc.jsonValue()), date: fc.oneof(fc.string(), fc.integer(), fc.double()), authors: fc.jsonValue(), url: fc.jsonValue() },
      { requiredKeys: [] },
    )
    const line = fc.oneof(record.map((value) => JSON.stringify(value)), fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'), unicodeText)
    await fuzz(
      t,
      fc.property(line, (text) => {
        const item = guarded('parseJsonLine', CASE_MS, () => parseJsonLine(text, { name: 'fuzz.jsonl', line: 1 }))
        assert.ok(!(item instanceof WhosaidError), 'parseJsonLine returns error items, it does not throw')
        if (item.ok) checkArticle(item.article)
        else assert.ok(item.error instanceof WhosaidError)
      }),
      bounded(300, 3000),
    )
  })

  it('decodeInput: only WhosaidErrors on arbitrary bytes (invalid UTF-8, UTF-16, NULs)', async (t) => {
    await fuzz(
      t,
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        guarded('decodeInput', CASE_MS, () => decodeInput(bytes, source))
      }),
      bounded(500, 1500),
    )
  })
})

describe('fuzz: archives and compressed streams', () => {
  let warc: Buffer
  let warcGz: Buffer
  let jsonlGz: Buffer
  before(async () => {
    const pages = EXAMPLES.slice(0, 6).map((text, i) => ({
      url: `https://news.example/${i}`,
      body: `<html><head><title>Story ${i}</title></head><body><article>${text.split('\n\n').slice(2, 8).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    }))
    warc = await warcFileBytes(pages, false)
    warcGz = await warcFileBytes(pages, true)
    jsonlGz = gzipSync(EXAMPLES.slice(0, 8).map((text, i) => JSON.stringify({ title: `Story ${i}`, text })).join('\n') + '\n')
  })

  /** Truncation at any point, and a few bytes overwritten anywhere. */
  const damage = (length: () => number) =>
    fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.boolean()).map(([cut, flips, truncate]) => ({ cut: cut % (length() + 1), flips, truncate }))

  function damaged(bytes: Buffer, { cut, flips, truncate }: { cut: number; flips: Array<[number, number]>; truncate: boolean }): Buffer {
    const copy = Buffer.from(truncate ? bytes.subarray(0, cut) : bytes)
    for (const [at, value] of flips) if (copy.length > 0) copy[at % copy.length] = value
    return copy
  }

  for (const [name, bytes] of [['WARC', () => warc], ['WARC.gz', () => warcGz], ['JSONL.gz', () => jsonlGz]] as const) {
    it(`${name} damaged anywhere: error items, never a throw or a hang`, async (t) => {
      await fuzz(
        t,
        fc.asyncProperty(damage(() => bytes().length), async (how) => {
          const input = damaged(bytes(), how)
          const items = await guardedAsync(`readInputs(${name})`, CASE_MS, () => collect(input))
          assert.ok(Array.isArray(items), 'readInputs yields error items, it does not throw')
          for (const item of items) {
            if (item.ok) checkArticle(item.article)
            else assert.ok(item.error instanceof WhosaidError)
          }
          // Cut short, a one-member gzip stream ends with an error naming where: never silently.
          if (how.truncate && how.cut < bytes().length && how.flips.length === 0 && name === 'JSONL.gz') {
            const last = items.at(-1)
            assert.ok(last && !last.ok, `a ${name} cut at ${how.cut} of ${bytes().length} ends with an error`)
          }
        }),
        bounded(120, 3000),
      )
    })
  }
})
