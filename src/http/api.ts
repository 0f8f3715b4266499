/**
 * The JSON API under /api/v1. Handlers validate, call the store or the analyser, and send; errors are
 * thrown and shaped in one place (errors.ts).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Analysis, Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { analyzeArticle as pipelineAnalyzeArticle } from '../pipeline/analyze.js'
import { normalizePaging } from '../store/paging.js'
import type { ExtraSearchFilter, Facets, Store } from '../store/store.js'
import { cacheControl, sendCachedJson } from './cache.js'
import { errorBody, sendError } from './errors.js'
import { openApiDocument } from './openapi.js'
import { ingestRoutes } from './ingest.js'
import { AnalyzeBody, ArticleId, EntityName, FacetsQuery, PagingQuery, parseField, StatementsQuery, StoreFlag } from './params.js'

/** The search filters a store must list in `searchFilters` before the API passes them on. */
const EXTRA_FILTERS: readonly ExtraSearchFilter[] = ['until', 'outlet', 'stance']

const defaultAnalyzeArticle = (article: Article, options?: { requireEnglish?: boolean }): Analysis => pipelineAnalyzeArticle(article, options)

/** What POST /analyze accepts: article text plus the metadata the text alone may not carry. */
export interface AnalyzeInput {
  text: string
  headline?: string
  outlet?: string
  url?: string
  published?: string
  format?: 'text' | 'html'
  /** Weigh the statements against this claim instead of the headline. */
  claim?: string
}

export interface ApiDeps {
  store: Store
  analyze: (input: AnalyzeInput) => Promise<Analysis>
  /** Analyses an already parsed article (ingest); defaults to the pipeline. */
  analyzeArticle?: (article: Article, options?: { requireEnglish?: boolean }) => Analysis
  token?: string
  /** Hears about unexpected errors the API cannot answer as a 500 (a response already streaming). */
  onError?: (error: unknown) => void
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024

/** The `source` recorded for articles stored through the API. */
const API_SOURCE = 'api'

export function apiRoutes({ store, analyze, analyzeArticle = defaultAnalyzeArticle, token, onError }: ApiDeps): Hono {
  const api = new Hono()
  const cache = cacheControl(token)

  api.get('/health', (c) => c.json({ status: 'ok', store: store.kind }, 200, { 'Cache-Control': 'no-store' }))

  api.post(
    '/analyze',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => sendError(c, 413, errorBody('E004', `the input is too large: the limit is ${MAX_BODY_BYTES} bytes`, 'body')),
    }),
    async (c) => {
      const storeIt = ['true', '1'].includes(parseField(StoreFlag, c.req.query('store'), 'store') ?? 'false')
      let json: unknown
      try {
        json = await c.req.json()
      } catch {
        throw new WhosaidError('E010', 'the body is not valid JSON', 'body')
      }
      const input: AnalyzeInput = parseField(AnalyzeBody, json, 'body')
      // The store keeps one analysis per article; a caller's claim would decide its stances for everyone.
      if (storeIt && input.claim !== undefined) throw new WhosaidError('E010', 'a claim applies to this request only: analyse with a claim, or store without one', 'body.claim')
      const analysis = await analyze(input)
      if (!storeIt) return c.json(analysis, 200, { 'Cache-Control': 'no-store' })
      const { id, inserted } = await store.putAnalysis(analysis, API_SOURCE)
      return c.json({ id, inserted, ...analysis }, inserted ? 201 : 200, {
        'Cache-Control': 'no-store',
        Location: `/api/v1/articles/${id}`,
      })
    },
  )

  api.get('/articles', async (c) => {
    const paging = parseField(PagingQuery, c.req.query())
    return sendCachedJson(c, await store.listArticles(paging), cache)
  })

  api.get('/articles/:id', async (c) => {
    const id = parseField(ArticleId, c.req.param('id'), 'id')
    const analysis = await store.getAnalysis(id)
    if (!analysis) throw new WhosaidError('E011', `no article with id ${id}`, 'id')
    return sendCachedJson(c, { id, ...analysis }, cache)
  })

  api.get('/statements', async (c) => {
    const { q, ...filters } = parseField(StatementsQuery, c.req.query())
    for (const filter of EXTRA_FILTERS) {
      if (filters[filter] !== undefined && !store.searchFilters?.includes(filter)) {
        throw new WhosaidError('E010', `${filter}: the ${store.kind} store cannot filter by ${filter} yet`, filter)
      }
    }
    try {
      return sendCachedJson(c, await store.searchStatements({ text: q, ...filters }), cache)
    } catch (error) {
      // The store names its own field; the client sent `q`.
      if (error instanceof WhosaidError && error.where === 'text') throw new WhosaidError(error.code, detail(error), 'q')
      throw error
    }
  })

  api.get('/entities/:name', async (c) => {
    const name = parseField(EntityName, c.req.param('name'), 'name')
    const paging = normalizePaging(parseField(PagingQuery, c.req.query()))
    const profile = await store.getEntity(name, paging)
    if (!profile) throw new WhosaidError('E011', `no entity named ${JSON.stringify(name)}`, 'name')
    // A backend that does not page returns every statement: page them here.
    const paged =
      profile.statementTotal === undefined
        ? { ...profile, statementTotal: profile.statements.length, statements: profile.statements.slice(paging.offset, paging.offset + paging.limit) }
        : profile
    return sendCachedJson(c, paged, cache)
  })

  api.get('/stats', async (c) => sendCachedJson(c, await store.stats(), cache))

  api.get('/facets', async (c) => {
    const { limit } = parseField(FacetsQuery, c.req.query())
    const facets: Facets = store.facets ? await store.facets({ limit }) : { outlets: [], speakers: [], stances: [] }
    return sendCachedJson(c, facets, cache)
  })

  ingestRoutes(api, { store, analyzeArticle, report: onError })

  api.get('/openapi.json', (c) => sendCachedJson(c, openApiDocument(), cache))

  return api
}

/** A WhosaidError's message without the generic text its code adds, to re-raise it unchanged. */
function detail(error: WhosaidError): string {
  const generic = new WhosaidError(error.code).message
  return error.message.startsWith(`${generic}: `) ? error.message.slice(generic.length + 2) : error.message
}
