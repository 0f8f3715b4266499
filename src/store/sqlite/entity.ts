/**
 * Entity profiles across the corpus. Articles resolve entities locally (E1 in one article is not E1
 * in the next), so a profile merges every local entity that has the asked name among its names,
 * compared by folded key.
 */
import type Database from 'better-sqlite3'
import type { EntityType } from '../../doc/schema.js'
import { nameKey } from '../name-key.js'
import type { EntityProfile } from '../store.js'
import { mostFrequent, uniqueFolded } from '../tally.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from './rows.js'

/** Local entities (article, id) that carry the name; joined by every query below. */
const MATCHED = `matched AS (SELECT DISTINCT article_id, entity_id FROM entity_names WHERE name_key = ?)`

export function getEntity(db: Database.Database, name: string): EntityProfile | null {
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
  const statements = db
    .prepare(
      `WITH ${MATCHED}
       SELECT ${STATEMENT_COLUMNS} FROM statements s
       JOIN matched m ON m.article_id = s.article_id AND m.entity_id = s.speaker_entity
       JOIN articles a ON a.id = s.article_id
       ORDER BY a.sort_date DESC, a.id DESC, s.seq`,
    )
    .all(key) as StatementRow[]

  const canonical = mostFrequent(entities.map((e) => e.name))
  return {
    name: canonical,
    type: mostFrequent(entities.map((e) => e.type)),
    aliases: [...new Set(names)].filter((alias) => alias !== canonical).sort(),
    roles: uniqueFolded(roles),
    articleIds: [...new Set(entities.map((e) => e.article_id))].sort((a, b) => a - b),
    statements: statements.map(toStatementHit),
  }
}
