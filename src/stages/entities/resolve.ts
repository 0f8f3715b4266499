/**
 * Within-article entity resolution: mentions that name the same referent become one entity.
 * People match on transliteration-aware keys and on later partial mentions (surname only, given
 * name only, title + surname); other types match on their key. Then names introduced as aliases
 * ("X, known as Y") and acronyms join the entity they stand for. The canonical name is the fullest
 * person mention (or the first mention for other types, or the name an acronym spells out); every
 * other surface form is an alias.
 */
import type { Mention, ResolvedEntity } from '../../doc/document.js'
import { nameKey, nameParts } from './names.js'

/** What links a name to another name of the same referent right after it: "Mohamed Hamdan Dagalo, known as Hemedti". */
const ALIAS_BETWEEN = /^\s*[,(]\s*(?:(?:also|better|more commonly|commonly|popularly|widely)\s+)?(?:known as|nicknamed|dubbed)\s+["“‘']?$/i

/** Small words an acronym skips: "Organisation for the Prohibition of Chemical Weapons" is OPCW. */
const ACRONYM_SKIPS = new Set(['of', 'the', 'for', 'and', 'de', 'al', 'el'])

/** The initials of a name of several words ("Rapid Support Forces" → "RSF", "Mohammed bin Salman" → "MBS"), or null. */
export function initialsOf(name: string): string | null {
  const words = name.split(/[\s-]+/).filter((word) => /^\p{L}/u.test(word) && !ACRONYM_SKIPS.has(word.toLowerCase()))
  if (words.length < 2) return null
  return words.map((word) => word[0]!.toUpperCase()).join('')
}

/**
 * Folds entities that name the same referent in two ways the keys cannot see: a name introduced
 * as another's alias ("Mohamed Hamdan Dagalo, known as Hemedti") and an acronym ("the Rapid
 * Support Forces" ... "RSF", "Mohammed bin Salman" ... "MBS"). Returns which entities were folded
 * away (now empty).
 */
function mergeAliases(text: string, mentions: Mention[], entities: ResolvedEntity[]): boolean[] {
  const merged = entities.map(() => false)
  const fold = (from: number, into: number): void => {
    if (from === into || merged[from] || merged[into]) return
    const target = entities[into]!
    const folded = entities[from]!
    for (const m of folded.mentions) mentions[m]!.entity = into
    target.mentions.push(...folded.mentions)
    for (const name of [folded.name, ...folded.aliases]) if (name !== target.name && !target.aliases.includes(name)) target.aliases.push(name)
    target.roles.push(...folded.roles)
    folded.mentions = []
    merged[from] = true
  }
  const byStart = mentions.map((_, index) => index).sort((a, b) => mentions[a]!.start - mentions[b]!.start)
  for (let i = 0; i + 1 < byStart.length; i++) {
    const named = mentions[byStart[i]!]!
    const alias = mentions[byStart[i + 1]!]!
    if (named.type !== alias.type || named.entity < 0 || alias.entity < 0) continue
    if (ALIAS_BETWEEN.test(text.slice(named.end, alias.start))) fold(alias.entity, named.entity)
  }
  // Acronyms of organisations and of people ("MBS"); the recogniser may read an organisation's
  // acronym that acts as a speaker as a person ("The RSF said"), so its mentions take the type of
  // the name it stands for.
  const byInitials = new Map<string, number[]>()
  entities.forEach((entity, index) => {
    if (entity.type !== 'ORG' && entity.type !== 'PERSON') return
    const initials = initialsOf(entity.name)
    if (initials) byInitials.set(initials, [...(byInitials.get(initials) ?? []), index])
  })
  for (const [index, entity] of entities.entries()) {
    if ((entity.type !== 'ORG' && entity.type !== 'PERSON') || !/^\p{Lu}{2,6}$/u.test(entity.name)) continue
    const full = byInitials.get(entity.name) ?? []
    if (full.length !== 1) continue
    const into = full[0]!
    // People go by the initials of several names (FDR, MBS); a "person" named by one hyphenated
    // word whose initials the article uses ("Hewlett-Packard" ... "HP", "Rolls-Royce" ... "RR") is a
    // company the recogniser read as a double-barrelled surname.
    if (entities[into]!.type === 'PERSON' && !/\s/.test(entities[into]!.name)) {
      entities[into]!.type = 'ORG'
      for (const m of entities[into]!.mentions) mentions[m]!.type = 'ORG'
    }
    for (const m of entity.mentions) mentions[m]!.type = entities[into]!.type
    fold(index, into)
  }
  return merged
}

export function resolveMentions(text: string, mentions: Mention[]): ResolvedEntity[] {
  const entities: ResolvedEntity[] = []
  const keys: string[] = []
  const partsOf: string[][] = []

  const order = mentions.map((_, index) => index)
  const surfaces = mentions.map((mention) => text.slice(mention.start, mention.end))
  const partsOfMention = surfaces.map((surface) => nameParts(surface))
  // Longer person names first, so a surname-only mention earlier in the text (a headline, a
  // caption) still finds the full name that appears later.
  order.sort((a, b) => {
    const ma = mentions[a]!
    const mb = mentions[b]!
    if (ma.type === 'PERSON' && mb.type === 'PERSON') {
      const diff = partsOfMention[b]!.length - partsOfMention[a]!.length
      if (diff !== 0) return diff
    }
    return ma.start - mb.start
  })

  for (const index of order) {
    const mention = mentions[index]!
    const surface = surfaces[index]!
    const key = nameKey(surface)
    const parts = partsOfMention[index]!
    let target = -1
    for (let e = 0; e < entities.length; e++) {
      if (entities[e]!.type !== mention.type) continue
      if (keys[e] === key) {
        target = e
        break
      }
      if (mention.type === 'PERSON' && parts.length > 0 && parts.length < partsOf[e]!.length) {
        const known = partsOf[e]!
        if (parts.every((part) => known.includes(part))) {
          target = e
          break
        }
      }
    }
    if (target < 0) {
      target = entities.length
      entities.push({ type: mention.type, name: surface, aliases: [], roles: [], mentions: [] })
      keys.push(key)
      partsOf.push(parts)
    }
    const entity = entities[target]!
    entity.mentions.push(index)
    mention.entity = target
    if (surface !== entity.name && !entity.aliases.includes(surface)) entity.aliases.push(surface)
  }

  const merged = mergeAliases(text, mentions, entities)

  // Number entities by first appearance, the order a reader meets them.
  const firstMention = entities.map((entity) => Math.min(...entity.mentions.map((m) => mentions[m]!.start)))
  const renumber = entities
    .map((_, index) => index)
    .filter((index) => !merged[index])
    .sort((a, b) => firstMention[a]! - firstMention[b]!)
  const newIndex = new Map(renumber.map((oldIndex, position) => [oldIndex, position]))
  for (const mention of mentions) if (mention.entity >= 0) mention.entity = newIndex.get(mention.entity)!
  const sorted = renumber.map((oldIndex) => entities[oldIndex]!)
  for (const entity of sorted) entity.mentions.sort((a, b) => a - b)
  return sorted
}
