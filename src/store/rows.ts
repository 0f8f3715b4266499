/**
 * Row shapes read back from either store and their mapping to the store's public types. Both
 * backends have the same tables and column names (sqlite/migrations.ts, postgres/migrations.ts), so
 * the column lists and mappings are shared; the one difference is that SQLite has no boolean type
 * and answers 0 or 1 for `speaker_anonymous`.
 */
import type { Statement } from '../doc/schema.js'
import type { ArticleSummary, StatementHit } from './store.js'

/** The columns StatementRow describes, from `statements s JOIN articles a`. */
export const STATEMENT_COLUMNS = `s.article_id, s.local_id, s.kind, s.speaker_entity, s.speaker_name, s.speaker_anonymous,
  s.speaker_start, s.speaker_end, s.speaker_text, s.cue_start, s.cue_end, s.cue_text,
  s.content_start, s.content_end, s.content_text, s.stance_label, s.stance_score, a.headline, a.outlet, a.published`

export interface StatementRow {
  article_id: number
  local_id: string
  kind: Statement['kind']
  speaker_entity: string | null
  speaker_name: string
  speaker_anonymous: boolean | 0 | 1
  speaker_start: number
  speaker_end: number
  speaker_text: string
  cue_start: number
  cue_end: number
  cue_text: string
  content_start: number
  content_end: number
  content_text: string
  stance_label: string | null
  stance_score: number | null
  headline: string | null
  outlet: string | null
  published: string | null
}

/** The hit for a row; the snippet is the content itself unless the search computed one. */
export function toStatementHit(row: StatementRow, snippet?: string): StatementHit {
  const statement: Statement = {
    id: row.local_id,
    kind: row.kind,
    speaker: {
      start: row.speaker_start,
      end: row.speaker_end,
      text: row.speaker_text,
      entity: row.speaker_entity,
      name: row.speaker_name,
      anonymous: row.speaker_anonymous === true || row.speaker_anonymous === 1,
    },
    cue: { start: row.cue_start, end: row.cue_end, text: row.cue_text },
    content: { start: row.content_start, end: row.content_end, text: row.content_text },
  }
  // The stance stage's field, carried only when the record had it (the schema may not name it yet).
  if (row.stance_label !== null) Object.assign(statement, { stance: { label: row.stance_label, score: row.stance_score } })
  return {
    articleId: row.article_id,
    headline: row.headline,
    outlet: row.outlet,
    published: row.published,
    statement,
    speakerName: row.speaker_name,
    snippet: snippet ?? row.content_text,
  }
}

export const SUMMARY_COLUMNS = `id, content_hash, headline, outlet, published, source, statement_count, entity_count, ingested_at`

export interface SummaryRow {
  id: number
  content_hash: string
  headline: string | null
  outlet: string | null
  published: string | null
  source: string
  statement_count: number
  entity_count: number
  ingested_at: string
}

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    contentHash: row.content_hash,
    headline: row.headline,
    outlet: row.outlet,
    published: row.published,
    source: row.source,
    statementCount: row.statement_count,
    entityCount: row.entity_count,
    ingestedAt: row.ingested_at,
  }
}
