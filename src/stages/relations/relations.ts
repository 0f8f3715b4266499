/**
 * Relations stated in the text between two entities: who leads what, who is a member of or has a
 * role in what, who is backed by (or loyal to) whom, and what is located where. Read from the roles
 * the entities stage found (titles, premodifiers, appositions: roles.ts), from copulas ("X is the
 * head of Y"), from verbs and participles ("X heads Y", "Y, headed by X", "Y, backed by X", "Y,
 * based in X"), from compounds ("Iran-backed Y", "Cairo-based Y") and from "City, Country".
 * Both sides must be entities of the article, so every relation can be followed to its mentions.
 */
import type { Document, Mention, Offsets, RelationAnnotation } from '../../doc/document.js'
import type { RelationType } from '../../doc/schema.js'
import { ROLE_NOUNS } from '../../lexicon/people.js'
import { countryOf } from '../../lexicon/places.js'
import { TokenView } from '../attribute/context.js'
import { findRoles } from '../entities/roles.js'

const words = (block: string): Set<string> => new Set(block.split(/\s+/).filter(Boolean))

/** Role nouns that mean running the thing named with them ("president of", "head of"). */
const LEADER_NOUNS = words(`president leader head chief chairman chairwoman chair director ceo king queen emir
  premier chancellor governor mayor commander secretary-general director-general sultan founder-president`)
const MEMBER_NOUNS = words('member members mp lawmaker lawmakers legislator legislators')
/** Words before a leader noun that make it a lesser role ("former president", "deputy head"). */
const LESSER = words('former deputy vice assistant ex- under honorary')
const COPULAS = words('is was remains became becomes')
const LEAD_VERBS = words('heads leads chairs runs headed led chaired ran')
const LEAD_PARTICIPLES = words('headed led chaired run')
const BACKING_PARTICIPLES = words('backed supported funded armed sponsored financed')
const PLACE_PARTICIPLES = words('based headquartered located')
/** Hyphen compounds: "Iran-backed X", "Saudi-led X", "Cairo-based X". */
const COMPOUND = /^(.+?)[-‐‑](backed|supported|funded|sponsored|allied|based)$/i
const MAX_COPULA_PHRASE = 12
/** Object types a role or relation can point to; people are linked through statements instead. */
const OBJECT_TYPES = new Set(['ORG', 'GPE', 'NORP', 'LOC'])

