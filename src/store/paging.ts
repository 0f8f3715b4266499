/**
 * Paging rules shared by every store backend and the HTTP API, so that a limit means the same
 * everywhere.
 */
import { WhosaidError } from '../errors.js'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 200

export interface Paging {
  limit: number
  offset: number
}

/** Fills defaults and caps the limit at MAX_LIMIT; a negative or fractional value is a caller bug (E010). */
export function normalizePaging(options: { limit?: number; offset?: number } = {}): Paging {
  const limit = options.limit ?? DEFAULT_LIMIT
  const offset = options.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 1) throw new WhosaidError('E010', `limit must be a positive integer, got ${limit}`, 'limit')
  if (!Number.isSafeInteger(offset) || offset < 0) throw new WhosaidError('E010', `offset must be a non-negative integer, got ${offset}`, 'offset')
  return { limit: Math.min(limit, MAX_LIMIT), offset }
}

/** ISO 8601 date or date-time, the form every stored date has. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** `since` must be an ISO date: it is compared as a string against stored ISO dates. */
export function checkSince(since: string): string {
  if (!ISO_DATE.test(since)) throw new WhosaidError('E010', `since must be an ISO date such as 2024-03-01, got "${since}"`, 'since')
  return since
}

/**
 * `until` as a bound on the sort date: a date-time is compared as is; a date alone covers its whole
 * day, so it becomes "before the next day".
 */
export function untilBound(until: string): { value: string; inclusive: boolean } {
  if (!ISO_DATE.test(until)) throw new WhosaidError('E010', `until must be an ISO date such as 2024-03-01, got "${until}"`, 'until')
  if (until.length > 10) return { value: until, inclusive: true }
  const next = new Date(`${until}T00:00:00Z`)
  if (Number.isNaN(next.getTime())) throw new WhosaidError('E010', `until is not a calendar date: "${until}"`, 'until')
  next.setUTCDate(next.getUTCDate() + 1)
  return { value: next.toISOString().slice(0, 10), inclusive: false }
}
