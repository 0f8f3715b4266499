/**
 * Statement search on PostgreSQL full-text search. The SQL text is assembled only from the fixed
 * fragments below; every value the user typed travels as a bound parameter.
 *
 * Query language, compared with the SQLite store's FTS5 syntax:
 * - words, `"a phrase"`, `OR`, `-word` (NOT): `websearch_to_tsquery('english', …)`, which never
 *   rejects its input, so there is no syntax error to report (FTS5 reports E012). FTS5's `AND`,
 *   `NOT`, `NEAR(…)`, parentheses and `column:` filters are read as plain words.
 * - `word*` (prefix): translated to a `to_tsquery` prefix term (`word:*`) and ANDed with the rest,
 *   also when the rest is an OR list. The prefix is stemmed first, as indexed words are.
 * - matching is by English stem (`crossing` finds `crossed`), where FTS5 compares whole tokens, and
 *   stop words (`the`, `said` is not one) match nothing, where FTS5 indexes every token.
 * - accents are folded on both sides, as FTS5's `remove_diacritics 2` does (fold.ts).
 * - best match first is `ts_rank` (FTS5: bm25), then newest first.
 *
 * Filters, hit context and match spans are as in the SQLite store (the shared context.ts and
 * paging.ts); the match spans come from `ts_headline` over the whole content.
 */
import type { Pool } from 'pg'
import { WhosaidError } from '../../errors.js'
import { contextSpan, MATCH_CLOSE, MATCH_OPEN, matchSpans, parseSentences } from '../context.js'
import { containsPattern } from '../name-key.js'
import { checkSince, normalizePaging, untilBound } from '../paging.js'
import { STATEMENT_COLUMNS, toStatementHit, type StatementRow } from '../rows.js'
import type { SearchQuery, StatementHit } from '../store.js'
import { foldAccents } from './fold.js'

/** Words of context around the matches in a snippet (the SQLite store shows 32 tokens). */
const SNIPPET_WORDS = 32

/** Marks ts_headline puts around matches; unlikely in news text, mapped to `[`/`]` afterwards. */
const START = '\uE000'
const STOP = '\uE001'
const HEADLINE_OPTIONS = `StartSel="${START}", StopSel="${STOP}", MaxWords=${SNIPPET_WORDS}, MinWords=12, ShortWord=0, MaxFragments=1`
/** The whole content with every match marked, for the match spans. */
const MARK_ALL_OPTIONS = `StartSel="${MATCH_OPEN}", StopSel="${MATCH_CLOSE}", HighlightAll=true`

/** A word ending in `*`, outside quotes: a prefix term. Letters and digits only, so it is safe in to_tsquery syntax. */
const PREFIX_TERM = /^[\p{L}\p{N}]+\*$/u

/** Splits the user's text into what websearch_to_tsquery reads and the prefix terms it cannot express. */
export function splitTextQuery(text: string): { web: string; prefixes: string[] } {
  const kept: string[] = []
  const prefixes: string[] = []
  for (const token of foldAccents(text).match(/"[^"]*"?|[^\s"]+/g) ?? []) {
    if (PREFIX_TERM.test(token)) prefixes.push(token.slice(0, -1))
    else kept.push(token)
  }
  return { web: kept.join(' '), prefixes }
}

type SearchRow = StatementRow & { doc: string; snippet?: string; marked?: string }

