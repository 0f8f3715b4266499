/**
 * Which alternative of a question headline a source's statements support, read from the article's
 * own evidence. A statement points at an alternative when its content names it, or names something
 * the article ties to it: a capital or demonym ("Riyadh", "Iranian" → the country), a person or
 * organisation whose role or relation links it there ("France's president, W" → France). Negations
 * and words of opposition in the same clause turn the mention against the alternative ("would not
 * side with Tehran", "Iran is a threat"). Every decision lists the spans that drove it.
 */
import type { Document, Offsets, QuestionAnnotation, SourceEvidenceAnnotation } from '../../doc/document.js'
import type { SourceEvidence } from '../../doc/schema.js'
import { countryOf, type CountryEntry, type CountryMatch } from '../../lexicon/places.js'
import { TokenView } from '../attribute/context.js'

const words = (block: string): Set<string> => new Set(block.split(/\s+/).filter(Boolean))

/** Words that flip the direction of a mention in their clause. "nor" is left out: "neither A nor B" negates both once. */
const NEGATORS = words("not n't never no neither cannot without nobody none")
/** Words of opposition: a mention in their clause goes against the alternative. */
const OPPOSITION = words(`against oppose opposes opposed opposing opposition threat threats threaten threatens threatened
  enemy enemies hostile hostility reject rejects rejected rejecting condemn condemns condemned accuse accuses accused
  blame blames blamed rift rivalry rival rivals sever severed sanction sanctions sanctioned attack attacks attacked
  interference meddling aggression destabilise destabilize destabilising destabilizing danger dangerous abandon
  abandoned betray betrayed confront confrontation criticise criticize criticised criticized distance distanced`)
/** Phrases after which a mention is the option turned down: "Riyadh rather than Tehran". */
const CONTRAST_PHRASES: readonly string[][] = [['rather', 'than'], ['instead', 'of'], ['away', 'from']]
/** Words that end a clause inside a statement's content. */
const CLAUSE_BREAKERS = words('but while whereas although though however')

/** How one entity of the article points at an alternative, with the text that says so. */
interface Pointer {
  option: number
  note: string
  /** The span that ties the entity to the option (an apposition, a role); null when the name itself says it. */
  tie: Offsets | null
}

interface Hit {
  statement: number
  option: number
  effect: SourceEvidence['effect']
  mention: Offsets
  note: string
  tie: Offsets | null
  polarity: Offsets[]
}

export interface AlternativeDecision {
  alternative: string
  evidence: SourceEvidenceAnnotation[]
}

/** Reads every statement once; `decide` then weighs the statements of one source. */
export class AlternativeReader {
  private readonly view: TokenView
  private readonly options: QuestionAnnotation['alternatives']
  private readonly countries: Array<CountryEntry | null>
  private readonly pointers: Pointer[][]
  private readonly hits: Hit[][]
  /** Relations by subject entity. */
  private readonly relationsOf = new Map<number, Document['relations']>()

  constructor(private readonly doc: Document, question: QuestionAnnotation) {
    this.view = new TokenView(doc)
    for (const relation of doc.relations) {
      const list = this.relationsOf.get(relation.subject) ?? []
      list.push(relation)
      this.relationsOf.set(relation.subject, list)
    }
    this.options = question.alternatives
    this.countries = this.options.map((option) => countryOf(option.text)?.country ?? null)
    this.pointers = doc.entities.map((_, index) => this.entityPointers(index))
    this.hits = doc.statements.map((_, index) => this.statementHits(index))
  }

  decide(statements: readonly number[], speaker: { entity: number; start: number; end: number }): AlternativeDecision {
    const totals = this.options.map(() => 0)
    const evidence: SourceEvidenceAnnotation[] = []
    for (const statement of statements) {
      for (const hit of this.hits[statement]!) {
        totals[hit.option]! += hit.effect === 'supports' ? 1 : -1
        evidence.push(...this.explain(hit))
      }
    }
    const supported = totals.flatMap((total, option) => (total > 0 ? [option] : []))
    if (supported.length === 1) return { alternative: this.options[supported[0]!]!.text, evidence }
    if (supported.length > 1) return { alternative: 'split', evidence }
    // A two-way choice: turning one side down, and naming the other nowhere, leaves the other.
    const opposed = totals.flatMap((total, option) => (total < 0 ? [option] : []))
    if (this.options.length === 2 && opposed.length === 1 && totals[1 - opposed[0]!] === 0) return { alternative: this.options[1 - opposed[0]!]!.text, evidence }
    if (evidence.length > 0) return { alternative: 'none', evidence }
    // Statements that name no side: a source that is itself tied to one side speaks for it.
    const affiliation = this.affiliation(speaker)
    return affiliation.length > 0 && new Set(affiliation.map((e) => e.alternative)).size === 1
      ? { alternative: affiliation[0]!.alternative, evidence: affiliation }
      : { alternative: 'none', evidence: [] }
  }

