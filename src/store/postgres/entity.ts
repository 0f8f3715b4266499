/**
 * Entity profiles across the corpus, as in the SQLite store (sqlite/entity.ts): a profile merges
 * every article-local entity that has the asked name among its names, compared by folded key, and
 * the merging itself is the shared code in entity-profile.ts.
 */
import type { Pool } from 'pg'
import type { EntityType } from '../../doc/schema.js'
import { entityProfile } from '../entity-profile.js'
import { nameKey } from '../name-key.js'
import { normalizePaging } from '../paging.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from '../rows.js'
import { CO_SPEAKER_LIMIT, type EntityOptions, type EntityProfile } from '../store.js'

/** Local entities (article, id) that carry the name; joined by every query below. */
const MATCHED = `matched AS (SELECT DISTINCT article_id, entity_id FROM entity_names WHERE name_key = $1)`

export async function getEntity(pool: Pool, name: string, options?: EntityOptions): Promise<EntityProfile | null> {
  const key = nameKey(name)
  if (!key) return null
  const { rows: entities } = await pool.query<{ article_id: number; type: EntityType; name: string }>(
    `WITH ${MATCHED}
     SELECT e.article_id, e.type, e.name FROM entities e
     JOIN matched m ON m.article_id = e.article_id AND m.entity_id = e.local_id
     ORDER BY e.article_id, e.local_id`,
    [key],
  )
  if (entities.length === 0) return null

  // Without paging options every statement, as the first version did; with them one page.
  const paging = options ? normalizePaging(options) : null
  const [names, roles, statements, timeline, coSpeakers] = await Promise.all([
    pool.query<{ name: string }>(
      `WITH ${MATCHED}
       SELECT n.name FROM entity_names n
       JOIN matched m ON m.article_id = n.article_id AND m.entity_id = n.entity_id
       ORDER BY n.article_id, n.entity_id, n.seq`,
      [key],
    ),
    pool.query<{ text: string }>(
      `WITH ${MATCHED}
       SELECT r.text FROM entity_roles r
       JOIN matched m ON m.article_id = r.article_id AND m.entity_id = r.entity_id
       ORDER BY r.article_id, r.entity_id, r.seq`,
      [key],
    ),
    pool.query<StatementRow>(
      `WITH ${MATCHED}
       SELECT ${STATEMENT_COLUMNS} FROM statements s
       JOIN matched m ON m.article_id = s.article_id AND m.entity_id = s.speaker_entity
       JOIN articles a ON a.id = s.article_id
       ORDER BY a.sort_date DESC, a.id DESC, s.seq
       ${paging ? 'LIMIT $2 OFFSET $3' : ''}`,
      paging ? [key, paging.limit, paging.offset] : [key],
    ),
    pool.query<{ month: string; statements: number }>(
      `WITH ${MATCHED}
       SELECT substr(a.sort_date, 1, 7) AS month, count(*)::int AS statements FROM statements s
       JOIN matched m ON m.article_id = s.article_id AND m.entity_id = s.speaker_entity
       JOIN articles a ON a.id = s.article_id
       GROUP BY month ORDER BY month`,
      [key],
    ),
    // The other speakers of the articles that mention the entity, grouped by folded name and shown
    // in their most frequent spelling; speakers with no name at all are left out (as in SQLite).
    pool.query<{ name: string; anonymous: boolean; articles: number; statements: number }>(
      `WITH ${MATCHED}, shared AS (SELECT DISTINCT article_id FROM matched)
       SELECT mode() WITHIN GROUP (ORDER BY s.speaker_name) AS name, bool_or(s.speaker_anonymous) AS anonymous,
              count(DISTINCT s.article_id)::int AS articles, count(*)::int AS statements
       FROM statements s JOIN shared ON shared.article_id = s.article_id
       WHERE s.speaker_key != ''
         AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.article_id = s.article_id AND m.entity_id = s.speaker_entity)
       GROUP BY s.speaker_key
       ORDER BY articles DESC, statements DESC, s.speaker_key COLLATE "C"
       LIMIT $2`,
      [key, CO_SPEAKER_LIMIT],
    ),
  ])

  return entityProfile({
    entities,
    names: names.rows.map((row) => row.name),
    roles: roles.rows.map((row) => row.text),
    statements: statements.rows.map((row) => toStatementHit(row)),
    timeline: timeline.rows,
    coSpeakers: coSpeakers.rows,
  })
}
