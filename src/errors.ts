/**
 * Every error whosaid raises on purpose carries a stable code, the input it concerns, and a remedy.
 * The CLI prints `code: message (where)`; the HTTP API maps `status` to the response code.
 */
export const ERRORS = {
  E001: { status: 400, message: 'the input is empty', remedy: 'pass a file with article text in it' },
  E002: { status: 400, message: 'the input is binary, not text', remedy: 'pass a UTF-8 text, HTML or JSONL file' },
  E003: { status: 400, message: 'the input is not valid UTF-8', remedy: 're-encode the file as UTF-8' },
  E004: { status: 413, message: 'the input is too large', remedy: 'split the file, or raise --max-bytes' },
  E005: { status: 400, message: 'a JSONL line is not valid JSON', remedy: 'fix or remove the line; the rest of the file is still read' },
  E006: { status: 400, message: 'a JSONL record has no article text', remedy: 'give each record a "text" (or "body"/"content") string field' },
  E007: { status: 400, message: 'the HTML page has no readable article body', remedy: 'pass the article page itself, or its text' },
  E008: { status: 404, message: 'no such file or folder', remedy: 'check the path' },
  E009: { status: 422, message: 'the article is not in English', remedy: 'whosaid analyses English text only; pass --language-check off to force it' },
  E010: { status: 400, message: 'invalid argument', remedy: 'see --help' },
  E011: { status: 404, message: 'not found', remedy: 'list what exists first' },
  E012: { status: 400, message: 'invalid search query', remedy: 'quote phrases with "..." and balance parentheses' },
  E013: { status: 500, message: 'the store is not usable', remedy: 'check the database path and permissions' },
  E014: { status: 400, message: 'a pipeline stage requires a layer that no earlier stage assigns', remedy: 'add the missing stage before it' },
  E015: { status: 400, message: 'the compressed file or archive is truncated or corrupt', remedy: 'download or compress the file again; the records before the damage were read' },
} as const

export type ErrorCode = keyof typeof ERRORS

export class WhosaidError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly remedy: string
  /** Which input the error concerns: a file path, `stdin`, `file.jsonl:12`, a field name. */
  readonly where: string | null

  constructor(code: ErrorCode, detail?: string, where?: string | null, options?: { cause?: unknown }) {
    const entry = ERRORS[code]
    super(detail ? `${entry.message}: ${detail}` : entry.message, options)
    this.name = 'WhosaidError'
    this.code = code
    this.status = entry.status
    this.remedy = entry.remedy
    this.where = where ?? null
  }

  /** One line for a terminal or a log: `E005 a JSONL line is not valid JSON (corpus.jsonl:3)`. */
  toLine(): string {
    return `${this.code} ${this.message}${this.where ? ` (${this.where})` : ''}`
  }

  toJSON() {
    return { code: this.code, message: this.message, where: this.where, remedy: this.remedy }
  }
}
