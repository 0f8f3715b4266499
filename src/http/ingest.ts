/**
 * POST /api/v1/ingest: put articles into the store from a client, by Content-Type:
 *
 * - `application/json` `{text | html, headline?, outlet?, url?, published?, languageCheck?}`: one
 *   pasted article, parsed like a file of that format;
 * - `text/plain`, `text/html`: one uploaded file, raw bytes (`?name=` names it in messages);
 * - `application/x-ndjson` (or `application/jsonl`): a JSONL corpus, read line by line as it
 *   arrives and answered line by line, NDJSON: `{line, status, ...}` per line, then `{done, ...}`.
 *   A client sending a big file in chunks gives each chunk's first line number as `?line=`.
 *
 * Inputs pass the same guards and parsers as the CLI's (src/ingest), so a bad input gets the same
 * error code and a message naming the file and line. `?languageCheck=false` (or `languageCheck:
 * false` in JSON) analyses an article the language check would refuse, as the CLI's
 * --no-language-check does.
 */
import type { Context, Hono } from 'hono'
import { stream } from 'hono/streaming'
import { contentHash } from '../doc/serialize.js'
import type { Analysis, Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { parseJsonLine } from '../ingest/documents.js'
import { decodeInput, DEFAULT_MAX_BYTES } from '../ingest/guard.js'
import { parseHtmlPage } from '../ingest/html.js'
import { parseTextPage } from '../ingest/text.js'
import { describeSource, type SourceRef } from '../ingest/types.js'
import type { Store } from '../store/store.js'
import { IngestBody, IngestQuery, parseField } from './params.js'

/** Largest JSON body (a pasted article with its metadata). */
export const MAX_JSON_BYTES = 5 * 1024 * 1024
/** Largest single uploaded file, as for the CLI. */
export const MAX_FILE_BYTES = DEFAULT_MAX_BYTES
/** Largest JSONL body in one request; clients send bigger corpora in chunks. */
export const MAX_JSONL_BYTES = 64 * 1024 * 1024
/** Largest JSONL line (one article record). */
export const MAX_LINE_BYTES = DEFAULT_MAX_BYTES

export interface IngestDeps {
  store: Store
  /** Analyses a parsed article; `requireEnglish: false` analyses whatever language was detected. */
  analyzeArticle: (article: Article, options?: { requireEnglish?: boolean }) => Analysis
  /** Hears about unexpected errors met while streaming (the response has started by then). */
  report?: (error: unknown) => void
}

/** What one stored (or already stored) article is reported as. */
export interface IngestedArticle {
  id: number
  inserted: boolean
  headline: string | null
  outlet: string | null
  published: string | null
  language: string
  statements: number
  entities: number
}

/** One line of a JSONL answer. */
export type LineResult =
  | ({ line: number; status: 'stored' | 'exists' } & IngestedArticle)
  | { line: number; status: 'skipped' }
  | { line: number | null; status: 'failed'; error: { code: string; message: string; where: string | null } }

export interface IngestSummary {
  done: true
  read: number
  stored: number
  skipped: number
  failed: number
  /** True when reading stopped early (the body was too large, or the store failed). */
  stopped: boolean
}

const JSONL_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'])
const TEXT_TYPES = new Set(['text/plain', 'text/markdown'])
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])

export function ingestRoutes(api: Hono, deps: IngestDeps): void {
  api.post('/ingest', async (c) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
    const query = parseField(IngestQuery, c.req.query())
    const analyze = { requireEnglish: query.languageCheck !== 'false' }
    if (type === 'application/json') return ingestJson(c, deps)
    if (TEXT_TYPES.has(type) || HTML_TYPES.has(type)) {
      const name = query.name ?? 'upload'
      const bytes = await readLimited(c, MAX_FILE_BYTES, name)
      const source = { name }
      const text = decodeInput(bytes, source, { maxBytes: MAX_FILE_BYTES })
      const article = HTML_TYPES.has(type) ? parseHtmlPage(text, source) : parseTextPage(text, source)
      return sendStored(c, await store(deps, analyzeNamed(deps, article, analyze, name), `api:${name}`))
    }
    if (JSONL_TYPES.has(type)) return ingestJsonl(c, deps, query.name ?? 'upload.jsonl', query.line ?? 1, analyze)
    if (!type) throw new WhosaidError('E010', 'send a Content-Type: application/json, text/plain, text/html or application/x-ndjson', 'Content-Type')
    throw new WhosaidError('E010', `unsupported Content-Type "${type}"; use application/json, text/plain, text/html or application/x-ndjson`, 'Content-Type')
  })
}

