/**
 * The learned attribution stage: POS tags and dependencies from the backbone, a structured
 * perceptron over BIO tags for SOURCE / CUE / CONTENT per paragraph (models/attribution.bin.gz),
 * then statements linked and resolved from the tagged spans. When the model file, the tagger or
 * (for a model trained with dependencies) the parser is not shipped, it falls back to the
 * rule-based stage and says so in a diagnostic.
 */
import type { Document, StatementAnnotation } from '../../doc/document.js'
import type { Stage } from '../../pipeline/stage.js'
import { attribute } from '../attribute/attribute.js'
import { findQuotes } from '../attribute/quotes.js'
import { buildFeatureContext } from './features.js'
import { sharedModel } from '../../backbone/shared.js'
import { analysisProfile, attributionModelPath, loadAttributionModel, type LoadedAttributionModel } from './model-file.js'
import { B_CONTENT, B_CUE, B_SOURCE, I_CONTENT, I_CUE, I_SOURCE, labelSpans, O } from './model.js'
import { buildStatements, completeFromRules, type TaggedSpan } from './statements.js'
import { analyzeSyntax, loadSyntax, syntaxAvailability, type Syntax } from './syntax.js'
import { tagParagraph } from './tagger.js'
import { isSpeakerTurn, labelSpeakerTurns } from './transcript.js'
import { buildUnits, type Units } from './units.js'

const SENTENCE_END = new Set(['.', '?', '!', '…', '...'])
const FIRST_OR_SECOND_PERSON = /^(?:I|we|you|me|us)$/i

/** Models read so far, by file (the profile, and so the file, can change between CLI commands run in one process). */
const loaded = new Map<string, LoadedAttributionModel | null>()

/** The shipped model of this process's profile, read on first use; null when it cannot be used here. */
export function attributionModel(): LoadedAttributionModel | null {
  const path = attributionModelPath()
  let model = loaded.get(path)
  if (model === undefined) {
    // One copy of the weights per process, shared by the analysis worker threads (util/shared-models.ts).
    const shared = sharedModel(`attribution:${path}`, () => ({ model: loadAttributionModel(path) })).model
    const available = syntaxAvailability()
    model = shared && available.tagger && (!shared.meta.parsed || available.parser) ? shared : null
    loaded.set(path, model)
  }
  return model
}

/** The backbone's view of a document: units, POS tags and (when the model uses them) dependencies. */
export interface PreparedSyntax {
  units: Units
  syntax: Syntax
}

/** Tags and parses the document with the backbone: the part of attribution that is backbone cost. */
export function prepareSyntax(doc: Document, model: LoadedAttributionModel): PreparedSyntax {
  const units = buildUnits(doc)
  return { units, syntax: analyzeSyntax(units, { parse: model.meta.parsed }) }
}

/**
 * Tags every paragraph and returns the spans (unit ranges); `nested` holds the spans found inside
 * the content of speaker-label turns (transcript.ts), linked on their own.
 */
export function tagDocument(doc: Document, model: LoadedAttributionModel, prepared: PreparedSyntax = prepareSyntax(doc, model)): { spans: TaggedSpan[]; nested: TaggedSpan[]; units: Units; syntax: Syntax } {
  const { units, syntax } = prepared
  const context = buildFeatureContext(doc, units, syntax)
  const labelled: Uint8Array[] = []
  for (const paragraph of units.paragraphs) {
    const labels = tagParagraph(context, paragraph.start, paragraph.end, model.tagger)
    // A quotation mark that opens at the very end of a paragraph, after its last sentence, belongs
    // to the quotation that follows (sentence splitters leave it there): it is that quotation's
    // content, and the sentence before it ends at its full stop.
    const last = labels.length - 1
    if (last > 0 && context.mark[paragraph.end - 1] === 1 && SENTENCE_END.has(units.words[paragraph.end - 2]!) && (labels[last] === 0 || labels[last] === 6)) {
      if (labels[last] === 6 && labels[last - 1] === 6) labels[last - 1] = 0
      labels[last] = 5
    }
    labelFrontedContent(labels, paragraph.start, units)
    relabelSubjectCues(labels, paragraph.start, syntax)
    relabelAppositiveContent(labels, paragraph.start, units, syntax)
    dropAddressees(labels, paragraph.start, units, syntax)
    dropAdverbialContents(labels, paragraph.start, units)
    labelled.push(labels)
  }
  const inTurns = labelSpeakerTurns(doc, units, labelled)
  const spans: TaggedSpan[] = []
  const nested: TaggedSpan[] = []
  units.paragraphs.forEach((paragraph, p) => {
    spans.push(...labelSpans(labelled[p]!, paragraph.start))
    const inner = inTurns[p]
    if (inner) nested.push(...labelSpans(inner, paragraph.start))
  })
  return { spans, nested, units, syntax }
}

