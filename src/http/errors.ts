/**
 * The one error shape of the API: `{ error: { code, message, where? } }`. WhosaidErrors carry their
 * own status; anything else is a bug on our side and leaves as a bare 500, never with a stack trace.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { WhosaidError } from '../errors.js'

export interface ErrorBody {
  error: { code: string; message: string; where?: string }
}

export function errorBody(code: string, message: string, where?: string | null): ErrorBody {
  return { error: where ? { code, message, where } : { code, message } }
}

export function sendError(c: Context, status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return c.json(body, status as ContentfulStatusCode, { 'Cache-Control': 'no-store', ...headers })
}

/** Maps a thrown error to its response; `report` hears about the unexpected ones (the server log). */
export function handleError(error: unknown, c: Context, report: (error: unknown) => void): Response {
  if (error instanceof WhosaidError) return sendError(c, error.status, errorBody(error.code, error.message, error.where))
  report(error)
  return sendError(c, 500, errorBody('internal', 'internal server error'))
}
