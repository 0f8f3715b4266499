/**
 * WARC archives as written by news crawls (Common Crawl news, Heritrix, wget --warc-file), read
 * with warcio one record at a time, so memory stays bounded by one page whatever the archive size.
 *
 * Articles come from `response` records whose HTTP status is 2xx and whose body is HTML (or plain
 * text), and from `resource` / `conversion` records holding HTML or plain text (WET files are
 * `conversion` records of extracted text). Requests, metadata, revisits, redirects, images and
 * scripts are not articles and are passed over silently. Each unit is named `file.warc.gz#recordN`
 * (N counts every record of the file from 1), carries `WARC-Target-URI` as its URL and `WARC-Date`
 * as a fallback publication date.
 *
 * A record cut short (a truncated download) or a damaged gzip member ends the file with an E015
 * naming the record; everything before it has been read. warcio's own skipping would wait forever
 * on a record cut short, so every record is drained here, by its raw reader, to the end of its data.
 */
import { LimitReader, WARCParser, type WARCRecord } from 'warcio'
import { WhosaidError } from '../errors.js'
import { isWarc, type InputFormat } from './formats.js'
import { decodeInput, looksBinary } from './guard.js'
import { streamFailure } from './items.js'
import type { RawInput } from './raw.js'
import { describeSource, type SourceRef } from './types.js'

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i
const TEXT_TYPE = /^\s*text\/plain\b/i

/** Record types that can hold an article, and where their content type is written. */
const CONTENT_RECORDS = new Set(['response', 'resource', 'conversion'])

/** How far into an HTML page a `<meta charset>` is looked for (the HTML standard says 1024 bytes). */
const META_CHARSET_BYTES = 1024

export async function* readWarcRaw(chunks: AsyncIterable<Uint8Array>, source: SourceRef, maxBytes: number): AsyncGenerator<RawInput> {
  const iterator = chunks[Symbol.asyncIterator]()
  let first: IteratorResult<Uint8Array>
  try {
    // Skip empty chunks: the check needs the first bytes of the file.
    do first = await iterator.next()
    while (!first.done && first.value.length === 0)
  } catch (cause) {
    yield { kind: 'error', error: streamFailure(cause, source, { ...source, record: 1 }), source }
    return
  }
  if (first.done) {
    yield { kind: 'error', error: new WhosaidError('E001', undefined, describeSource(source)), source }
    return
  }
  if (!isWarc(first.value)) {
    const error = looksBinary(first.value)
      ? new WhosaidError('E002', 'not a WARC file', describeSource(source))
      : new WhosaidError('E015', 'not a WARC file: it does not start with "WARC/"', describeSource(source))
    yield { kind: 'error', error, source }
    return
  }
  const head = first.value
  async function* all(): AsyncGenerator<Uint8Array> {
    yield head
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }

  const parser = new WARCParser(all())
  let number = 0
  for (;;) {
    const at: SourceRef = { name: source.name, record: number + 1 }
    let record: WARCRecord | null
    try {
      record = await parser.parse()
    } catch (cause) {
      yield { kind: 'error', error: streamFailure(cause, source, at), source: at }
      return
    }
    if (record === null) return
    number++
    let unit: RawInput | null
    try {
      unit = await readRecord(record, at, maxBytes)
    } catch (cause) {
      // The archive itself is damaged (cut short, bad gzip): nothing after this point can be trusted.
      yield { kind: 'error', error: streamFailure(cause, source, at), source: at }
      return
    }
    if (unit !== null) yield unit
    if (unit?.kind === 'error' && unit.error.code === 'E015') return
  }
}

