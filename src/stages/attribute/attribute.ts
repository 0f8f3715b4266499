/**
 * Rule-based attribution (v1): direct quotations with their cues before or after, continuation
 * paragraphs, and reported speech — "X said (that) ...", "..., X said", "..., said X, a member of",
 * "X told Y that ...", "according to X", "X ruled out ...", "..., adding that ...".
 */
import type { Document, SpeakerRef, StatementAnnotation } from '../../doc/document.js'
import { NEEDS_COMPLEMENT } from '../../lexicon/speech.js'
import { TokenView } from './context.js'
import type { QuoteSpan } from './quotes.js'
import { resolveSpeaker, speakerAfter, speakerBefore, type SpeakerSpan } from './speaker.js'

/** How far (in tokens) a cue may sit from the quotation it introduces or closes. */
const MAX_TAIL_DISTANCE = 10
/** Quotations shorter than this many words with no cue beside them are scare quotes or titles. */
const MIN_QUOTE_WORDS = 4
const TELLING_VERBS = new Set(['told', 'tells', 'tell', 'informed', 'assured', 'warned', 'reminded', 'urged'])
const CLAUSE_JOINERS = new Set(['but', 'while', 'whereas', 'and', 'although', 'though', 'yet'])
const END_PUNCT = new Set(['.', '!', '?', '؟', ':', ';', '…'])

