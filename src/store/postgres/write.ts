/**
 * Writes one analysed article on a connection that is inside a transaction: the article row (or
 * nothing, when its content hash is already stored), then its entities with every name and role,
 * and its statements. Each table gets one multi-row INSERT (`unnest` of arrays), so an article costs
 * the same handful of round trips however many statements it has.
 */
import type { PoolClient } from 'pg'
import type { Analysis } from '../../doc/schema.js'
import { nameKey } from '../name-key.js'
import { foldedOrNull } from './fold.js'

/** The new article's id, or null when an article with this content hash exists (nothing written). */
export async function insertAnalysis(client: PoolClient, analysis: Analysis, source: string, ingestedAt: string): Promise<number | null> {
  const { article } = analysis
  // ON CONFLICT DO NOTHING: a concurrent writer of the same article makes this wait for its commit,
  // then insert nothing (or insert, if that writer rolled back). Never a duplicate, never an error.
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO articles (content_hash, headline, outlet, section, byline, published, modified, url, language,
       source, ingested_at, sort_date, statement_count, entity_count, text, analysis)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (content_hash) DO NOTHING
     RETURNING id`,
    [
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
    ],
  )
  const articleId = inserted.rows[0]?.id
  if (articleId === undefined) return null

  if (analysis.entities.length > 0) {
    await client.query(
      `INSERT INTO entities (article_id, local_id, type, name, name_key)
       SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        articleId,
        analysis.entities.map((e) => e.id),
        analysis.entities.map((e) => e.type),
        analysis.entities.map((e) => e.name),
        analysis.entities.map((e) => nameKey(e.name)),
      ],
    )
  }

  // Two spellings that fold to the same key ("Shoukry", "SHOUKRY") are one lookup key: the first wins.
  const names: Array<{ entity: string; seq: number; name: string; key: string }> = []
  const seen = new Set<string>()
  for (const entity of analysis.entities) {
    ;[entity.name, ...entity.aliases].forEach((name, seq) => {
      const key = nameKey(name)
      const id = `${entity.id}\u0000${key}`
      if (seen.has(id)) return
      seen.add(id)
      names.push({ entity: entity.id, seq, name, key })
    })
  }
  if (names.length > 0) {
    await client.query(
      `INSERT INTO entity_names (article_id, entity_id, seq, name, name_key)
       SELECT $1::bigint, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[])`,
      [articleId, names.map((n) => n.entity), names.map((n) => n.seq), names.map((n) => n.name), names.map((n) => n.key)],
    )
  }

  const roles = analysis.entities.flatMap((entity) => entity.roles.map((role, seq) => ({ entity: entity.id, seq, role })))
  if (roles.length > 0) {
    await client.query(
      `INSERT INTO entity_roles (article_id, entity_id, seq, kind, start, "end", text)
       SELECT $1::bigint, * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[])`,
      [
        articleId,
        roles.map((r) => r.entity),
        roles.map((r) => r.seq),
        roles.map((r) => r.role.kind),
        roles.map((r) => r.role.start),
        roles.map((r) => r.role.end),
        roles.map((r) => r.role.text),
      ],
    )
  }

  const statements = analysis.statements
  if (statements.length > 0) {
    await client.query(
      `INSERT INTO statements (article_id, local_id, seq, kind, speaker_entity, speaker_name, speaker_key, speaker_anonymous,
         speaker_start, speaker_end, speaker_text, cue_start, cue_end, cue_text, content_start, content_end, content_text, content_folded)
       SELECT $1::bigint, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
         $9::int[], $10::int[], $11::text[], $12::int[], $13::int[], $14::text[], $15::int[], $16::int[], $17::text[], $18::text[])`,
      [
        articleId,
        statements.map((s) => s.id),
        statements.map((_, seq) => seq),
        statements.map((s) => s.kind),
        statements.map((s) => s.speaker.entity),
        statements.map((s) => s.speaker.name),
        statements.map((s) => nameKey(s.speaker.name)),
        statements.map((s) => s.speaker.anonymous),
        statements.map((s) => s.speaker.start),
        statements.map((s) => s.speaker.end),
        statements.map((s) => s.speaker.text),
        statements.map((s) => s.cue.start),
        statements.map((s) => s.cue.end),
        statements.map((s) => s.cue.text),
        statements.map((s) => s.content.start),
        statements.map((s) => s.content.end),
        statements.map((s) => s.content.text),
        statements.map((s) => foldedOrNull(s.content.text)),
      ],
    )
  }
  return articleId
}
