import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ArticleSchema } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { examplesDir, ingestFixture } from './fixtures.js'
import { normalizeText } from './normalize.js'
import { parseTextPage } from './text.js'

const source = { name: 'page.txt' }

describe('parseTextPage on a scraped news page', () => {
  const raw = readFileSync(ingestFixture('scraped-arabic-comma.txt'), 'utf8')
  const article = parseTextPage(raw, source)

  it('should take the site line as outlet and the next name-like line as section', () => {
    assert.equal(article.outlet, 'Asharq Al-Awsat')
    assert.equal(article.section, 'Arab World')
  })

  it('should take the headline once although the page repeats it', () => {
    assert.equal(article.headline, 'Riverside town in Upper Egypt opens its first public library in decades')
    assert.ok(!article.text.includes('Riverside town in Upper Egypt'))
  })

  it('should move the photo caption out of the text', () => {
    assert.deepEqual(article.captions, ['Children read at the new public library in the town centre on Monday. (AFP)'])
    assert.ok(!article.text.includes('(AFP)'))
  })

  it('should read the byline, the dateline and the Arabic-comma "Last Modified" trailer', () => {
    assert.equal(article.byline, 'Jane Doe')
    assert.equal(article.published, '2019-05-14T09:30:00')
    assert.equal(article.modified, '2019-05-14T21:05:00')
    assert.ok(!article.text.includes('Last Modified'))
  })

  it('should start the text with the first real paragraph and keep every body paragraph', () => {
    assert.ok(article.text.startsWith('Cairo - A small town on the banks of the Nile opened its first public library'))
    assert.ok(article.text.endsWith('during the summer holidays, the statement added.'))
    assert.equal(article.text.split('\n\n').length, 4)
  })

  it('should produce a valid English article', () => {
    assert.equal(article.language, 'eng')
    assert.equal(article.url, null)
    assert.deepEqual(ArticleSchema.parse(article), article)
  })
})

describe('parseTextPage with the site and section on one line', () => {
  it('should take "Site | Section" below the headline as outlet and section, not as body text', () => {
    const raw = 'Egypt rejects Ethiopian dam proposal\n\nAl Jazeera | Middle East\nLast Modified: 12 Mar 2024 10:15 GMT\n\nCAIRO — Egypt\'s foreign minister ruled out the plan.\n'
    const article = parseTextPage(raw, source)
    assert.equal(article.headline, 'Egypt rejects Ethiopian dam proposal')
    assert.equal(article.outlet, 'Al Jazeera')
    assert.equal(article.section, 'Middle East')
    assert.equal(article.text, 'CAIRO — Egypt\'s foreign minister ruled out the plan.')
  })

  it('should take a breadcrumb first line, then the headline', () => {
    const article = parseTextPage('BBC News › World\nTalks resume in Cairo\n\nThe talks resumed on Monday, officials said.\n', source)
    assert.equal(article.outlet, 'BBC News')
    assert.equal(article.section, 'World')
    assert.equal(article.headline, 'Talks resume in Cairo')
    assert.equal(article.text, 'The talks resumed on Monday, officials said.')
  })

  it('should keep a sentence with a pipe in it as body text', () => {
    const article = parseTextPage('Talks resume\n\nThe vote was 12 | 3 in the end, officials said on Monday.\n', source)
    assert.equal(article.outlet, null)
    assert.ok(article.text.includes('12 | 3'))
  })
})

describe('parseTextPage with a header block', () => {
  it('should read Title, Outlet, Date, URL, Author and Caption lines of a bundled example', () => {
    const article = parseTextPage(readFileSync(join(examplesDir(), 'GUM_news_iodine.txt'), 'utf8'), source)
    assert.equal(article.headline, 'Australian children suffering from iodine deficiency')
    assert.equal(article.outlet, 'Wikinews')
    assert.equal(article.published, '2006-02-23')
    assert.equal(article.modified, null)
    assert.equal(article.url, 'https://en.wikinews.org/wiki/Australian_children_suffering_from_iodine_deficiency')
    assert.equal(article.byline, 'Wikinews')
    assert.ok(article.text.startsWith('Thursday, February 23, 2006\n\nAlmost half of all Australian primary school children'))
  })

  it('should keep the whole body of every bundled example, and its captions', () => {
    for (const file of readdirSync(examplesDir()).filter((name) => name.endsWith('.txt'))) {
      const raw = readFileSync(join(examplesDir(), file), 'utf8')
      const [header, ...body] = raw.split('\n\n')
      const captions = header.split('\n').filter((line) => line.startsWith('Caption: ')).map((line) => line.slice(9))
      const article = parseTextPage(raw, { name: file })
      assert.equal(article.text, normalizeText(body.join('\n\n')), file)
      assert.deepEqual(article.captions, [...new Set(captions)], file)
      assert.equal(article.outlet, 'Wikinews', file)
      assert.match(article.published ?? '', /^\d{4}-\d{2}-\d{2}$/, file)
    }
  })

  it('should refuse a header with no body', () => {
    assert.throws(
      () => parseTextPage('Title: Nothing here\nOutlet: Example\n', source),
      (error: unknown) => error instanceof WhosaidError && error.code === 'E001' && error.where === 'page.txt',
    )
  })
})

