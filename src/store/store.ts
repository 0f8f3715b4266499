/**
 * The store interface. SQLite (embedded, default) and PostgreSQL (networked) implement it, and one
 * conformance suite (conformance.ts) runs against both. Async on purpose, so a networked backend
 * fits without changing callers.
 */
import type { Analysis, EntityType, Span, Statement } from '../doc/schema.js'
import type { WhosaidError } from '../errors.js'

export interface PutResult {
  /** Numeric id of the article row. */
  id: number
  /** False when an article with the same content hash was already stored (nothing was written). */
  inserted: boolean
}

/** One article to store with `putAnalyses`. */
export interface PutEntry {
  analysis: Analysis
  /** Where the article came from (`corpus.jsonl:12`), stored with it. */
  source: string
}

/**
 * What `putAnalyses` did with one entry: stored (or found stored), or the error that kept that one
 * article out (E010: its analysis contradicts itself) while the rest of the batch was stored.
 */
export type PutOutcome = PutResult | WhosaidError

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
  /**
   * Optional (backends may omit it): the sentence or sentences of the article around the statement
   * content, as a span into `article.text`, so a reader sees the statement in context.
   */
  context?: Span
  /**
   * Optional: where the full-text query matched inside the statement content, as spans into
   * `article.text` (UTF-16, `end` exclusive), in text order; empty or absent without a text query.
   */
  matches?: Array<{ start: number; end: number }>
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
  /**
   * Optional filter: only articles published (or ingested, when undated) on or before this ISO date;
   * a date without a time includes that whole day.
   */
  until?: string
  /** Optional filter: only articles whose outlet contains this (case- and accent-insensitive). */
  outlet?: string
  /** Optional filter: only statements whose `stance.label` is this (case-insensitive); none match before stance lands. */
  stance?: string
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
  /** Newest first; one page of them when `getEntity` was given paging and the backend supports it. */
  statements: StatementHit[]
  /** Optional: how many statements the entity has in all, when `statements` holds one page of them. */
  statementTotal?: number
  /** Optional: statements per month (`YYYY-MM` of the article date), oldest first, months without any omitted. */
  timeline?: Array<{ month: string; statements: number }>
  /**
   * Optional: the other speakers quoted in the articles that mention this entity, most shared
   * articles first (at most CO_SPEAKER_LIMIT), merged by name like entities are.
   */
  coSpeakers?: CoSpeaker[]
}

export interface CoSpeaker {
  /** Canonical name of the other speaker's entity, or the speaker text when unresolved. */
  name: string
  /** True when the other speaker is an anonymous source ("officials"). */
  anonymous: boolean
  /** Articles that mention this entity and quote the other speaker. */
  articles: number
  /** The other speaker's statements in those articles. */
  statements: number
}

/** The most co-speakers an entity profile lists. */
export const CO_SPEAKER_LIMIT = 50

/** Paging for the statements of an entity profile. */
export interface EntityOptions {
  limit?: number
  offset?: number
}

/** One value of a search facet and how many items have it. */
export interface FacetValue {
  value: string
  count: number
}

/** Values to offer as search filters, most frequent first. */
export interface Facets {
  /** Outlets, counted in articles. */
  outlets: FacetValue[]
  /** Named (non-anonymous, resolved) speakers, counted in statements. */
  speakers: FacetValue[]
  /** Stance labels, counted in statements; empty until the stance stage fills them. */
  stances: FacetValue[]
}

/** SearchQuery filters added after the first version; a backend lists those it applies in `searchFilters`. */
export type ExtraSearchFilter = 'until' | 'outlet' | 'stance'

/** Every extra filter (both stores apply them all). */
export const EXTRA_SEARCH_FILTERS: readonly ExtraSearchFilter[] = ['until', 'outlet', 'stance']

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  /**
   * Optional: the extra SearchQuery filters this backend applies. Callers must not pass a filter that
   * is not listed (the HTTP API answers 400), since a backend ignores what it does not know.
   */
  readonly searchFilters?: readonly ExtraSearchFilter[]
  hasArticle(contentHash: string): Promise<boolean>
  /** Stores one analysed article atomically (all rows or none); idempotent by content hash. */
  putAnalysis(analysis: Analysis, source: string): Promise<PutResult>
  /**
   * Stores many analysed articles in one transaction, in order, each whole or not at all: an entry
   * whose analysis contradicts itself is left out alone (its outcome is the E010 error) and the rest
   * are stored; an entry whose content hash is stored already, or appeared earlier in the batch, is
   * `inserted: false`. When the store itself fails (E013, thrown) nothing of the batch is stored.
   */
  putAnalyses(entries: readonly PutEntry[]): Promise<PutOutcome[]>
  getAnalysis(id: number): Promise<Analysis | null>
  listArticles(options?: { limit?: number; offset?: number }): Promise<{ total: number; items: ArticleSummary[] }>
  searchStatements(query: SearchQuery): Promise<{ total: number; items: StatementHit[] }>
  /**
   * Everything stored about a named entity, matched by canonical name or alias, case-insensitive.
   * `options` (optional to honour) pages `statements`; a backend that pages sets `statementTotal`.
   */
  getEntity(name: string, options?: EntityOptions): Promise<EntityProfile | null>
  stats(): Promise<{ articles: number; statements: number; entities: number }>
  /** Optional: the most frequent outlets, speakers and stance labels, at most `limit` (default 50) of each. */
  facets?(options?: { limit?: number }): Promise<Facets>
  close(): Promise<void>
}
