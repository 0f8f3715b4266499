/**
 * Writes one analysed article: the article row, its entities with every name and role, and its
 * statements (the FTS index follows by trigger). The caller wraps this in a transaction.
 */
import type Database from 'better-sqlite3'
import type { Analysis } from '../../doc/schema.js'
import { nameKey } from '../name-key.js'

/**
 * Statements prepared once per connection: preparing them for every article cost a tenth of the
 * write time of a corpus ingest.
 */
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

function prepared(db: Database.Database, sql: string): Database.Statement {
  let statements = statementCache.get(db)
  if (!statements) statementCache.set(db, (statements = new Map()))
  let statement = statements.get(sql)
  if (!statement) statements.set(sql, (statement = db.prepare(sql)))
  return statement
}

export function insertAnalysis(db: Database.Database, analysis: Analysis, source: string, ingestedAt: string): number {
  const { article } = analysis
  const articleId = Number(
    prepared(
      db,
      `INSERT INTO articles (content_hash, headline, outlet, section, byline, published, modified, url, language,
         source, ingested_at, sort_date, statement_count, entity_count, text, analysis, outlet_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(
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
        article.published ?? ingestedAt,
        analysis.statements.length,
        analysis.entities.length,
        article.text,
        JSON.stringify(analysis),
        article.outlet === null ? null : nameKey(article.outlet),
      ).lastInsertRowid,
  )

  const insertEntity = prepared(db, 'INSERT INTO entities (article_id, local_id, type, name, name_key) VALUES (?, ?, ?, ?, ?)')
  // OR IGNORE: two spellings that fold to the same key ("Shoukry", "SHOUKRY") are one lookup key.
  const insertName = prepared(
    db,
    'INSERT OR IGNORE INTO entity_names (article_id, entity_id, seq, name, name_key) VALUES (?, ?, ?, ?, ?)',
  )
  const insertRole = prepared(
    db,
    'INSERT INTO entity_roles (article_id, entity_id, seq, kind, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  for (const entity of analysis.entities) {
    insertEntity.run(articleId, entity.id, entity.type, entity.name, nameKey(entity.name))
    ;[entity.name, ...entity.aliases].forEach((name, seq) => insertName.run(articleId, entity.id, seq, name, nameKey(name)))
    entity.roles.forEach((role, seq) => insertRole.run(articleId, entity.id, seq, role.kind, role.start, role.end, role.text))
  }

  const insertStatement = prepared(
    db,
    `INSERT INTO statements (article_id, local_id, seq, kind, speaker_entity, speaker_name, speaker_key, speaker_anonymous,
       speaker_start, speaker_end, speaker_text, cue_start, cue_end, cue_text, content_start, content_end, content_text,
       stance_label, stance_score)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  analysis.statements.forEach((statement, seq) => {
    const { speaker, cue, content } = statement
    const stance = stanceOf(statement)
    insertStatement.run(
      articleId,
      statement.id,
      seq,
      statement.kind,
      speaker.entity,
      speaker.name,
      nameKey(speaker.name),
      speaker.anonymous ? 1 : 0,
      speaker.start,
      speaker.end,
      speaker.text,
      cue.start,
      cue.end,
      cue.text,
      content.start,
      content.end,
      content.text,
      stance.label,
      stance.score,
    )
  })
  return articleId
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
