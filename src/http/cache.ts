/**
 * Conditional GET for read endpoints: an ETag that is a hash of the exact body, so a client that
 * already holds it gets a 304 without the body, whatever produced the body.
 */
import { createHash } from 'node:crypto'
import type { Context } from 'hono'

/**
 * `no-cache` = keep it but revalidate every time: stored articles never change, but lists, searches
 * and stats do as articles arrive. `private` when a token guards the data, so no shared cache keeps it.
 */
export function cacheControl(token: string | undefined): string {
  return token ? 'private, no-cache' : 'no-cache'
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/** True when an If-None-Match header (a list, maybe weak, maybe `*`) names this ETag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '')
    return tag === '*' || tag === etag
  })
}

/** Sends `body` with ETag and Cache-Control, or a bodiless 304 when the client's copy is current. */
export function sendCached(
  c: Context,
  body: string,
  contentType: string,
  cache: string,
  extraHeaders: Record<string, string> = {},
): Response {
  const etag = etagOf(body)
  const headers = { ETag: etag, 'Cache-Control': cache, ...extraHeaders }
  if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers)
  return c.body(body, 200, { ...headers, 'Content-Type': contentType })
}

export function sendCachedJson(c: Context, data: unknown, cache: string): Response {
  return sendCached(c, JSON.stringify(data), 'application/json; charset=utf-8', cache)
}
