import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { ArticleSchema } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { ingestFixture } from './fixtures.js'
import { parseHtmlPage } from './html.js'

const source = { name: 'page.html' }

/** A body long enough for Readability to recognise it as an article. */
const PARAGRAPHS = [
  'The regional water board said on Tuesday that reservoir levels had fallen to their lowest point in twenty years after the driest spring on record.',
  '"We are asking every household to cut its use by a tenth," the board\'s chair, Helen Marsh, told a press conference in the city hall.',
  'Farmers in the valley said they had already reduced irrigation and warned that some crops would fail if the dry weather continued into July.',
]
const body = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')

describe('parseHtmlPage on a news page with Open Graph, JSON-LD, scripts and a figure', () => {
  const article = parseHtmlPage(readFileSync(ingestFixture('article-page.html'), 'utf8'), source)

  it('should prefer JSON-LD (inside @graph) for headline, dates, authors and section', () => {
    assert.equal(article.headline, 'Port Ellery votes to keep its century-old tram line')
    assert.equal(article.published, '2021-03-08T07:15:00+01:00')
    assert.equal(article.modified, '2021-03-08T18:45:00+01:00')
    assert.equal(article.byline, 'Maria Lopez, Tom Baker')
    assert.equal(article.section, 'Local')
    assert.equal(article.url, 'https://herald.example/news/2021/03/tram-vote')
  })

  it('should take the outlet from og:site_name', () => {
    assert.equal(article.outlet, 'The Coastal Herald')
  })

  it('should collect the figcaption and keep it out of the text', () => {
    assert.deepEqual(article.captions, ['A tram crosses the harbour bridge in Port Ellery on Sunday.'])
    assert.ok(!article.text.includes('harbour bridge'))
  })

  it('should never let script, style or event handler text into the text', () => {
    assert.doesNotMatch(article.text, /LEAKED|alert\(|trackingSecret|color:/)
    assert.doesNotMatch(JSON.stringify(article), /LEAKED/)
  })

  it('should keep the article paragraphs, separated by blank lines, without the page furniture', () => {
    const paragraphs = article.text.split('\n\n')
    assert.equal(paragraphs.length, 4)
    assert.ok(paragraphs[0].startsWith('Residents of Port Ellery have voted by a wide margin'))
    assert.equal(paragraphs[1], '"The tram is part of who we are," said Ana Ruiz, who led the campaign to save the line. "People came out in the rain to say so."')
    assert.doesNotMatch(article.text, /All rights reserved|Ferry timetable|By Maria Lopez|Sport/)
    assert.equal(article.language, 'eng')
    assert.deepEqual(ArticleSchema.parse(article), article)
  })
})

describe('parseHtmlPage without JSON-LD', () => {
  it('should fall back to Open Graph and meta tags', () => {
    const html = `<html><head>
      <title>Reservoirs at twenty-year low - Valley Courier</title>
      <meta property="og:title" content="Reservoirs at twenty-year low">
      <meta property="og:site_name" content="Valley Courier">
      <meta property="og:url" content="https://courier.example/reservoirs">
      <meta property="article:section" content="Environment">
      <meta property="article:published_time" content="2022-05-10T08:00:00Z">
      <meta property="article:modified_time" content="2022-05-10T12:30:00Z">
      <meta name="author" content="Sam Okafor">
      </head><body><article>${body}</article></body></html>`
    const article = parseHtmlPage(html, source)
    assert.equal(article.headline, 'Reservoirs at twenty-year low')
    assert.equal(article.outlet, 'Valley Courier')
    assert.equal(article.section, 'Environment')
    assert.equal(article.byline, 'Sam Okafor')
    assert.equal(article.published, '2022-05-10T08:00:00Z')
    assert.equal(article.modified, '2022-05-10T12:30:00Z')
    assert.equal(article.url, 'https://courier.example/reservoirs')
    assert.equal(article.text, PARAGRAPHS.join('\n\n'))
  })

  it('should read a top-level JSON-LD array with a string author and a bare <title>', () => {
    const html = `<html><head><title>Reservoirs at twenty-year low</title>
      <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["ReportageNewsArticle"],"headline":"Reservoirs fall to twenty-year low","author":"Sam Okafor","publisher":{"name":"Valley Courier"},"datePublished":"2022-05-10"}]</script>
      </head><body><div id="story">${body}</div></body></html>`
    const article = parseHtmlPage(html, source)
    assert.equal(article.headline, 'Reservoirs fall to twenty-year low')
    assert.equal(article.byline, 'Sam Okafor')
    assert.equal(article.outlet, 'Valley Courier')
    assert.equal(article.published, '2022-05-10')
  })

  it('should drop links to other stories from the body and keep prose that starts the same way', () => {
    const html = `<html><body><article>${body}<p>Read more: Drought: what you need to know</p><p>Related | Farmers count the cost</p><p>Watch the council debate the plan tonight, officials said.</p></article></body></html>`
    const text = parseHtmlPage(html, source).text
    assert.ok(!text.includes('Read more') && !text.includes('Farmers count the cost'), text)
    assert.ok(text.endsWith('\n\nWatch the council debate the plan tonight, officials said.'), text)
  })

  it('should keep line breaks from <br> inside a paragraph', () => {
    const html = `<html><body><article>${body}<p>Water board<br>City Hall, Room 4</p></article></body></html>`
    assert.ok(parseHtmlPage(html, source).text.endsWith('\n\nWater board\nCity Hall, Room 4'))
  })

  it('should refuse a page without a readable body with E007', () => {
    const html = '<html><head><title>Empty</title></head><body><script>var story = "not text"</script></body></html>'
    assert.throws(
      () => parseHtmlPage(html, source),
      (error: unknown) => error instanceof WhosaidError && error.code === 'E007' && error.where === 'page.html',
    )
  })
})
