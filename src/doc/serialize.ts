/**
 * Document → `whosaid/1` JSON record: resolves indexes into ids (`E1`, `S1`) and every offset pair
 * into a standoff span with its text.
 */
import { createHash } from 'node:crypto'
import { printedSpeaker, type Document } from './document.js'
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
  const statementId = (index: number): string => `S${index + 1}`
  const span = (offsets: { start: number; end: number }) => doc.span(offsets.start, offsets.end)
  // Layers a pipeline did not run are left out, so "not run" and "ran, found nothing" stay apart.
  const stanceOf = (index: number) => {
    if (!doc.has('stance')) return {}
    const stance = doc.stances[index]
    return { stance: stance ? { label: stance.label, score: stance.score } : null }
  }
  const entityOf = (index: number) => doc.entities[index]
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
        id: statementId(index),
        kind: statement.kind,
        speaker: {
          ...speakerSpan,
          entity: entityId(entity),
          name: entity >= 0 ? doc.entities[entity]!.name : printedSpeaker(doc.text, statement.speaker),
          anonymous: statement.speaker.anonymous,
        },
        cue: doc.span(statement.cue.start, statement.cue.end),
        content: doc.span(statement.content.start, statement.content.end),
        ...stanceOf(index),
      }
    }),
    ...(doc.has('stance') ? { centralClaim: doc.centralClaim } : {}),
    ...(doc.has('question')
      ? { question: doc.question && { text: doc.question.text, alternatives: doc.question.alternatives.map((option) => ({ text: option.text, span: option.span && span(option.span) })) } }
      : {}),
    ...(doc.has('sources')
      ? {
          sources: doc.sources.map((source, index) => ({
            id: `P${index + 1}`,
            entity: entityId(source.entity),
            name: source.name,
            anonymous: source.anonymous,
            roles: source.entity >= 0 ? entityOf(source.entity)!.roles : [],
            statements: source.statements.map(statementId),
            stance: source.stance,
            alternative: source.alternative,
            evidence: source.evidence.map(({ start, end, statement, alternative, kind, effect, note }) => ({
              ...doc.span(start, end),
              statement: statement >= 0 ? statementId(statement) : null,
              alternative,
              kind,
              effect,
              note,
            })),
          })),
        }
      : {}),
    claims: doc.claims.map((claim, index) => ({
      id: `C${index + 1}`,
      ...span(claim),
      entities: claim.entities.map((entity) => entityId(entity)!),
      kinds: claim.kinds,
      evidence: claim.evidence.map(span),
    })),
    relations: doc.relations.map((relation) => ({
      type: relation.type,
      subject: entityId(relation.subject)!,
      object: entityId(relation.object)!,
      evidence: span(relation.evidence),
      subjectMention: span(relation.subjectMention),
      objectMention: span(relation.objectMention),
      role: relation.role && span(relation.role),
      pattern: relation.pattern,
    })),
    ...(doc.has('balance') && doc.balance ? { balance: doc.balance } : {}),
    diagnostics: doc.diagnostics,
    provenance: {
      offsets: 'utf16',
      pipeline: pipeline.map(({ name, version }) => ({ name, version })),
      contentHash: contentHash(doc.article),
    },
  }
}