/** The statements of a document from the model (its own cost, given the backbone's syntax). */
export function attributeWithModel(doc: Document, model: LoadedAttributionModel, prepared: PreparedSyntax = prepareSyntax(doc, model)): StatementAnnotation[] {
  const { spans, nested, units, syntax } = tagDocument(doc, model, prepared)
  const outer = buildStatements(doc, units, spans, syntax)
  const modelled = extendFrontedContent(doc, completeFromRules(doc, withNested(outer, buildStatements(doc, units, nested, syntax), doc.text), () => attribute(doc)))
  const statements = withEpigraphs(modelled, epigraphStatements(doc))
  // A cue with neither a source nor a content ("That said, ...") says nothing about anyone; nor
  // does reported speech with neither a cue nor a source (a quotation without either may still
  // continue one from an earlier paragraph the caller did not pass).
  return statements
    .filter((s) => s.speaker.end > s.speaker.start || s.content.end > s.content.start)
    .filter((s) => s.speaker.end > s.speaker.start || s.cue.end > s.cue.start || s.kind !== 'indirect')
    .filter((s) => !isQuestionToYou(doc, s) && !isFiller(doc.text, s) && !isAntecedentAsContent(doc.text, s))
    .map((s) => (isSpeakerTurn(doc.text, s) ? { ...s, kind: 'direct' as const } : s))
}

/**
 * A paragraph that ends in a dash and a person's name is a quotation signed by that person, the
 * way pull quotes and epigraphs are printed ("[The neologism is] offensive beyond ... about it.
 * — Rick Santorum"): a direct statement with the dash as its cue. Only a person's name that ends
 * the paragraph (a role may follow after a comma), so that photo credits ("— AP") and datelines
 * ("CAIRO — ...") are not read as quotations.
 */
function epigraphStatements(doc: Document): StatementAnnotation[] {
  const text = doc.text
  const found: StatementAnnotation[] = []
  for (const mention of doc.mentions) {
    if (mention.type !== 'PERSON' || mention.entity < 0) continue
    const windowStart = Math.max(0, mention.start - 12)
    const signed = /\S\s*([—―–]|--)\s*$/.exec(text.slice(windowStart, mention.start))
    if (!signed) continue
    const cueStart = windowStart + signed.index + signed[0].lastIndexOf(signed[1]!)
    const cueEnd = cueStart + signed[1]!.length
    const lineEnd = text.indexOf('\n', mention.end)
    const rest = text.slice(mention.end, lineEnd < 0 ? text.length : lineEnd)
    if (!/^(?:,[^,.;:!?]{0,60})?\.?\s*$/.test(rest)) continue
    // The content: the rest of the paragraph before the dash, without the spaces around it.
    const content = { start: text.lastIndexOf('\n', cueStart) + 1, end: cueStart }
    while (content.start < content.end && /\s/.test(text[content.start]!)) content.start++
    while (content.end > content.start && /\s/.test(text[content.end - 1]!)) content.end--
    if (text.slice(content.start, content.end).split(/\s+/).length < 4) continue
    found.push({ kind: 'direct', speaker: { start: mention.start, end: mention.end, entity: mention.entity, anonymous: false }, cue: { start: cueStart, end: cueEnd }, content })
  }
  return found
}

/**
 * The epigraphs in text order among the other statements. An epigraph replaces what the model made
 * of the same quotation: a statement with its content and a cue outside it (the signature read as
 * "[Sonya] [Herridge]", or the quotation linked to the previous signer), or one whose source or
 * cue lies in the signature. Statements nested in the quotation (a cue inside it) stay.
 */
function withEpigraphs(statements: StatementAnnotation[], epigraphs: StatementAnnotation[]): StatementAnnotation[] {
  if (epigraphs.length === 0) return statements
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end
  const replaced = (s: StatementAnnotation) =>
    epigraphs.some((e) => {
      const signature = { start: e.cue.start, end: e.speaker.end }
      if (overlaps(s.cue, signature) || overlaps(s.speaker, signature)) return true
      return overlaps(s.content, e.content) && !(s.cue.start >= e.content.start && s.cue.end <= e.content.end && s.cue.end > s.cue.start)
    })
  return [...statements.filter((s) => !replaced(s)), ...epigraphs].sort((a, b) => Math.min(a.cue.start, a.content.start) - Math.min(b.cue.start, b.content.start))
}

