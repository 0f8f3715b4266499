/**
 * The web page: index.html, app.js and app.css, read once at startup from src/http/web (tsc copies
 * no assets into dist, so the files are found from the folder holding package.json). Every page
 * response carries a strict CSP: the page's own files only, no inline script or style.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context, Hono } from 'hono'
import { sendCached } from './cache.js'

export interface WebAssets {
  html: string
  js: string
  css: string
  /** The other ES modules app.js imports, by file name (`article.js`), served beside it. */
  modules?: Record<string, string>
}

/** A module file name the page may import: lower-case letters, digits and dashes, `.js`. */
const MODULE_NAME = /^[a-z0-9-]+\.js$/

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
}

/** The folder with the page's files, or null when this install has no sources beside dist. */
export function webFolder(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const web = join(dir, 'src', 'http', 'web')
      return existsSync(join(web, 'index.html')) ? web : null
    }
    const up = dirname(dir)
    if (up === dir) return null
    dir = up
  }
}

export function loadWebAssets(folder: string | null = webFolder()): WebAssets | null {
  if (!folder) return null
  const read = (name: string) => readFileSync(join(folder, name), 'utf8')
  const modules: Record<string, string> = {}
  for (const name of readdirSync(folder).sort()) {
    if (name !== 'app.js' && MODULE_NAME.test(name)) modules[name] = read(name)
  }
  return { html: read('index.html'), js: read('app.js'), css: read('app.css'), modules }
}

export function webRoutes(app: Hono, assets: WebAssets, cache: string): void {
  const page = (body: string, contentType: string) => (c: Context) =>
    sendCached(c, body, contentType, cache, { ...PAGE_SECURITY_HEADERS })
  app.get('/', page(assets.html, 'text/html; charset=utf-8'))
  app.get('/app.js', page(assets.js, 'text/javascript; charset=utf-8'))
  app.get('/app.css', page(assets.css, 'text/css; charset=utf-8'))
  for (const [name, body] of Object.entries(assets.modules ?? {})) {
    if (MODULE_NAME.test(name)) app.get(`/${name}`, page(body, 'text/javascript; charset=utf-8'))
  }
  // Browsers ask for an icon on every page; answer with nothing rather than a logged 404.
  app.get('/favicon.ico', (c) => c.body(null, 204))
}
