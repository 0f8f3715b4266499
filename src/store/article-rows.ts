/**
 * What storing one analysed article writes, for either backend: the article row, then the rows of
 * its child tables (entities, every name and role of each, statements), as plain values in column
 * order. The backends differ only in how they send them (sqlite/write.ts: one prepared INSERT per
 * row; postgres/write.ts: one multi-row INSERT per table), never in what a row holds.
 */
import type { Analysis } from '../doc/schema.js'
import { nameKey } from './name-key.js'

/** Columns of the article row, in the order of `AnalysisRows.article`. */
export const ARTICLE_COLUMNS = [
  'content_hash', 'headline', 'outlet', 'section', 'byline', 'published', 'modified', 'url', 'language',
  'source', 'ingested_at', 'sort_date', 'statement_count', 'entity_count', 'text', 'analysis', 'outlet_key',
] as const

/**
 * The child tables, in the order they are written (names, roles and statements refer to entities),
 * each with its columns after `article_id` and their PostgreSQL types (SQLite needs none).
 */
export const CHILD_TABLES = {
  entities: { local_id: 'text', type: 'text', name: 'text', name_key: 'text' },
  entity_names: { entity_id: 'text', seq: 'int', name: 'text', name_key: 'text' },
  entity_roles: { entity_id: 'text', seq: 'int', kind: 'text', start: 'int', end: 'int', text: 'text' },
  statements: {
    local_id: 'text', seq: 'int', kind: 'text',
    speaker_entity: 'text', speaker_name: 'text', speaker_key: 'text', speaker_anonymous: 'boolean',
    speaker_start: 'int', speaker_end: 'int', speaker_text: 'text',
    cue_start: 'int', cue_end: 'int', cue_text: 'text',
    content_start: 'int', content_end: 'int', content_text: 'text',
    stance_label: 'text', stance_score: 'float8',
  },
} as const satisfies Record<string, Record<string, string>>

export type ChildTable = keyof typeof CHILD_TABLES
export type Value = string | number | boolean | null

export interface AnalysisRows {
  article: Value[]
  /** Per child table, its rows without `article_id` (known only once the article row is in). */
  children: Record<ChildTable, Value[][]>
}

/** SQL identifiers of a column list, quoted (`end` is a keyword in both dialects). */
export function columnList(columns: readonly string[]): string {
  return columns.map((column) => `"${column}"`).join(', ')
}

export function analysisRows(analysis: Analysis, source: string, ingestedAt: string): AnalysisRows {
  const { article } = analysis
  const names: Value[][] = []
  for (const entity of analysis.entities) {
    // Two spellings that fold to the same key ("Shoukry", "SHOUKRY") are one lookup key: the first wins.
    const keys = new Set<string>()
    ;[entity.name, ...entity.aliases].forEach((name, seq) => {
      const key = nameKey(name)
      if (keys.has(key)) return
      keys.add(key)
      names.push([entity.id, seq, name, key])
    })
  }
  return {
    article: [
      analysis.provenance.contentHash,
      article.headline,
      article.outlet,
      article.section,
      article.byline,
      article.published,
      article.modified,
      article.url,
      article.language,
      source,
      ingestedAt,
      // What "newest first", "since" and "until" compare: the publication date, else the ingestion time.
      article.published ?? ingestedAt,
      analysis.statements.length,
      analysis.entities.length,
      article.text,
      JSON.stringify(analysis),
      article.outlet === null ? null : nameKey(article.outlet),
    ],
    children: {
      entities: analysis.entities.map((entity) => [entity.id, entity.type, entity.name, nameKey(entity.name)]),
      entity_names: names,
      entity_roles: analysis.entities.flatMap((entity) =>
        entity.roles.map((role, seq): Value[] => [entity.id, seq, role.kind, role.start, role.end, role.text]),
      ),
      statements: analysis.statements.map((statement, seq) => {
        const { speaker, cue, content } = statement
        const stance = stanceOf(statement)
        return [
          statement.id, seq, statement.kind,
          speaker.entity, speaker.name, nameKey(speaker.name), speaker.anonymous,
          speaker.start, speaker.end, speaker.text,
          cue.start, cue.end, cue.text,
          content.start, content.end, content.text,
          stance.label, stance.score,
        ]
      }),
    },
  }
}

/**
 * The stance the stance stage puts on a statement (`{label, score}`), read defensively: the field
 * is optional, and older records and other pipelines do not have it.
 */
export function stanceOf(statement: object): { label: string | null; score: number | null } {
  const stance = (statement as { stance?: unknown }).stance
  if (typeof stance !== 'object' || stance === null) return { label: null, score: null }
  const { label, score } = stance as { label?: unknown; score?: unknown }
  return {
    label: typeof label === 'string' && label !== '' ? label : null,
    score: typeof score === 'number' && Number.isFinite(score) ? score : null,
  }
}
