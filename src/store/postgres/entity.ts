/**
 * Entity profiles across the corpus, as in the SQLite store (sqlite/entity.ts): a profile merges
 * every article-local entity that has the asked name among its names, compared by folded key, and
 * the merging itself is the shared code in tally.ts.
 */
import type { Pool } from 'pg'
import type { EntityType } from '../../doc/schema.js'
import { nameKey } from '../name-key.js'
import type { EntityProfile } from '../store.js'
import { mostFrequent, uniqueFolded } from '../tally.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from './rows.js'

/** Local entities (article, id) that carry the name; joined by every query below. */
const MATCHED = `matched AS (SELECT DISTINCT article_id, entity_id FROM entity_names WHERE name_key = $1)`

export async function getEntity(pool: Pool, name: string): Promise<EntityProfile | null> {
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

  const [names, roles, statements] = await Promise.all([
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
       ORDER BY a.sort_date DESC, a.id DESC, s.seq`,
      [key],
    ),
  ])

  const canonical = mostFrequent(entities.map((e) => e.name))
  return {
    name: canonical,
    type: mostFrequent(entities.map((e) => e.type)),
    aliases: [...new Set(names.rows.map((row) => row.name))].filter((alias) => alias !== canonical).sort(),
    roles: uniqueFolded(roles.rows.map((row) => row.text)),
    articleIds: [...new Set(entities.map((e) => e.article_id))].sort((a, b) => a - b),
    statements: statements.rows.map((row) => toStatementHit(row)),
  }
}