describe('parseTextPage on plain text', () => {
  it('should keep text without any header as it is, with no headline or outlet', () => {
    const raw =
      'The council voted on Monday to keep the tram line, officials said.\n\n' +
      '"This is a good day for the city," the mayor told reporters.'
    const article = parseTextPage(raw, source)
    assert.equal(article.headline, null)
    assert.equal(article.outlet, null)
    assert.equal(article.text, raw)
  })

  it('should drop links to other stories from the body', () => {
    const article = parseTextPage('Council keeps the tram line\n\nThe council voted on Monday to keep the tram line, officials said.\n\nALSO READ: Tram fares to rise in May\n\nThe line opened in 1998.', source)
    assert.equal(article.text, 'The council voted on Monday to keep the tram line, officials said.\n\nThe line opened in 1998.')
  })

  it('should take a short first line followed by a blank line as the headline', () => {
    const article = parseTextPage('Council keeps the tram line\n\nThe council voted on Monday to keep the tram line, officials said.', source)
    assert.equal(article.headline, 'Council keeps the tram line')
    assert.equal(article.text, 'The council voted on Monday to keep the tram line, officials said.')
  })

  it('should not take a first line that runs straight into the prose for a headline', () => {
    const raw = 'Officials said on Monday that the tram line would stay\nafter a long and bitter dispute over its cost.'
    const article = parseTextPage(raw, source)
    assert.equal(article.headline, null)
    assert.equal(article.text, 'Officials said on Monday that the tram line would stay after a long and bitter dispute over its cost.')
  })

  it('should keep a wire dateline paragraph that names an agency', () => {
    const raw =
      'Council keeps the tram line\n\n' +
      'LONDON (Reuters) - The council voted on Monday to keep the tram line, officials said.\n\n' +
      'A tram crosses the bridge on Sunday. (Reuters)\n\n' +
      'Opponents said they accepted the result.'
    const article = parseTextPage(raw, source)
    assert.equal(article.text, 'LONDON (Reuters) - The council voted on Monday to keep the tram line, officials said.\n\nOpponents said they accepted the result.')
    assert.deepEqual(article.captions, ['A tram crosses the bridge on Sunday. (Reuters)'])
  })

  it('should read a page with one paragraph per line and a caption in the body', () => {
    const raw = [
      'Wikinews',
      'Harbour city votes to keep its tram line',
      'Sunday, March 7, 2021',
      'Residents of Port Ellery have voted by a wide margin to keep the city\'s century-old tram line running.',
      'Photo: A tram on the harbour bridge.',
      '"The tram is part of who we are," said Ana Ruiz, who led the campaign to save the line.',
      'Published: 7 March 2021',
    ].join('\n')
    const article = parseTextPage(raw, source)
    assert.equal(article.outlet, 'Wikinews')
    assert.equal(article.headline, 'Harbour city votes to keep its tram line')
    assert.equal(article.published, '2021-03-07')
    assert.deepEqual(article.captions, ['Photo: A tram on the harbour bridge.'])
    assert.equal(
      article.text,
      'Residents of Port Ellery have voted by a wide margin to keep the city\'s century-old tram line running.\n\n' +
        '"The tram is part of who we are," said Ana Ruiz, who led the campaign to save the line.',
    )
  })

  it('should join a hard-wrapped paragraph into one', () => {
    const raw =
      'Residents of Port Ellery have voted by a wide margin to keep\n' +
      'the city\'s century-old tram line running, ending a two-year\n' +
      'dispute over whether to replace it with electric buses.\n\n' +
      'Opponents said they accepted the result.'
    assert.equal(
      parseTextPage(raw, source).text,
      'Residents of Port Ellery have voted by a wide margin to keep the city\'s century-old tram line running, ending a two-year dispute over whether to replace it with electric buses.\n\n' +
        'Opponents said they accepted the result.',
    )
  })

  it('should move a bracketed credit caption and the source trailer out, and keep prose about pictures', () => {
    const raw = [
      'Al Jazeera',
      "Sudan's military rulers and protest leaders resume talks",
      'Protesters wave flags outside the army headquarters in Khartoum [File: Reuters]',
      "Sudan's ruling military council and the main protest coalition have resumed talks, both sides said on Tuesday.",
      'Pictures of the crowds outside the army headquarters were shared widely on social media.',
      'Source: Al Jazeera and news agencies',
    ].join('\n')
    const article = parseTextPage(raw, source)
    assert.equal(article.outlet, 'Al Jazeera')
    assert.equal(article.headline, "Sudan's military rulers and protest leaders resume talks")
    assert.deepEqual(article.captions, ['Protesters wave flags outside the army headquarters in Khartoum [File: Reuters]'])
    assert.equal(
      article.text,
      "Sudan's ruling military council and the main protest coalition have resumed talks, both sides said on Tuesday.\n\n" +
        'Pictures of the crowds outside the army headquarters were shared widely on social media.',
    )
  })

  it('should take a Markdown title line as the headline', () => {
    const article = parseTextPage('# Council keeps the tram line\nThe council voted on Monday to keep the tram line, officials said.', source)
    assert.equal(article.headline, 'Council keeps the tram line')
    assert.equal(article.text, 'The council voted on Monday to keep the tram line, officials said.')
  })
})
