/**
 * Analysis of a raw article posted through the API: text or HTML plus optional metadata.
 */
import type { Analysis } from '../doc/schema.js'
import { parseHtmlPage } from '../ingest/html.js'
import { parseTextPage } from '../ingest/text.js'
import { looksLikeHtml } from '../ingest/html-to-text.js'
import { analyzeArticle } from './analyze.js'

export interface RawArticleInput {
  text: string
  headline?: string
  outlet?: string
  url?: string
  published?: string
  format?: 'text' | 'html'
  /** Weigh the statements against this claim instead of the headline. */
  claim?: string
}

export async function analyzeInput(input: RawArticleInput): Promise<Analysis> {
  const source = { name: 'request' }
  const isHtml = input.format === 'html' || (input.format === undefined && looksLikeHtml(input.text))
  const parsed = isHtml ? parseHtmlPage(input.text, source) : parseTextPage(input.text, source)
  const article = {
    ...parsed,
    headline: input.headline ?? parsed.headline,
    outlet: input.outlet ?? parsed.outlet,
    url: input.url ?? parsed.url,
    published: input.published ?? parsed.published,
  }
  return analyzeArticle(article, { claim: input.claim })
}
