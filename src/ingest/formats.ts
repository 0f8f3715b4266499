/** Which parser an input goes to: by file extension, or by looking at the content. */
import { extname } from 'node:path'

export type InputFormat = 'text' | 'html' | 'jsonl' | 'json'

/** What a file holds: one of the article formats, or a WARC archive of crawled pages. */
export type FileFormat = InputFormat | 'warc'

/** A file's format and whether it is gzip-compressed (`corpus.jsonl.gz`, `crawl.warc.gz`). */
export interface FileKind {
  format: FileFormat
  gzip: boolean
}

const BY_EXTENSION: Record<string, FileFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.warc': 'warc',
}

const GZIP_EXTENSIONS = new Set(['.gz', '.gzip'])

/** The format and compression a file name promises, or null for names without a known extension. */
export function fileKindOfPath(path: string): FileKind | null {
  const ext = extname(path).toLowerCase()
  if (GZIP_EXTENSIONS.has(ext)) {
    const inner = BY_EXTENSION[extname(path.slice(0, -ext.length)).toLowerCase()]
    return inner ? { format: inner, gzip: true } : null
  }
  const format = BY_EXTENSION[ext]
  return format ? { format, gzip: false } : null
}

/** The format a file name promises (compressed or not), or null for names without a known extension. */
export function formatOfPath(path: string): FileFormat | null {
  return fileKindOfPath(path)?.format ?? null
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** True when the bytes start like a WARC record (`WARC/1.0`, `WARC/1.1`). */
export function isWarc(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === 'WARC/'
}

/**
 * The format of content that came without a name (stdin, extensionless files), from its start:
 * markup → HTML; a first line that is a whole JSON object → JSONL; other JSON → JSON; else text.
 */
export function sniffFormat(start: string): InputFormat {
  const text = start.replace(/^\uFEFF/, '').trimStart()
  if (text.startsWith('<')) return 'html'
  const firstLine = text.split('\n', 1)[0].trim()
  if (firstLine.startsWith('{') && firstLine.endsWith('}')) return 'jsonl'
  if (text.startsWith('{') || text.startsWith('[')) return 'json'
  return 'text'
}
