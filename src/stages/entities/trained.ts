/**
 * Entity mentions from the trained recogniser (src/backbone/ner), sentence by sentence. The model
 * finds and types the names; titles written before a person's name ("Egyptian Foreign Minister",
 * "Sheikh", "Dr.") are kept out of the mention and recorded on it, as the rule-based stage does, so
 * the resolution stage can turn them into roles.
 */
import type { Mention } from '../../doc/document.js'
import { TokenFlag, TokenKind, type TokenColumns } from '../../doc/tokens.js'
import { loadNer, type Ner } from '../../backbone/ner/index.js'
import { placeOrGroupType } from '../../lexicon/places.js'
import { KNOWN_GROUP_PHRASES, KNOWN_GROUPS, PERSON_TITLES } from '../../lexicon/people.js'
import { COMMON_WORDS } from '../../lexicon/common-words.js'
import { NEWS_OUTLETS } from '../../lexicon/media.js'
import { foldSpellings } from '../../lexicon/transliteration.js'
import { nameParts, outletKey } from './names.js'
import type { RecognizeInput } from './recognize.js'

let shared: Ner | null = null

const MAX_TITLE_WORDS = 6

/** Name keys of the news agencies and outlets articles cite (src/lexicon/media.ts). */
const OUTLET_KEYS = new Set(NEWS_OUTLETS.map(outletKey))

/** Name keys of the bodies and groups that are organisations whatever the model reads (src/lexicon/people.ts). */
const GROUP_KEYS = new Set([...KNOWN_GROUPS, ...KNOWN_GROUP_PHRASES].map(outletKey))

/** Places whose name starts with "The" (the word after it, lowercased). */
const NAMES_WITH_THE = new Set(['hague', 'gambia', 'bahamas'])

/** Reads the NER model now (otherwise on the first `recognizeWithModel`). */
export function loadNerModel(): void {
  shared ??= loadNer()
  shared.load()
}

export function recognizeWithModel({ text, tokens, sentences, outlet }: RecognizeInput): Mention[] {
  shared ??= loadNer()
  const ownOutlet = outlet ? outletKey(outlet) : null
  const mentions: Mention[] = []
  const words: string[] = []
  for (const sentence of sentences) {
    words.length = 0
    for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) words.push(text.slice(tokens.start[t]!, tokens.end[t]!))
    for (const entity of shared.recognize(words)) {
      let first = sentence.tokenStart + entity.start
      const last = sentence.tokenStart + entity.end - 1
      let type = entity.type
      // "Grand Imam of Al-Azhar" reaches us as "of Al-Azhar" once the title is cut: an office, whose
      // holder is named elsewhere; what follows "of" is the organisation.
      if (type === 'PERSON' && lower(first) === 'of' && first < last) {
        first++
        type = placeOrGroupType(text.slice(tokens.start[first]!, tokens.end[last]!)) ?? 'ORG'
      }
      // A sentence-initial "The" read into an organisation or place ("The Arab League") is not part
      // of its name, except for the few places whose name holds it.
      if (type !== 'PERSON' && first < last && lower(first) === 'the' && !NAMES_WITH_THE.has(lower(first + 1))) first++
      // A news agency or outlet, or the article's own, is an organisation: the model reads "Reuters"
      // as a surname and "Asharq Al-Awsat" as an Arabic personal name.
      // So is a well-known body or armed group: the model reads "al Qaeda" as a place.
      if (type !== 'ORG') {
        const surface = text.slice(tokens.start[first]!, tokens.end[last]!)
        const key = outletKey(surface)
        if (OUTLET_KEYS.has(key) || key === ownOutlet || (GROUP_KEYS.has(key) && /\p{Lu}/u.test(surface))) type = 'ORG'
      }
      // People are not named after "the": a "person" written "the Sinai" is the place of that name.
      if (type === 'PERSON' && first > sentence.tokenStart && lower(first - 1) === 'the') {
        type = placeOrGroupType(text.slice(tokens.start[first]!, tokens.end[last]!)) ?? type
      }
      // "Secretary of State Mike Pompeo": a common word left at the front belongs to the title.
      while (type === 'PERSON' && last - first >= 2 && COMMON_WORDS.has(lower(first))) first++
      const title = type === 'PERSON' ? titleBefore(text, tokens, first, sentence.tokenStart) : null
      mentions.push({
        start: tokens.start[first]!,
        end: tokens.end[last]!,
        tokenStart: first,
        tokenEnd: last + 1,
        type,
        entity: -1,
        title,
      })
    }
  }
  return addSurnameMentions(text, tokens, sentences, withoutNamePairs(text, mentions))

  function lower(t: number): string {
    return text.slice(tokens.start[t]!, tokens.end[t]!).toLowerCase()
  }
}

/**
 * A "person" written as two surnames joined by a hyphen is two people named together ("the
 * Trump-Clinton debate", "the Clinton-Kaine ticket") when the article names each of them apart and
 * never together: the mention goes. "Lopez-Cantera" after "Carlos Lopez-Cantera" stays, since one
 * person's name holds both parts.
 */
