/**
 * Writes one analysed article: the article row, then the rows of its child tables (the FTS index
 * follows by trigger), as article-rows.ts lays them out. The caller wraps this in a transaction.
 */
import type Database from 'better-sqlite3'
import type { Analysis } from '../../doc/schema.js'
import { analysisRows, ARTICLE_COLUMNS, CHILD_TABLES, columnList, type ChildTable, type Value } from '../article-rows.js'

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

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')})`
}

/** SQLite has no booleans: true and false are stored as 1 and 0. */
function bind(row: readonly Value[]): Array<string | number | null> {
  return row.map((value) => (typeof value === 'boolean' ? Number(value) : value))
}

export function insertAnalysis(db: Database.Database, analysis: Analysis, source: string, ingestedAt: string): number {
  const { article, children } = analysisRows(analysis, source, ingestedAt)
  const articleId = Number(prepared(db, insertSql('articles', ARTICLE_COLUMNS)).run(...bind(article)).lastInsertRowid)
  for (const table of Object.keys(CHILD_TABLES) as ChildTable[]) {
    const rows = children[table]
    if (rows.length === 0) continue
    const insert = prepared(db, insertSql(table, ['article_id', ...Object.keys(CHILD_TABLES[table])]))
    for (const row of rows) insert.run(articleId, ...bind(row))
  }
  return articleId
}