  private explain(hit: Hit): SourceEvidenceAnnotation[] {
    const alternative = this.options[hit.option]!.text
    const base = { statement: hit.statement, alternative, effect: hit.effect }
    const items: SourceEvidenceAnnotation[] = [{ ...hit.mention, ...base, kind: 'mention', note: hit.note }]
    for (const cue of hit.polarity) items.push({ ...cue, ...base, kind: 'polarity', note: `"${this.doc.text.slice(cue.start, cue.end)}" in the same clause turns it ${hit.effect === 'supports' ? 'back for' : 'against'} ${alternative}` })
    if (hit.tie) items.push({ ...hit.tie, ...base, kind: 'tie', note: hit.note })
    return items
  }

  /** The alternatives the speaker itself is tied to: its entity's pointers, or country words in an unresolved speaker ("Iranian officials"). */
  private affiliation(speaker: { entity: number; start: number; end: number }): SourceEvidenceAnnotation[] {
    const items: SourceEvidenceAnnotation[] = []
    const add = (option: number, span: Offsets, note: string): void => {
      items.push({ ...span, statement: -1, alternative: this.options[option]!.text, kind: 'affiliation', effect: 'supports', note })
    }
    if (speaker.entity >= 0) {
      for (const pointer of this.pointers[speaker.entity]!) add(pointer.option, pointer.tie ?? { start: speaker.start, end: speaker.end }, `the source: ${pointer.note}`)
      return items
    }
    const first = this.view.tokenAt(speaker.start)
    for (let t = first; t < this.view.tokens.count && this.view.start(t) < speaker.end; t++) {
      const match = countryOf(this.view.word(t))
      const option = match ? this.optionOfCountry(match) : -1
      if (option >= 0) add(option, { start: this.view.start(t), end: this.view.end(t) }, `the source: ${describe(this.view.word(t), match!)}`)
    }
    return items
  }

