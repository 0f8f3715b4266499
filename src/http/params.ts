/**
 * Request validation. Every rejection is a 400 (E010) that names the offending field, so a client
 * knows what to fix without reading the server log.
 */
import { z } from 'zod'
import { WhosaidError } from '../errors.js'
import { ISO_DATE, MAX_LIMIT } from '../store/paging.js'

const limit = z.coerce.number().int().min(1).max(MAX_LIMIT).optional()
const offset = z.coerce.number().int().min(0).optional()
const isoDate = z.string().regex(ISO_DATE, 'must be an ISO date such as 2024-03-01')

export const PagingQuery = z.object({ limit, offset })

export const StatementsQuery = z.object({
  q: z.string().max(1000).default(''),
  speaker: z.string().max(200).optional(),
  entity: z.string().max(200).optional(),
  since: isoDate.optional(),
  limit,
  offset,
})

export const ArticleId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)

export const StoreFlag = z.enum(['true', 'false', '1', '0']).optional()

/** Null and absent mean the same to us; JSON clients send either. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => value ?? undefined)

export const AnalyzeBody = z.strictObject({
  text: z.string().refine((text) => text.trim().length > 0, 'must not be empty'),
  headline: optionalText(1000),
  outlet: optionalText(200),
  url: optionalText(2048),
  published: isoDate
    .nullish()
    .transform((value) => value ?? undefined),
  format: z.enum(['text', 'html']).nullish().transform((value) => value ?? undefined),
})

/** Parses or throws E010 naming the first bad field (`limit`, `body.published`, ...). */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const path = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.')
  const field = [prefix, path].filter(Boolean).join('.') || prefix || 'value'
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message
  throw new WhosaidError('E010', `${field}: ${message}`, field)
}
