/**
 * Writes one analysed article on a connection that is inside a transaction: the article row (or
 * nothing, when its content hash is already stored), then the rows of its child tables as
 * article-rows.ts lays them out. Each table gets one multi-row INSERT (`unnest` of one array per
 * column), so an article costs the same handful of round trips however many statements it has.
 */
import type { PoolClient } from 'pg'
import type { Analysis } from '../../doc/schema.js'
import { analysisRows, ARTICLE_COLUMNS, CHILD_TABLES, columnList, type ChildTable, type Value } from '../article-rows.js'
import { foldedOrNull } from './fold.js'

/** Where content_text and speaker_name sit in a statement row: the accent-folded copies for search are made from them. */
const CONTENT_TEXT = Object.keys(CHILD_TABLES.statements).indexOf('content_text')
const SPEAKER_NAME = Object.keys(CHILD_TABLES.statements).indexOf('speaker_name')

/** The new article's id, or null when an article with this content hash exists (nothing written). */
export async function insertAnalysis(client: PoolClient, analysis: Analysis, source: string, ingestedAt: string): Promise<number | null> {
  const { article, children } = analysisRows(analysis, source, ingestedAt)
  // ON CONFLICT DO NOTHING: a concurrent writer of the same article makes this wait for its commit,
  // then insert nothing (or insert, if that writer rolled back). Never a duplicate, never an error.
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO articles (${columnList(ARTICLE_COLUMNS)})
     VALUES (${ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (content_hash) DO NOTHING
     RETURNING id`,
    article,
  )
  const articleId = inserted.rows[0]?.id
  if (articleId === undefined) return null

  for (const table of Object.keys(CHILD_TABLES) as ChildTable[]) {
    const columns: Record<string, string> = { ...CHILD_TABLES[table] }
    let rows = children[table]
    if (rows.length === 0) continue
    if (table === 'statements') {
      // PostgreSQL only: the content and the speaker's name with accents folded, which the
      // full-text index is built from (fold.ts).
      columns['content_folded'] = 'text'
      columns['speaker_folded'] = 'text'
      rows = rows.map((row) => [...row, foldedOrNull(row[CONTENT_TEXT] as string), foldedOrNull(row[SPEAKER_NAME] as string)])
    }
    const names = Object.keys(columns)
    const arrays = names.map((_, i) => `$${i + 2}::${columns[names[i]!]}[]`)
    await client.query(
      `INSERT INTO ${table} (article_id, ${columnList(names)}) SELECT $1::bigint, * FROM unnest(${arrays.join(', ')})`,
      [articleId, ...names.map((_, i) => rows.map((row): Value => row[i] ?? null))],
    )
  }
  return articleId
}
