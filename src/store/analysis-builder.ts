/**
 * Builds `whosaid/1` analyses by hand for tests. Specs name spans by their text and the builder finds
 * the offsets, so a fixture can never carry a span whose text and offsets disagree.
 */
import { contentHash } from '../doc/serialize.js'
import { SCHEMA_ID, type Analysis, type Article, type EntityType, type Role, type Span, type Statement } from '../doc/schema.js'

export interface EntitySpec {
  type: EntityType
  name: string
  aliases?: string[]
  /** Role texts as they appear in the article ("Foreign Minister"). */
  roles?: Array<{ text: string; kind: Role['kind'] }>
}

export interface StatementSpec {
  kind: Statement['kind']
  /** Speaker text as printed ("Shoukry", "officials familiar with the talks"). */
  speaker: string
  /** Canonical name of the speaker's entity; omitted = resolved from the speaker text; null = unresolved. */
  entity?: string | null
  anonymous?: boolean
  cue: string
  content: string
  /** A passage of the text holding the whole statement, when its parts also occur elsewhere. */
  within?: string
}

export interface AnalysisSpec {
  article: Partial<Omit<Article, 'text'>> & { text: string }
  entities?: EntitySpec[]
  statements?: StatementSpec[]
}

export function buildAnalysis(spec: AnalysisSpec): Analysis {
  const article: Article = {
    text: spec.article.text,
    headline: spec.article.headline ?? null,
    outlet: spec.article.outlet ?? null,
    section: spec.article.section ?? null,
    byline: spec.article.byline ?? null,
    published: spec.article.published ?? null,
    modified: spec.article.modified ?? null,
    captions: spec.article.captions ?? [],
    language: spec.article.language ?? 'eng',
    url: spec.article.url ?? null,
  }
  const text = article.text
  const entitySpecs = spec.entities ?? []
  const mentionsTaken: Span[] = []
  const entities = entitySpecs.map((entity, index) => ({
    id: `E${index + 1}`,
    type: entity.type,
    name: entity.name,
    aliases: entity.aliases ?? [],
    roles: (entity.roles ?? []).map((role) => ({ ...locate(text, role.text), kind: role.kind })),
    mentions: findMentions(text, [entity.name, ...(entity.aliases ?? [])], mentionsTaken),
  }))

  const statements = (spec.statements ?? []).map((statement, index): Statement => {
    const region = statement.within ? locate(text, statement.within) : { start: 0, end: text.length, text }
    const taken: Span[] = []
    const content = locate(text, statement.content, region, taken)
    const cue = locate(text, statement.cue, region, taken)
    const speakerSpan = locate(text, statement.speaker, region, taken)
    const entityIndex = resolveSpeaker(statement, entitySpecs)
    return {
      id: `S${index + 1}`,
      kind: statement.kind,
      speaker: {
        ...speakerSpan,
        entity: entityIndex >= 0 ? entities[entityIndex]!.id : null,
        name: entityIndex >= 0 ? entities[entityIndex]!.name : speakerSpan.text,
        anonymous: statement.anonymous ?? false,
      },
      cue,
      content,
    }
  })

  return {
    schema: SCHEMA_ID,
    article,
    sentences: splitSentences(text),
    entities,
    statements,
    claims: [],
    relations: [],
    diagnostics: [],
    provenance: { offsets: 'utf16', pipeline: [{ name: 'fixture', version: '1' }], contentHash: contentHash(article) },
  }
}

/** First occurrence of `needle` inside `region` that overlaps none of `taken`; records it in `taken`. */
export function locate(text: string, needle: string, region: Span = { start: 0, end: text.length, text }, taken: Span[] = []): Span {
  for (let at = text.indexOf(needle, region.start); at >= 0 && at + needle.length <= region.end; at = text.indexOf(needle, at + 1)) {
    const span = { start: at, end: at + needle.length, text: needle }
    if (taken.some((t) => t.start < span.end && span.start < t.end)) continue
    taken.push(span)
    return span
  }
  throw new Error(`fixture: ${JSON.stringify(needle)} not found in ${JSON.stringify(region.text.slice(0, 60))}…`)
}

/** Every whole-word occurrence of any of the names, longest names first, never overlapping. */
function findMentions(text: string, names: string[], taken: Span[]): Span[] {
  const found: Span[] = []
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const span = { start: at, end: at + name.length, text: name }
      const wholeWord = !/\p{L}/u.test(text[at - 1] ?? '') && !/\p{L}/u.test(text[span.end] ?? '')
      if (!wholeWord || taken.some((t) => t.start < span.end && span.start < t.end)) continue
      taken.push(span)
      found.push(span)
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

function resolveSpeaker(statement: StatementSpec, entities: EntitySpec[]): number {
  if (statement.entity === null) return -1
  const byName = statement.entity ?? statement.speaker
  const index = entities.findIndex((e) => e.name === byName || (statement.entity === undefined && e.aliases?.includes(byName)))
  if (index < 0 && statement.entity !== undefined) throw new Error(`fixture: no entity named ${JSON.stringify(statement.entity)}`)
  return index
}

function splitSentences(text: string): Array<{ start: number; end: number }> {
  const sentences: Array<{ start: number; end: number }> = []
  for (const match of text.matchAll(/[^\s][^.!?]*(?:[.!?]+["”’]?|$)/g)) {
    sentences.push({ start: match.index, end: match.index + match[0].length })
  }
  return sentences
}