async function ingestJson(c: Context, deps: IngestDeps): Promise<Response> {
  const bytes = await readLimited(c, MAX_JSON_BYTES, 'body')
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    throw new WhosaidError('E010', 'the body is not valid JSON', 'body')
  }
  const body = parseField(IngestBody, json, 'body')
  const { text, html, languageCheck, ...meta } = body
  // The same parsers as a file of that format; fields sent with the text win over what was found in it.
  const source = { name: 'paste' }
  const parsed = html !== undefined ? parseHtmlPage(html, source) : parseTextPage(text!, source)
  const article: Article = {
    ...parsed,
    headline: meta.headline ?? parsed.headline,
    outlet: meta.outlet ?? parsed.outlet,
    url: meta.url ?? parsed.url,
    published: meta.published ?? parsed.published,
  }
  const analysis = analyzeNamed(deps, article, { requireEnglish: languageCheck !== false }, 'paste')
  return sendStored(c, await store(deps, analysis, 'api:paste'))
}

/** Analyses, naming the input in an error that names none (the language check's E009). */
function analyzeNamed(deps: IngestDeps, article: Article, options: { requireEnglish: boolean }, where: string): Analysis {
  try {
    return deps.analyzeArticle(article, options)
  } catch (error) {
    if (error instanceof WhosaidError && !error.where) throw new WhosaidError(error.code, detail(error), where, { cause: error })
    throw error
  }
}

async function store(deps: IngestDeps, analysis: Analysis, source: string): Promise<IngestedArticle> {
  const { id, inserted } = await deps.store.putAnalysis(analysis, source)
  return summarize(id, inserted, analysis)
}

function summarize(id: number, inserted: boolean, analysis: Analysis): IngestedArticle {
  const { article } = analysis
  return {
    id,
    inserted,
    headline: article.headline,
    outlet: article.outlet,
    published: article.published,
    language: article.language,
    statements: analysis.statements.length,
    entities: analysis.entities.length,
  }
}

function sendStored(c: Context, result: IngestedArticle): Response {
  return c.json(result, result.inserted ? 201 : 200, { 'Cache-Control': 'no-store', Location: `/api/v1/articles/${result.id}` })
}

/** The whole body, or E004 once it passes `max` bytes (whether or not Content-Length said so). */
async function readLimited(c: Context, max: number, where: string): Promise<Uint8Array> {
  const declared = Number(c.req.header('Content-Length'))
  if (Number.isFinite(declared) && declared > max) throw tooLarge(declared, max, where)
  const body = c.req.raw.body
  if (!body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(size, max, where)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return bytes
}

function tooLarge(size: number, max: number, where: string): WhosaidError {
  return new WhosaidError('E004', `more than ${max} bytes (at least ${size})`, where)
}

/**
 * The lines of a streamed body as they arrive. Bytes are cut at newlines first (a newline byte never
 * occurs inside a UTF-8 character) and each line is decoded on its own, so a line that is not UTF-8
 * or is too long is reported by number and the lines after it are still read. Past MAX_JSONL_BYTES
 * the rest of the body is refused.
 */
async function* bodyLines(
  body: ReadableStream<Uint8Array> | null,
  name: string,
  firstLine: number,
): AsyncGenerator<{ line: number; text: string } | { line: number; error: WhosaidError }> {
  if (!body) return
  const reader = body.getReader()
  let pending: Uint8Array[] = []
  let pendingSize = 0
  let oversized = false
  let line = firstLine
  let size = 0
  const where = () => describeSource({ name, line })
  const finish = function* (bytes: Uint8Array): Generator<{ line: number; text: string } | { line: number; error: WhosaidError }> {
    if (oversized) yield { line, error: new WhosaidError('E004', `the line is longer than ${MAX_LINE_BYTES} bytes`, where()) }
    else {
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
        yield { line, text: line === firstLine ? text.replace(/^\uFEFF/, '') : text }
      } catch (cause) {
        yield { line, error: new WhosaidError('E003', undefined, where(), { cause }) }
      }
    }
    line++
    oversized = false
  }
  const joined = (tail: Uint8Array): Uint8Array => {
    if (pending.length === 0) return tail
    const bytes = new Uint8Array(pendingSize + tail.length)
    let at = 0
    for (const part of [...pending, tail]) {
      bytes.set(part, at)
      at += part.length
    }
    pending = []
    pendingSize = 0
    return bytes
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > MAX_JSONL_BYTES) {
        yield { line, error: new WhosaidError('E004', `the body passed ${MAX_JSONL_BYTES} bytes; send the rest in another request with ?line=${line}`, where()) }
        return
      }
      let at = 0
      for (let newline = value.indexOf(10, at); newline >= 0; newline = value.indexOf(10, at)) {
        const bytes = joined(value.subarray(at, newline))
        yield* finish(bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.subarray(0, -1) : bytes)
        at = newline + 1
      }
      const rest = value.subarray(at)
      if (oversized) continue
      pending.push(rest.slice())
      pendingSize += rest.length
      if (pendingSize > MAX_LINE_BYTES) {
        // Drop an oversized line as it comes; it is reported once its end arrives.
        oversized = true
        pending = []
        pendingSize = 0
      }
    }
    const tail = joined(new Uint8Array(0))
    if (oversized || tail.some((byte) => byte !== 32 && byte !== 9 && byte !== 13)) yield* finish(tail)
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