export function attribute(doc: Document): StatementAnnotation[] {
  const view = new TokenView(doc)
  const { tokens } = view
  const quotes = doc.quotes
  const pending: PendingStatement[] = []
  /** Tokens already part of a statement (its content, cue or speaker) or of a quotation. */
  const used = new Uint8Array(tokens.count)
  const sentenceOf = new Int32Array(tokens.count)
  doc.sentences.forEach((sentence, index) => sentenceOf.fill(index, sentence.tokenStart, sentence.tokenEnd))
  const tokenOf = (offset: number): number => view.tokenAt(offset)

  const add = (
    kind: StatementAnnotation['kind'],
    speaker: SpeakerSpan | PendingStatement,
    cue: { first: number; last: number } | { start: number; end: number },
    content: { start: number; end: number },
  ): PendingStatement => {
    const cueSpan = 'first' in cue ? { start: view.start(cue.first), end: view.end(cue.last) } : { ...cue }
    const statement: PendingStatement = { kind, speaker, cue: cueSpan, content: trimSpan(doc.text, content) }
    pending.push(statement)
    if ('first' in speaker) for (let t = speaker.first; t <= speaker.last; t++) used[t] = 1
    if ('first' in cue) for (let t = cue.first; t <= cue.last; t++) used[t] = 1
    return statement
  }

  // 1. Direct quotations.
  let previousQuoteStatement: { statement: PendingStatement; paragraphEnd: number } | null = null
  for (const quote of quotes) {
    const first = tokenOf(quote.start)
    const last = tokenOf(quote.end - 1)
    if (first >= tokens.count) continue
    for (let t = first; t <= last && t < tokens.count; t++) used[t] = 1
    const words = countWords(doc.text.slice(quote.start, quote.end))
    const content = { start: quote.start + 1, end: quote.end - 1 }
    const closingSentence = doc.sentences[sentenceOf[Math.min(last, tokens.count - 1)]!]!
    const openingSentence = doc.sentences[sentenceOf[first]!]!

    const tail = findTailAttribution(view, last + 1, closingSentence.tokenEnd)
    if (tail) {
      const statement = add('direct', tail.speaker, tail.cue, content)
      previousQuoteStatement = { statement, paragraphEnd: paragraphEndAfter(doc.text, quote.end) }
      continue
    }
    const head = findHeadAttribution(view, openingSentence.tokenStart, first)
    if (head) {
      const embedded = !view.isPunct(first - 1, ':', ',') && view.cueAt(first - 1, first) < 0 && words < 12
      // X said the decision was "a disaster": a mixed statement over the whole complement.
      const statement = embedded
        ? add('mixed', head.speaker, head.cue, {
            start: contentStartAfterCue(view, head.cue.first, head.cue.last, closingSentence.tokenEnd).offset,
            end: sentenceContentEnd(view, closingSentence.tokenStart, closingSentence.tokenEnd),
          })
        : add('direct', head.speaker, head.cue, content)
      if (embedded) for (let t = head.speaker.first; t < closingSentence.tokenEnd; t++) used[t] = 1
      previousQuoteStatement = { statement, paragraphEnd: paragraphEndAfter(doc.text, quote.end) }
      continue
    }
    // A quotation with no cue right after a quoted statement continues it (next paragraph or same).
    if (previousQuoteStatement && words >= MIN_QUOTE_WORDS && quote.start <= nextParagraphEnd(doc.text, previousQuoteStatement.paragraphEnd)) {
      const previous = previousQuoteStatement.statement
      const statement = add('direct', previous, previous.cue, content)
      previousQuoteStatement = { statement, paragraphEnd: paragraphEndAfter(doc.text, quote.end) }
      continue
    }
    if (words < MIN_QUOTE_WORDS) for (let t = first; t <= last; t++) used[t] = 0 // scare quotes stay in the sentence
  }

  // 2. Reported speech, sentence by sentence, outside the quotations already attributed.
  for (const sentence of doc.sentences) {
    let t = sentence.tokenStart
    while (t < sentence.tokenEnd) {
      // A cue word inside a name is part of the name: "the United States", "Edward Said".
      if (used[t] || !view.isWord(t) || view.mentionAt[t]! >= 0) {
        t++
        continue
      }
      const cueLast = view.cueAt(t, sentence.tokenEnd)
      if (cueLast < 0) {
        t++
        continue
      }
      const matched = reportedSpeech(t, cueLast, sentence.tokenStart, sentence.tokenEnd)
      t = matched > t ? matched : t + 1
    }
  }

  return resolveInTextOrder(doc, view, pending)

  /** Tries the reported-speech patterns at a cue; returns the token to continue from. */
  function reportedSpeech(cueFirst: number, cueLast: number, sentenceStart: number, sentenceEnd: number): number {
    const cue = { first: cueFirst, last: cueLast }
    const contentEnd = sentenceContentEnd(view, sentenceStart, sentenceEnd)
    if (view.lower(cueFirst) === 'according' && cueLast > cueFirst) {
      const speaker = speakerAfter(view, cueLast + 1, sentenceEnd)
      if (!speaker) return cueLast + 1
      const beforeComma = cueFirst - 1 >= sentenceStart && view.isPunct(cueFirst - 1, ',')
      if (beforeComma && cueFirst - 1 > sentenceStart) {
        add(kindFor(view.start(sentenceStart), view.start(cueFirst - 1)), speaker, cue, { start: view.start(sentenceStart), end: view.start(cueFirst - 1) })
        return sentenceEnd
      }
      const comma = findToken(view, speaker.last + 1, sentenceEnd, ',')
      if (cueFirst === sentenceStart && comma >= 0 && comma + 1 < sentenceEnd) {
        add(kindFor(view.start(comma + 1), contentEnd), speaker, cue, { start: view.start(comma + 1), end: contentEnd })
        return sentenceEnd
      }
      return cueLast + 1
    }

    const before = speakerBefore(view, cueFirst, sentenceStart)
    if (before) {
      const commaAt = before.first - 1
      const postPosed = commaAt > sentenceStart && view.isPunct(commaAt, ',') && followsClauseEnd(view, cueLast + 1, sentenceEnd)
      if (postPosed) {
        const end = view.start(commaAt)
        add(kindFor(view.start(sentenceStart), end), before, cue, { start: view.start(sentenceStart), end })
        return addAddingClause(cueLast + 1, sentenceEnd, contentEnd) ?? sentenceEnd
      }
      const startsClause = startsClauseAt(view, before.first, sentenceStart)
      const contentStart = contentStartAfterCue(view, cueFirst, cueLast, sentenceEnd)
      const reportsSpeech = contentStart.clause || !NEEDS_COMPLEMENT.has(view.lower(cueFirst)) || cueLast > cueFirst
      if (startsClause && reportsSpeech) {
        const adding = findAdding(view, contentStart.token, sentenceEnd)
        const clauseBreak = adding ? -1 : findClauseBreak(view, contentStart.token, sentenceEnd)
        const end = adding ? view.start(adding.comma) : clauseBreak >= 0 ? view.start(clauseBreak) : contentEnd
        if (contentStart.token < sentenceEnd && end - contentStart.offset > 0 && countWords(doc.text.slice(contentStart.offset, end)) >= 2) {
          add(kindFor(contentStart.offset, end), before, cue, { start: contentStart.offset, end })
          if (adding) addAddingClause(adding.comma, sentenceEnd, contentEnd)
          return clauseBreak >= 0 ? clauseBreak + 1 : sentenceEnd
        }
      }
    }
    // "..., said X" and "..., X said": content is everything before the comma.
    const commaBefore = cueFirst - 1 > sentenceStart && view.isPunct(cueFirst - 1, ',')
    if (commaBefore) {
      const speaker = speakerAfter(view, cueLast + 1, sentenceEnd)
      if (speaker && followsClauseEnd(view, speaker.last + 1, sentenceEnd)) {
        const end = view.start(cueFirst - 1)
        add(kindFor(view.start(sentenceStart), end), speaker, cue, { start: view.start(sentenceStart), end })
        return addAddingClause(speaker.last + 1, sentenceEnd, contentEnd) ?? sentenceEnd
      }
    }
    return cueLast + 1
  }

  /** ", adding that ..." after a statement: a second statement by the same speaker. */
  function addAddingClause(from: number, sentenceEnd: number, contentEnd: number): number | null {
    const adding = findAdding(view, from, sentenceEnd)
    if (!adding) return null
    const previous = pending.at(-1)!
    const start = view.start(adding.contentFirst)
    if (start >= contentEnd) return null
    add(kindFor(start, contentEnd), previous, { first: adding.cue, last: adding.cue }, { start, end: contentEnd })
    return sentenceEnd
  }

  function kindFor(start: number, end: number): StatementAnnotation['kind'] {
    return quotes.some((q: QuoteSpan) => q.start >= start && q.end <= end + 1) ? 'mixed' : 'indirect'
  }
}