export function findRelations(doc: Document): RelationAnnotation[] {
  const view = new TokenView(doc)
  const found = new Map<string, RelationAnnotation>()
  const add = (relation: RelationAnnotation): void => {
    if (relation.subject < 0 || relation.object < 0 || relation.subject === relation.object) return
    const key = `${relation.type}|${relation.subject}|${relation.object}`
    if (!found.has(key)) found.set(key, relation)
  }
  const mentions = doc.mentions
  /** A NORP demonym stands for its country when the article names that country too ("Iranian" → Iran). */
  const countryEntity = new Map<string, number>()
  doc.entities.forEach((entity, index) => {
    const match = entity.type === 'GPE' ? countryOf(entity.name) : undefined
    if (match?.as === 'name' && !countryEntity.has(match.country.names[0]!)) countryEntity.set(match.country.names[0]!, index)
  })
  const objectEntity = (mention: Mention): number => {
    if (mention.type !== 'NORP') return mention.entity
    const match = countryOf(doc.text.slice(mention.start, mention.end))
    return (match && countryEntity.get(match.country.names[0]!)) ?? mention.entity
  }
  const offsets = (m: Mention): Offsets => ({ start: m.start, end: m.end })
  const cover = (...parts: Offsets[]): Offsets => ({ start: Math.min(...parts.map((p) => p.start)), end: Math.max(...parts.map((p) => p.end)) })

  for (const mention of mentions) {
    if (mention.entity < 0) continue
    if (mention.type === 'PERSON') fromRoles(mention)
    if (mention.type === 'PERSON' || mention.type === 'ORG') {
      fromCopula(mention)
      fromVerb(mention)
    }
    if (mention.type === 'ORG' || mention.type === 'PERSON') fromParticiple(mention)
    if (mention.type === 'GPE') fromPlacePair(mention)
  }
  fromCompounds()
  return [...found.values()].sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end)

  /** Roles of a person that name an organisation, place or group: "Saudi Arabia's foreign minister, X". */
  function fromRoles(person: Mention): void {
    for (const role of findRoles(doc, person)) {
      const roleFirst = view.tokenAt(role.start)
      const head = headNoun(roleFirst, view.tokenAt(role.end - 1))
      for (const object of mentionsWithin(role)) {
        add({
          type: head >= 0 && isNextToHead(object, head) ? typeForHead(head, roleFirst) : 'role_in',
          subject: person.entity,
          object: objectEntity(object),
          subjectMention: offsets(person),
          objectMention: offsets(object),
          role: { start: role.start, end: role.end },
          pattern: role.kind === 'copula' ? 'copula' : role.kind,
          evidence: cover(person, role),
        })
      }
      // "Iranian President X", "Iran's Foreign Minister X": the group or place sits before the title.
      if (role.kind === 'title') {
        const object = possessorBefore(view.tokenAt(role.start))
        if (object) {
          const head = headNoun(view.tokenAt(role.start), view.tokenAt(role.end - 1))
          add({
            type: head >= 0 ? typeForHead(head, view.tokenAt(role.start)) : 'role_in',
            subject: person.entity,
            object: objectEntity(object),
            subjectMention: offsets(person),
            objectMention: offsets(object),
            role: { start: role.start, end: role.end },
            pattern: 'premodifier',
            evidence: cover(object, person),
          })
        }
      }
    }
  }

  /** "X is Saudi Arabia's foreign minister", "X was a member of the council". */
  function fromCopula(subject: Mention): void {
    let t = subject.tokenEnd
    if (t >= view.tokens.count || !COPULAS.has(view.lower(t))) return
    t++
    // A copula phrase opens with an article, a name ("Saudi Arabia's ...") or a role noun; anything
    // else is a passive or an adverb ("was instead put through", "was forced to resign").
    const opener = t < view.tokens.count ? view.lower(t) : ''
    if (!['a', 'an', 'the'].includes(opener) && !view.isCapitalised(t) && !ROLE_NOUNS.has(opener)) return
    if (['a', 'an', 'the'].includes(opener)) t++
    const first = t
    let last = first - 1
    while (last + 1 < view.tokens.count && last + 1 - first < MAX_COPULA_PHRASE && !isBoundary(last + 1)) last++
    if (last < first) return
    const head = headNoun(first, last)
    if (head < 0 || head - first > 6) return
    const role = { start: view.start(first), end: view.end(last) }
    for (const object of mentionsWithin(role)) {
      if (object.entity === subject.entity) continue
      add({
        type: isNextToHead(object, head) ? typeForHead(head, first) : 'role_in',
        subject: subject.entity,
        object: objectEntity(object),
        subjectMention: offsets(subject),
        objectMention: offsets(object),
        role,
        pattern: 'copula',
        evidence: cover(subject, role),
      })
    }
  }

  /** "X heads Y", "X, who leads Y,". */
  function fromVerb(subject: Mention): void {
    let t = subject.tokenEnd
    if (view.isPunct(t, ',') && view.lower(t + 1) === 'who') t += 2
    else if (view.lower(t) === 'who') t++
    if (t >= view.tokens.count || !LEAD_VERBS.has(view.lower(t))) return
    const object = mentionStartingAt(t + 1)
    if (!object || (object.type !== 'ORG' && object.type !== 'GPE')) return
    add({ type: 'leads', subject: subject.entity, object: objectEntity(object), subjectMention: offsets(subject), objectMention: offsets(object), role: null, pattern: 'verb', evidence: cover(subject, object) })
  }

  /** "Y, headed by X", "Y, backed by X", "Y loyal to X", "Y, based in X". */
  function fromParticiple(thing: Mention): void {
    let t = thing.tokenEnd
    if (view.isPunct(t, ',')) t++
    if ((view.lower(t) === 'which' || view.lower(t) === 'who') && COPULAS.has(view.lower(t + 1))) t += 2
    if (t + 1 >= view.tokens.count) return
    const verb = view.lower(t)
    const preposition = view.lower(t + 1)
    let type: RelationType | null = null
    if (LEAD_PARTICIPLES.has(verb) && preposition === 'by') type = 'leads'
    else if (BACKING_PARTICIPLES.has(verb) && preposition === 'by') type = 'backed_by'
    else if ((verb === 'loyal' || verb === 'allied') && (preposition === 'to' || preposition === 'with')) type = 'backed_by'
    else if (PLACE_PARTICIPLES.has(verb) && preposition === 'in') type = 'located_in'
    if (!type) return
    const other = mentionStartingAt(t + 2)
    if (!other || other.entity < 0) return
    if (type === 'located_in' && other.type !== 'GPE' && other.type !== 'LOC') return
    // "Y, headed by X": X leads Y; the others read left to right.
    const [subject, object] = type === 'leads' ? [other, thing] : [thing, other]
    if (type === 'leads' && subject.type !== 'PERSON') return
    add({
      type,
      subject: subject.entity,
      object: objectEntity(object),
      subjectMention: offsets(subject),
      objectMention: offsets(object),
      role: null,
      pattern: 'participle',
      evidence: cover(thing, other),
    })
  }

  /** "Aceh, Indonesia": a place, then the country it is in. */
  function fromPlacePair(place: Mention): void {
    const t = place.tokenEnd
    if (!view.isPunct(t, ',')) return
    const country = mentionStartingAt(t + 1)
    if (!country || country.type !== 'GPE' || country.entity < 0) return
    const inner = countryOf(doc.text.slice(place.start, place.end))
    const outer = countryOf(doc.text.slice(country.start, country.end))
    // Two countries in a row are a list ("Sweden, Belgium, England"), not a place and its country.
    if (outer?.as !== 'name' || inner?.as === 'name') return
    if (inner && inner.country !== outer.country) return
    // "... in Aceh, Indonesia, and ...": the pair must not go on as a list of places.
    if (view.isPunct(country.tokenEnd, ',') && mentionStartingAt(country.tokenEnd + 1)?.type === 'GPE') return
    add({ type: 'located_in', subject: place.entity, object: country.entity, subjectMention: offsets(place), objectMention: offsets(country), role: null, pattern: 'place', evidence: cover(place, country) })
  }

  /** "Iran-backed Hezbollah", "Cairo-based Al-Ahram Center". */
  function fromCompounds(): void {
    for (let t = 0; t + 1 < view.tokens.count; t++) {
      const match = COMPOUND.exec(view.word(t))
      if (!match) continue
      const thing = mentionStartingAt(t + 1)
      if (!thing || thing.entity < 0 || (thing.type !== 'ORG' && thing.type !== 'PERSON')) continue
      const other = entityNamed(match[1]!)
      if (other < 0) continue
      const type: RelationType = match[2]!.toLowerCase() === 'based' ? 'located_in' : 'backed_by'
      const at = { start: view.start(t), end: view.end(t) }
      add({ type, subject: thing.entity, object: other, subjectMention: offsets(thing), objectMention: { start: at.start, end: at.start + match[1]!.length }, role: null, pattern: 'compound', evidence: cover(at, thing) })
    }
  }

  /** The article's entity a compound's first part names: by name or alias, or the country its demonym or capital names. */
  function entityNamed(word: string): number {
    const lower = word.toLowerCase()
    const byName = doc.entities.findIndex((entity) => entity.name.toLowerCase() === lower || entity.aliases.some((alias) => alias.toLowerCase() === lower))
    if (byName >= 0) return byName
    const match = countryOf(word)
    return match ? (countryEntity.get(match.country.names[0]!) ?? -1) : -1
  }

  function mentionsWithin(span: Offsets): Mention[] {
    const within: Mention[] = []
    for (let t = view.tokenAt(span.start); t < view.tokens.count && view.start(t) < span.end; t++) {
      const index = view.mentionAt[t]!
      const m = index >= 0 ? mentions[index]! : null
      if (m && m.tokenStart === t && m.entity >= 0 && OBJECT_TYPES.has(m.type) && m.start >= span.start && m.end <= span.end) within.push(m)
    }
    return within
  }

  function mentionStartingAt(t: number): Mention | null {
    if (t < view.tokens.count && view.lower(t) === 'the') t++
    const index = t < view.tokens.count ? view.mentionAt[t]! : -1
    if (index < 0) return null
    const mention = mentions[index]!
    return mention.tokenStart === t ? mention : null
  }

  /** A group or place mention right before token `t`, or before its "'s": "Iranian President", "Iran's President". */
  function possessorBefore(t: number): Mention | null {
    let p = t - 1
    if (p >= 0 && /^['’]s$/.test(view.lower(p))) p--
    const index = p >= 0 ? view.mentionAt[p]! : -1
    if (index < 0) return null
    const mention = mentions[index]!
    return mention.entity >= 0 && (mention.type === 'GPE' || mention.type === 'NORP' || mention.type === 'ORG') ? mention : null
  }

  /** The first role noun in tokens [first, last], or -1. */
  function headNoun(first: number, last: number): number {
    for (let t = first; t <= last; t++) if (ROLE_NOUNS.has(view.lower(t))) return t
    return -1
  }

  /** The object is the head noun's possessor or premodifier ("Iran's president", "Iranian president") or its prepositional object ("president of Iran"). */
  function isNextToHead(object: Mention, head: number): boolean {
    if (object.tokenEnd <= head) {
      for (let t = object.tokenEnd; t < head; t++) if (!view.isWord(t) || ['of', 'for', 'at', 'in', 'and'].includes(view.lower(t))) return false
      return true
    }
    let t = head + 1
    if (!['of', 'for', 'at', 'in', 'to'].includes(view.lower(t))) return false
    t++
    if (view.lower(t) === 'the') t++
    return object.tokenStart === t
  }

  /** The relation a role's head noun states; a lesser word anywhere before it in the role ("former", "deputy") makes it a plain role. */
  function typeForHead(head: number, roleFirst: number): RelationType {
    const noun = view.lower(head)
    const before = head > 0 ? view.lower(head - 1) : ''
    for (let t = roleFirst; t < head; t++) if (LESSER.has(view.lower(t))) return 'role_in'
    if (/^(?:vice|deputy|ex)[-‐‑]/.test(noun)) return 'role_in'
    if (MEMBER_NOUNS.has(noun)) return 'member_of'
    if (LEADER_NOUNS.has(noun) || (noun === 'minister' && before === 'prime')) return 'leads'
    return 'role_in'
  }

  function isBoundary(t: number): boolean {
    if (view.isPunct(t, ',', '.', ';', ':', '!', '?', '(', ')', '"', '“', '”')) return true
    return ['who', 'which', 'that', 'and', 'but', 'since', 'until', 'when', 'after', 'before'].includes(view.lower(t))
  }
}

