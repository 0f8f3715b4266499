/**
 * Article metadata from an HTML page's head: JSON-LD (schema.org NewsArticle and kin), Open Graph
 * and classic meta tags. Publishers fill these for search engines, so they are more reliable than
 * anything guessed from the visible page. Bad JSON-LD is common and is skipped, never fatal.
 */
import { namesOf } from './names.js'
import { normalizeLine } from './normalize.js'

export interface PageMeta {
  headline: string | null
  outlet: string | null
  section: string | null
  byline: string | null
  published: string | null
  modified: string | null
  url: string | null
  /** The `<title>`, kept apart: it often carries the site name as well as the headline. */
  title: string | null
}

/** The small slice of the DOM `Document` interface read here. */
interface MetaElement {
  getAttribute(name: string): string | null
  textContent: string | null
}
export interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<MetaElement>
  querySelector(selector: string): MetaElement | null
}

const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BlogPosting', 'Report', 'LiveBlogPosting'])

type Json = unknown
type JsonObject = Record<string, Json>

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

function text(value: Json): string | null {
  if (typeof value === 'string') return normalizeLine(value) || null
  if (typeof value === 'number') return String(value)
  return null
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type']
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string')
}

/** Every JSON-LD object on the page, flattening arrays and `@graph` containers. */
function jsonLdNodes(document: MetaDocument): JsonObject[] {
  const nodes: JsonObject[] = []
  const collect = (value: Json) => {
    if (Array.isArray(value)) value.forEach(collect)
    else if (isObject(value)) {
      nodes.push(value)
      if (value['@graph'] !== undefined) collect(value['@graph'])
    }
  }
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(script.textContent ?? ''))
    } catch {
      // Publishers ship broken JSON-LD (trailing commas, raw newlines); the other sources remain.
    }
  }
  return nodes
}

function articleNode(document: MetaDocument): JsonObject | null {
  return jsonLdNodes(document).find((node) => typesOf(node).some((type) => ARTICLE_TYPES.has(type))) ?? null
}

function urlOf(value: Json): string | null {
  if (isObject(value)) return text(value['@id']) ?? text(value.url)
  return text(value)
}

export function readPageMeta(document: MetaDocument): PageMeta {
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)
      const content = element ? text(element.getAttribute('content')) : null
      if (content) return content
    }
    return null
  }
  const ld = articleNode(document) ?? {}
  const authors = [...new Set(namesOf(ld.author))]
  const section = Array.isArray(ld.articleSection) ? ld.articleSection[0] : ld.articleSection
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null
  return {
    headline: text(ld.headline) ?? text(ld.name) ?? meta('og:title', 'twitter:title'),
    outlet: meta('og:site_name') ?? namesOf(ld.publisher)[0] ?? null,
    section: text(section) ?? meta('article:section'),
    byline: authors.length > 0 ? authors.join(', ') : meta('author', 'byl', 'dc.creator'),
    published: text(ld.datePublished) ?? meta('article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date'),
    modified: text(ld.dateModified) ?? meta('article:modified_time', 'og:updated_time', 'dateModified'),
    url: text(ld.url) ?? urlOf(ld.mainEntityOfPage) ?? meta('og:url') ?? text(canonical),
    title: text(document.querySelector('title')?.textContent),
  }
}
