/**
 * Per-client rate limit: a token bucket per client address. Each request takes one token; tokens
 * come back at `perMinute / 60` a second up to `burst`. An empty bucket answers 429 with
 * Retry-After (whole seconds until a token is back) and the JSON error shape of the API.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { errorBody, sendError } from './errors.js'

export interface RateLimitOptions {
  /** Sustained requests per minute per client. */
  perMinute: number
  /** Requests a client may make at once after being idle (the bucket size). */
  burst: number
}

/** Generous: a person clicking through the page, or a script paging through results, never meets it. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 1200, burst: 300 }

/** Above this many tracked clients, buckets that have refilled completely are forgotten. */
const PRUNE_ABOVE = 10_000

interface Bucket {
  tokens: number
  /** ms timestamp of the last refill. */
  at: number
}

export function checkRateLimit(options: RateLimitOptions): RateLimitOptions {
  const { perMinute, burst } = options
  if (!(Number.isFinite(perMinute) && perMinute > 0)) throw new RangeError(`rate limit: perMinute must be positive, got ${perMinute}`)
  if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError(`rate limit: burst must be a positive integer, got ${burst}`)
  return options
}

/**
 * A token-bucket limiter; `take(key)` spends one token and returns 0, or returns the seconds to wait.
 * `now` is injectable for tests.
 */
export function tokenBuckets(options: RateLimitOptions, now: () => number = Date.now) {
  const { perMinute, burst } = checkRateLimit(options)
  const perMs = perMinute / 60_000
  const buckets = new Map<string, Bucket>()

  const refill = (bucket: Bucket, time: number): void => {
    bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * perMs)
    bucket.at = time
  }

  const prune = (time: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, time)
      if (bucket.tokens >= burst) buckets.delete(key)
    }
  }

  return {
    take(key: string): number {
      const time = now()
      let bucket = buckets.get(key)
      if (!bucket) {
        if (buckets.size >= PRUNE_ABOVE) prune(time)
        bucket = { tokens: burst, at: time }
        buckets.set(key, bucket)
      } else refill(bucket, time)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
    },
    get size(): number {
      return buckets.size
    },
  }
}

/** The client's address as the Node server saw it; `local` for requests made in-process (tests). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined
  const incoming = env?.server?.incoming ?? env?.incoming
  return incoming?.socket?.remoteAddress ?? 'local'
}

export function rateLimit(options: RateLimitOptions, keyOf: (c: Context) => string = clientAddress, now?: () => number): MiddlewareHandler {
  const buckets = tokenBuckets(options, now)
  return async (c, next) => {
    const wait = buckets.take(keyOf(c))
    if (wait > 0) {
      const message = `too many requests from this client: the limit is ${options.perMinute} a minute (bursts of ${options.burst}); retry in ${wait} s`
      return sendError(c, 429, errorBody('rate_limited', message), { 'Retry-After': String(wait) })
    }
    await next()
  }
}