function withoutNamePairs(text: string, mentions: Mention[]): Mention[] {
  const hyphenated = (mention: Mention): boolean => mention.type === 'PERSON' && mention.tokenEnd - mention.tokenStart === 1 && text.slice(mention.start, mention.end).includes('-')
  if (!mentions.some(hyphenated)) return mentions
  const partsOf = mentions.map((mention) => (mention.type === 'PERSON' ? nameParts(text.slice(mention.start, mention.end)) : []))
  const pairShaped = (index: number): boolean => hyphenated(mentions[index]!) && partsOf[index]!.length === 2
  const isPair = (index: number): boolean => {
    if (!pairShaped(index)) return false
    const [a, b] = partsOf[index]! as [string, string]
    let apartA = false
    let apartB = false
    for (let other = 0; other < mentions.length; other++) {
      if (other === index || mentions[other]!.type !== 'PERSON') continue
      const hasA = partsOf[other]!.includes(a)
      const hasB = partsOf[other]!.includes(b)
      // "Clinton-Trump" beside "Trump-Clinton" is the same pairing, not a name holding both
      if (hasA && hasB && !pairShaped(other)) return false
      apartA ||= hasA
      apartB ||= hasB
    }
    return apartA && apartB
  }
  const kept = mentions.filter((_, index) => !isPair(index))
  return kept.length === mentions.length ? mentions : kept
}

/**
 * Later short mentions the model can miss out of context ("Shoukry told reporters" after "Sameh
 * Shoukry"): a capitalised word outside any mention that repeats part of a person's name in the
 * article is a mention of that person. Name parts compare with their vowels folded (Shukri for
 * Shoukry), except for a common English word, which must be spelt as the name is: folded, "About"
 * reads as "Abbott", "Meet" as "Mitt", "More" as "Moore" and "His" as "Hess", while "Brown" after
 * "Jerry Brown" is still his.
 */
function addSurnameMentions(text: string, tokens: TokenColumns, sentences: RecognizeInput['sentences'], mentions: Mention[]): Mention[] {
  const personParts = new Set<string>()
  const personSpellings = new Set<string>()
  for (const mention of mentions) {
    if (mention.type !== 'PERSON') continue
    const name = text.slice(mention.start, mention.end)
    for (const part of nameParts(name)) personParts.add(part)
    for (const part of foldSpellings(name).split(' ')) personSpellings.add(part)
  }
  if (personParts.size === 0) return mentions
  const covered = new Uint8Array(tokens.count)
  for (const mention of mentions) covered.fill(1, mention.tokenStart, mention.tokenEnd)
  const added: Mention[] = []
  for (const sentence of sentences) {
    for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) {
      if (covered[t] || tokens.kind[t] !== TokenKind.Word || !(tokens.flags[t]! & TokenFlag.Capitalised)) continue
      const word = text.slice(tokens.start[t]!, tokens.end[t]!)
      const parts = nameParts(word)
      if (parts.length !== 1 || !personParts.has(parts[0]!) || PERSON_TITLES.has(word.toLowerCase())) continue
      if (COMMON_WORDS.has(word.toLowerCase()) && !personSpellings.has(foldSpellings(word))) continue
      added.push({ start: tokens.start[t]!, end: tokens.end[t]!, tokenStart: t, tokenEnd: t + 1, type: 'PERSON', entity: -1, title: titleBefore(text, tokens, t, sentence.tokenStart) })
    }
  }
  return added.length ? [...mentions, ...added].sort((a, b) => a.start - b.start) : mentions
}

/**
 * The title right before a person's name: the capitalised words (and an inner "of") that end where
 * the name starts, when they hold a title word ("U.S. Secretary of State", "Egyptian Foreign
 * Minister", "Sheikh", "Dr.").
 */
function titleBefore(text: string, tokens: TokenColumns, nameStart: number, floor: number): { start: number; end: number } | null {
  const lower = (t: number): string => text.slice(tokens.start[t]!, tokens.end[t]!).toLowerCase()
  const capitalised = (t: number): boolean => tokens.kind[t] === TokenKind.Word && (tokens.flags[t]! & TokenFlag.Capitalised) !== 0
  let first = nameStart
  while (first - 1 >= floor && nameStart - first < MAX_TITLE_WORDS) {
    const t = first - 1
    if (capitalised(t) || (lower(t) === 'of' && t - 1 >= floor && capitalised(t - 1))) first = t
    else break
  }
  let hasTitle = false
  for (let t = first; t < nameStart; t++) if (PERSON_TITLES.has(lower(t)) || PERSON_TITLES.has(lower(t).replace(/\.$/, ''))) hasTitle = true
  if (!hasTitle) return null
  return { start: tokens.start[first]!, end: tokens.end[nameStart - 1]! }
}
