/**
 * From tagged spans to statements. Each cue becomes a statement; each source and content span is
 * linked to a cue — the nearest one in its sentence, else in its paragraph. A content span with no
 * cue in its paragraph continues the last statement of the paragraph before (a quotation running
 * over several paragraphs, or "He added:" closing a paragraph); failing that it is kept with an
 * empty cue and speaker. A cue with no source of its own takes the source of the previous cue in
 * its sentence ("X said ... and added ..."), else keeps an empty speaker (PolNeAR's attributions
 * without a source: "is expected to"). Speakers are resolved with the rule stage's resolver.
 */
import type { Document, SpeakerRef, StatementAnnotation } from '../../doc/document.js'
import { TokenKind } from '../../doc/tokens.js'
import { TokenView } from '../attribute/context.js'
import { resolveSpeaker } from '../attribute/speaker.js'
import type { SpanLabel } from './model.js'
import type { Units } from './units.js'

export interface TaggedSpan {
  label: SpanLabel
  /** Unit range `[start, end)`. */
  start: number
  end: number
}

interface Linked {
  cue: TaggedSpan | null
  /** The cue of an earlier statement this one continues (no cue of its own in the paragraph). */
  continues: Linked | null
  sources: TaggedSpan[]
  contents: TaggedSpan[]
  inheritedSource: Linked | null
  paragraph: number
}

/** Sentence and paragraph index of every unit. */
function indexes(units: Units): { sentence: Int32Array; paragraph: Int32Array } {
  const sentence = new Int32Array(units.count)
  const paragraph = new Int32Array(units.count)
  units.sentences.forEach((s, i) => sentence.fill(i, s.start, s.end))
  units.paragraphs.forEach((p, i) => paragraph.fill(i, p.start, p.end))
  return { sentence, paragraph }
}

const gap = (a: TaggedSpan, b: TaggedSpan): number => (a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0)

export function linkSpans(units: Units, spans: readonly TaggedSpan[]): Linked[] {
  const { sentence, paragraph } = indexes(units)
  const cues = spans.filter((s) => s.label === 'cue')
  const statements: Linked[] = cues.map((cue) => ({ cue, continues: null, sources: [], contents: [], inheritedSource: null, paragraph: paragraph[cue.start]! }))
  const nearestCue = (span: TaggedSpan): Linked | null => {
    let best: Linked | null = null
    let bestKey = Infinity
    for (const statement of statements) {
      const cue = statement.cue!
      if (paragraph[cue.start] !== paragraph[span.start]) continue
      const sameSentence = sentence[cue.start] === sentence[span.start] || sentence[cue.start] === sentence[span.end - 1]
      const key = (sameSentence ? 0 : 10_000) + gap(cue, span)
      if (key < bestKey) {
        bestKey = key
        best = statement
      }
    }
    return best
  }
  for (const span of spans) {
    if (span.label === 'source') nearestCue(span)?.sources.push(span)
  }
  const byParagraph = new Map<number, Linked[]>()
  for (const statement of statements) {
    const list = byParagraph.get(statement.paragraph) ?? []
    list.push(statement)
    byParagraph.set(statement.paragraph, list)
  }
  const orphans: Linked[] = []
  for (const span of spans) {
    if (span.label !== 'content') continue
    const target = nearestCue(span)
    if (target) {
      target.contents.push(span)
      continue
    }
    // No cue in the paragraph: continue the last statement of the previous paragraph, if any.
    const p = paragraph[span.start]!
    const previous = byParagraph.get(p - 1)?.at(-1) ?? orphans.find((o) => o.paragraph === p - 1) ?? null
    const orphan: Linked = { cue: null, continues: previous, sources: [], contents: [span], inheritedSource: null, paragraph: p }
    orphans.push(orphan)
    const list = byParagraph.get(p) ?? []
    list.push(orphan)
    byParagraph.set(p, list)
  }
  // A cue with no source takes the source of the previous cue in its sentence.
  let previous: Linked | null = null
  for (const statement of statements) {
    if (statement.sources.length === 0 && previous && previous.sources.length > 0 && sentence[previous.cue!.start] === sentence[statement.cue!.start]) {
      statement.inheritedSource = previous
    }
    previous = statement
  }
  return [...statements, ...orphans]
}

