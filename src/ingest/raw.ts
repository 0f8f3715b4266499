/**
 * Reading and parsing, apart: the readers turn files into `RawUnit`s (decoded text, one JSONL line,
 * one page out of a WARC archive) and `parseRawUnit` turns a unit into articles. The split lets the
 * parallel ingest read on one thread and parse on others: a unit is plain data (strings and
 * numbers), so it crosses to a worker thread as is.
 */
import type { Article } from '../doc/schema.js'
import type { WhosaidError } from '../errors.js'
import { cleanField } from './article.js'
import { toIsoDate } from './dates.js'
import { parseDocument, parseJsonLine } from './documents.js'
import type { InputFormat } from './formats.js'
import type { IngestItem, SourceRef } from './types.js'

export type RawUnit =
  /** A whole decoded input (a file, standard input, a WARC record's page) in one format. */
  | {
      kind: 'document'
      text: string
      format: InputFormat
      source: SourceRef
      /** Set for WARC records: the crawled URL, which wins over the page's own. */
      url?: string | null
      /** Set for WARC records: the crawl date, used when the page carries no publication date. */
      date?: string | null
    }
  /** One line of a JSONL stream, already checked to be UTF-8. */
  | { kind: 'jsonl-line'; text: string; source: SourceRef }

/** What a reader yields: a unit to parse, or the error that made an input unreadable. */
export type RawInput = RawUnit | { kind: 'error'; error: WhosaidError; source: SourceRef }

/** The articles (or error items) in one unit: one for most, several for a `.json` array. */
export function parseRawUnit(unit: RawUnit): IngestItem[] {
  if (unit.kind === 'jsonl-line') return [parseJsonLine(unit.text, unit.source)]
  const items = [...parseDocument(unit.text, unit.format, unit.source)]
  if (unit.url === undefined && unit.date === undefined) return items
  return items.map((item) => (item.ok ? { ...item, article: withCrawlFields(item.article, unit.url, unit.date) } : item))
}

/** The crawl's URL replaces the page's; the crawl date stands in for a missing publication date. */
function withCrawlFields(article: Article, url: string | null | undefined, date: string | null | undefined): Article {
  const crawled = cleanField(url)
  return {
    ...article,
    url: crawled ?? article.url,
    published: article.published ?? (date ? toIsoDate(cleanField(date)) : null),
  }
}
