/**
 * Where the outlet speaks in its own voice: everywhere except inside statements, quotations and the
 * turns of an interview ("Peres: The future is only peace.").
 */
import type { Document, Offsets } from '../../doc/document.js'

/** A paragraph that opens with a speaker label: one to four capitalised words and a colon. */
const TURN_LABEL = /^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}:[ \t]/u
/** Labels that head a paragraph without being a speaker. */
const NOT_SPEAKERS = new Set(['update', 'note', 'editor’s note', "editor's note", 'correction', 'source', 'sources', 'related', 'see also', 'photo', 'video'])
/** One label is a heading; an interview has at least this many turns. */
const MIN_TURNS = 2

/**
 * Offset where the interview turns begin, or -1 when the text is not laid out as an interview.
 * From the first turn on, unlabelled paragraphs continue the last speaker's answer, so the whole
 * rest of the text is the speakers' and not the outlet's.
 */
export function interviewStart(text: string): number {
  let first = -1
  let turns = 0
  const consider = (offset: number): void => {
    const match = TURN_LABEL.exec(text.slice(offset, offset + 80))
    if (!match || NOT_SPEAKERS.has(match[0].replace(/:\s*$/, '').toLowerCase())) return
    turns++
    if (first < 0) first = offset
  }
  consider(0)
  for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n', at + 2)) consider(at + 2)
  return turns >= MIN_TURNS ? first : -1
}

/**
 * Spans that are not in the outlet's voice: the speaker, cue and content of every statement, every
 * quotation, the interview turns. The parts are taken one by one, not as one span from speaker to
 * content: a continued quotation repeats a cue paragraphs away, and the narration between is the outlet's.
 */
export function attributedSpans(doc: Document): Offsets[] {
  const spans: Offsets[] = doc.statements.flatMap((statement) => [statement.speaker, statement.cue, statement.content])
  for (const quote of doc.quotes) spans.push({ start: quote.start, end: quote.end })
  const turns = interviewStart(doc.text)
  if (turns >= 0) spans.push({ start: turns, end: doc.text.length })
  return spans
}