export async function searchStatements(pool: Pool, query: SearchQuery): Promise<{ total: number; items: StatementHit[] }> {
  const { limit, offset } = normalizePaging(query)
  const text = (query.text ?? '').trim()
  const where: string[] = []
  const params: unknown[] = []
  const param = (value: unknown): string => {
    params.push(value)
    return `$${params.length}`
  }

  let tsquery: string | null = null
  if (text) {
    const { web, prefixes } = splitTextQuery(text)
    tsquery = `websearch_to_tsquery('english', ${param(web)})`
    if (prefixes.length > 0) tsquery = `(${tsquery} && to_tsquery('english', ${param(prefixes.map((p) => `${p}:*`).join(' & '))}))`
    where.push(`s.search @@ ${tsquery}`)
  }
  if (query.speaker?.trim()) {
    // The speaker as printed, or any name of the entity it resolves to ("Shoukry" finds "Sameh Shoukry").
    const pattern = param(containsPattern(query.speaker))
    where.push(`(s.speaker_key LIKE ${pattern} ESCAPE '\\' OR EXISTS (
      SELECT 1 FROM entity_names n
      WHERE n.article_id = s.article_id AND n.entity_id = s.speaker_entity AND n.name_key LIKE ${pattern} ESCAPE '\\'))`)
  }
  if (query.entity?.trim()) {
    where.push(`EXISTS (SELECT 1 FROM entity_names n WHERE n.article_id = s.article_id AND n.name_key LIKE ${param(containsPattern(query.entity))} ESCAPE '\\')`)
  }
  if (query.stance?.trim()) where.push(`lower(s.stance_label) = lower(${param(query.stance.trim())})`)
  if (query.outlet?.trim()) where.push(`a.outlet_key LIKE ${param(containsPattern(query.outlet))} ESCAPE '\\'`)
  if (query.since) where.push(`a.sort_date >= ${param(checkSince(query.since))}`)
  if (query.until) {
    const until = untilBound(query.until)
    where.push(`a.sort_date ${until.inclusive ? '<=' : '<'} ${param(until.value)}`)
  }

  const from = 'statements s JOIN articles a ON a.id = s.article_id'
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
  // Full-text hits come best match first; browsing (no text) comes newest first.
  const rank = tsquery ? `ts_rank(s.search, ${tsquery})` : '0'
  const countParams = [...params]
  const page = `SELECT ${STATEMENT_COLUMNS}, coalesce(s.content_folded, s.content_text) AS doc,
      ${rank} AS rank, a.sort_date, s.seq
    FROM ${from} ${filter}
    ORDER BY rank DESC, a.sort_date DESC, a.id DESC, s.seq
    LIMIT ${param(limit)} OFFSET ${param(offset)}`
  // Snippets and marks are computed for the page only, outside the sort.
  const snippet = tsquery
    ? `, ts_headline('english', page.doc, ${tsquery}, ${param(HEADLINE_OPTIONS)}) AS snippet,
       ts_headline('english', page.doc, ${tsquery}, ${param(MARK_ALL_OPTIONS)}) AS marked`
    : ''

  try {
    const counted = await pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} ${filter}`, countParams)
    const { rows } = await pool.query<SearchRow>(
      `SELECT page.*${snippet} FROM (${page}) page ORDER BY page.rank DESC, page.sort_date DESC, page.article_id DESC, page.seq`,
      params,
    )
    const articles = await sentencesOf(pool, [...new Set(rows.map((row) => row.article_id))])
    return {
      total: counted.rows[0]!.total,
      items: rows.map((row) => {
        const hit = toStatementHit(row, row.snippet === undefined ? undefined : markSnippet(row.snippet, row.doc, row.content_text))
        const article = articles.get(row.article_id)
        if (article) hit.context = contextSpan(article.text, article.sentences, hit.statement)
        // The folded content has the offsets of the original (fold.ts), so its marks are the original's.
        hit.matches = row.marked === undefined ? [] : matchSpans(row.marked, row.doc, row.content_start)
        return hit
      }),
    }
  } catch (error) {
    throw asQueryError(error, text)
  }
}

/** Text and sentence bounds of each article (the sentences live in the stored record). */
async function sentencesOf(pool: Pool, ids: number[]): Promise<Map<number, { text: string; sentences: ReturnType<typeof parseSentences> }>> {
  if (ids.length === 0) return new Map()
  const { rows } = await pool.query<{ id: number; text: string; sentences: string | null }>(
    `SELECT id, text, (analysis::json -> 'sentences')::text AS sentences FROM articles WHERE id = ANY($1::bigint[])`,
    [ids],
  )
  return new Map(rows.map((row) => [row.id, { text: row.text, sentences: parseSentences(row.sentences) }]))
}

/**
 * ts_headline's fragment, made to read like the SQLite store's FTS5 snippet: the original
 * characters (the headline was computed on the accent-folded text, which has the same offsets),
 * matches marked `[`…`]` (adjacent ones merged), `…` where content was cut, and leading or trailing
 * punctuation that ts_headline drops (an opening quote, the final full stop) put back.
 */
export function markSnippet(headline: string, folded: string, original: string): string {
  let plain = ''
  const marks: Array<{ at: number; mark: string }> = []
  for (const char of headline) {
    if (char === START) marks.push({ at: plain.length, mark: '[' })
    else if (char === STOP) marks.push({ at: plain.length, mark: ']' })
    else plain += char
  }
  // Adjacent matches separated by spaces read as one ("[Rafah crossing]"), as FTS5 marks a phrase.
  for (let i = marks.length - 2; i >= 1; i--) {
    const stop = marks[i]!
    const start = marks[i + 1]!
    if (stop.mark === ']' && start.mark === '[' && /^\s+$/.test(plain.slice(stop.at, start.at))) marks.splice(i, 2)
  }
  const at = plain ? folded.indexOf(plain) : -1
  if (at < 0 || original.length !== folded.length) return headline.replaceAll(START, '[').replaceAll(STOP, ']')
  const end = at + plain.length
  const onlyPunctuation = /^[\p{P}\p{S}\s]*$/u
  const from = onlyPunctuation.test(original.slice(0, at)) ? 0 : at
  const to = onlyPunctuation.test(original.slice(end)) ? original.length : end
  let out = from > 0 ? '…' : ''
  out += original.slice(from, at)
  let last = at
  for (const { at: offset, mark } of marks) {
    out += original.slice(last, at + offset) + mark
    last = at + offset
  }
  out += original.slice(last, to)
  return to < original.length ? `${out}…` : out
}

/**
 * websearch_to_tsquery accepts any text, so a failure here is either a query PostgreSQL finds too
 * large or complex (data exception or program limit: the user's to fix, E012) or a store problem.
 */
function asQueryError(error: unknown, text: string): unknown {
  if (error instanceof WhosaidError) return error
  const code = String((error as { code?: unknown }).code ?? '')
  if (text && (code.startsWith('22') || code.startsWith('54'))) {
    return new WhosaidError('E012', `${JSON.stringify(text)}: ${(error as Error).message}`, 'text', { cause: error })
  }
  return error
}
