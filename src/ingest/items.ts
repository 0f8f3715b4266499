/**
 * Making `IngestItem`s: every failure becomes an error item naming its input, so that one bad
 * article is reported and skipped instead of ending the run.
 */
import type { Article } from '../doc/schema.js'
import { WhosaidError, type ErrorCode } from '../errors.js'
import type { InputFormat } from './formats.js'
import { describeSource, type IngestItem, type SourceRef } from './types.js'

/** What an unexpected failure inside a parser is reported as, so the run can go on. */
const FALLBACK_CODE: Record<InputFormat, ErrorCode> = { text: 'E001', html: 'E007', json: 'E006', jsonl: 'E006' }

export function failure(error: WhosaidError, source: SourceRef): IngestItem {
  return { ok: false, error, source }
}

export function asWhosaidError(error: unknown, fallback: ErrorCode, source: SourceRef): WhosaidError {
  if (error instanceof WhosaidError) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new WhosaidError(fallback, `unexpected failure: ${detail}`, describeSource(source), { cause: error })
}

/** Runs one parser; its result or its error as an item. */
export function attempt(source: SourceRef, format: InputFormat, parse: () => Article): IngestItem {
  try {
    return { ok: true, article: parse(), source }
  } catch (error) {
    return failure(asWhosaidError(error, FALLBACK_CODE[format], source), source)
  }
}

/** zlib's codes for a damaged or cut-off compressed stream. */
const ZLIB_DAMAGE = new Set(['Z_BUF_ERROR', 'Z_DATA_ERROR', 'Z_STREAM_ERROR', 'Z_NEED_DICT'])

/**
 * The error for a stream that failed while being read: E015 (truncated or corrupt) for damaged
 * compressed data or archives, located at `at`; E008 for a file that could not be read at all.
 */
export function streamFailure(cause: unknown, source: SourceRef, at: SourceRef = source): WhosaidError {
  if (cause instanceof WhosaidError) return cause
  const code = String((cause as { code?: unknown } | null)?.code ?? '')
  const detail = cause instanceof Error ? cause.message : String(cause)
  if (ZLIB_DAMAGE.has(code)) return new WhosaidError('E015', `gzip: ${detail}`, describeSource(at), { cause })
  return new WhosaidError('E008', detail, describeSource(source), { cause })
}
