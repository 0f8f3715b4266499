/**
 * Rule-based named-entity recognition (v1; the trained tagger replaces it): capitalised runs with
 * name particles (al-, bin, Abd al-), titles split off as roles, typed by gazetteers, organisation
 * keywords, given names and context. Later single-word mentions are typed by earlier full names.
 */
import type { Mention } from '../../doc/document.js'
import { TokenFlag, TokenKind, type TokenColumns } from '../../doc/tokens.js'
import type { EntityType } from '../../doc/schema.js'
import { LONGEST_PLACE_WORDS, placeOrGroupType } from '../../lexicon/places.js'
import {
  GIVEN_NAMES, KNOWN_ORGS, NAME_PARTICLES, NAME_PREFIX, NOT_NAMES, ORG_KEYWORDS, PERSON_TITLES, ROLE_NOUNS,
} from '../../lexicon/people.js'
import { ANONYMOUS_HEADS, SPEECH_VERBS } from '../../lexicon/speech.js'
import { COMMON_WORDS } from '../../lexicon/common-words.js'
import { nameParts } from './names.js'

interface Run {
  first: number
  last: number // inclusive
}

export interface RecognizeInput {
  text: string
  tokens: TokenColumns
  sentences: ReadonlyArray<{ tokenStart: number; tokenEnd: number }>
  /** The article's own outlet (page metadata), when known: a mention of it is an organisation. */
  outlet?: string | null
}