/** One record: its article unit, an error item, or null when the record holds no article. */
async function readRecord(record: WARCRecord, source: SourceRef, maxBytes: number): Promise<RawInput | null> {
  const where = describeSource(source)
  if (!record.warcHeaders.statusline.startsWith('WARC/')) {
    return { kind: 'error', error: new WhosaidError('E015', `record ${source.record} does not start with "WARC/"`, where), source }
  }
  if (!/^\s*\d+\s*$/.test(record.warcHeader('Content-Length') ?? '')) {
    return { kind: 'error', error: new WhosaidError('E015', `record ${source.record} has no valid Content-Length`, where), source }
  }
  const format = articleFormat(record)
  if (format === null || record.warcContentLength > maxBytes) {
    await drain(record, source)
    if (format === null) return null
    return { kind: 'error', error: new WhosaidError('E004', `${record.warcContentLength} bytes, the limit is ${maxBytes}`, where), source }
  }

  const parts: Uint8Array[] = []
  let size = 0
  let decodeFailure: unknown = null
  try {
    // Decoded content: chunked transfer encoding and gzip/deflate content encoding undone.
    for await (const chunk of record) {
      size += chunk.length
      if (size > maxBytes) break
      parts.push(chunk)
    }
  } catch (cause) {
    decodeFailure = cause
  }
  await drain(record, source)
  if (decodeFailure !== null) {
    return { kind: 'error', error: new WhosaidError('E007', `the record's content could not be decoded: ${(decodeFailure as Error).message}`, where, { cause: decodeFailure }), source }
  }
  if (size > maxBytes) {
    return { kind: 'error', error: new WhosaidError('E004', `the decoded page has more than ${maxBytes} bytes`, where), source }
  }
  const bytes = Buffer.concat(parts)
  let text: string
  try {
    text = decodeWithCharset(bytes, charsetOf(record, bytes, format), source, maxBytes)
  } catch (error) {
    return { kind: 'error', error: error as WhosaidError, source }
  }
  return {
    kind: 'document',
    text,
    format,
    source,
    url: record.warcTargetURI ?? null,
    date: record.warcDate ?? null,
  }
}

/** `html` or `text` for a record that can hold an article, else null. */
function articleFormat(record: WARCRecord): InputFormat | null {
  const type = record.warcType
  if (!CONTENT_RECORDS.has(type)) return null
  let contentType: string | null | undefined
  if (type === 'response') {
    const http = record.httpHeaders
    if (!http) return null
    const status = Number(http.statusCode)
    if (!(status >= 200 && status < 300)) return null
    contentType = http.headers.get('content-type')
  } else {
    contentType = record.warcContentType
  }
  if (!contentType) return null
  if (HTML_TYPE.test(contentType)) return 'html'
  if (TEXT_TYPE.test(contentType)) return 'text'
  return null
}

/**
 * Reads what is left of the record's data through its raw reader (never warcio's skipFully, which
 * loops forever when the data ends early), then checks that all of it was there.
 */
async function drain(record: WARCRecord, source: SourceRef): Promise<void> {
  const reader = record._reader
  for await (const chunk of reader) void chunk
  record.consumed = 'skipped'
  if (reader instanceof LimitReader && reader.limit > 0) {
    throw new WhosaidError('E015', `record ${source.record} is cut short: ${reader.limit} of its bytes are missing`, describeSource(source))
  }
}

/** The declared charset: the HTTP (or record) Content-Type, else a `<meta charset>` near the top of a page. */
function charsetOf(record: WARCRecord, bytes: Uint8Array, format: InputFormat): string | null {
  const contentType = (record.warcType === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType) ?? ''
  const declared = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]
  if (declared) return declared
  if (format !== 'html') return null
  const top = Buffer.from(bytes.subarray(0, META_CHARSET_BYTES)).toString('latin1')
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(top)?.[1] ?? null
}

function isUtf8Label(label: string): boolean {
  return /^(?:utf-?8|unicode-1-1-utf-8|us-ascii|ascii)$/i.test(label)
}

/** UTF-8 through the usual byte guards; other declared charsets through TextDecoder. */
function decodeWithCharset(bytes: Uint8Array, charset: string | null, source: SourceRef, maxBytes: number): string {
  if (charset === null || isUtf8Label(charset)) return decodeInput(bytes, source, { maxBytes })
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(charset, { fatal: true })
  } catch {
    // An unknown label: most such pages are UTF-8 anyway.
    return decodeInput(bytes, source, { maxBytes })
  }
  const where = describeSource(source)
  if (bytes.length === 0) throw new WhosaidError('E001', undefined, where)
  if (decoder.encoding !== 'utf-16le' && decoder.encoding !== 'utf-16be' && looksBinary(bytes)) throw new WhosaidError('E002', undefined, where)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch (cause) {
    throw new WhosaidError('E003', `nor valid in its declared charset ${charset}`, where, { cause })
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new WhosaidError('E001', 'only white space', where)
  return text
}
