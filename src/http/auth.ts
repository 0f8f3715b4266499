/**
 * Bearer-token guard. The comparison runs in constant time over hashes of equal length, so response
 * timing does not reveal how much of a guessed token was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { errorBody, sendError } from './errors.js'

export function requireBearer(token: string): MiddlewareHandler {
  const expected = digest(token)
  return async (c, next) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('Authorization') ?? '')
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      const message = match ? 'the bearer token is not valid' : 'send Authorization: Bearer <token>'
      return sendError(c, 401, errorBody('unauthorized', message), { 'WWW-Authenticate': 'Bearer realm="whosaid"' })
    }
    await next()
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