export function recognizeEntities({ text, tokens, sentences }: RecognizeInput): Mention[] {
  const word = (index: number): string => text.slice(tokens.start[index]!, tokens.end[index]!)
  const lower = (index: number): string => word(index).toLowerCase()
  const isCapitalised = (index: number): boolean =>
    tokens.kind[index] === TokenKind.Word && (tokens.flags[index]! & TokenFlag.Capitalised) !== 0
  const isPrefixedName = (index: number): boolean => {
    const w = word(index)
    return tokens.kind[index] === TokenKind.Word && NAME_PREFIX.test(w) && /[-‐‑]\p{Lu}/u.test(w)
  }
  const isNameLike = (index: number): boolean => isCapitalised(index) || isPrefixedName(index)

  const runs: Run[] = []
  for (const sentence of sentences) {
    let i = sentence.tokenStart
    while (i < sentence.tokenEnd) {
      if (!isNameLike(i)) {
        i++
        continue
      }
      let last = i
      let hasOrgKeyword = ORG_KEYWORDS.has(lower(i))
      for (;;) {
        const next = last + 1
        if (next >= sentence.tokenEnd || (tokens.flags[next]! & (TokenFlag.LineStart | TokenFlag.ParagraphStart))) break
        if (isNameLike(next)) {
          last = next
          hasOrgKeyword ||= ORG_KEYWORDS.has(lower(next))
          continue
        }
        const connector = lower(next)
        // Particles inside names (Abd al Fattah, bin Salman) and "of" inside organisation or
        // office names (Ministry of Foreign Affairs, Secretary of State) join the run.
        const joinsName = NAME_PARTICLES.has(connector) && next + 1 < sentence.tokenEnd && isNameLike(next + 1)
        const joinsOrg =
          (connector === 'of' || connector === 'for') && (hasOrgKeyword || PERSON_TITLES.has(lower(last))) &&
          next + 1 < sentence.tokenEnd && isNameLike(next + 1)
        const joinsOrgWithThe =
          connector === 'of' && hasOrgKeyword && lower(next + 1) === 'the' && next + 2 < sentence.tokenEnd && isNameLike(next + 2)
        if (joinsName || joinsOrg) {
          last = next + 1
          hasOrgKeyword ||= ORG_KEYWORDS.has(lower(next + 1))
          continue
        }
        if (joinsOrgWithThe) {
          last = next + 2
          continue
        }
        break
      }
      runs.push({ first: i, last })
      i = last + 1
    }
  }

  const mentions: Mention[] = []
  const pendingSingles: Array<{ run: Run; title: Run | null }> = []
  const knownPersonParts = new Set<string>()

  for (const run of runs) {
    const titled = splitTitle(run, lower)
    let { first } = titled.name
    const { last } = titled.name
    // Drop capitalised function words at the front (The Ministry → Ministry, But Egypt → Egypt).
    while (first <= last && NOT_NAMES.has(lower(first)) && !titled.title) first++
    if (first > last) continue
    // "United States Hamdullah Mohib" (after "Ambassador to the"): a place name at the front of a
    // longer run is its own mention.
    const placeEnd = titled.office ? -1 : leadingPlaceEnd(first, last)
    if (placeEnd >= 0) {
      const place = text.slice(tokens.start[first]!, tokens.end[placeEnd]!)
      mentions.push(makeMention({ first, last: placeEnd }, placeOrGroupType(place)!, null))
      first = placeEnd + 1
    }
    const name: Run = { first, last }
    const surface = text.slice(tokens.start[first]!, tokens.end[last]!)
    // "the Grand Imam of Al-Azhar": the title is an office and what follows "of" is no person.
    const type = titled.office
      ? placeOrGroupType(surface) ?? (first === last && COMMON_WORDS.has(lower(first)) ? null : 'ORG')
      : classify(name, surface, titled.title !== null)
    if (type === null && titled.office) continue
    if (type === null) {
      pendingSingles.push({ run: name, title: titled.title })
      continue
    }
    if (type === 'PERSON') for (const part of nameParts(surface)) knownPersonParts.add(part)
    mentions.push(makeMention(name, type, titled.office ? null : titled.title))
  }

  // Single unknown words become PERSON when they repeat part of a person's name in the article
  // ("Bekheet said" after "Hamdi Bekheet"), or when a speech verb follows them directly.
  for (const { run, title } of pendingSingles) {
    const surface = text.slice(tokens.start[run.first]!, tokens.end[run.last]!)
    const sentenceInitial = (tokens.flags[run.first]! & TokenFlag.SentenceStart) !== 0
    const parts = nameParts(surface)
    const knownPart = parts.length > 0 && parts.every((part) => knownPersonParts.has(part))
    const notAName = [lower(run.first), lower(run.last)].some((w) => ANONYMOUS_HEADS.has(w) || ROLE_NOUNS.has(w) || PERSON_TITLES.has(w))
    const speaks = run.last + 1 < tokens.count && SPEECH_VERBS.has(lower(run.last + 1)) && !notAName && !sentenceInitialCommonWord(run, sentenceInitial)
    if (knownPart || speaks) mentions.push(makeMention(run, 'PERSON', title))
  }
  mentions.sort((a, b) => a.start - b.start)
  return mentions

  /** The last token of a gazetteer place that starts the run and leaves a name after it, or -1. */
  function leadingPlaceEnd(first: number, last: number): number {
    for (let i = run0(first, last); i >= first; i--) {
      const candidate = text.slice(tokens.start[first]!, tokens.end[i]!)
      const type = placeOrGroupType(candidate)
      if (type === 'GPE' || type === 'LOC') {
        for (let k = i + 1; k <= last; k++) if (ORG_KEYWORDS.has(lower(k))) return -1
        return i
      }
    }
    return -1
  }

  /** The furthest token a leading place may reach: it must leave at least two name tokens. */
  function run0(first: number, last: number): number {
    return Math.min(last - 2, first + LONGEST_PLACE_WORDS - 1)
  }

  function sentenceInitialCommonWord(run: Run, sentenceInitial: boolean): boolean {
    return sentenceInitial && run.first === run.last && NOT_NAMES.has(lower(run.first))
  }

  function makeMention(run: Run, type: EntityType, title: Run | null): Mention {
    return {
      start: tokens.start[run.first]!,
      end: tokens.end[run.last]!,
      tokenStart: run.first,
      tokenEnd: run.last + 1,
      type,
      entity: -1,
      title: title ? { start: tokens.start[title.first]!, end: tokens.end[title.last]! } : null,
    }
  }

  function classify(run: Run, surface: string, titled: boolean): EntityType | null {
    const lowerSurface = surface.toLowerCase()
    const gazetteer = placeOrGroupType(surface)
    if (gazetteer) return gazetteer
    const length = run.last - run.first + 1
    let orgKeyword = false
    let prefixed = false
    for (let i = run.first; i <= run.last; i++) {
      const w = lower(i)
      if (ORG_KEYWORDS.has(w)) orgKeyword = true
      if (NAME_PREFIX.test(w) || w === 'bin' || w === 'ibn' || w === 'abu' || w === 'bint') prefixed = true
    }
    if (KNOWN_ORGS.has(lowerSurface) || orgKeyword) return 'ORG'
    // "Prime Minister", "Afghan Ambassador", "State Department Spokesperson": an office, not a name.
    const lastWord = lower(run.last)
    if (PERSON_TITLES.has(lastWord) || ROLE_NOUNS.has(lastWord)) return null
    if (titled) return 'PERSON'
    const single = length === 1
    const allCaps = (tokens.flags[run.first]! & TokenFlag.AllCaps) !== 0
    if (single && allCaps && surface.length <= 6) return 'ORG'
    // Capitalised "Al-" alone names a newspaper, university or group (Al-Ahram, Al-Azhar) unless
    // it repeats part of a person named earlier (Al-Sisi after Abdel Fattah al-Sisi).
    if (single && /^Al[-‐‑]/.test(surface)) return nameParts(surface).every((part) => knownPersonParts.has(part)) ? 'PERSON' : 'ORG'
    if (prefixed) return 'PERSON'
    if (!single) {
      // Several capitalised words: a person unless they are common English words ("Global
      // Challenge Robot Olympics" is an event or organisation, "Hamdullah Mohib" a person).
      if (GIVEN_NAMES.has(lower(run.first))) return 'PERSON'
      for (let i = run.first; i <= run.last; i++) if (COMMON_WORDS.has(lower(i))) return 'ORG'
      return 'PERSON'
    }
    return null
  }
}

/**
 * Splits leading titles (Foreign Minister, Sheikh, Dr., Secretary of State) off a run. When the run
 * is a whole office ("Grand Imam of Al-Azhar"), `office` is set and the name is what follows "of".
 */
function splitTitle(run: Run, lower: (index: number) => string): { title: Run | null; name: Run; office: boolean } {
  let lastTitle = -1
  let ofAt = -1
  for (let i = run.first; i < run.last; i++) {
    const w = lower(i)
    if (PERSON_TITLES.has(w) || PERSON_TITLES.has(w.replace(/\.$/, ''))) lastTitle = i
    else if (w === 'of' && lastTitle === i - 1) {
      ofAt = i
      lastTitle = i + 1 // Secretary of State ...
    }
  }
  if (lastTitle >= 0 && lastTitle >= run.last && ofAt >= 0) {
    return { title: { first: run.first, last: ofAt }, name: { first: ofAt + 1, last: run.last }, office: true }
  }
  if (lastTitle < 0 || lastTitle >= run.last) return { title: null, name: run, office: false }
  return { title: { first: run.first, last: lastTitle }, name: { first: lastTitle + 1, last: run.last }, office: false }
}
