/**
 * Request validation. Every rejection is a 400 (E010) that names the offending field, so a client
 * knows what to fix without reading the server log.
 */
import { z } from 'zod'
import { WhosaidError } from '../errors.js'
import { checkClaim } from '../stages/stance/central-claim.js'
import { ISO_DATE, MAX_LIMIT } from '../store/paging.js'

const limit = z.coerce.number().int().min(1).max(MAX_LIMIT).optional()
const offset = z.coerce.number().int().min(0).optional()
const isoDate = z.string().regex(ISO_DATE, 'must be an ISO date such as 2024-03-01')

export const PagingQuery = z.object({ limit, offset })

/** An optional text filter: blank means absent (an HTML form sends every field, empty or not). */
const filterText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
const optionalDate = z
  .union([isoDate, z.literal('')])
  .optional()
  .transform((value) => value || undefined)

export const StatementsQuery = z.object({
  q: z.string().max(1000).default(''),
  speaker: filterText(200),
  entity: filterText(200),
  outlet: filterText(200),
  stance: filterText(100),
  since: optionalDate,
  until: optionalDate,
  limit,
  offset,
})

export const EntityName = z.string().trim().min(1, 'must not be empty').max(300)

export const FacetsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() })

/** Where lines of an uploaded file come from, for messages such as `corpus.jsonl:12`. */
export const IngestQuery = z.object({
  name: z
    .string()
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not hold control characters')
    .optional(),
  /** The number of the first line in this body, when a client sends a big file in chunks. */
  line: z.coerce.number().int().min(1).max(1e9).optional(),
  /** `false` analyses articles whose detected language is not English. */
  languageCheck: z.enum(['true', 'false']).optional(),
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
  /** A proposition to weigh the statements against instead of the headline; checked like `--claim`. */
  claim: z
    .string()
    .nullish()
    .transform((value, context) => {
      if (value === null || value === undefined) return undefined
      try {
        return checkClaim(value)
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message.replace(/^invalid argument: /, '') : String(error) })
        return z.NEVER
      }
    }),
})

/** POST /ingest with a JSON body: pasted text or HTML, and the metadata the text may not carry. */
export const IngestBody = z
  .strictObject({
    text: z.string().optional(),
    html: z.string().optional(),
    headline: optionalText(1000),
    outlet: optionalText(200),
    url: optionalText(2048),
    published: isoDate.nullish().transform((value) => value ?? undefined),
    /** false: analyse even when the detected language is not English. */
    languageCheck: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    const given = [body.text, body.html].filter((value) => value !== undefined)
    if (given.length !== 1) ctx.addIssue({ code: 'custom', path: ['text'], message: 'send exactly one of text or html' })
    else if (given[0]!.trim() === '') ctx.addIssue({ code: 'custom', path: [body.text !== undefined ? 'text' : 'html'], message: 'must not be empty' })
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
