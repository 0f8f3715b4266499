/**
 * Roles and affiliations of people, read off the text around their mentions: a title before the
 * name ("Sheikh", "Foreign Minister"), a premodifier ending in a role noun ("Egyptian political
 * analyst Hamdi Bekheet"), or an apposition after or before the name ("X, a member of the ...
 * Council,", "a Chilean political analyst, Z, said").
 */
import type { Document, Mention } from '../../doc/document.js'
import type { Role } from '../../doc/schema.js'
import { TokenFlag, TokenKind } from '../../doc/tokens.js'
import { ROLE_NOUNS } from '../../lexicon/people.js'
import { SPEECH_VERBS } from '../../lexicon/speech.js'

const MAX_PREMODIFIER = 5
const MAX_APPOSITION = 16
/** Words of a possessor name before "'s" in a role ("United Arab Emirates's envoy"). */
const MAX_POSSESSOR_WORDS = 4
const APPOSITION_OPENERS = new Set(['a', 'an', 'the', 'former', 'acting', 'deputy', 'senior', 'veteran', 'leading', 'head', 'chief', 'member', 'director', 'spokesman', 'spokeswoman'])
const ARTICLES = /^(?:a|an|the)\s+/i
/** Words a premodifier never reaches back over: determiners, prepositions, conjunctions, auxiliaries ("coined in [advice columnist] Dan Savage's"). */
const PREMODIFIER_STOPS = new Set(`a an the and or but said by to of with for in on at from into as after before about against over under
  between during since than that which who whom while when because is was are were be been has have had`.split(/\s+/))

const personTokenCache = new WeakMap<Document, Uint8Array>()

/** 1 for every token inside a person mention (computed once per document: findRoles runs per mention). */
function personTokens(doc: Document): Uint8Array {
  let marks = personTokenCache.get(doc)
  if (!marks) {
    marks = new Uint8Array(doc.requireTokens().count)
    for (const m of doc.mentions) if (m.type === 'PERSON') marks.fill(1, m.tokenStart, m.tokenEnd)
    personTokenCache.set(doc, marks)
  }
  return marks
}

export function findRoles(doc: Document, mention: Mention): Role[] {
  const tokens = doc.requireTokens()
  const lower = (t: number): string => doc.text.slice(tokens.start[t]!, tokens.end[t]!).toLowerCase()
  const isWord = (t: number): boolean => tokens.kind[t] === TokenKind.Word
  const isComma = (t: number): boolean => t >= 0 && t < tokens.count && doc.text.slice(tokens.start[t]!, tokens.end[t]!) === ','
  const roles: Role[] = []
  const push = (start: number, end: number, kind: Role['kind']): void => {
    const text = doc.text.slice(start, end)
    const article = ARTICLES.exec(text)
    const from = article ? start + article[0].length : start
    if (end > from) roles.push({ ...doc.span(from, end), kind })
  }

  if (mention.title) push(mention.title.start, mention.title.end, 'title')

  // Premodifier: lowercase words (and demonyms) ending in a role noun, right before the name or
  // its title ("Sunni cleric Sheikh Abdul Malik al-Saadi").
  const nameStart = mention.title ? firstTokenAt(mention.title.start) : mention.tokenStart
  const before = nameStart - 1
  if (before >= 0 && isWord(before) && ROLE_NOUNS.has(lower(before))) {
    let first = before
    while (
      first - 1 >= 0 &&
      before - first < MAX_PREMODIFIER &&
      isWord(first - 1) &&
      !PREMODIFIER_STOPS.has(lower(first - 1)) &&
      !SPEECH_VERBS.has(lower(first - 1)) &&
      // a lowercase word right after a person's name is that person's verb: "Al Thani received [Hezbollah leader] Hassan Nasrallah's envoy"
      !(isLowercase(first - 1) && isPersonToken(first - 2))
    )
      first--
    push(tokens.start[first]!, tokens.end[before]!, 'premodifier')
  }

  // Apposition after the name: ", a member of the Supreme Council," up to the next comma or end.
  const after = mention.tokenEnd
  if (isComma(after)) {
    let last = after + 1
    while (last < tokens.count && last - after < MAX_APPOSITION && !isComma(last) && !/^[.;:!?"“”]$/.test(doc.text.slice(tokens.start[last]!, tokens.end[last]!)) && !SPEECH_VERBS.has(lower(last))) last++
    const phraseFirst = after + 1
    const phraseLast = last - 1
    if (phraseLast >= phraseFirst && looksLikeRole(phraseFirst, phraseLast)) push(tokens.start[phraseFirst]!, tokens.end[phraseLast]!, 'apposition')
  }

  // Apposition before the name: "a Chilean political analyst, Z, said", "France's president, W, said".
  if (isComma(nameStart - 1) && isComma(mention.tokenEnd)) {
    const last = nameStart - 2
    let first = last
    while (first - 1 >= 0 && last - first < MAX_APPOSITION && !isComma(first - 1) && !/^[.;:!?"“”]$/.test(doc.text.slice(tokens.start[first - 1]!, tokens.end[first - 1]!)) && (first - 1 < 0 || !isSentenceStart(first))) first--
    const opens = ['a', 'an', 'the'].includes(lower(first)) || possessiveAt(first, last) > first
    if (last >= first && opens && looksLikeRole(first, last)) push(tokens.start[first]!, tokens.end[last]!, 'apposition')
  }
  return roles

  function isLowercase(t: number): boolean {
    return /^\p{Ll}/u.test(doc.text.slice(tokens.start[t]!, tokens.end[t]!))
  }

  function isPersonToken(t: number): boolean {
    return t >= 0 && personTokens(doc)[t] === 1
  }

  function looksLikeRole(first: number, last: number): boolean {
    // "a member of ...", "the head of ...", "Egypt's foreign minister", "Saudi Arabia's foreign minister".
    const possessive = possessiveAt(first, last) > first
    if (!APPOSITION_OPENERS.has(lower(first)) && !possessive) return false
    for (let t = first; t <= Math.min(last, first + 6); t++) if (ROLE_NOUNS.has(lower(t))) return true
    return false
  }

  /** The "'s" token after a short capitalised name at `first` ("Saudi Arabia's"), or -1. */
  function possessiveAt(first: number, last: number): number {
    for (let t = first + 1; t <= Math.min(last, first + MAX_POSSESSOR_WORDS); t++) {
      if (/^['’]s$/.test(lower(t))) return t
      if (!isWord(t) || (tokens.flags[t]! & TokenFlag.Capitalised) === 0) return -1
    }
    return -1
  }

  function firstTokenAt(offset: number): number {
    let t = mention.tokenStart
    while (t > 0 && tokens.start[t]! > offset) t--
    return t
  }

  function isSentenceStart(t: number): boolean {
    return (tokens.flags[t]! & TokenFlag.SentenceStart) !== 0
  }
}
