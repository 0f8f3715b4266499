/**
 * Document → `whosaid/1` JSON record: resolves indexes into ids (`E1`, `S1`) and every offset pair
 * into a standoff span with its text.
 */
import { createHash } from 'node:crypto'
import type { Document } from './document.js'
import { SCHEMA_ID, type Analysis, type Article } from './schema.js'

/** The identity of an article in every store: its normalised text plus the metadata we keep. */
export function contentHash(article: Article): string {
  const hash = createHash('sha256')
  hash.update(article.text)
  hash.update('\u0000')
  hash.update(JSON.stringify([article.headline, article.outlet, article.published, article.url]))
  return hash.digest('hex')
}

export function toAnalysis(doc: Document, pipeline: ReadonlyArray<{ name: string; version: string }>): Analysis {
  const entityId = (index: number): string | null => (index >= 0 ? `E${index + 1}` : null)
  return {
    schema: SCHEMA_ID,
    article: doc.article,
    sentences: doc.sentences.map(({ start, end }) => ({ start, end })),
    entities: doc.entities.map((entity, index) => ({
      id: entityId(index)!,
      type: entity.type,
      name: entity.name,
      aliases: entity.aliases,
      roles: entity.roles,
      mentions: entity.mentions.map((m) => doc.span(doc.mentions[m]!.start, doc.mentions[m]!.end)),
    })),
    statements: doc.statements.map((statement, index) => {
      const entity = statement.speaker.entity
      const speakerSpan = doc.span(statement.speaker.start, statement.speaker.end)
      return {
        id: `S${index + 1}`,
        kind: statement.kind,
        speaker: {
          ...speakerSpan,
          entity: entityId(entity),
          name: entity >= 0 ? doc.entities[entity]!.name : speakerSpan.text,
          anonymous: statement.speaker.anonymous,
        },
        cue: doc.span(statement.cue.start, statement.cue.end),
        content: doc.span(statement.content.start, statement.content.end),
      }
    }),
    claims: [],
    relations: [],
    diagnostics: doc.diagnostics,
    provenance: {
      offsets: 'utf16',
      pipeline: pipeline.map(({ name, version }) => ({ name, version })),
      contentHash: contentHash(doc.article),
    },
  }
}
