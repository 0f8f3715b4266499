import type { Article } from '../doc/schema.js'

/** An English article with only a body, for tests that start after ingest. */
export function makeArticle(text: string, fields: Partial<Article> = {}): Article {
  return {
    text,
    headline: null,
    outlet: null,
    section: null,
    byline: null,
    published: null,
    modified: null,
    captions: [],
    language: 'eng',
    url: null,
    ...fields,
  }
}
