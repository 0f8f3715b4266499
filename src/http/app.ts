/**
 * The HTTP application: JSON API under /api/v1 and the web page at /. Framework-level concerns live
 * here (auth, security headers, errors); routes live in api.ts and web.ts.
 */
import { Hono } from 'hono'
import type { Analysis } from '../doc/schema.js'
import type { Store } from '../store/store.js'
import { apiRoutes, type AnalyzeInput } from './api.js'
import { requireBearer } from './auth.js'
import { cacheControl } from './cache.js'
import { errorBody, handleError, sendError } from './errors.js'
import { loadWebAssets, webRoutes, type WebAssets } from './web.js'

export type { AnalyzeInput } from './api.js'

export interface AppDeps {
  store: Store
  analyze: (input: AnalyzeInput) => Promise<Analysis>
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
  // The page, script and style hold no stored data; the page asks for the token and sends it to the API.
  if (deps.token) app.use('/api/*', requireBearer(deps.token))

  app.route('/api/v1', apiRoutes(deps))
  if (assets) webRoutes(app, assets, cacheControl(deps.token))

  app.notFound((c) => sendError(c, 404, errorBody('E011', `not found: ${c.req.method} ${new URL(c.req.url).pathname}`)))
  app.onError((error, c) => handleError(error, c, report))
  return app
}
