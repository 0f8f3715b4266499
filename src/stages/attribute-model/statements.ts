/**
 * From tagged spans to statements. Each cue becomes a statement; each source and content span is
 * linked to a cue — the nearest one in its sentence, else in its paragraph. A content span with no
 * cue in its paragraph is the words of a cue closing the paragraph before with a colon ("He
 * added:"), or continues that paragraph's last statement when it is a quotation running on (or
 * that statement has no words yet); failing that it is kept with an empty cue and speaker. A cue with no source of its own takes the source of the previous cue in
 * its sentence ("X said ... and added ..."), else keeps an empty speaker (PolNeAR's attributions
 * without a source: "is expected to"). Speakers are resolved with the rule stage's resolver.
 */
import type { Document, SpeakerRef, StatementAnnotation } from '../../doc/document.js'
import { TokenKind } from '../../doc/tokens.js'
import { TokenView } from '../attribute/context.js'
import { resolveSpeaker } from '../attribute/speaker.js'
import { POSSESSIVE_PRONOUNS } from '../../lexicon/speech.js'
import { outletKey } from '../entities/names.js'
import type { SpanLabel } from './model.js'
import type { Syntax } from './syntax.js'
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

const QUOTATION_MARK = /^(?:["“”„«»]|''|``)$/

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
  const contents = spans.filter((s) => s.label === 'content')
  /**
   * "X told reporters [that talks would continue], adding [that ...]": a content between two cues
   * of a sentence is nearer the second, but when that cue has a content of its own after it, this
   * one completes the first cue, which has nothing else between it and this content.
   */
  function reportedBefore(span: TaggedSpan): Linked | null {
    const s = sentence[span.start]
    const after = statements.find((st) => st.cue!.start >= span.end && sentence[st.cue!.start] === s)
    if (!after || !contents.some((c) => c.start >= after.cue!.end && sentence[c.start] === s && c.start - after.cue!.end <= 1)) return null
    const before = statements.filter((st) => st.cue!.end <= span.start && sentence[st.cue!.start] === s).at(-1)
    if (!before) return null
    const between = (x: TaggedSpan): boolean => x !== span && x.start >= before.cue!.end && x.end <= span.start && x.label !== 'source'
    return spans.some(between) ? null : before
  }
  const byParagraph = new Map<number, Linked[]>()
  for (const statement of statements) {
    const list = byParagraph.get(statement.paragraph) ?? []
    list.push(statement)
    byParagraph.set(statement.paragraph, list)
  }
  const orphans: Linked[] = []
  const quoted = (span: TaggedSpan): boolean => {
    for (let u = span.start; u < span.end; u++) if (QUOTATION_MARK.test(units.words[u]!)) return true
    return false
  }
  for (const span of spans) {
    if (span.label !== 'content') continue
    const target = reportedBefore(span) ?? nearestCue(span)
    if (target) {
      target.contents.push(span)
      continue
    }
    // No cue in the paragraph: continue the last statement of the previous paragraph, if this is
    // a quotation running on or that statement still waits for its words ("He added:"). Reported
    // speech without marks in a new paragraph continues nobody ("Iraq has struggled with violence
    // [that has claimed 3,000 lives]" is not the words of the police quoted above it).
    const p = paragraph[span.start]!
    const last = byParagraph.get(p - 1)?.at(-1) ?? orphans.find((o) => o.paragraph === p - 1) ?? null
    const list = byParagraph.get(p) ?? []
    byParagraph.set(p, list)
    if (last?.cue && last.contents.length === 0 && units.words[last.cue.end - 1] === ':') {
      // "The minister said in a statement:" and its words below: one statement.
      last.contents.push(span)
      list.push(last)
      continue
    }
    const continues = last && (quoted(span) || last.contents.length === 0) ? last : null
    const orphan: Linked = { cue: null, continues, sources: [], contents: [span], inheritedSource: null, paragraph: p }
    orphans.push(orphan)
    list.push(orphan)
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
export function buildStatements(doc: Document, units: Units, spans: readonly TaggedSpan[], syntax: SourceSyntax = NO_SYNTAX): StatementAnnotation[] {
  const view = new TokenView(doc)
  const linked = linkSpans(units, spans.map((span) => withoutDateline(doc, units, span)))
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

  // The article's own outlet ("Wikinews observed ...", "told Wikinews") speaks in its own name: a
  // "they" or "it" is someone it reports on, not the outlet.
  const outlet = doc.article.outlet ? outletKey(doc.article.outlet) : null
  const outletEntity = outlet === null ? -1 : doc.entities.findIndex((entity) => outletKey(entity.name) === outlet)
  const ownOutlet = outletEntity >= 0 ? outletEntity : null
  const recentSpeakers: number[] = []
  const resolved = new Map<TaggedSpan, SpeakerRef>()
  return pending.map((p) => {
    let speaker: SpeakerRef
    if (!p.source) {
      speaker = { start: p.cue.start, end: p.cue.start, entity: -1, anonymous: false }
    } else {
      speaker = resolved.get(p.source) ?? resolveSource(doc, view, units, p.source, recentSpeakers, syntax, ownOutlet)
      resolved.set(p.source, speaker)
    }
    // the owner of "his claim" is found by position, and is no speaker for the pronouns that follow
    if (speaker.end > speaker.start && POSSESSIVE_PRONOUNS.get(doc.text.slice(speaker.start, speaker.end).toLowerCase())?.person !== 'third') recentSpeakers.push(speaker.entity)
    return { kind: p.kind, speaker, cue: p.cue, content: p.content }
  })
}

/**
 * Direct when the content is one quotation, marks included (a quotation running over paragraphs
 * re-opens each paragraph with a mark), mixed when it holds a quotation among other words,
 * indirect otherwise.
 */
export function kindOf(text: string, content: { start: number; end: number }): StatementAnnotation['kind'] {
  const slice = text
    .slice(content.start, content.end)
    .trim()
    .replace(/\n\s*["“„«]/g, '\n')
  if (slice.length === 0) return 'indirect'
  const marks = (slice.match(/["“”„«»]|''|``/g) ?? []).length
  if (marks === 0) return singleQuotedKind(slice)
  const opens = /^(?:["“„«”]|''|``)/.test(slice)
  const closes = /(?:["”»]|'')[.,!?;:]?$/.test(slice)
  if (opens && marks <= 2 && (closes || marks === 1)) return 'direct'
  return 'mixed'
}

/**
 * The kind of a content without double quotation marks, from single ones (British style:
 * "told reporters: 'Tehran will respond firmly.'"). A single mark opens a quotation at the start of
 * a word, after a space, bracket, colon or dash, and closes it at the end of a word before a space
 * or punctuation; an apostrophe inside a word ("don't") or after a plural ("the students' union",
 * with no opening mark before it) quotes nothing.
 */
function singleQuotedKind(slice: string): StatementAnnotation['kind'] {
  const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c)
  // One pass (contents can be long): an opening mark waits for the next closing one.
  let pairs = 0
  let open = -1
  let firstOpen = -1
  let lastClose = -1
  for (let i = 0; i < slice.length; i++) {
    const c = slice[i]!
    if (c !== "'" && c !== '‘' && c !== '’') continue
    if (open < 0) {
      if (c !== '’' && isWordChar(slice[i + 1]) && (i === 0 || /[\s(\[:—–-]/.test(slice[i - 1]!))) open = i
      continue
    }
    if (c === '‘' || isWordChar(slice[i + 1]) || !/[\p{L}\p{N}.,!?]/u.test(slice[i - 1]!)) continue
    pairs++
    if (firstOpen < 0) firstOpen = open
    lastClose = i
    open = -1
  }
  if (pairs === 0) return 'indirect'
  return pairs === 1 && firstOpen === 0 && /^[.,!?;:]?$/.test(slice.slice(lastClose + 1)) ? 'direct' : 'mixed'
}

const HEAD_STOP = new Set([
  'of', 'for', 'at', 'from', 'in', 'on', 'with', 'who', 'which', 'that', 'whose', 'to', 'and', 'or', 'including', 'like',
  // adjectives after the head: "a source close to", "people familiar with"
  'close', 'familiar', 'involved', 'knowledgeable', 'briefed', 'speaking',
])
const RELATIVE = new Set(['who', 'that', 'which', 'whom'])
/** Words after which a named mention inside a source phrase is not the source itself. */
const NOT_THE_SPEAKER_AFTER = new Set([
  'to', 'of', 'for', 'with', 'at', 'from', 'in', 'on', 'about', 'against', 'including', 'like', 'than', 'and', 'or', 'near', 'under', 'over', 'into', 'toward', 'towards',
])
const POSSESSIVE = new Set(["'s", '’s', "'", '’'])

/**
 * The speaker of a source span. The span is what the text says ("Clinton's campaign manager,
 * Robby Mook,"); the entity comes from the phrase's head: a named mention covering the head of
 * the phrase or of an apposition ("Robby Mook", not the possessor "Clinton"); a relative pronoun
 * ("who said") takes the mention it follows; otherwise the head phrase goes to `resolveSpeaker`
 * (pronouns to the last fitting speaker, descriptions to the entity whose role fits, anonymous
 * sources such as "a State Department official").
 */
function resolveSource(doc: Document, view: TokenView, units: Units, source: TaggedSpan, recentSpeakers: readonly number[], syntax: SourceSyntax, ownOutlet: number | null): SpeakerRef {
  const xpos = syntax.xpos
  const start = units.start[source.start]!
  const end = units.end[source.end - 1]!
  // Comma-separated parts: the phrase and its appositions.
  const parts: Array<{ first: number; head: number }> = []
  let partStart = source.start
  for (let u = source.start; u <= source.end; u++) {
    if (u < source.end && units.words[u] !== ',') continue
    if (u > partStart) parts.push({ first: partStart, head: headOf(units, partStart, u) })
    partStart = u + 1
  }
  for (const part of parts) {
    const m = units.mention[part.head]!
    if (m >= 0 && doc.mentions[m]!.entity >= 0) return { start, end, entity: doc.mentions[m]!.entity, anonymous: false }
  }
  const first = parts[0] ?? { first: source.start, head: source.end - 1 }
  if (first.head === first.first && RELATIVE.has(units.words[first.head]!.toLowerCase())) {
    const entity = relativeEntity(doc, units, syntax, first.head)
    if (entity >= 0) return { start, end, entity, anonymous: false }
    // No name: the noun phrase it stands for, as a description ("a spokesman, who said" is an
    // anonymous source; "the minister, who said" the entity whose role fits), not the last speaker.
    const antecedent = relativeAntecedent(units, syntax, first.head)
    if (antecedent >= 0 && /^NN/.test(xpos[antecedent] ?? '')) {
      const phraseStart = view.tokenAt(units.start[nounPhraseStart(units, syntax, antecedent)]!)
      const headEnd = view.tokenAt(units.end[antecedent]! - 1)
      const ref = resolveSpeaker(doc, view, { first: phraseStart, last: Math.max(phraseStart, headEnd), mention: -1 }, recentSpeakers, ownOutlet)
      if (ref.entity >= 0) return { start, end, entity: ref.entity, anonymous: false }
      let last = first.head - 1
      while (last > antecedent && (units.words[last] === ',' || DASHES.has(units.words[last]!))) last--
      return { start, end, entity: -1, anonymous: ref.anonymous, description: { start: ref.start, end: Math.max(ref.end, units.end[last]!) } }
    }
  }
  // A named mention elsewhere in the phrase ("the Supreme Court this month", "a study by Justin
  // Levitt"), unless a preposition makes it someone else's ("advisers to Mr. Obama") or it only
  // modifies a common noun ("the Trump campaign", "the GOP nominee", "Scott's family").
  for (let u = source.start; u < source.end; u++) {
    if (NOT_THE_SPEAKER_AFTER.has(units.words[u]!.toLowerCase())) break
    const m = units.mention[u]!
    if (m < 0) continue
    const mention = doc.mentions[m]!
    if (mention.entity < 0 || (mention.type !== 'PERSON' && mention.type !== 'ORG')) continue
    if (u > source.start && units.mention[u - 1] === m) continue
    let after = u
    while (after < source.end && units.mention[after] === m) after++
    if (after < source.end && (POSSESSIVE.has(units.words[after]!.toLowerCase()) || /^NNS?$/.test(xpos[after] ?? ''))) continue
    return { start, end, entity: mention.entity, anonymous: false }
  }
  const firstToken = view.tokenAt(units.start[first.first]!)
  const lastToken = view.tokenAt(units.end[first.head]! - 1)
  const ref = resolveSpeaker(doc, view, { first: firstToken, last: Math.max(firstToken, lastToken), mention: -1 }, recentSpeakers, ownOutlet)
  return { start, end, entity: ref.entity, anonymous: ref.anonymous }
}

/** What resolving a source reads of the parse (absent in the rule-only tests: empty tags, no heads). */
export type SourceSyntax = Pick<Syntax, 'xpos' | 'head' | 'deprel'>
const NO_SYNTAX: SourceSyntax = { xpos: [], head: new Int32Array(0), deprel: [] }

/**
 * The entity a relative pronoun at `u` stands for: the one named just before it ("Bryan Anderson,
 * who said"; in a list, the last name). "who" stands for a person: when the name before it is
 * something else ("Edward Yiu of the ... Functional Constituency, who"), or when nothing is named
 * there, the noun the parse attaches the relative clause to is read instead, and from it the
 * person it belongs to (up an nmod / appos / flat chain). -1 when nothing is named.
 */
function relativeEntity(doc: Document, units: Units, syntax: SourceSyntax, u: number): number {
  const named = (at: number): number => {
    const m = at >= 0 ? units.mention[at]! : -1
    return m >= 0 ? doc.mentions[m]!.entity : -1
  }
  const isPerson = (entity: number): boolean => entity >= 0 && doc.entities[entity]!.type === 'PERSON'
  const found = named(wordBefore(units, u))
  const personal = /^(?:who|whom)$/i.test(units.words[u]!)
  if (found >= 0 && (!personal || isPerson(found))) return found
  let at = parsedAntecedent(syntax, u)
  if (at < 0) return found
  const parsed = named(at)
  if (found < 0 && !personal) return parsed
  if (isPerson(parsed)) return parsed
  for (let step = 0; step < 4 && /^(?:nmod|appos|flat|compound)/.test(syntax.deprel[at] ?? ''); step++) {
    at = syntax.head[at]!
    if (at < 0) break
    if (isPerson(named(at))) return named(at)
  }
  return found >= 0 ? found : parsed
}

/** The noun a relative clause at `u` modifies in the parse, else the word before it; -1 at the start. */
function relativeAntecedent(units: Units, syntax: SourceSyntax, u: number): number {
  const noun = parsedAntecedent(syntax, u)
  return noun >= 0 ? noun : wordBefore(units, u)
}

/** The noun before `u` that the clause of a relative pronoun at `u` modifies (acl) in the parse, or -1. */
function parsedAntecedent(syntax: SourceSyntax, u: number): number {
  const clause = syntax.head[u] ?? -1
  if (clause <= u || !/^acl/.test(syntax.deprel[clause] ?? '')) return -1
  const noun = syntax.head[clause]!
  return noun >= 0 && noun < u ? noun : -1
}

/** The word before `u`, a comma skipped; -1 at the start. */
function wordBefore(units: Units, u: number): number {
  let v = u - 1
  if (v >= 0 && units.words[v] === ',') v--
  return v
}

/**
 * The first unit of the noun phrase headed by `noun`: the run of its determiners, modifiers,
 * compounds and possessors just before it ("Jared Diamond's 2005 best seller"), not a preposition
 * ("to the AP") or the subject of a copula ("Scott was one of three members").
 */
function nounPhraseStart(units: Units, syntax: SourceSyntax, noun: number): number {
  let first = noun
  while (first > 0 && insideNounPhrase(units, syntax, first - 1, noun)) first--
  return first
}

const NOUN_PHRASE_RELATIONS = /^(?:det|amod|compound|nmod:poss|nummod|flat|fixed)/

function insideNounPhrase(units: Units, syntax: SourceSyntax, u: number, noun: number): boolean {
  for (let step = 0; step < 8 && u >= 0; step++) {
    const relation = syntax.deprel[u] ?? ''
    const possessive = relation === 'case' && POSSESSIVE.has(units.words[u]!.toLowerCase())
    if (!possessive && !NOUN_PHRASE_RELATIONS.test(relation)) return false
    u = syntax.head[u] ?? -1
    if (u === noun) return true
  }
  return false
}

const DASHES = new Set(['-', '--', '—', '–'])
const CAPITALS = /^[A-Z][A-Z.'’-]+$/

/**
 * A source span that starts a paragraph with its dateline ("BAGHDAD - Shiite cleric Muqtada
 * al-Sadr", "CAIRO (Reuters) — Egypt's ...", "Cairo - ..."): the place and the agency say where the
 * story was filed, not who spoke. The span starts after the dash.
 */
function withoutDateline(doc: Document, units: Units, span: TaggedSpan): TaggedSpan {
  if (span.label !== 'source' || !units.paragraphs.some((p) => p.start === span.start)) return span
  let u = span.start
  const place = units.mention[u]!
  if (CAPITALS.test(units.words[u]!)) {
    while (u < span.end && u - span.start < 3 && CAPITALS.test(units.words[u]!)) u++
  } else if (place >= 0 && (doc.mentions[place]!.type === 'GPE' || doc.mentions[place]!.type === 'LOC')) {
    while (u < span.end && units.mention[u] === place) u++
  } else return span
  // "(Reuters)", "(AFP)"
  if (units.words[u] === '(') {
    const close = units.words.indexOf(')', u)
    if (close < 0 || close - u > 4) return span
    u = close + 1
  }
  return u + 1 < span.end && DASHES.has(units.words[u]!) ? { ...span, start: u + 1 } : span
}

/** The head word of a noun phrase `[first, end)`: its last word before a preposition or a relative pronoun. */
function headOf(units: Units, first: number, end: number): number {
  let head = first
  for (let u = first; u < end; u++) {
    const w = units.words[u]!.toLowerCase()
    if (u > first && (HEAD_STOP.has(w) || (units.kind[u] !== TokenKind.Word && !POSSESSIVE.has(w)))) break
    if (POSSESSIVE.has(w)) continue
    head = u
  }
  return head
}

/**
 * Fills what the tagger left empty from the rule-based statements with the same cue: a content
 * the tagger did not find (", local officials said, after ..." after a dateline), brought to the
 * PolNeAR conventions (quotation marks and a leading "that" included).
 */
export function completeFromRules(doc: Document, statements: StatementAnnotation[], rulesOf: () => readonly StatementAnnotation[]): StatementAnnotation[] {
  const text = doc.text
  // The rule-based attribution costs about as much as the tagger's own work: run it only for a
  // document that has a cue without content.
  let rules: readonly StatementAnnotation[] | null = null
  return statements.map((statement) => {
    if (statement.content.end > statement.content.start || statement.cue.end <= statement.cue.start) return statement
    rules ??= rulesOf()
    const rule = rules.find((r) => r.cue.start < statement.cue.end && statement.cue.start < r.cue.end && r.content.end > r.content.start)
    if (!rule) return statement
    let { start, end } = rule.content
    if (/["“„«]/.test(text[start - 1] ?? '') && /["”»]/.test(text[end] ?? '')) {
      start--
      end++
    } else {
      const before = text.slice(Math.max(0, start - 5), start)
      if (/\bthat\s+$/i.test(before)) start -= before.length - before.search(/that\s+$/i)
    }
    const content = { start, end }
    return { ...statement, content, kind: kindOf(text, content) }
  })
}