/** Statements in text order with resolved speakers. */
export function buildStatements(doc: Document, units: Units, spans: readonly TaggedSpan[]): StatementAnnotation[] {
  const view = new TokenView(doc)
  const linked = linkSpans(units, spans)
  const charSpan = (s: TaggedSpan): { start: number; end: number } => ({ start: units.start[s.start]!, end: units.end[s.end - 1]! })
  interface Pending {
    at: number
    kind: StatementAnnotation['kind']
    source: TaggedSpan | null
    cue: { start: number; end: number }
    content: { start: number; end: number }
    from: Linked
  }
  const pending: Pending[] = []
  const cueOf = (l: Linked): { start: number; end: number } | null => (l.cue ? charSpan(l.cue) : l.continues ? cueOf(l.continues) : null)
  const sourceOf = (l: Linked): TaggedSpan | null =>
    l.sources[0] ?? (l.inheritedSource ? sourceOf(l.inheritedSource) : l.continues ? sourceOf(l.continues) : null)
  for (const l of linked) {
    const cue = cueOf(l)
    const sources = l.sources.length > 0 ? l.sources : [sourceOf(l)]
    const contents = l.contents.length > 0 ? l.contents : [null]
    const anchor = cue ?? charSpan(l.contents[0]!)
    // Every source and content span appears in a statement; extra sources pair with the first content.
    const n = Math.max(sources.length, contents.length)
    for (let i = 0; i < n; i++) {
      const source = sources[Math.min(i, sources.length - 1)] ?? null
      const contentSpan = contents[Math.min(i, contents.length - 1)] ?? null
      const content = contentSpan ? charSpan(contentSpan) : { start: anchor.end, end: anchor.end }
      const cueSpan = cue ?? { start: content.start, end: content.start }
      pending.push({ at: Math.min(cueSpan.start, content.start), kind: kindOf(doc.text, content), source, cue: cueSpan, content, from: l })
    }
  }
  pending.sort((a, b) => a.at - b.at || a.cue.start - b.cue.start || a.content.start - b.content.start)

  const recentSpeakers: number[] = []
  const resolved = new Map<TaggedSpan, SpeakerRef>()
  return pending.map((p) => {
    let speaker: SpeakerRef
    if (!p.source) {
      speaker = { start: p.cue.start, end: p.cue.start, entity: -1, anonymous: false }
    } else {
      speaker = resolved.get(p.source) ?? resolveSource(doc, view, units, p.source, recentSpeakers)
      resolved.set(p.source, speaker)
    }
    if (speaker.end > speaker.start) recentSpeakers.push(speaker.entity)
    return { kind: p.kind, speaker, cue: p.cue, content: p.content }
  })
}

/** Direct when the content is one quotation (marks included), mixed when it holds one, else indirect. */
export function kindOf(text: string, content: { start: number; end: number }): StatementAnnotation['kind'] {
  const slice = text.slice(content.start, content.end).trim()
  if (slice.length === 0) return 'indirect'
  const marks = slice.match(/["“”„«»]/g)?.length ?? 0
  if (marks === 0) return 'indirect'
  const opens = /^["“„«]/.test(slice)
  const closes = /["”»][.,!?;:]?$/.test(slice) || /[.,!?]["”»]$/.test(slice)
  if (opens && (closes || marks === 1) && marks <= 2) return 'direct'
  if (opens && marks % 2 === 0 && /["”»]$/.test(slice.replace(/[.,!?;:]+$/, ''))) return 'direct'
  return 'mixed'
}

const HEAD_STOP = new Set(['of', 'for', 'at', 'from', 'in', 'on', 'with', 'who', 'which', 'that', 'whose', 'to', 'and', 'or', 'including'])
const PERSON_TYPES = ['PERSON', 'ORG', 'GPE', 'NORP', 'LOC']

/**
 * The speaker of a source span: a named mention inside it (a person first), else a pronoun or a
 * description resolved by `resolveSpeaker` on the phrase's head ("the Republican attorney general
 * of Oklahoma" → "the Republican attorney general"). The span itself is what the text says.
 */
function resolveSource(doc: Document, view: TokenView, units: Units, source: TaggedSpan, recentSpeakers: readonly number[]): SpeakerRef {
  const start = units.start[source.start]!
  const end = units.end[source.end - 1]!
  let best = -1
  for (let u = source.start; u < source.end; u++) {
    const m = units.mention[u]!
    if (m < 0) continue
    const rank = PERSON_TYPES.indexOf(doc.mentions[m]!.type)
    if (best < 0 || rank < PERSON_TYPES.indexOf(doc.mentions[best]!.type)) best = m
  }
  if (best >= 0) return { start, end, entity: doc.mentions[best]!.entity, anonymous: false }
  // The head phrase: up to a comma, a preposition or a relative pronoun.
  let last = source.start
  for (let u = source.start; u < source.end; u++) {
    const w = units.words[u]!.toLowerCase()
    if (u > source.start && (HEAD_STOP.has(w) || units.kind[u] !== TokenKind.Word)) break
    last = u
  }
  const first = view.tokenAt(units.start[source.start]!)
  const lastToken = view.tokenAt(units.end[last]! - 1)
  const ref = resolveSpeaker(doc, view, { first, last: Math.max(first, lastToken), mention: -1 }, recentSpeakers)
  return { start, end, entity: ref.entity, anonymous: ref.anonymous }
}
