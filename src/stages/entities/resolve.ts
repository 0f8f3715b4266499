/**
 * Within-article entity resolution: mentions that name the same referent become one entity.
 * People match on transliteration-aware keys and on later partial mentions (surname only, given
 * name only, title + surname); other types match on their key. The canonical name is the fullest
 * person mention (or the first mention for other types); every other surface form is an alias.
 */
import type { Mention, ResolvedEntity } from '../../doc/document.js'
import { nameKey, nameParts } from './names.js'

export function resolveMentions(text: string, mentions: Mention[]): ResolvedEntity[] {
  const entities: ResolvedEntity[] = []
  const keys: string[] = []
  const partsOf: string[][] = []

  const order = mentions.map((_, index) => index)
  // Longer person names first, so a surname-only mention earlier in the text (a headline, a
  // caption) still finds the full name that appears later.
  order.sort((a, b) => {
    const ma = mentions[a]!
    const mb = mentions[b]!
    if (ma.type === 'PERSON' && mb.type === 'PERSON') {
      const diff = nameParts(text.slice(mb.start, mb.end)).length - nameParts(text.slice(ma.start, ma.end)).length
      if (diff !== 0) return diff
    }
    return ma.start - mb.start
  })

  for (const index of order) {
    const mention = mentions[index]!
    const surface = text.slice(mention.start, mention.end)
    const key = nameKey(surface)
    const parts = nameParts(surface)
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

  // Number entities by first appearance, the order a reader meets them.
  const firstMention = entities.map((entity) => Math.min(...entity.mentions.map((m) => mentions[m]!.start)))
  const renumber = entities.map((_, index) => index).sort((a, b) => firstMention[a]! - firstMention[b]!)
  const newIndex = new Map(renumber.map((oldIndex, position) => [oldIndex, position]))
  for (const mention of mentions) if (mention.entity >= 0) mention.entity = newIndex.get(mention.entity)!
  const sorted = renumber.map((oldIndex) => entities[oldIndex]!)
  for (const entity of sorted) entity.mentions.sort((a, b) => a - b)
  return sorted
}
