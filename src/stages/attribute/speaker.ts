/**
 * Finding the speaker noun phrase next to a cue, and resolving it to an entity: a named mention
 * (with any apposition skipped), a pronoun (to the last person who spoke or was named), a
 * description ("the minister", "the ministry") to the entity whose role or name fits, or an
 * anonymous source ("officials", "a source close to the talks").
 */
import type { Document, SpeakerRef } from '../../doc/document.js'
import { ANONYMOUS_HEADS, POSSESSIVE_PRONOUNS, PRONOUNS, SPEECH_VERBS } from '../../lexicon/speech.js'
import type { TokenView } from './context.js'
import { initialsOf } from '../entities/resolve.js'

/** Words allowed between a speaker and the cue: auxiliaries and adverbs ("has also said"). */
const BETWEEN_SPEAKER_AND_CUE = new Set([
  'also', 'later', 'previously', 'earlier', 'recently', 'repeatedly', 'reportedly', 'publicly', 'privately',
  'separately', 'has', 'had', 'have', 'was', 'is', 'were', 'are', 'would', 'will', 'had', "'d", 'once',
  'then', 'further', 'again', 'already', 'flatly', 'firmly', 'strongly', 'categorically', 'openly', 'not', 'never',
])
const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'several', 'many', 'two', 'three', 'other', 'senior', 'no'])
const NP_STOP = new Set([
  'that', 'and', 'but', 'or', 'which', 'who', 'when', 'while', 'because', 'as', 'if', 'to', 'in', 'on', 'at',
  'by', 'for', 'with', 'from', 'after', 'before', 'was', 'is', 'were', 'are', 'be', 'been', 'it', 'this',
])

/** A lowercase -ly word ("personally", "mistakenly") between speaker and cue. */
function isAdverb(view: TokenView, index: number): boolean {
  const word = view.word(index)
  return word.length > 4 && word.endsWith('ly') && !view.isCapitalised(index)
}

export interface SpeakerSpan {
  first: number
  last: number
  /** Mention index when the phrase is (or ends in) a named mention, else -1. */
  mention: number
}

/** The speaker phrase that ends right before `cueFirst` (skipping auxiliaries), within `[floor, cueFirst)`. */
export function speakerBefore(view: TokenView, cueFirst: number, floor: number): SpeakerSpan | null {
  let p = cueFirst - 1
  while (p >= floor && (BETWEEN_SPEAKER_AND_CUE.has(view.lower(p)) || isAdverb(view, p))) p--
  if (p < floor) return null
  if (view.isPunct(p, ',')) {
    let q = p - 1
    while (q >= floor && !view.isPunct(q, ',')) q--
    const beforeApposition = q > floor ? view.mentionAt[q - 1]! : -1
    if (beforeApposition >= 0 && view.mentions[beforeApposition]!.type === 'PERSON') {
      // "Z, the Grand Imam of Al-Azhar, said": skip back over the apposition to the name.
      p = q - 1
    } else if (p - 1 >= floor && view.mentionAt[p - 1]! >= 0) {
      // "a Chilean political analyst, Z, said": the name sits right before the comma.
      p = p - 1
    } else {
      return null
    }
  }
  return phraseEndingAt(view, p, floor)
}

/** The speaker phrase that starts at `first` ("said X", "according to X"). */
export function speakerAfter(view: TokenView, first: number, limit: number): SpeakerSpan | null {
  if (first >= limit) return null
  const mention = view.mentionAt[first]!
  if (mention >= 0) return { first, last: view.mentions[mention]!.tokenEnd - 1, mention }
  // A title before the name ("said Foreign Minister Sameh Shoukry").
  let q = first
  while (q < limit && q < first + 4 && view.mentionAt[q]! < 0 && view.isWord(q) && view.isCapitalised(q)) q++
  if (q < limit && q > first && view.mentionAt[q]! >= 0) {
    const m = view.mentionAt[q]!
    return { first: q, last: view.mentions[m]!.tokenEnd - 1, mention: m }
  }
  const word = view.lower(first)
  if (PRONOUNS.has(word)) return { first, last: first, mention: -1 }
  // A description: determiner + words up to a comma, a verb or the sentence end.
  let last = first
  while (last + 1 < limit && view.isWord(last + 1) && !SPEECH_VERBS.has(view.lower(last + 1)) && last - first < 8) last++
  if (!DETERMINERS.has(word) && !ANONYMOUS_HEADS.has(word)) return null
  return { first, last, mention: -1 }
}