  /** How entity `index` points at the alternatives: by name, as a country's capital or demonym, or tied by a relation or role. */
  private entityPointers(index: number): Pointer[] {
    const entity = this.doc.entities[index]!
    const direct = this.namePointers(entity.name, entity.type, [entity.name, ...entity.aliases])
    if (direct.length > 0) return direct
    const pointers: Pointer[] = []
    const add = (pointer: Pointer): void => {
      if (!pointers.some((p) => p.option === pointer.option)) pointers.push(pointer)
    }
    // Ties stated in the text: "Saudi Arabia's foreign minister, X", "X, the Iranian president", "Iran-backed X".
    for (const relation of this.relationsOf.get(index) ?? []) {
      const object = this.doc.entities[relation.object]!
      for (const pointer of this.namePointers(object.name, object.type, [object.name, ...object.aliases])) {
        const tieText = this.doc.text.slice(relation.evidence.start, relation.evidence.end)
        add({ option: pointer.option, note: `${entity.name} is tied to ${this.options[pointer.option]!.text} by "${tieText}"`, tie: relation.evidence })
      }
    }
    // Roles whose words name a country even when no entity was found for it ("Iranian envoy").
    for (const role of entity.roles) {
      for (const word of role.text.split(/[\s,]+/)) {
        const match = countryOf(word.replace(/['’]s$/, ''))
        const option = match ? this.optionOfCountry(match) : -1
        if (option >= 0) add({ option, note: `${entity.name} is tied to ${this.options[option]!.text} by the role "${role.text}"`, tie: { start: role.start, end: role.end } })
      }
    }
    return pointers
  }

  /** Alternatives a name stands for: the option itself, or the same country by another name, its capital or demonym. */
  private namePointers(name: string, type: string, forms: string[]): Pointer[] {
    const pointers: Pointer[] = []
    this.options.forEach((option, index) => {
      if (forms.some((form) => form.toLowerCase() === option.text.toLowerCase())) pointers.push({ option: index, note: `names ${option.text}`, tie: null })
    })
    if (pointers.length > 0 || type === 'PERSON') return pointers
    const match = countryOf(name) ?? (type === 'ORG' ? countryOf(name.split(/\s+/)[0]!) : undefined)
    const option = match ? this.optionOfCountry(match) : -1
    if (option >= 0) pointers.push({ option, note: type === 'ORG' && countryOf(name) === undefined ? `"${name}" is named after ${this.options[option]!.text}` : describe(name, match!), tie: null })
    return pointers
  }

  private optionOfCountry(match: CountryMatch): number {
    return this.countries.findIndex((country) => country === match.country)
  }

  /** The alternatives the content of statement `index` names, each with its direction. */
  private statementHits(index: number): Hit[] {
    const { content } = this.doc.statements[index]!
    const view = this.view
    const hits: Hit[] = []
    const first = view.tokenAt(content.start)
    let t = first
    while (t < view.tokens.count && view.end(t) <= content.end) {
      const mentionIndex = view.mentionAt[t]!
      const mention = mentionIndex >= 0 ? this.doc.mentions[mentionIndex]! : null
      const span = mention ? { start: mention.start, end: mention.end } : { start: view.start(t), end: view.end(t) }
      const pointers = mention && mention.entity >= 0 ? this.mentionPointers(mention.entity, view.text.slice(span.start, span.end)) : this.wordPointers(view.word(t))
      // A name tied to several alternatives says nothing about the choice.
      if (pointers.length === 1) {
        const pointer = pointers[0]!
        const polarity = this.polarity(t, mention ? mention.tokenEnd - 1 : t, first, content.end)
        hits.push({ statement: index, option: pointer.option, effect: polarity.effect, mention: span, note: pointer.note, tie: pointer.tie, polarity: polarity.cues })
      }
      t = mention ? Math.max(mention.tokenEnd, t + 1) : t + 1
    }
    return hits
  }

  private mentionPointers(entity: number, surface: string): Pointer[] {
    const pointers = this.pointers[entity]!
    if (pointers.length > 0 || this.doc.entities[entity]!.type === 'PERSON') return pointers
    return this.wordPointers(surface)
  }

  /** A word outside any entity: a capital, demonym or country name, also as the first part of "Saudi-led", "Iran-backed". */
  private wordPointers(word: string): Pointer[] {
    const part = word.split(/[-‐‑]/)[0]!
    const match = countryOf(word) ?? (part !== word ? countryOf(part) : undefined)
    const option = match ? this.optionOfCountry(match) : -1
    return option >= 0 ? [{ option, note: describe(part !== word && !countryOf(word) ? part : word, match!), tie: null }] : []
  }

  /** Direction of a mention in tokens [from, to] within its clause of the content: negators flip it, opposition words turn it against. */
  private polarity(from: number, to: number, contentFirst: number, contentEnd: number): { effect: SourceEvidence['effect']; cues: Offsets[] } {
    const view = this.view
    let start = from
    while (start - 1 >= contentFirst && !this.breaksClause(start - 1)) start--
    let end = to
    while (end + 1 < view.tokens.count && view.end(end + 1) <= contentEnd && !this.breaksClause(end + 1)) end++
    const cues: Offsets[] = []
    const at = (t: number): Offsets => ({ start: view.start(t), end: view.end(t) })
    // "Riyadh rather than Tehran": what follows the contrast is turned down, whatever else the clause says.
    for (let t = start; t + 1 < from; t++) {
      const phrase = CONTRAST_PHRASES.find(([a, b]) => view.lower(t) === a && view.lower(t + 1) === b)
      if (phrase) return { effect: 'opposes', cues: [{ start: view.start(t), end: view.end(t + 1) }] }
    }
    let flips = 0
    let opposition = false
    for (let t = start; t <= end; t++) {
      if (t >= from && t <= to) continue
      const word = view.lower(t)
      if (NEGATORS.has(word)) {
        flips++
        cues.push(at(t))
      } else if (OPPOSITION.has(word)) {
        opposition = true
        cues.push(at(t))
      } else if (CONTRAST_PHRASES.some(([a, b]) => view.lower(t - 1) === a && word === b)) {
        // The mention is the preferred side of "X rather than Y": the contrast does not touch it.
        break
      }
    }
    const against = opposition !== (flips % 2 === 1)
    return { effect: against ? 'opposes' : 'supports', cues }
  }

  private breaksClause(t: number): boolean {
    return this.view.isPunct(t, ',', ';', ':', '—', '–', '(', ')') || CLAUSE_BREAKERS.has(this.view.lower(t))
  }
}

function describe(word: string, match: CountryMatch): string {
  const country = match.country.names[0]!
  if (match.as === 'capital') return `${word} is the capital of ${country}`
  if (match.as === 'demonym') return `"${word}" refers to ${country}`
  return word.toLowerCase() === country.toLowerCase() ? `names ${country}` : `${word} is another name for ${country}`
}
