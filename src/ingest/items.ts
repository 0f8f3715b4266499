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