/** A statement found but not yet resolved; `speaker` may point to an earlier statement it continues. */
interface PendingStatement {
  kind: StatementAnnotation['kind']
  speaker: SpeakerSpan | PendingStatement
  cue: { start: number; end: number }
  content: { start: number; end: number }
  resolved?: SpeakerRef
}

/**
 * Resolves speakers in reading order, so that "he" refers to the last person who spoke before it
 * in the text, whichever rule found the statements.
 */
function resolveInTextOrder(doc: Document, view: TokenView, pending: PendingStatement[]): StatementAnnotation[] {
  const position = (statement: PendingStatement): number => Math.min(statement.cue.start, statement.content.start)
  const ordered = [...pending].sort((a, b) => position(a) - position(b))
  const recentSpeakers: number[] = []
  const resolve = (statement: PendingStatement): SpeakerRef => {
    if (statement.resolved) return statement.resolved
    const speaker = statement.speaker
    statement.resolved = 'first' in speaker ? resolveSpeaker(doc, view, speaker, recentSpeakers) : { ...resolve(speaker) }
    return statement.resolved
  }
  return ordered.map((statement) => {
    const speaker = resolve(statement)
    recentSpeakers.push(speaker.entity)
    return { kind: statement.kind, speaker, cue: statement.cue, content: statement.content }
  })
}

interface Attribution {
  speaker: SpeakerSpan
  cue: { first: number; last: number }
}

/** After a closing quote: `, X said`, `, said X`, `X told reporters.` within a few tokens. */
function findTailAttribution(view: TokenView, from: number, limit: number): Attribution | null {
  let t = from
  while (t < limit && view.isPunct(t, ',', '—', '–')) t++
  const cueHere = t < limit ? view.cueAt(t, limit) : -1
  if (cueHere >= 0 && view.lower(t) !== 'according') {
    const speaker = speakerAfter(view, cueHere + 1, limit)
    if (speaker) return { speaker, cue: { first: t, last: cueHere } }
  }
  for (let c = t + 1; c < Math.min(limit, t + MAX_TAIL_DISTANCE); c++) {
    if (view.isPunct(c, '.', '!', '?', '"', '“', '”')) break
    const cueLast = view.cueAt(c, limit)
    if (cueLast < 0) continue
    // The speaker may follow an apposition: '"...," the town's mayor, Samir Adel, told reporters'.
    const speaker = speakerBefore(view, c, t)
    if (speaker && (speaker.first === t || view.isPunct(speaker.first - 1, ','))) return { speaker, cue: { first: c, last: cueLast } }
  }
  return null
}

/** Before an opening quote in the same sentence: `X said: "`, `X told reporters, "`, `X said "`. */
function findHeadAttribution(view: TokenView, sentenceStart: number, quoteFirst: number): Attribution | null {
  for (let c = quoteFirst - 1; c >= sentenceStart && c >= quoteFirst - 12; c--) {
    if (!view.isWord(c)) continue
    const cueLast = view.cueAt(c, quoteFirst)
    if (cueLast < 0 || view.lower(c) === 'according') continue
    const speaker = speakerBefore(view, c, sentenceStart)
    if (speaker) return { speaker, cue: { first: c, last: cueLast } }
  }
  return null
}

