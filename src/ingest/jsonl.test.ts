import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WhosaidError } from '../errors.js'
import { parseJsonRecord } from './jsonl.js'

const source = { name: 'corpus.jsonl', line: 7 }
const TEXT = 'The council voted on Monday to keep the tram line, officials said. "This is a good day for the city," the mayor told reporters.'

describe('parseJsonRecord', () => {
  it('should read the common field names', () => {
    const article = parseJsonRecord(
      { title: 'Council keeps tram', text: TEXT, url: 'https://news.example/tram', date: '2021-03-08', outlet: 'City News', author: 'Ana Ruiz', section: 'Local' },
      source,
    )
    assert.deepEqual(article, {
      text: TEXT,
      headline: 'Council keeps tram',
      outlet: 'City News',
      section: 'Local',
      byline: 'Ana Ruiz',
      published: '2021-03-08',
      modified: null,
      captions: [],
      language: 'eng',
      url: 'https://news.example/tram',
    })
  })

  it('should read news-please style aliases', () => {
    const article = parseJsonRecord(
      { maintext: TEXT, headline: 'Council keeps tram', date_publish: '2021-03-08 07:15:00', date_modify: '2021-03-09 10:00:00', source_domain: 'news.example', authors: ['Ana Ruiz', 'Tom Baker'] },
      source,
    )
    assert.equal(article.published, '2021-03-08T07:15:00')
    assert.equal(article.modified, '2021-03-09T10:00:00')
    assert.equal(article.outlet, 'news.example')
    assert.equal(article.byline, 'Ana Ruiz, Tom Baker')
  })

  it('should read body/content, datePublished, byline and NewsAPI-style source objects', () => {
    const fromBody = parseJsonRecord({ body: TEXT, datePublished: 1615187700, byline: 'By the city desk', source: { id: null, name: 'City News' } }, source)
    assert.equal(fromBody.outlet, 'City News')
    assert.equal(fromBody.published, '2021-03-08T07:15:00Z')
    assert.equal(fromBody.byline, 'By the city desk')
    assert.equal(parseJsonRecord({ content: TEXT, published: '8 March 2021', modified: '9 March 2021', site: 'City News' }, source).modified, '2021-03-09')
  })

  it('should turn an HTML text into plain paragraphs without markup or script', () => {
    const article = parseJsonRecord(
      { text: '<p>The council voted on <b>Monday</b> to keep the tram.</p><script>alert(1)</script><figure><img src=x onerror="alert(2)"><figcaption>The tram.</figcaption></figure><p>Opponents accepted the result.</p>' },
      source,
    )
    assert.equal(article.text, 'The council voted on Monday to keep the tram.\n\nOpponents accepted the result.')
    assert.deepEqual(article.captions, ['The tram.'])
  })

  it('should leave text with a stray "<" alone', () => {
    assert.equal(parseJsonRecord({ text: 'Turnout was < 50% in 3 < 4 districts.' }, source).text, 'Turnout was < 50% in 3 < 4 districts.')
  })

  it('should refuse a record without text, or with empty text, with E006 naming file and line', () => {
    for (const record of [{ title: 'No body' }, { text: '   ' }, { text: 42 }, ['not', 'an', 'object'], null]) {
      assert.throws(
        () => parseJsonRecord(record, source),
        (error: unknown) => error instanceof WhosaidError && error.code === 'E006' && error.where === 'corpus.jsonl:7',
      )
    }
  })
})
