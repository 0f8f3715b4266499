/**
 * Speaker labels: a paragraph that opens with a name and a colon ("PENCE: Well, look, ...",
 * "Rush Limbaugh: Hillary asking moderator to fact-check Trump") reports that person's words, the
 * colon being the cue (PolNeAR annotates it so). Interview transcripts and "Name: claim" headlines
 * are written this way; the tagger, seeing a quotation run over several paragraphs, tends to
 * label the whole turn as one content with no source. A label counts as a speaker when it is a
 * person the entity recogniser found, or a capitalised label that opens at least two paragraphs
 * of the article (the turns of a transcript) — not "UPDATE:" or "WATCH:" once.
 */
import type { Document, StatementAnnotation } from '../../doc/document.js'
import { B_CONTENT, B_CUE, B_SOURCE, I_CONTENT, I_SOURCE, O } from './model.js'
import type { Units } from './units.js'

const QUOTE_MARK = /^["“”„«»'‘’`]+$/
const CAPITALISED_WORD = /^[A-Z][A-Z.'’-]*$/
const MAX_LABEL_WORDS = 4

/** Units of a paragraph's leading speaker label: `[start, colon)`, or null. */
function speakerLabel(units: Units, start: number, end: number): { start: number; colon: number } | null {
  let i = start
  if (i < end && QUOTE_MARK.test(units.words[i]!)) i++
  let colon = i
  while (colon < end && colon - i <= MAX_LABEL_WORDS && units.words[colon] !== ':') colon++
  if (colon >= end || colon === i || colon - i > MAX_LABEL_WORDS) return null
  // Something must be said after the colon.
  if (end - colon < 3) return null
  return { start: i, colon }
}

function isCapitalisedLabel(units: Units, label: { start: number; colon: number }): boolean {
  let letters = 0
  for (let u = label.start; u < label.colon; u++) {
    const word = units.words[u]!
    if (!CAPITALISED_WORD.test(word)) return false
    letters += word.replace(/[^A-Z]/g, '').length
  }
  return letters >= 2
}

function isPersonLabel(doc: Document, units: Units, label: { start: number; colon: number }): boolean {
  const m = units.mention[label.start]!
  if (m < 0 || doc.mentions[m]!.type !== 'PERSON') return false
  for (let u = label.start; u < label.colon; u++) if (units.mention[u] !== m) return false
  return true
}

/**
 * Relabels speaker-label paragraphs: label = source, colon = cue, the rest of the paragraph =
 * content. Returns, per paragraph, what the tagger had found inside a turn's content when that
 * holds a cue (an interviewee reporting someone else: "our ad said ..."), the rest O; null for
 * other paragraphs. Those are statements nested in the turn's words (a flat label sequence cannot
 * hold both).
 */
export function labelSpeakerTurns(doc: Document, units: Units, labelsByParagraph: readonly Uint8Array[]): Array<Uint8Array | null> {
  const nested: Array<Uint8Array | null> = units.paragraphs.map(() => null)
  const labels = units.paragraphs.map((p) => speakerLabel(units, p.start, p.end))
  const capitalisedCount = new Map<string, number>()
  for (const label of labels) {
    if (!label || !isCapitalisedLabel(units, label)) continue
    const key = units.words.slice(label.start, label.colon).join(' ')
    capitalisedCount.set(key, (capitalisedCount.get(key) ?? 0) + 1)
  }
  const capitalisedTurns = [...capitalisedCount.values()].reduce((a, b) => a + b, 0)
  units.paragraphs.forEach((paragraph, p) => {
    const label = labels[p]
    if (!label) return
    const transcriptTurn = isCapitalisedLabel(units, label) && capitalisedTurns >= 2
    if (!transcriptTurn && !isPersonLabel(doc, units, label)) return
    const tags = labelsByParagraph[p]!
    const at = (u: number): number => u - paragraph.start
    let end = paragraph.end
    // A closing mark that matches an opening one before the label stays outside, as the opening does.
    if (label.start > paragraph.start && QUOTE_MARK.test(units.words[end - 1]!) && end - 1 > label.colon + 1) end--
    const inside = tags.slice()
    inside.fill(O, 0, at(label.colon) + 1)
    inside.fill(O, at(end))
    if (inside.some((tag) => tag === B_CUE)) nested[p] = inside
    tags.fill(O, 0, at(label.start))
    tags[at(label.start)] = B_SOURCE
    tags.fill(I_SOURCE, at(label.start) + 1, at(label.colon))
    tags[at(label.colon)] = B_CUE
    tags[at(label.colon) + 1] = B_CONTENT
    tags.fill(I_CONTENT, at(label.colon) + 2, at(end))
    tags.fill(O, at(end), at(paragraph.end))
  })
  return nested
}

/** A statement made by a speaker-label turn ("PENCE: Well, ..."): the speaker's words verbatim, marks or not. */
export function isSpeakerTurn(text: string, statement: StatementAnnotation): boolean {
  const { speaker, cue, content } = statement
  return text.slice(cue.start, cue.end) === ':' && speaker.end === cue.start && speaker.end > speaker.start && content.start > cue.end && /^\s*$/.test(text.slice(cue.end, content.start))
}