/** Where the reported content begins: after "that", a colon, or the listener of "told". */
function contentStartAfterCue(view: TokenView, cueFirst: number, cueLast: number, limit: number): { token: number; offset: number; clause: boolean } {
  let t = cueLast + 1
  // A multi-word cue ("ruled out", "called for") takes its object as the content.
  const lookForThat = cueLast === cueFirst
  for (let k = t; lookForThat && k < limit && k <= cueLast + 9; k++) {
    const w = view.lower(k)
    if (w === 'that' || w === ':') {
      t = k + 1
      return { token: t, offset: view.start(Math.min(t, limit - 1)), clause: true }
    }
    if (view.isPunct(k, '.', ';')) break
  }
  const cueWord = view.lower(cueLast)
  if (TELLING_VERBS.has(cueWord)) {
    // Skip the listener: "told reporters", "told the BBC", "told Al-Ahram".
    const listener = view.mentionAt[t]!
    if (listener >= 0) t = view.mentions[listener]!.tokenEnd
    else {
      if (['the', 'a', 'an', 'his', 'her', 'their'].includes(view.lower(t))) t++
      t++
    }
  }
  while (t < limit && view.isPunct(t, ',', ':')) t++
  return { token: t, offset: t < limit ? view.start(t) : view.end(limit - 1), clause: false }
}

const CLAUSE_OPENERS = new Set(['and', 'but', 'while', 'as', 'meanwhile', 'however', 'also'])
/** Lowercase words that can premodify a speaker's name: "Major general Fuad Basya", "veteran analyst X". */
const MAX_PREMODIFIER_WORDS = 4

/** True when the speaker phrase at `first` opens a clause, allowing a few premodifier words before it. */
function startsClauseAt(view: TokenView, first: number, sentenceStart: number): boolean {
  let t = first
  for (let skipped = 0; ; skipped++) {
    if (t === sentenceStart) return true
    const previous = t - 1
    if (view.isPunct(previous, ',', ';', ':', '—', '–', '(') || CLAUSE_OPENERS.has(view.lower(previous))) return true
    // A demonym may open the premodifier ("Egyptian political analyst X"); any other name may not.
    const mentionBefore = view.mentionAt[previous]!
    if (skipped >= MAX_PREMODIFIER_WORDS || !view.isWord(previous) || (mentionBefore >= 0 && view.mentions[mentionBefore]!.type !== 'NORP')) return false
    const word = view.lower(previous)
    if (view.cueAt(previous, first) >= 0 || ['the', 'a', 'an', 'that', 'which', 'who', 'to', 'of', 'in', 'on', 'by', 'for', 'with', 'is', 'was', 'has', 'had'].includes(word)) {
      // A determiner may open the phrase ("the veteran diplomat X"), nothing else of these.
      return ['the', 'a', 'an'].includes(word) && (previous === sentenceStart || view.isPunct(previous - 1, ',', ';', ':'))
    }
    t = previous
  }
}

/** ", but X warned that ...": where a second attributed clause starts, so the first content ends. */
function findClauseBreak(view: TokenView, from: number, limit: number): number {
  for (let k = from; k < limit - 2; k++) {
    if (!view.isPunct(k, ',', ';') || !CLAUSE_JOINERS.has(view.lower(k + 1))) continue
    for (let c = k + 3; c < limit; c++) {
      const cueLast = view.cueAt(c, limit)
      if (cueLast < 0) continue
      const speaker = speakerBefore(view, c, k + 2)
      if (speaker && speaker.first <= k + 3) return k
    }
  }
  return -1
}

function findAdding(view: TokenView, from: number, limit: number): { comma: number; cue: number; contentFirst: number } | null {
  for (let t = from; t < limit - 1; t++) {
    if (!view.isPunct(t, ',')) continue
    let c = t + 1
    if (view.lower(c) === 'and') c++
    const w = view.lower(c)
    if (w !== 'adding' && w !== 'added') continue
    let contentFirst = c + 1
    if (view.lower(contentFirst) === 'that') contentFirst++
    if (contentFirst < limit) return { comma: t, cue: c, contentFirst }
  }
  return null
}

/** True when the tokens after a post-posed speaker close the clause (end, or an apposition, or adding). */
function followsClauseEnd(view: TokenView, from: number, limit: number): boolean {
  if (from >= limit) return true
  if (view.isPunct(from, '.', '!', '?', ';')) return true
  if (view.isPunct(from, ',')) return true
  return false
}

function sentenceContentEnd(view: TokenView, sentenceStart: number, sentenceEnd: number): number {
  let last = sentenceEnd - 1
  while (last > sentenceStart && (END_PUNCT.has(view.word(last)) || view.isPunct(last, ','))) last--
  return view.end(last)
}

function findToken(view: TokenView, from: number, limit: number, word: string): number {
  for (let t = from; t < limit; t++) if (view.word(t) === word) return t
  return -1
}

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length
}

function paragraphEndAfter(text: string, offset: number): number {
  const end = text.indexOf('\n\n', offset)
  return end < 0 ? text.length : end
}

function nextParagraphEnd(text: string, paragraphEnd: number): number {
  if (paragraphEnd >= text.length) return text.length
  return paragraphEndAfter(text, paragraphEnd + 2)
}

/** Trims whitespace and trailing commas from a content span so it reads cleanly. */
function trimSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--
  return { start, end }
}
