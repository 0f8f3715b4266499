/**
 * The embedded store: one SQLite file (or memory) through better-sqlite3. The driver is synchronous;
 * the methods are async only to honour the Store interface shared with networked backends.
 */
import type Database from 'better-sqlite3'
import type { Analysis } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'
import { DEFAULT_FACET_LIMIT, FacetCache } from '../facets.js'
import { normalizePaging } from '../paging.js'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../rows.js'
import { EXTRA_SEARCH_FILTERS } from '../store.js'
import type { ArticleSummary, EntityOptions, EntityProfile, Facets, PutEntry, PutOutcome, PutResult, SearchQuery, StatementHit, Store } from '../store.js'
import { openDatabase } from './database.js'
import { getEntity } from './entity.js'
import { countFacets, facetVersion } from './facets.js'
import { searchStatements } from './search.js'
import { insertAnalysis } from './write.js'

/** WAL pages between automatic checkpoints once batches are written (16384 × 4 KB = 64 MB). */
const BATCH_WAL_CHECKPOINT_PAGES = 16384

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const
  readonly searchFilters = EXTRA_SEARCH_FILTERS
  private readonly facetCache = new FacetCache()
  private batchWriter: ((entries: readonly PutEntry[]) => PutOutcome[]) | null = null

  private constructor(
    private readonly db: Database.Database,
    /** The file path, or `:memory:`; for error messages. */
    readonly path: string,
  ) {}

  /** Opens (creating if needed) and migrates the database at `path`; `:memory:` for a scratch store. */
  static open(path: string): SqliteStore {
    return new SqliteStore(openDatabase(path), path)
  }

  async hasArticle(contentHash: string): Promise<boolean> {
    return this.findByHash(contentHash) !== undefined
  }

  async putAnalysis(analysis: Analysis, source: string): Promise<PutResult> {
    const db = this.open()
    const hash = analysis.provenance.contentHash
    // IMMEDIATE: take the write lock before looking, so a concurrent writer of the same article
    // cannot slip in between the check and the insert.
    const put = db.transaction((): PutResult => {
      const existing = this.findByHash(hash)
      if (existing !== undefined) return { id: existing, inserted: false }
      return { id: insertAnalysis(db, analysis, source, new Date().toISOString()), inserted: true }
    })
    try {
      return put.immediate()
    } catch (error) {
      throw this.asWriteError(error, hash)
    }
  }

  async putAnalyses(entries: readonly PutEntry[]): Promise<PutOutcome[]> {
    if (entries.length === 0) return []
    try {
      return this.batch()(entries)
    } catch (error) {
      if (error instanceof WhosaidError) throw error
      throw new WhosaidError('E013', `cannot store the analyses: ${(error as Error).message}`, this.path, { cause: error })
    }
  }

  /**
   * The batch writer, made on first use: one IMMEDIATE transaction for the batch, one savepoint per
   * article inside it, so a failing article rolls back alone and the others are committed together.
   */
  private batch(): (entries: readonly PutEntry[]) => PutOutcome[] {
    if (this.batchWriter) return this.batchWriter
    const db = this.open()
    // A bulk load writes tens of MB: checkpoint the WAL every 64 MB instead of every 4 MB (SQLite's
    // default), which saved a quarter of the write time. Readers and crash safety are unaffected.
    db.pragma(`wal_autocheckpoint = ${BATCH_WAL_CHECKPOINT_PAGES}`)
    // Nested in the batch transaction, this runs as a savepoint.
    const putOne = db.transaction((entry: PutEntry, ingestedAt: string): PutResult => {
      const existing = this.findByHash(entry.analysis.provenance.contentHash)
      if (existing !== undefined) return { id: existing, inserted: false }
      return { id: insertAnalysis(db, entry.analysis, entry.source, ingestedAt), inserted: true }
    })
    const putAll = db.transaction((entries: readonly PutEntry[]): PutOutcome[] =>
      entries.map((entry) => {
        try {
          return putOne(entry, new Date().toISOString())
        } catch (error) {
          // A constraint failure is the article's fault (its analysis contradicts itself); anything else is the store's.
          if (!isConstraintError(error)) throw error
          return this.asWriteError(error, entry.analysis.provenance.contentHash) as WhosaidError
        }
      }),
    )
    // The statement journal of each article's savepoint in memory instead of a temporary file: it
    // holds one article's changes, and the files cost a fifth to a third of the write CPU of a bulk
    // ingest (docs/BENCH.md). Only around the batch: the connection's other work (a migration's
    // index builds, the sorts of a large search) keeps spilling to disk.
    this.batchWriter = (entries) => {
      db.pragma('temp_store = MEMORY')
      try {
        return putAll.immediate(entries)
      } finally {
        db.pragma('temp_store = DEFAULT')
      }
    }
    return this.batchWriter
  }

  async getAnalysis(id: number): Promise<Analysis | null> {
    if (!Number.isSafeInteger(id)) return null
    const json = this.open().prepare('SELECT analysis FROM articles WHERE id = ?').pluck().get(id) as string | undefined
    return json === undefined ? null : (JSON.parse(json) as Analysis)
  }

  async listArticles(options?: { limit?: number; offset?: number }): Promise<{ total: number; items: ArticleSummary[] }> {
    const db = this.open()
    const { limit, offset } = normalizePaging(options)
    const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number
    const rows = db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY sort_date DESC, id DESC LIMIT ? OFFSET ?`)
      .all(limit, offset) as SummaryRow[]
    return { total, items: rows.map(toSummary) }
  }

  async searchStatements(query: SearchQuery): Promise<{ total: number; items: StatementHit[] }> {
    return searchStatements(this.open(), query)
  }

  async getEntity(name: string, options?: EntityOptions): Promise<EntityProfile | null> {
    return getEntity(this.open(), name, options)
  }

  async facets(options: { limit?: number } = {}): Promise<Facets> {
    const db = this.open()
    return this.facetCache.get(options.limit ?? DEFAULT_FACET_LIMIT, async () => facetVersion(db), async () => countFacets(db))
  }

  /** `entities` counts distinct canonical names across the corpus, not per-article entity rows. */
  async stats(): Promise<{ articles: number; statements: number; entities: number }> {
    const row = this.open()
      .prepare(
        `SELECT (SELECT count(*) FROM articles) AS articles,
                (SELECT count(*) FROM statements) AS statements,
                (SELECT count(DISTINCT name_key) FROM entities) AS entities`,
      )
      .get() as { articles: number; statements: number; entities: number }
    return row
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  /** The connection, or E013 after close(): a clear error instead of the driver's TypeError. */
  private open(): Database.Database {
    if (!this.db.open) throw new WhosaidError('E013', 'the store is closed', this.path)
    return this.db
  }

  private findByHash(contentHash: string): number | undefined {
    return this.open().prepare('SELECT id FROM articles WHERE content_hash = ?').pluck().get(contentHash) as number | undefined
  }

  /** A constraint failure means the analysis contradicts itself (duplicate ids, unknown speaker entity). */
  private asWriteError(error: unknown, hash: string): unknown {
    if (error instanceof WhosaidError) return error
    const message = (error as Error).message
    if (isConstraintError(error)) {
      return new WhosaidError('E010', `the analysis is not consistent (${message}); nothing was stored`, hash, { cause: error })
    }
    return new WhosaidError('E013', `cannot store the analysis: ${message}`, this.path, { cause: error })
  }
}

function isConstraintError(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')
}
