/** Which parser an input goes to: by file extension, or by looking at the content. */
import { extname } from 'node:path'

export type InputFormat = 'text' | 'html' | 'jsonl' | 'json'

const BY_EXTENSION: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
}

/** The format a file name promises, or null for names without a known extension. */
export function formatOfPath(path: string): InputFormat | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null
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
