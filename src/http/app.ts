/**
 * The HTTP application: JSON API under /api/v1 and the web page at /. Framework-level concerns live
 * here (auth, security headers, errors); routes live in api.ts and web.ts.
 */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { Analysis, Article } from '../doc/schema.js'
import type { Store } from '../store/store.js'
import { apiRoutes, type AnalyzeInput } from './api.js'
import { requireBearer } from './auth.js'
import { cacheControl } from './cache.js'
import { errorBody, handleError, sendError } from './errors.js'
import { DEFAULT_RATE_LIMIT, rateLimit, type RateLimitOptions } from './rate-limit.js'
import { loadWebAssets, webRoutes, type WebAssets } from './web.js'

export type { AnalyzeInput } from './api.js'

export interface AppDeps {
  store: Store
  analyze: (input: AnalyzeInput) => Promise<Analysis>
  /** Analyses an already parsed article (ingest); defaults to the pipeline. */
  analyzeArticle?: (article: Article, options?: { requireEnglish?: boolean }) => Analysis
  /** Origins allowed to call the API from a browser (CORS); none (the default) sends no CORS headers. */
  cors?: readonly string[]
  /** Per-client limit on API requests; defaults to DEFAULT_RATE_LIMIT, false turns it off. */
  rateLimit?: RateLimitOptions | false
  /** When set, every API request must send `Authorization: Bearer <token>`. */
  token?: string
  /** Hears about unexpected errors (answered as a bare 500); defaults to console.error. */
  onError?: (error: unknown) => void
  /** The page's files; defaults to reading src/http/web. Null serves no page (API only). */
  webAssets?: WebAssets | null
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  const report = deps.onError ?? ((error: unknown) => console.error(error))
  const assets = deps.webAssets === undefined ? loadWebAssets() : deps.webAssets

  app.use('*', async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
  })
  // CORS first, so a preflight (which carries no token) is answered before the token check.
  if (deps.cors && deps.cors.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: [...deps.cors],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
        exposeHeaders: ['ETag', 'Location', 'Retry-After'],
        maxAge: 600,
      }),
    )
  }
  // Before the token check, so guessing tokens is slowed down too.
  if (deps.rateLimit !== false) app.use('/api/*', rateLimit(deps.rateLimit ?? DEFAULT_RATE_LIMIT))
  // The page, script and style hold no stored data; the page asks for the token and sends it to the API.
  if (deps.token) app.use('/api/*', requireBearer(deps.token))

  app.route('/api/v1', apiRoutes({ ...deps, onError: report }))
  if (assets) webRoutes(app, assets, cacheControl(deps.token))

  app.notFound((c) => sendError(c, 404, errorBody('E011', `not found: ${c.req.method} ${new URL(c.req.url).pathname}`)))
  app.onError((error, c) => handleError(error, c, report))
  return app
}
