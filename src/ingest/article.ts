/**
 * Assembles an `Article` from whatever fields a parser found: every parser ends here, so text
 * normalisation, empty-field handling, date formats and language detection are the same for all.
 */
import type { Article } from '../doc/schema.js'
import { toIsoDate } from './dates.js'
import { detectLanguage } from './language.js'
import { normalizeLine, normalizeText } from './normalize.js'

export interface ArticleFields {
  text: string
  headline?: string | null
  outlet?: string | null
  section?: string | null
  byline?: string | null
  /** Raw date text or epoch number; converted to ISO here. */
  published?: string | number | null
  modified?: string | number | null
  captions?: readonly string[]
  url?: string | null
}

/** A one-line field, normalised; empty means unknown. */
export function cleanField(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const line = normalizeLine(value)
  return line === '' ? null : line
}

export function buildArticle(fields: ArticleFields): Article {
  const text = normalizeText(fields.text)
  const captions = [...new Set((fields.captions ?? []).map(cleanField).filter((c): c is string => c !== null))]
  return {
    text,
    headline: cleanField(fields.headline),
    outlet: cleanField(fields.outlet),
    section: cleanField(fields.section),
    byline: cleanField(fields.byline),
    published: toIsoDate(typeof fields.published === 'string' ? cleanField(fields.published) : fields.published),
    modified: toIsoDate(typeof fields.modified === 'string' ? cleanField(fields.modified) : fields.modified),
    captions,
    language: detectLanguage(text),
    url: cleanField(fields.url),
  }
}
