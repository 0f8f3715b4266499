/**
 * HTML article pages: metadata from the head (JSON-LD, Open Graph, meta tags), the article body
 * picked out of the page furniture by Mozilla Readability, then turned into paragraph text.
 */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { buildArticle } from './article.js'
import { limitMarkup, MAX_HTML_ELEMENTS } from './html-depth.js'
import { readPageMeta, type MetaDocument } from './html-meta.js'
import { domToText, type DomNode } from './html-to-text.js'
import { normalizeLine } from './normalize.js'
import { bylineOf, dateLine, isRelatedLinkLine } from './page-lines.js'
import { describeSource, type SourceRef } from './types.js'

/** Separators sites put between headline and site name in `<title>`. */
const TITLE_SEPARATOR = /\s+[|–—-]\s+|\s+::\s+/

/** "Headline - Site Name" → "Headline" when the site name is known. */
function headlineFromTitle(title: string, outlet: string | null): string {
  const parts = title.split(TITLE_SEPARATOR)
  if (parts.length < 2) return title
  const last = parts[parts.length - 1].toLowerCase()
  if (outlet && (last === outlet.toLowerCase() || outlet.toLowerCase().includes(last))) return parts.slice(0, -1).join(' - ')
  return title
}

/**
 * Readability keeps the headline, byline or dateline paragraphs above the body when the page does
 * not mark them up as such; they are page furniture, not what anyone said.
 */
function dropLeadingFurniture(text: string, headline: string | null): { text: string; byline: string | null } {
  const paragraphs = text.split('\n\n')
  let byline: string | null = null
  let start = 0
  while (start < Math.min(paragraphs.length - 1, 4)) {
    const paragraph = paragraphs[start]
    const name = bylineOf(paragraph)
    if (name !== null) byline ??= name
    else if (paragraph !== headline && dateLine(paragraph) === null) break
    start++
  }
  return { text: paragraphs.slice(start).join('\n\n'), byline }
}

export function parseHtmlPage(html: string, source: SourceRef): Article {
  const where = describeSource(source)
  // Nesting is capped first: parser and Readability slow down steeply with depth (HTML bombs).
  const markup = limitMarkup(html)
  if (markup.elements > MAX_HTML_ELEMENTS) {
    throw new WhosaidError('E007', `the page has ${markup.elements} elements (more than ${MAX_HTML_ELEMENTS}): not an article page`, where)
  }
  const { document } = parseHTML(markup.html)
  const meta = readPageMeta(document as unknown as MetaDocument)
  // Readability rewrites the DOM; captions anywhere in the page are collected before it runs.
  const figcaptions = document.querySelectorAll('figcaption') as unknown as ArrayLike<DomNode>
  const pageCaptions = Array.from(figcaptions, (node) => normalizeLine(node.textContent ?? ''))

  let parsed: ReturnType<Readability<DomNode>['parse']>
  try {
    // The serializer hands back the DOM node itself, so the body is not re-parsed from a string.
    const reader = new Readability<DomNode>(document as never, { serializer: (node: unknown) => node as DomNode })
    parsed = reader.parse()
  } catch (cause) {
    throw new WhosaidError('E007', 'the page could not be read', where, { cause })
  }
  const body = parsed?.content ? domToText(parsed.content) : null
  if (!body || body.text === '') throw new WhosaidError('E007', undefined, where)

  // Readability's title is itself derived from <title> with the site name trimmed off.
  const headline =
    meta.headline || normalizeLine(parsed?.title ?? '') || (meta.title ? headlineFromTitle(meta.title, meta.outlet) : null)
  const top = dropLeadingFurniture(body.text, headline)
  return buildArticle({
    text: top.text
      .split('\n\n')
      .filter((paragraph) => !isRelatedLinkLine(paragraph))
      .join('\n\n'),
    headline,
    outlet: meta.outlet ?? (parsed?.siteName || null),
    section: meta.section,
    byline: meta.byline ?? top.byline ?? (parsed?.byline ? parsed.byline.replace(/^by\s+/i, '') : null),
    published: meta.published ?? (parsed?.publishedTime || null),
    modified: meta.modified,
    captions: [...pageCaptions, ...body.captions],
    url: meta.url,
  })
}
