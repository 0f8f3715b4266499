import type { Article } from '../doc/schema.js'
import type { WhosaidError } from '../errors.js'

/**
 * Where an article (or an error) came from: a file path or `stdin`, and the line for JSONL or the
 * record number (from 1, counting every record of the file) for WARC archives.
 */
export interface SourceRef {
  name: string
  line?: number
  record?: number
}

/** `file.txt`, `corpus.jsonl:12`, `crawl.warc.gz#record7`. */
export function describeSource(source: SourceRef): string {
  if (source.record !== undefined) return `${source.name}#record${source.record}`
  return source.line === undefined ? source.name : `${source.name}:${source.line}`
}

/** What ingest yields for each article it finds: the parsed article, or why it could not be read. */
export type IngestItem =
  | { ok: true; article: Article; source: SourceRef }
  | { ok: false; error: WhosaidError; source: SourceRef }
