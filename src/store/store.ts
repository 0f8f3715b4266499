/**
 * The store interface. SQLite (embedded, default) implements it now; PostgreSQL implements the same
 * interface later, and one conformance suite (`store.case.test.ts`) runs against every backend.
 * Async on purpose, so a networked backend fits without changing callers.
 */
import type { Analysis, EntityType, Statement } from '../doc/schema.js'

export interface PutResult {
  /** Numeric id of the article row. */
  id: number
  /** False when an article with the same content hash was already stored (nothing was written). */
  inserted: boolean
}

export interface ArticleSummary {
  id: number
  contentHash: string
  headline: string | null
  outlet: string | null
  published: string | null
  source: string
  statementCount: number
  entityCount: number
  ingestedAt: string
}

export interface StatementHit {
  articleId: number
  headline: string | null
  outlet: string | null
  published: string | null
  statement: Statement
  /** Canonical name of the speaker's entity, or the speaker text. */
  speakerName: string
  /** Content with the matching terms marked by `[` and `]`, for display (FTS5 snippet). */
  snippet: string
}

export interface SearchQuery {
  /** Full-text query over statement content; empty string means "all statements". */
  text: string
  /** Only statements whose speaker name (canonical or alias) matches, case-insensitive substring. */
  speaker?: string
  /** Only statements from articles that mention an entity whose name matches. */
  entity?: string
  /** Only articles published (or ingested, when undated) on or after this ISO date. */
  since?: string
  limit?: number
  offset?: number
}

export interface EntityProfile {
  /** Canonical name across the corpus (the most frequent canonical name for the merged key). */
  name: string
  type: EntityType
  aliases: string[]
  roles: string[]
  articleIds: number[]
  statements: StatementHit[]
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  hasArticle(contentHash: string): Promise<boolean>
  /** Stores one analysed article atomically (all rows or none); idempotent by content hash. */
  putAnalysis(analysis: Analysis, source: string): Promise<PutResult>
  getAnalysis(id: number): Promise<Analysis | null>
  listArticles(options?: { limit?: number; offset?: number }): Promise<{ total: number; items: ArticleSummary[] }>
  searchStatements(query: SearchQuery): Promise<{ total: number; items: StatementHit[] }>
  /** Everything stored about a named entity, matched by canonical name or alias, case-insensitive. */
  getEntity(name: string): Promise<EntityProfile | null>
  stats(): Promise<{ articles: number; statements: number; entities: number }>
  close(): Promise<void>
}
