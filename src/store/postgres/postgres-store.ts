/**
 * The networked store: PostgreSQL through a `pg` connection pool, for several processes or machines
 * writing and reading one corpus. Same semantics as the SQLite store (conformance suite), with the
 * full-text differences listed in search.ts.
 *
 * Writes: one transaction per batch (`putAnalyses`; `putAnalysis` is a batch of one), one savepoint
 * per article inside it; idempotent by content hash through the unique constraint and `ON CONFLICT
 * DO NOTHING`, so two workers racing on the same article store it once and both learn its id. Any
 * driver failure becomes E013 naming the database with its password redacted.
 */
import pg from 'pg'
import type { Pool, PoolClient } from 'pg'
import type { Analysis } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'
import { DEFAULT_FACET_LIMIT, FacetCache, type FacetRow } from '../facets.js'
import { normalizePaging } from '../paging.js'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../rows.js'
import { EXTRA_SEARCH_FILTERS } from '../store.js'
import type { ArticleSummary, EntityOptions, EntityProfile, Facets, PutEntry, PutOutcome, PutResult, SearchQuery, StatementHit, Store } from '../store.js'
import { getEntity } from './entity.js'
import { migrate } from './migrations.js'
import { searchStatements } from './search.js'
import { parsePostgresUrl, type PostgresLocation } from './url.js'
import { insertAnalysis } from './write.js'

/**
 * Tries of a batch that PostgreSQL aborted to break a deadlock (two batches inserting the same new
 * articles in different orders wait on each other): everything was rolled back, so it is run again.
 */
const BATCH_TRIES = 3

/** How long to wait for a connection (to a server that does not answer) before giving up. */
const CONNECT_TIMEOUT_MS = 5000

