/**
 * What a search hit shows around and inside its statement, for either store: the context (the
 * sentence or sentences of the article around the statement, so a reader sees the words before and
 * after what was said) and the match spans (where the full-text query matched). Pure; the store
 * passes the article text, its sentence bounds from the stored record, and the marked content.
 */
import type { Span, Statement } from '../doc/schema.js'

export interface SentenceBounds {
  start: number
  end: number
}

/** Statements longer than this are shown with their content alone, not their whole sentences. */
const MAX_STATEMENT_SPAN = 1500
/** At most this much text before and after the statement, however long its sentences are. */
const MAX_SIDE = 300

/**
 * The sentences overlapping the statement (its content, cue and speaker when they sit close
 * together; its content alone otherwise), clamped to MAX_SIDE characters on either side.
 */
export function contextSpan(text: string, sentences: readonly SentenceBounds[], statement: Statement): Span {
  const parts = [statement.content, statement.cue, statement.speaker]
  let start = Math.min(...parts.map((p) => p.start))
  let end = Math.max(...parts.map((p) => p.end))
  if (end - start > MAX_STATEMENT_SPAN) ({ start, end } = statement.content)
  let from = start
  let to = end
  for (const sentence of sentences) {
    if (sentence.end <= start || sentence.start >= end) continue
    from = Math.min(from, sentence.start)
    to = Math.max(to, sentence.end)
  }
  if (from === start && to === end && sentences.length === 0) {
    // No sentence bounds in the record: the paragraph around the statement.
    const before = text.lastIndexOf('\n\n', start)
    const after = text.indexOf('\n\n', end)
    from = before < 0 ? 0 : before + 2
    to = after < 0 ? text.length : after
  }
  from = Math.max(0, from, start - MAX_SIDE)
  to = Math.min(text.length, to, end + MAX_SIDE)
  // Never cut a surrogate pair in two.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++
  return { start: from, end: to, text: text.slice(from, to) }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Sentence bounds from the JSON of the record's `sentences` (null, or unreadable: none). */
export function parseSentences(json: string | null): SentenceBounds[] {
  if (!json) return []
  try {
    const sentences = JSON.parse(json) as unknown
    return Array.isArray(sentences) ? (sentences as SentenceBounds[]) : []
  } catch {
    return []
  }
}

/** Private-use characters a store puts around full-text matches in the content; they never reach a caller. */
export const MATCH_OPEN = '\uE000'
export const MATCH_CLOSE = '\uE001'

/**
 * Spans (article offsets) of the terms marked in `marked`, the content with MATCH_OPEN/MATCH_CLOSE
 * around each match. When the unmarked text is not the content (it held the marker characters
 * itself, or the store changed it), there is no reliable mapping and no spans are reported.
 */
export function matchSpans(marked: string, content: string, contentStart: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = []
  let plain = ''
  let open = -1
  for (const char of marked) {
    if (char === MATCH_OPEN) open = plain.length
    else if (char === MATCH_CLOSE && open >= 0) {
      if (plain.length > open) spans.push({ start: contentStart + open, end: contentStart + plain.length })
      open = -1
    } else plain += char
  }
  return plain === content ? spans : []
}
