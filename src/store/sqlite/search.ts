/**
 * Statement search. The SQL text is assembled only from the fixed fragments below; every value the
 * user typed travels as a bound parameter.
 */
import type Database from 'better-sqlite3'
import { WhosaidError } from '../../errors.js'
import { containsPattern } from '../name-key.js'
import { checkSince, normalizePaging } from '../paging.js'
import type { SearchQuery, StatementHit } from '../store.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from './rows.js'

/** Tokens of context around the matches in a snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 32

export function searchStatements(db: Database.Database, query: SearchQuery): { total: number; items: StatementHit[] } {
  const { limit, offset } = normalizePaging(query)
  const text = (query.text ?? '').trim()
  const where: string[] = []
  const params: unknown[] = []

  if (text) {
    where.push('statements_fts MATCH ?')
    params.push(text)
  }
  if (query.speaker?.trim()) {
    // The speaker as printed, or any name of the entity it resolves to ("Shoukry" finds "Sameh Shoukry").
    where.push(`(s.speaker_key LIKE ? ESCAPE '\\' OR EXISTS (
      SELECT 1 FROM entity_names n
      WHERE n.article_id = s.article_id AND n.entity_id = s.speaker_entity AND n.name_key LIKE ? ESCAPE '\\'))`)
    const pattern = containsPattern(query.speaker)
    params.push(pattern, pattern)
  }
  if (query.entity?.trim()) {
    where.push(`EXISTS (SELECT 1 FROM entity_names n WHERE n.article_id = s.article_id AND n.name_key LIKE ? ESCAPE '\\')`)
    params.push(containsPattern(query.entity))
  }
  if (query.since) {
    where.push('a.sort_date >= ?')
    params.push(checkSince(query.since))
  }

  const from = text
    ? 'statements_fts JOIN statements s ON s.id = statements_fts.rowid JOIN articles a ON a.id = s.article_id'
    : 'statements s JOIN articles a ON a.id = s.article_id'
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const snippet = text ? `, snippet(statements_fts, 0, '[', ']', '…', ${SNIPPET_TOKENS}) AS snippet` : ''
  // Full-text hits come best match first; browsing (no text) comes newest first.
  const order = text
    ? 'ORDER BY statements_fts.rank, a.sort_date DESC, a.id DESC, s.seq'
    : 'ORDER BY a.sort_date DESC, a.id DESC, s.seq'

  try {
    const { total } = db.prepare(`SELECT count(*) AS total FROM ${from} ${filter}`).get(...params) as { total: number }
    const rows = db
      .prepare(`SELECT ${STATEMENT_COLUMNS}${snippet} FROM ${from} ${filter} ${order} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as StatementRow[]
    return { total, items: rows.map(toStatementHit) }
  } catch (error) {
    throw asQueryError(error, text)
  }
}

/**
 * The SQL above is fixed and known good, so an SQLITE_ERROR while it runs comes from the user's
 * FTS5 expression (`"unbalanced`, `AND AND`, `foo:bar`): report it as an invalid query (E012).
 */
function asQueryError(error: unknown, text: string): unknown {
  const code = (error as { code?: unknown }).code
  if (text && code === 'SQLITE_ERROR') {
    const reason = explain((error as Error).message)
    return new WhosaidError('E012', `${JSON.stringify(text)}: ${reason}`, 'text', { cause: error })
  }
  return error
}

/** SQLite's wording, made actionable where it misleads ("cease-fire" parses as column filter `-fire`). */
function explain(message: string): string {
  const column = /^no such column: (.+)$/.exec(message)
  if (column) return `"${column[1]}" reads as a column name; put words with - or : in double quotes, e.g. "cease-fire"`
  return message.replace(/^fts5: /, '')
}