/** int8 (ids, counts) as JavaScript numbers: ids stay far below 2^53. Per pool, not global to `pg`. */
const INT8_OID = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export interface PostgresStoreOptions {
  /** Most connections the pool opens (default 10); a worker needs about one per concurrent job. */
  maxConnections?: number
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const
  readonly searchFilters = EXTRA_SEARCH_FILTERS
  private readonly facetCache = new FacetCache()
  private closed = false

  private constructor(
    private readonly db: Pool,
    readonly location: PostgresLocation,
  ) {}

  /** The schema the tables live in (`?schema=` of the URL, default `public`). */
  get schema(): string {
    return this.location.schema
  }

  /** Connects, creates the schema if needed and migrates it; E013 (password redacted) when that fails. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const location = parsePostgresUrl(url)
    const pool = new pg.Pool({
      connectionString: location.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'whosaid',
      types,
    })
    // An idle connection that dies (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined)
    try {
      await migrate(pool, location.schema, undefined, location.redacted)
      return new PostgresStore(pool, location)
    } catch (error) {
      await pool.end().catch(() => undefined)
      if (error instanceof WhosaidError) throw error
      throw new WhosaidError('E013', `cannot open ${location.redacted}: ${describe(error)}`, location.redacted, { cause: error })
    }
  }

  async hasArticle(contentHash: string): Promise<boolean> {
    const { rowCount } = await this.query('SELECT 1 FROM articles WHERE content_hash = $1', [contentHash])
    return (rowCount ?? 0) > 0
  }

  async putAnalysis(analysis: Analysis, source: string): Promise<PutResult> {
    const [outcome] = await this.putAnalyses([{ analysis, source }])
    if (outcome instanceof WhosaidError) throw outcome
    return outcome!
  }

  async putAnalyses(entries: readonly PutEntry[]): Promise<PutOutcome[]> {
    if (entries.length === 0) return []
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.putBatch(entries)
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? '')
        if (attempt < BATCH_TRIES && (code === '40P01' || code === '40001')) continue
        if (error instanceof WhosaidError) throw error
        throw new WhosaidError('E013', `cannot store the analyses: ${describe(error)}`, this.location.redacted, { cause: error })
      }
    }
  }

  /** One transaction: each article in a savepoint, so one that the database refuses is left out alone. */
  private async putBatch(entries: readonly PutEntry[]): Promise<PutOutcome[]> {
    const client = await this.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const outcomes: PutOutcome[] = []
      for (const { analysis, source } of entries) {
        const hash = analysis.provenance.contentHash
        await client.query('SAVEPOINT article')
        try {
          const id = await insertAnalysis(client, analysis, source, new Date().toISOString())
          // Stored already: the conflicting row is committed (ON CONFLICT waited for it) or earlier in
          // this batch, so this statement sees it.
          const existing = id === null ? await client.query<{ id: number }>('SELECT id FROM articles WHERE content_hash = $1', [hash]) : null
          outcomes.push(existing ? { id: existing.rows[0]!.id, inserted: false } : { id: id!, inserted: true })
          await client.query('RELEASE SAVEPOINT article')
        } catch (error) {
          const refused = articleError(error, hash)
          if (!refused) throw error
          await client.query('ROLLBACK TO SAVEPOINT article')
          outcomes.push(refused)
        }
      }
      await client.query('COMMIT')
      return outcomes
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
      throw error
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken)
    }
  }

  async getAnalysis(id: number): Promise<Analysis | null> {
    if (!Number.isSafeInteger(id)) return null
    const { rows } = await this.query<{ analysis: string }>('SELECT analysis FROM articles WHERE id = $1', [id])
    return rows.length === 0 ? null : (JSON.parse(rows[0]!.analysis) as Analysis)
  }

  async listArticles(options?: { limit?: number; offset?: number }): Promise<{ total: number; items: ArticleSummary[] }> {
    const { limit, offset } = normalizePaging(options)
    const [count, page] = await Promise.all([
      this.query<{ total: number }>('SELECT count(*)::int AS total FROM articles'),
      this.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY sort_date DESC, id DESC LIMIT $1 OFFSET $2`, [limit, offset]),
    ])
    return { total: count.rows[0]!.total, items: page.rows.map(toSummary) }
  }

  async searchStatements(query: SearchQuery): Promise<{ total: number; items: StatementHit[] }> {
    return this.guard(() => searchStatements(this.pool(), query))
  }

  async getEntity(name: string, options?: EntityOptions): Promise<EntityProfile | null> {
    return this.guard(() => getEntity(this.pool(), name, options))
  }

  async facets(options: { limit?: number } = {}): Promise<Facets> {
    const version = async () => {
      const { rows } = await this.query<{ n: number; last: number | null }>('SELECT count(*)::int AS n, max(id) AS last FROM articles')
      return `${rows[0]!.n}:${rows[0]!.last}`
    }
    const rows = async (sql: string) => (await this.query<FacetRow>(sql)).rows
    return this.facetCache.get(options.limit ?? DEFAULT_FACET_LIMIT, version, async () => ({
      outlets: await rows(`SELECT outlet_key AS key, outlet AS value, count(*)::int AS n FROM articles WHERE outlet_key IS NOT NULL GROUP BY outlet_key, outlet`),
      speakers: await rows(`SELECT speaker_key AS key, speaker_name AS value, count(*)::int AS n FROM statements
        WHERE NOT speaker_anonymous AND speaker_entity IS NOT NULL GROUP BY speaker_key, speaker_name`),
      stances: await rows(`SELECT lower(stance_label) AS key, stance_label AS value, count(*)::int AS n FROM statements
        WHERE stance_label IS NOT NULL GROUP BY stance_label`),
    }))
  }

  /** `entities` counts distinct canonical names across the corpus, not per-article entity rows. */
  async stats(): Promise<{ articles: number; statements: number; entities: number }> {
    const { rows } = await this.query<{ articles: number; statements: number; entities: number }>(
      `SELECT (SELECT count(*) FROM articles)::int AS articles,
              (SELECT count(*) FROM statements)::int AS statements,
              (SELECT count(DISTINCT name_key) FROM entities)::int AS entities`,
    )
    return rows[0]!
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.db.end()
  }

  /** The pool, or E013 after close(): a clear error instead of the driver's. */
  private pool(): Pool {
    if (this.closed) throw new WhosaidError('E013', 'the store is closed', this.location.redacted)
    return this.db
  }

  private async connect(): Promise<PoolClient> {
    const pool = this.pool()
    try {
      return await pool.connect()
    } catch (error) {
      throw this.storeError(error)
    }
  }

  private query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.guard(() => this.pool().query<R>(sql, params))
  }

  /** Runs a read; anything but a WhosaidError (E010 paging, E012 query) is the store's problem. */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw this.storeError(error)
    }
  }

  private storeError(error: unknown): unknown {
    if (error instanceof WhosaidError) return error
    return new WhosaidError('E013', `${this.location.redacted}: ${describe(error)}`, this.location.redacted, { cause: error })
  }
}

/**
 * The error that keeps one article of a batch out, when the database refused the article itself: an
 * integrity violation (its analysis contradicts itself: duplicate ids, an unknown speaker entity) or
 * a value PostgreSQL cannot hold (a NUL character in text). Null for anything else: the store's problem.
 */
function articleError(error: unknown, hash: string): WhosaidError | null {
  const code = String((error as { code?: unknown }).code ?? '')
  if (code.startsWith('23')) {
    return new WhosaidError('E010', `the analysis is not consistent (${describe(error)}); nothing was stored`, hash, { cause: error })
  }
  if (code.startsWith('22')) {
    return new WhosaidError('E010', `the analysis holds a value the database refuses (${describe(error)}); nothing was stored`, hash, { cause: error })
  }
  return null
}

/** The driver's message, or the first of an AggregateError's (connection refused on IPv4 and IPv6). */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0])
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown }).code
  return message || (typeof code === 'string' ? code : 'unknown error')
}