function ingestJsonl(c: Context, deps: IngestDeps, name: string, firstLine: number, analyze: { requireEnglish: boolean }): Response {
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
  c.header('Cache-Control', 'no-store')
  return stream(c, async (out) => {
    let aborted = false
    out.onAbort(() => {
      aborted = true
    })
    const counts: IngestSummary = { done: true, read: 0, stored: 0, skipped: 0, failed: 0, stopped: false }
    const send = (value: LineResult | IngestSummary) => out.write(`${JSON.stringify(value)}\n`)
    const fail = (line: number | null, error: WhosaidError) => {
      counts.failed++
      return send({ line, status: 'failed', error: { code: error.code, message: error.message, where: error.where } })
    }
    for await (const item of bodyLines(c.req.raw.body, name, firstLine)) {
      if (aborted) break
      if ('error' in item) {
        counts.read++
        await fail(item.line, item.error)
        // Only a body over the size limit ends the reading; a bad line is just a bad line.
        if (item.error.code === 'E004' && !/line is longer/.test(item.error.message)) {
          counts.stopped = true
          break
        }
        continue
      }
      if (item.text.trim() === '') continue
      counts.read++
      const source: SourceRef = { name, line: item.line }
      const parsed = parseJsonLine(item.text, source)
      if (!parsed.ok) {
        await fail(item.line, parsed.error)
        continue
      }
      try {
        if (await deps.store.hasArticle(contentHash(parsed.article))) {
          counts.skipped++
          await send({ line: item.line, status: 'skipped' })
        } else {
          const result = await store(deps, deps.analyzeArticle(parsed.article, analyze), `api:${describeSource(source)}`)
          if (result.inserted) counts.stored++
          else counts.skipped++
          await send({ line: item.line, status: result.inserted ? 'stored' : 'exists', ...result })
        }
      } catch (error) {
        if (!(error instanceof WhosaidError)) deps.report?.(error)
        const known = error instanceof WhosaidError ? error : new WhosaidError('E013', 'unexpected failure while storing', describeSource(source), { cause: error })
        await fail(item.line, known.where ? known : new WhosaidError(known.code, detail(known), describeSource(source)))
        // A store failure is not the line's fault: stop rather than fail every line after it.
        if (known.code === 'E013') {
          counts.stopped = true
          break
        }
      }
      // Analysis is synchronous: let other requests in between two articles.
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (!aborted) await send(counts)
  })
}

/** A WhosaidError's message without the generic text its code adds. */
function detail(error: WhosaidError): string {
  const generic = new WhosaidError(error.code).message
  return error.message.startsWith(`${generic}: `) ? error.message.slice(generic.length + 2) : error.message
}