/**
 * "... arrested [a young man] who said he had planted the bomb": the noun phrase a relative
 * pronoun stands for, right before it, is that speaker, never what it said.
 */
function isAntecedentAsContent(text: string, statement: StatementAnnotation): boolean {
  const { speaker, content } = statement
  return content.end > content.start && content.end <= speaker.start && /^[\s,]*$/.test(text.slice(content.end, speaker.start)) && /^(?:who|which|that|whom)$/i.test(text.slice(speaker.start, speaker.end))
}

const SECOND_PERSON = /^(?:you|you all|y['’]all)$/i

/** "..., you know, ..." and "I mean," between commas: a speaker's filler, not a statement. */
function isFiller(text: string, statement: StatementAnnotation): boolean {
  const speaker = text.slice(statement.speaker.start, statement.speaker.end)
  const cue = text.slice(statement.cue.start, statement.cue.end)
  return /^(?:you|I)$/i.test(speaker) && /^(?:know|mean|see)$/i.test(cue) && /^\s*,/.test(text.slice(statement.cue.end, statement.cue.end + 3)) && /,\s*$/.test(text.slice(Math.max(0, statement.speaker.start - 3), statement.speaker.start))
}

/**
 * "Do you think magic is alive today?", an interviewer's question: the "you" says nothing, it is
 * asked. A statement whose speaker is "you" in a sentence that ends in a question mark is dropped
 * (PolNeAR's dev annotators marked one such "you" in 84 articles).
 */
function isQuestionToYou(doc: Document, statement: StatementAnnotation): boolean {
  if (!SECOND_PERSON.test(doc.text.slice(statement.speaker.start, statement.speaker.end))) return false
  const sentence = doc.sentences.find((s) => s.start <= statement.speaker.start && statement.speaker.start < s.end)
  return sentence !== undefined && /\?["'”’)\]]*\s*$/.test(doc.text.slice(sentence.start, sentence.end))
}


/**
 * Adds the statements found inside speaker turns (`nested`) to the others, in text order: only
 * those with a cue of their own inside a turn's content (a content left without one would be
 * linked to a statement of an earlier paragraph), the content after it, and a third party as the
 * speaker.
 */
function withNested(statements: StatementAnnotation[], nested: StatementAnnotation[], text: string): StatementAnnotation[] {
  if (nested.length === 0) return statements
  const turns = statements.filter((s) => isSpeakerTurn(text, s))
  // Only a content after its cue ("... agreed that NATO would not expand"): inside an answer the
  // tagger also reads the words before a cue as one long fronted quotation, which they are not.
  // And only someone else's words: "I think ..." or "you know ..." inside a turn is the turn's own
  // speaker (or the interviewer) talking, which the turn already says.
  const inTurn = (s: StatementAnnotation): boolean =>
    s.cue.end > s.cue.start &&
    s.content.start >= s.cue.end &&
    s.speaker.end > s.speaker.start &&
    !FIRST_OR_SECOND_PERSON.test(text.slice(s.speaker.start, s.speaker.end)) &&
    turns.some((t) => t.content.start <= s.cue.start && s.cue.end <= t.content.end)
  const at = (s: StatementAnnotation): number => Math.min(s.cue.start, s.content.start)
  return [...statements, ...nested.filter(inTurn)].sort((a, b) => at(a) - at(b) || a.cue.start - b.cue.start)
}

export const modelAttributeStage: Stage = {
  name: 'whosaid.attribute.model',
  /** The profile's model is part of the version, so that a stored analysis says which one made it. */
  get version() {
    return analysisProfile() === 'fast' ? '1.0.0-fast' : '1.0.0'
  },
  requires: ['tokens', 'sentences', 'mentions', 'entities'],
  assigns: ['quotes', 'statements'],
  load() {
    const model = attributionModel()
    if (model) loadSyntax({ parse: model.meta.parsed })
  },
  run(doc) {
    doc.quotes = findQuotes(doc.text)
    doc.markAssigned('quotes')
    const model = attributionModel()
    if (!model) {
      doc.warn('whosaid.attribute.model', 'W201', 'the attribution model (or the backbone it needs) is not shipped; rule-based attribution used', null)
      doc.statements = attribute(doc)
    } else {
      doc.statements = attributeWithModel(doc, model)
    }
    doc.markAssigned('statements')
  },
}

/**
 * Reported speech placed before its cue (", the statement added.") reaches back to the start of
 * its sentence: the tagger sometimes starts it at a coordinated clause ("Volunteers will run
 * clubs, and [the building will stay open], the statement added"). Only when nothing else —
 * another statement's span or a quotation mark — lies between the sentence start and the content.
 */
export function extendFrontedContent(doc: Document, statements: StatementAnnotation[]): StatementAnnotation[] {
  const text = doc.text
  return statements.map((statement) => {
    const { content, cue, speaker } = statement
    if (statement.kind !== 'indirect' || content.end <= content.start) return statement
    if (content.end > cue.start || (speaker.end > speaker.start && content.end > speaker.start)) return statement
    const sentence = doc.sentences.find((s) => s.start <= content.start && content.start < s.end)
    if (!sentence || sentence.start >= content.start) return statement
    let start = sentence.start
    while (start < content.start && /\s/.test(text[start]!)) start++
    const before = text.slice(start, content.start)
    if (!/[,;]\s*(?:and|but)\s*$/i.test(before) || /["“”«»]/.test(before)) return statement
    const clash = statements.some((other) => other !== statement && [other.speaker, other.cue, other.content].some((span) => span.end > span.start && span.start < content.start && span.end > start))
    if (clash) return statement
    return { ...statement, content: { start, end: content.end } }
  })
}


/**
 * A "cue" that is the subject of the verb of the content right after it ("..., and [talks] [will
 * not resume]") is a noun the tagger took for a speech noun: a cue governs what is said, it is not
 * its subject. Its units join the content.
 */
export function relabelSubjectCues(labels: Uint8Array, offset: number, syntax: Syntax): void {
  if (!syntax.parsed) return
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== B_CUE) continue
    let j = i + 1
    while (j < labels.length && labels[j] === I_CUE) j++
    if (j >= labels.length || labels[j] !== B_CONTENT) continue
    let k = j + 1
    while (k < labels.length && labels[k] === I_CONTENT) k++
    const cueHead = offset + j - 1
    const head = syntax.head[cueHead]!
    if (!syntax.deprel[cueHead]!.startsWith('nsubj') || head < offset + j || head >= offset + k) continue
    labels[i] = B_CONTENT
    labels.fill(I_CONTENT, i + 1, k)
  }
}

/**
 * "According to [Sheikh Ahmed], [the Qatari mediator, talks would resume]": a content that opens
 * with an apposition of the source right before it (the parser's `appos`, a subtree closed by a
 * comma) starts after that apposition, which joins the source, as it does when the tagger reads
 * "Jane Smith, a spokeswoman for the ministry," whole.
 */
export function relabelAppositiveContent(labels: Uint8Array, offset: number, units: Units, syntax: Syntax): void {
  if (!syntax.parsed) return
  for (let j = 2; j < labels.length; j++) {
    if (labels[j] !== B_CONTENT) continue
    // source, one comma (untagged or closing the source), then the content
    const comma = j - 1
    if (units.words[offset + comma] !== ',' || (labels[comma] !== O && labels[comma] !== I_SOURCE)) continue
    let sourceStart = comma - 1
    if (labels[sourceStart] !== B_SOURCE && labels[sourceStart] !== I_SOURCE) continue
    while (sourceStart > 0 && labels[sourceStart] === I_SOURCE) sourceStart--
    if (labels[sourceStart] !== B_SOURCE) continue
    let close = j + 1
    while (close < labels.length && labels[close] === I_CONTENT && units.words[offset + close] !== ',') close++
    if (close >= labels.length || labels[close] !== I_CONTENT || close + 1 >= labels.length || labels[close + 1] !== I_CONTENT) continue
    // one unit of the chunk is an apposition of a source unit, and every other unit hangs inside the chunk
    let root = -1
    let closed = true
    for (let u = j; u < close; u++) {
      const head = syntax.head[offset + u]! - offset
      if (head >= sourceStart && head < comma && syntax.deprel[offset + u] === 'appos' && root < 0) root = u
      else if (head < j || head >= close) closed = false
    }
    if (root < 0 || !closed) continue
    labels.fill(I_SOURCE, comma, close + 1)
    labels[close + 1] = B_CONTENT
  }
}

/** Cues whose object is the person told, before what was said ("told state television that ..."). */
const ADDRESSEE_CUES = new Set(['told', 'tells', 'tell', 'telling', 'informed', 'assured', 'reminded', 'warned', 'briefed'])
const MAX_ADDRESSEE = 8

/**
 * "told [state television] that the protests ...": the one told is neither cue nor content
 * (PolNeAR's convention too); a content that opens with a noun phrase and then "that" starts at
 * "that".
 */
export function dropAddressees(labels: Uint8Array, offset: number, units: Units, syntax: Syntax): void {
  for (let j = 1; j < labels.length; j++) {
    if (labels[j] !== B_CONTENT || (labels[j - 1] !== B_CUE && labels[j - 1] !== I_CUE)) continue
    if (!ADDRESSEE_CUES.has(units.words[offset + j - 1]!.toLowerCase())) continue
    let k = j
    while (k < labels.length && k - j < MAX_ADDRESSEE && labels[k] !== O && units.words[offset + k]!.toLowerCase() !== 'that') {
      const tag = syntax.xpos[offset + k]!
      if (tag.startsWith('VB') || tag === 'MD' || /^["“”«»,.:;]$/.test(units.words[offset + k]!)) break
      k++
    }
    if (k === j || k >= labels.length || units.words[offset + k]!.toLowerCase() !== 'that' || labels[k] !== I_CONTENT) continue
    labels.fill(O, j, k)
    labels[k] = B_CONTENT
  }
}

/** Prepositions that open a time or circumstance adverbial after a cue (", X said, after ..."). */
const ADVERBIAL_OPENERS = new Set(['after', 'before', 'during', 'despite', 'amid', 'following', 'since', 'until'])

/**
 * A content opening right after ", after" / ", during" / ... ("opened on Monday, officials said,
 * after [a two-year restoration]") is the circumstance of the event, not what was said.
 */
export function dropAdverbialContents(labels: Uint8Array, offset: number, units: Units): void {
  for (let i = 2; i < labels.length; i++) {
    if (labels[i] !== B_CONTENT) continue
    if (!ADVERBIAL_OPENERS.has(units.words[offset + i - 1]!.toLowerCase()) || units.words[offset + i - 2] !== ',') continue
    let k = i + 1
    while (k < labels.length && labels[k] === I_CONTENT) k++
    labels.fill(O, i, k)
  }
}


/**
 * A sentence that opens with reported speech and then names its source between commas ("Lenox
 * was a juggernaut, Mr. Clarke said, until it went bankrupt") has its opening clause as content;
 * the tagger, having found a content after the cue, often leaves the opening words untagged,
 * starts it late ("Rescue teams pulled [40 people from the rubble], the governor said") or ends it
 * early ("[The deal] is dead, Omar Saleh told reporters"). Applies only when no word
 * before the comma belongs to another source, cue or content, and the comma is directly followed
 * by a source and its cue (either order).
 */
export function labelFrontedContent(labels: Uint8Array, offset: number, units: Units): void {
  for (const sentence of units.sentences) {
    const from = sentence.start - offset
    const to = sentence.end - offset
    if (from < 0 || to > labels.length) continue
    let comma = from
    while (comma < to && (labels[comma] === O || labels[comma] === I_CONTENT || labels[comma] === B_CONTENT) && units.words[offset + comma] !== ',') comma++
    if (comma >= to || comma - from < 2 || labels[comma] !== O) continue
    // The comma is followed by source + cue or cue + source, then a comma or the sentence end.
    let i = comma + 1
    const part = (b: number, inside: number): boolean => {
      if (labels[i] !== b) return false
      i++
      while (i < to && labels[i] === inside) i++
      return true
    }
    const ordered = part(B_SOURCE, I_SOURCE) ? part(B_CUE, I_CUE) : part(B_CUE, I_CUE) && part(B_SOURCE, I_SOURCE)
    if (!ordered) continue
    // Untagged words may follow the cue ("told reporters", "said on Tuesday") before the comma.
    const afterCue = i
    while (i < to && i - afterCue < 4 && labels[i] === O && units.words[offset + i] !== ',' && units.words[offset + i] !== '.') i++
    const next = units.words[offset + i]
    if (i < to && next !== ',' && next !== '.') continue
    let quoted = false
    for (let u = from; u < comma; u++) if (/["“”«»]/.test(units.words[offset + u]!)) quoted = true
    if (quoted) continue
    labels[from] = B_CONTENT
    labels.fill(I_CONTENT, from + 1, comma)
  }
}
