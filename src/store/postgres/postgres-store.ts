/**
 * The networked store: PostgreSQL through a `pg` connection pool, for several processes or machines
 * writing and reading one corpus. Same semantics as the SQLite store (conformance suite), with the
 * full-text differences listed in search.ts.
 *
 * Writes: one transaction per article; idempotent by content hash through the unique constraint and
 * `ON CONFLICT DO NOTHING`, so two workers racing on the same article store it once and both learn
 * its id. Any driver failure becomes E013 naming the database with its password redacted.
 */
import pg from 'pg'
import type { Pool, PoolClient } from 'pg'
import type { Analysis } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'
import { normalizePaging } from '../paging.js'
import type { ArticleSummary, EntityProfile, PutResult, SearchQuery, StatementHit, Store } from '../store.js'
import { getEntity } from './entity.js'
import { migrate } from './migrations.js'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows.js'
import { searchStatements } from './search.js'
import { parsePostgresUrl, type PostgresLocation } from './url.js'
import { insertAnalysis } from './write.js'

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
    const hash = analysis.provenance.contentHash
    const client = await this.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const id = await insertAnalysis(client, analysis, source, new Date().toISOString())
      if (id !== null) {
        await client.query('COMMIT')
        return { id, inserted: true }
      }
      await client.query('ROLLBACK')
      // The conflicting row is committed (ON CONFLICT waited for it), so this statement sees it.
      const existing = await client.query<{ id: number }>('SELECT id FROM articles WHERE content_hash = $1', [hash])
      return { id: existing.rows[0]!.id, inserted: false }
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
      throw this.asWriteError(error, hash)
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

  async getEntity(name: string): Promise<EntityProfile | null> {
    return this.guard(() => getEntity(this.pool(), name))
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

  /** An integrity violation means the analysis contradicts itself (duplicate ids, unknown speaker entity). */
  private asWriteError(error: unknown, hash: string): unknown {
    if (error instanceof WhosaidError) return error
    const code = String((error as { code?: unknown }).code ?? '')
    if (code.startsWith('23')) {
      return new WhosaidError('E010', `the analysis is not consistent (${describe(error)}); nothing was stored`, hash, { cause: error })
    }
    return new WhosaidError('E013', `cannot store the analysis: ${describe(error)}`, this.location.redacted, { cause: error })
  }
}

/** The driver's message, or the first of an AggregateError's (connection refused on IPv4 and IPv6). */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0])
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown }).code
  return message || (typeof code === 'string' ? code : 'unknown error')
}
