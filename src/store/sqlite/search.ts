/**
 * Statement search. The SQL text is assembled only from the fixed fragments below; every value the
 * user typed travels as a bound parameter.
 *
 * Built to stay fast on a big store (src/http/bench-search.ts times it on 100,000 statements):
 * - the ids of one page are found first, and only that page's rows are read, with their snippets,
 *   highlights and context sentences (SQLite would otherwise compute snippets for every match);
 * - a full-text query alone is counted and ranked inside the FTS5 index; with filters, one pass
 *   collects the rank of every statement that passes, then counting and paging happen in memory;
 * - filters are conditions on the statement row, those about the article through one subquery,
 *   and the speaker filter probes two sets computed once, through indexes.
 */
import type Database from 'better-sqlite3'
import { WhosaidError } from '../../errors.js'
import { containsPattern } from '../name-key.js'
import { contextSpan, MATCH_CLOSE, MATCH_OPEN, matchSpans, parseSentences, type SentenceBounds } from '../context.js'
import { checkSince, normalizePaging, untilBound } from '../paging.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from '../rows.js'
import type { SearchQuery, StatementHit } from '../store.js'

/** Tokens of context around the matches in a snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 32

export function searchStatements(db: Database.Database, query: SearchQuery): { total: number; items: StatementHit[] } {
  const { limit, offset } = normalizePaging(query)
  const text = (query.text ?? '').trim()
  // Every filter is a condition on the statement row `s`; those about the article go through one
  // subquery on articles, so a full-text search never joins articles for each of its matches.
  const where: string[] = []
  const params: unknown[] = []
  if (query.speaker?.trim()) {
    // The speaker as printed, or any name of the entity it resolves to ("Shoukry" finds "Sameh Shoukry").
    // Both sets are computed once and probed through indexes.
    where.push(`(s.speaker_key IN (SELECT DISTINCT speaker_key FROM statements WHERE speaker_key LIKE ? ESCAPE '\\')
      OR (s.article_id, s.speaker_entity) IN (SELECT article_id, entity_id FROM entity_names WHERE name_key LIKE ? ESCAPE '\\'))`)
    const pattern = containsPattern(query.speaker)
    params.push(pattern, pattern)
  }
  if (query.entity?.trim()) {
    where.push(`s.article_id IN (SELECT article_id FROM entity_names WHERE name_key LIKE ? ESCAPE '\\')`)
    params.push(containsPattern(query.entity))
  }
  if (query.stance?.trim()) {
    where.push('s.stance_label = ? COLLATE NOCASE')
    params.push(query.stance.trim())
  }
  const articleWhere: string[] = []
  if (query.outlet?.trim()) {
    articleWhere.push(`outlet_key LIKE ? ESCAPE '\\'`)
    params.push(containsPattern(query.outlet))
  }
  if (query.since) {
    articleWhere.push('sort_date >= ?')
    params.push(checkSince(query.since))
  }
  if (query.until) {
    const until = untilBound(query.until)
    articleWhere.push(until.inclusive ? 'sort_date <= ?' : 'sort_date < ?')
    params.push(until.value)
  }
  if (articleWhere.length) where.push(`s.article_id IN (SELECT id FROM articles WHERE ${articleWhere.join(' AND ')})`)

  let count: string
  let page: string
  let pageParams: unknown[]
  if (text && where.length) {
    // Full text and filters: one pass collects the rank of every statement that passes (the costly
    // part is reading each matching row for the filters), then counting and paging happen here.
    try {
      const ranked = db
        .prepare(
          `SELECT statements_fts.rowid, statements_fts.rank FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid
           WHERE statements_fts MATCH ? AND ${where.join(' AND ')}`,
        )
        .raw()
        .all(text, ...params) as Array<[number, number]>
      ranked.sort((a, b) => a[1] - b[1] || b[0] - a[0])
      const ids = ranked.slice(offset, offset + limit).map(([id]) => id)
      return { total: ranked.length, items: ids.length ? readHits(db, ids, text) : [] }
    } catch (error) {
      throw asQueryError(error, text)
    }
  }
  if (text) {
    // Best match first; among equals, the statement stored last first. FTS5 ranks inside its index.
    const filter = 'statements_fts MATCH ?'
    count = `SELECT count(*) FROM statements_fts WHERE ${filter}`
    page = `SELECT rowid FROM statements_fts WHERE ${filter} ORDER BY rank, rowid DESC LIMIT ? OFFSET ?`
    pageParams = [text]
  } else {
    // Browsing: newest article first, statements in text order.
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
    count = `SELECT count(*) FROM statements s ${filter}`
    page = `SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id ${filter} ORDER BY a.sort_date DESC, a.id DESC, s.seq LIMIT ? OFFSET ?`
    pageParams = params
  }
  try {
    const total = db.prepare(count).pluck().get(...pageParams) as number
    if (total === 0 || offset >= total) return { total, items: [] }
    const ids = db.prepare(page).pluck().all(...pageParams, limit, offset) as number[]
    return { total, items: readHits(db, ids, text) }
  } catch (error) {
    throw asQueryError(error, text)
  }
}

interface HitRow extends StatementRow {
  id: number
  snippet?: string
  marked?: string
}

/** The rows of one page, in the order of `ids`, with snippet, matches and context. */
function readHits(db: Database.Database, ids: number[], text: string): StatementHit[] {
  const list = ids.map(() => '?').join(', ')
  const rows = text
    ? (db
        .prepare(
          `SELECT s.id, ${STATEMENT_COLUMNS},
             snippet(statements_fts, 0, '[', ']', '…', ${SNIPPET_TOKENS}) AS snippet,
             highlight(statements_fts, 0, '${MATCH_OPEN}', '${MATCH_CLOSE}') AS marked
           FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid JOIN articles a ON a.id = s.article_id
           WHERE statements_fts MATCH ? AND statements_fts.rowid IN (${list})`,
        )
        .all(text, ...ids) as HitRow[])
    : (db
        .prepare(`SELECT s.id, ${STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.id IN (${list})`)
        .all(...ids) as HitRow[])
  const byId = new Map(rows.map((row) => [row.id, row]))
  const sentences = sentencesOf(db, [...new Set(rows.map((row) => row.article_id))])
  return ids.flatMap((id) => {
    const row = byId.get(id)
    if (!row) return []
    const hit = toStatementHit(row, row.snippet)
    const article = sentences.get(row.article_id)
    if (article) hit.context = contextSpan(article.text, article.sentences, hit.statement)
    hit.matches = row.marked === undefined ? [] : matchSpans(row.marked, row.content_text, row.content_start)
    return [hit]
  })
}

/** Text and sentence bounds of each article (the sentences live in the stored record). */
function sentencesOf(db: Database.Database, articleIds: number[]): Map<number, { text: string; sentences: SentenceBounds[] }> {
  const found = new Map<number, { text: string; sentences: SentenceBounds[] }>()
  if (articleIds.length === 0) return found
  const rows = db
    .prepare(`SELECT id, text, json_extract(analysis, '$.sentences') AS sentences FROM articles WHERE id IN (${articleIds.map(() => '?').join(', ')})`)
    .all(...articleIds) as Array<{ id: number; text: string; sentences: string | null }>
  for (const row of rows) found.set(row.id, { text: row.text, sentences: parseSentences(row.sentences) })
  return found
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