function phraseEndingAt(view: TokenView, p: number, floor: number): SpeakerSpan | null {
  const mention = view.mentionAt[p]!
  if (mention >= 0) {
    const m = view.mentions[mention]!
    // The phrase starts at a title before the name ("Foreign Minister Sameh Shoukry").
    let first = m.title ? view.tokenAt(m.title.start) : m.tokenStart
    if (first - 1 >= floor && view.lower(first - 1) === 'the') first-- // "The Egyptian Foreign Ministry"
    return { first: Math.max(first, floor), last: p, mention }
  }
  if (!view.isWord(p)) return null
  const word = view.lower(p)
  if (PRONOUNS.has(word)) return { first: p, last: p, mention: -1 }
  // A description: walk back to a determiner or a boundary.
  let first = p
  while (first - 1 >= floor && view.isWord(first - 1) && !NP_STOP.has(view.lower(first - 1)) && p - first < 7) {
    first--
    if (DETERMINERS.has(view.lower(first))) break
  }
  const head = word
  if (NP_STOP.has(head) || DETERMINERS.has(head) || SPEECH_VERBS.has(head)) return null
  const firstWord = view.lower(first)
  const isDescription = DETERMINERS.has(firstWord) || ANONYMOUS_HEADS.has(head) || first === floor || view.isCapitalised(first)
  if (!isDescription) return null
  if (/^(?:his|her|their|its|our|my|your)$/.test(firstWord) && first === p) return null
  return { first, last: p, mention: -1 }
}

/**
 * Resolves a speaker phrase to an entity. Pronouns and descriptions look back for the most recent
 * fitting person or organisation, preferring earlier speakers over other mentions; never to
 * `notByPronoun` (the article's own outlet: "told Wikinews" does not make Wikinews the "they" that
 * speaks next).
 */
export function resolveSpeaker(
  doc: Document,
  view: TokenView,
  span: SpeakerSpan,
  recentSpeakers: readonly number[],
  notByPronoun: number | null = null,
): SpeakerRef {
  const start = view.start(span.first)
  const end = view.end(span.last)
  if (span.mention >= 0) {
    const mention = view.mentions[span.mention]!
    return { start: mention.start, end: mention.end, entity: mention.entity, anonymous: false }
  }
  const phrase = view.text.slice(start, end).toLowerCase()
  const possessive = POSSESSIVE_PRONOUNS.get(phrase)
  const pronoun = PRONOUNS.get(phrase) ?? (possessive?.person === 'first' ? possessive.kind : undefined)
  if (pronoun) {
    const wanted = pronoun === 'person' ? 'PERSON' : pronoun === 'thing' ? 'ORG' : 'ORG'
    const entity = lastEntityBefore(doc, start, wanted, recentSpeakers, notByPronoun)
    return { start, end, entity, anonymous: false }
  }
  // "his claim that ...", "her acknowledgment that ...": the owner is nearly always the nearest
  // name before it ("Mrs. Clinton has been frank in her acknowledgment"), not the last speaker.
  if (possessive) {
    const entity = lastEntityBefore(doc, start, possessive.kind === 'person' ? 'PERSON' : 'ORG', [], notByPronoun)
    return { start, end, entity, anonymous: false }
  }
  const head = phrase.split(/\s+/).pop() ?? ''
  // An acronym head ("the IMF") may stand for an organisation named in full.
  const upperHead = /^\p{Lu}{2,6}$/u.test(view.text.slice(start, end).split(/\s+/).pop() ?? '')
  const byRole = entityByDescription(doc, start, head, upperHead)
  if (byRole >= 0) return { start, end, entity: byRole, anonymous: false }
  const anonymous = ANONYMOUS_HEADS.has(head) || ANONYMOUS_HEADS.has(head.replace(/s$/, ''))
  return { start, end, entity: -1, anonymous }
}

function lastEntityBefore(doc: Document, offset: number, type: 'PERSON' | 'ORG', recentSpeakers: readonly number[], skip: number | null): number {
  for (let i = recentSpeakers.length - 1; i >= 0; i--) {
    const entity = recentSpeakers[i]!
    if (entity >= 0 && entity !== skip && doc.entities[entity]!.type === type) return entity
  }
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const mention = doc.mentions[i]!
    if (mention.end <= offset && mention.type === type && (skip === null || mention.entity !== skip)) return mention.entity
  }
  return -1
}

/** "the minister" → the person whose role mentions a minister; "the ministry", "the IMF" → an ORG named so (or so aliased). */
function entityByDescription(doc: Document, offset: number, head: string, upperHead: boolean): number {
  if (head.length < 3) return -1
  let best = -1
  let bestAt = -1
  doc.entities.forEach((entity, index) => {
    const fits =
      (entity.type === 'PERSON' && entity.roles.some((role) => role.text.toLowerCase().split(/\s+/).includes(head))) ||
      (entity.type === 'ORG' &&
        [entity.name, ...entity.aliases].some((name) => name.toLowerCase().split(/\s+/).includes(head) || (upperHead && initialsOf(name) === head.toUpperCase())))
    if (!fits) return
    for (const m of entity.mentions) {
      const at = doc.mentions[m]!.start
      if (at < offset && at > bestAt) {
        bestAt = at
        best = index
      }
    }
  })
  return best
}
