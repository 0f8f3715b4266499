import type { Article } from '../doc/schema.js'
import type { WhosaidError } from '../errors.js'

/** Where an article (or an error) came from: a file path or `stdin`, and the line for JSONL. */
export interface SourceRef {
  name: string
  line?: number
}

export function describeSource(source: SourceRef): string {
  return source.line === undefined ? source.name : `${source.name}:${source.line}`
}

/** What ingest yields for each article it finds: the parsed article, or why it could not be read. */
export type IngestItem =
  | { ok: true; article: Article; source: SourceRef }
  | { ok: false; error: WhosaidError; source: SourceRef }
