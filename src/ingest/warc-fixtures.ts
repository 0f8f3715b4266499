/**
 * WARC records written with warcio, for tests and benchmarks: fixtures are built in code rather than
 * committed as binary files.
 */
import { WARCRecord, WARCSerializer, type WARCType } from 'warcio'

export interface FixtureRecord {
  type?: WARCType
  url?: string
  date?: string
  /** The body: HTML, text, or bytes. */
  body: string | Uint8Array
  /** HTTP Content-Type for `response` records, the record's Content-Type otherwise. */
  contentType?: string
  /** HTTP status line for `response` records. */
  status?: string
}

/** One serialised record (a gzip member when `gzip` is set, as in `.warc.gz` files). */
export async function warcRecordBytes(record: FixtureRecord, gzip = false): Promise<Uint8Array> {
  const type = record.type ?? 'response'
  const body = typeof record.body === 'string' ? new TextEncoder().encode(record.body) : record.body
  const contentType = record.contentType ?? 'text/html; charset=utf-8'
  const warc = WARCRecord.create(
    {
      url: record.url ?? 'https://news.example/article',
      date: record.date ?? '2019-05-14T09:30:00Z',
      type,
      warcVersion: 'WARC/1.1',
      statusline: type === 'response' ? (record.status ?? 'HTTP/1.1 200 OK') : undefined,
      httpHeaders: type === 'response' ? { 'Content-Type': contentType } : undefined,
      warcHeaders: type === 'response' ? undefined : { 'Content-Type': contentType },
    },
    [body],
  )
  return WARCSerializer.serialize(warc, { gzip })
}

/** A whole archive: a warcinfo record, then the given records. */
export async function warcFileBytes(records: readonly FixtureRecord[], gzip = false): Promise<Buffer> {
  const info = WARCRecord.createWARCInfo({ filename: gzip ? 'fixture.warc.gz' : 'fixture.warc', warcVersion: 'WARC/1.1' }, { software: 'whosaid tests' })
  const parts = [await WARCSerializer.serialize(info, { gzip })]
  for (const record of records) parts.push(await warcRecordBytes(record, gzip))
  return Buffer.concat(parts)
}
