/**
 * One article record from a JSON or JSONL corpus. Field names differ between scrapers and datasets
 * (news-please, newspaper3k, NewsAPI, Common Crawl news dumps), so each field has its usual aliases.
 */
import type { Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { buildArticle } from './article.js'
import { htmlFragmentToText, looksLikeHtml } from './html-to-text.js'
import { namesOf } from './names.js'
import { describeSource, type SourceRef } from './types.js'

type JsonRecord = Record<string, unknown>

const TEXT_KEYS = ['text', 'body', 'content', 'maintext', 'article', 'article_text']
const HEADLINE_KEYS = ['title', 'headline']
const PUBLISHED_KEYS = ['date', 'published', 'date_publish', 'datePublished', 'published_at', 'publishedAt', 'pubDate']
const MODIFIED_KEYS = ['modified', 'date_modify', 'dateModified', 'updated', 'updated_at']
const OUTLET_KEYS = ['outlet', 'source', 'site', 'source_domain', 'publisher', 'site_name']
const BYLINE_KEYS = ['author', 'authors', 'byline']
const SECTION_KEYS = ['section', 'category', 'articleSection']
const URL_KEYS = ['url', 'link', 'source_url']

/** The first non-empty string under one of `keys`. */
function firstString(record: JsonRecord, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = record[key]
    if (typeof value === 'string' && value.trim() !== '') return value
    if (Array.isArray(value) && typeof value[0] === 'string' && value[0].trim() !== '') return value[0]
  }
  return null
}

/** A date as a string or an epoch number (seconds or milliseconds). */
function firstDate(record: JsonRecord, keys: readonly string[]): string | number | null {
  for (const key of keys) {
    const value = record[key]
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return value
  }
  return null
}

/** Names from a string, `{name}`, or an array of either ("authors": ["A", "B"]). */
function firstNames(record: JsonRecord, keys: readonly string[]): string | null {
  for (const key of keys) {
    const names = [...new Set(namesOf(record[key]))]
    if (names.length > 0) return names.join(', ')
  }
  return null
}

export function parseJsonRecord(value: unknown, source: SourceRef): Article {
  const where = describeSource(source)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WhosaidError('E006', 'the record is not a JSON object', where)
  }
  const record = value as JsonRecord
  const raw = firstString(record, TEXT_KEYS)
  if (raw === null) throw new WhosaidError('E006', undefined, where)
  // Some scrapers store the article body as HTML; its markup must not reach the text.
  const body = looksLikeHtml(raw) ? htmlFragmentToText(raw) : { text: raw, captions: [] }
  const article = buildArticle({
    text: body.text,
    headline: firstString(record, HEADLINE_KEYS),
    outlet: firstNames(record, OUTLET_KEYS),
    section: firstString(record, SECTION_KEYS),
    byline: firstNames(record, BYLINE_KEYS),
    published: firstDate(record, PUBLISHED_KEYS),
    modified: firstDate(record, MODIFIED_KEYS),
    captions: body.captions,
    url: firstString(record, URL_KEYS),
  })
  if (article.text === '') throw new WhosaidError('E006', 'the text field is empty', where)
  return article
}
