/**
 * Writes one analysed article: the article row, its entities with every name and role, and its
 * statements (the FTS index follows by trigger). The caller wraps this in a transaction.
 */
import type Database from 'better-sqlite3'
import type { Analysis } from '../../doc/schema.js'
import { nameKey } from '../name-key.js'

export function insertAnalysis(db: Database.Database, analysis: Analysis, source: string, ingestedAt: string): number {
  const { article } = analysis
  const articleId = Number(
    db
      .prepare(
        `INSERT INTO articles (content_hash, headline, outlet, section, byline, published, modified, url, language,
           source, ingested_at, sort_date, statement_count, entity_count, text, analysis)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      ).lastInsertRowid,
  )

  const insertEntity = db.prepare('INSERT INTO entities (article_id, local_id, type, name, name_key) VALUES (?, ?, ?, ?, ?)')
  // OR IGNORE: two spellings that fold to the same key ("Shoukry", "SHOUKRY") are one lookup key.
  const insertName = db.prepare(
    'INSERT OR IGNORE INTO entity_names (article_id, entity_id, seq, name, name_key) VALUES (?, ?, ?, ?, ?)',
  )
  const insertRole = db.prepare(
    'INSERT INTO entity_roles (article_id, entity_id, seq, kind, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  for (const entity of analysis.entities) {
    insertEntity.run(articleId, entity.id, entity.type, entity.name, nameKey(entity.name))
    ;[entity.name, ...entity.aliases].forEach((name, seq) => insertName.run(articleId, entity.id, seq, name, nameKey(name)))
    entity.roles.forEach((role, seq) => insertRole.run(articleId, entity.id, seq, role.kind, role.start, role.end, role.text))
  }

  const insertStatement = db.prepare(
    `INSERT INTO statements (article_id, local_id, seq, kind, speaker_entity, speaker_name, speaker_key, speaker_anonymous,
       speaker_start, speaker_end, speaker_text, cue_start, cue_end, cue_text, content_start, content_end, content_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  analysis.statements.forEach((statement, seq) => {
    const { speaker, cue, content } = statement
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
    )
  })
  return articleId
}
