/**
 * Entity profiles across the corpus. Articles resolve entities locally (E1 in one article is not E1
 * in the next), so a profile merges every local entity that has the asked name among its names,
 * compared by folded key.
 */
import type Database from 'better-sqlite3'
import type { EntityType } from '../../doc/schema.js'
import { entityProfile } from '../entity-profile.js'
import { nameKey } from '../name-key.js'
import { normalizePaging } from '../paging.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from '../rows.js'
import { CO_SPEAKER_LIMIT, type CoSpeaker, type EntityOptions, type EntityProfile } from '../store.js'

/** Local entities (article, id) that carry the name; joined by every query below. */
const MATCHED = `matched AS (SELECT DISTINCT article_id, entity_id FROM entity_names WHERE name_key = ?)`

export function getEntity(db: Database.Database, name: string, options?: EntityOptions): EntityProfile | null {
  const key = nameKey(name)
  if (!key) return null
  const entities = db
    .prepare(
      `WITH ${MATCHED}
       SELECT e.article_id, e.type, e.name FROM entities e
       JOIN matched m ON m.article_id = e.article_id AND m.entity_id = e.local_id
       ORDER BY e.article_id, e.local_id`,
    )
    .all(key) as Array<{ article_id: number; type: EntityType; name: string }>
  if (entities.length === 0) return null

  const names = db
    .prepare(
      `WITH ${MATCHED}
       SELECT n.name FROM entity_names n
       JOIN matched m ON m.article_id = n.article_id AND m.entity_id = n.entity_id
       ORDER BY n.article_id, n.entity_id, n.seq`,
    )
    .pluck()
    .all(key) as string[]
  const roles = db
    .prepare(
      `WITH ${MATCHED}
       SELECT r.text FROM entity_roles r
       JOIN matched m ON m.article_id = r.article_id AND m.entity_id = r.entity_id
       ORDER BY r.article_id, r.entity_id, r.seq`,
    )
    .pluck()
    .all(key) as string[]
  // Without paging options every statement, as the first version did; with them one page.
  const paging = options ? normalizePaging(options) : null
  const statements = db
    .prepare(
      `WITH ${MATCHED}
       SELECT ${STATEMENT_COLUMNS} FROM statements s
       JOIN matched m ON m.article_id = s.article_id AND m.entity_id = s.speaker_entity
       JOIN articles a ON a.id = s.article_id
       ORDER BY a.sort_date DESC, a.id DESC, s.seq
       ${paging ? 'LIMIT ? OFFSET ?' : ''}`,
    )
    .all(key, ...(paging ? [paging.limit, paging.offset] : [])) as StatementRow[]
  const timeline = db
    .prepare(
      `WITH ${MATCHED}
       SELECT substr(a.sort_date, 1, 7) AS month, count(*) AS statements FROM statements s
       JOIN matched m ON m.article_id = s.article_id AND m.entity_id = s.speaker_entity
       JOIN articles a ON a.id = s.article_id
       GROUP BY month ORDER BY month`,
    )
    .all(key) as Array<{ month: string; statements: number }>

  return entityProfile({
    entities,
    names,
    roles,
    statements: statements.map((row) => toStatementHit(row)),
    timeline,
    coSpeakers: coSpeakers(db, key),
  })
}

/**
 * The other speakers of the articles that mention the entity: every statement there whose speaker
 * is not one of the matched local entities, grouped by the speaker's folded name (speakers with no
 * name at all are left out: they say nothing about who else was quoted).
 */
function coSpeakers(db: Database.Database, key: string): CoSpeaker[] {
  const rows = db
    .prepare(
      `WITH ${MATCHED}, shared AS (SELECT DISTINCT article_id FROM matched)
       SELECT s.speaker_key AS key, s.speaker_name AS name, max(s.speaker_anonymous) AS anonymous,
              count(DISTINCT s.article_id) AS articles, count(*) AS statements
       FROM statements s JOIN shared ON shared.article_id = s.article_id
       WHERE s.speaker_key != ''
         AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.article_id = s.article_id AND m.entity_id = s.speaker_entity)
       GROUP BY s.speaker_key
       ORDER BY articles DESC, statements DESC, s.speaker_key
       LIMIT ?`,
    )
    .all(key, CO_SPEAKER_LIMIT) as Array<{ key: string; name: string; anonymous: 0 | 1; articles: number; statements: number }>
  return rows.map((row) => ({ name: row.name, anonymous: row.anonymous === 1, articles: row.articles, statements: row.statements }))
}
