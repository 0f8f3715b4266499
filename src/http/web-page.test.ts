/**
 * Runs the real app.js against a DOM (linkedom) whose fetch is the app itself, to check what the page
 * renders: highlights that cover the text exactly, one colour per source, and hostile content kept inert.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { parseHTML } from 'linkedom'
import { buildAnalysis } from '../store/analysis-builder.js'
import { makeArticle } from '../testing/make-article.js'
import { analyzeWithRules } from '../testing/rules-pipeline.js'
import { seededApp, type SeededApp } from './seeded-app.js'
import { webFolder } from './web.js'

/** The little of the DOM these checks use (tsconfig has no DOM lib). */
interface PageNode {
  textContent: string | null
  className: string
  getAttribute(name: string): string | null
  querySelector(selector: string): PageNode | null
  querySelectorAll(selector: string): Iterable<PageNode> & { length: number }
}

let seeded: SeededApp
let hostileId: number
let document: { getElementById(id: string): PageNode | null }
let onHashChange: () => Promise<void>
const location = { hash: '' }

before(async () => {
  seeded = await seededApp()
  const hostile = buildAnalysis({
    article: {
      text: '<img src=x onerror=alert(1)> said "<script>alert(2)</script>" today.',
      headline: '<b>bold</b> headline',
      url: 'javascript:alert(3)',
    },
    statements: [{ kind: 'direct', speaker: '<img src=x onerror=alert(1)>', cue: 'said', content: '<script>alert(2)</script>' }],
  })
  hostileId = (await seeded.store.putAnalysis(hostile, 'fixture')).id

  const folder = webFolder()!
  document = parseHTML(readFileSync(join(folder, 'index.html'), 'utf8')).document as unknown as typeof document
  const globals = globalThis as Record<string, unknown>
  globals['document'] = document
  globals['location'] = location
  globals['window'] = { addEventListener: (type: string, listener: () => Promise<void>) => type === 'hashchange' && (onHashChange = listener) }
  globals['fetch'] = (input: string, init?: RequestInit) => seeded.app.request(input, init)
  await import(pathToFileURL(join(folder, 'app.js')).href)
})
after(() => seeded.cleanup())

/** Navigates the page to `hash` and waits for it to render. */
async function show(hash: string): Promise<PageNode> {
  location.hash = hash
  await onHashChange()
  return document.getElementById('main')!
}

const texts = (root: PageNode, selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent)

describe('web page script', () => {
  it('should list the stored articles and the most quoted speakers', async () => {
    const view = await show('#/')
    assert.equal(view.querySelector('h1')?.textContent, 'Who said what')
    assert.equal(view.querySelectorAll('ul.article-list > li').length, 4)
    assert.deepEqual(texts(view, '.ranked a').slice(0, 2), ['Sameh Shoukry', 'Reem Al Hashimy'])
  })

  it('should show search hits in their sentence with the matches marked', async () => {
    const view = await show('#/search?q=ceasefire')
    assert.equal(view.querySelectorAll('li.hit').length, 2)
    assert.deepEqual(texts(view, 'li.hit mark'), ['ceasefire', 'ceasefire'])
    const ahram = [...view.querySelectorAll('li.hit')].find((hit) => /Shoukry/.test(hit.textContent ?? ''))!
    assert.equal(
      ahram.querySelector('.hit-context')?.textContent,
      'Foreign Minister Sameh Shoukry said on Tuesday that Egypt would continue its efforts to reach a ceasefire in Gaza.',
    )
    assert.equal(ahram.querySelector('.hit-content')?.textContent, 'Egypt would continue its efforts to reach a ceasefire in Gaza')
  })

  it('should show a full-text syntax error with a way out', async () => {
    const view = await show('#/search?q=%22unbalanced')
    assert.match(view.querySelector('.notice.error')?.textContent ?? '', /E012/)
    assert.ok([...view.querySelectorAll('a')].some((a) => a.textContent === 'Search for these words as written'))
  })

  it('should mark every statement in the article text, one colour per source', async () => {
    const { samples, ids } = seeded
    const view = await show(`#/articles/${ids[1]}`)
    const body = view.querySelector('.article-text')!
    assert.equal(body.textContent, samples[1]!.article.text)
    assert.deepEqual(texts(body, '.hl-speaker'), ['António Guterres', 'Sameh Shoukry', 'Shoukry', 'Officials familiar with the talks'])
    assert.deepEqual(texts(body, '.hl-cue'), ['said', 'said', 'said', 'said'])
    assert.equal(texts(body, '.hl-content').join(' | '), samples[1]!.statements.map((s) => s.content.text).join(' | '))
    const slot = (node: PageNode) => node.className.match(/src-\d/)![0]
    const speakers = [...body.querySelectorAll('.hl-speaker')].map(slot)
    assert.equal(speakers[1], speakers[2], 'both Shoukry statements share a colour')
    assert.equal(new Set(speakers).size, 3)
    // One focusable highlight per statement, for the keyboard.
    assert.equal(body.querySelectorAll('[tabindex="0"]').length, 4)
    const panel = view.querySelector('aside.panel')!
    assert.deepEqual(texts(panel, '.source-name'), ['Sameh Shoukry', 'António Guterres', 'Officials familiar with the talks'])
    assert.match(panel.textContent ?? '', /Egypt's foreign minister/)
    assert.match(panel.textContent ?? '', /2 statements/)
    assert.match(panel.textContent ?? '', /Named sources2/)
    assert.match(panel.textContent ?? '', /Anonymous sources1/)
    assert.equal(panel.querySelectorAll('svg.bar-chart rect').length, 3)
    assert.match(panel.textContent ?? '', /Outlet claims \(0\)/)
    assert.equal(view.querySelector('a[href^="https://www.reuters.com"]')?.textContent, 'original ↗')
  })

  it('should show a speaker page with timeline and co-speakers', async () => {
    const view = await show('#/entities/Shoukry')
    assert.equal(view.querySelector('h1')?.textContent, 'Sameh Shoukry')
    assert.equal(view.querySelectorAll('li.hit').length, 4)
    assert.equal(view.querySelectorAll('svg.timeline-chart rect').length, 1)
    assert.deepEqual(texts(view, '.co-name a'), ['António Guterres', 'Mohammed bin Abdulrahman Al Thani', 'Officials familiar with the talks'])
    assert.match(view.textContent ?? '', /Also written as\s*Shoukry/)
  })

  it('should keep hostile article content as text', async () => {
    const view = await show(`#/articles/${hostileId}`)
    assert.equal(view.querySelector('h1')?.textContent, '<b>bold</b> headline')
    assert.equal(view.querySelectorAll('img, script, b').length, 0)
    assert.match(view.querySelector('.article-text')?.textContent ?? '', /<script>alert\(2\)<\/script>/)
    assert.equal([...view.querySelectorAll('a')].some((a) => /javascript:/i.test(a.getAttribute('href') ?? '')), false)
  })

  it('should show each source\'s side with its evidence, the outlet\'s claims, the relations and the balance', async () => {
    const text = "Iran's foreign minister, Javad Zarif, arrived in Cairo on Sunday.\n\nAdel al-Jubeir said Cairo would stand with Riyadh in the dispute.\n\nEgypt received $2 billion in aid last year."
    const analysis = analyzeWithRules(makeArticle(text, { headline: 'Which side will Egypt take: Saudi Arabia or Iran?' }))
    const id = (await seeded.store.putAnalysis(analysis, 'fixture')).id
    const view = await show(`#/articles/${id}`)
    assert.match(view.querySelector('.article-head')?.textContent ?? '', /The headline asks which side: Saudi Arabia or Iran/)
    const card = [...view.querySelectorAll('.source-card')].find((node) => /Adel al-Jubeir/.test(node.textContent ?? ''))!
    assert.deepEqual(texts(card, '.badge.stance'), ['side: Saudi Arabia'])
    assert.deepEqual(texts(card, '.source-evidence li q'), ['Riyadh'])
    assert.match(card.querySelector('.source-evidence')?.textContent ?? '', /Riyadh is the capital of Saudi Arabia/)
    const panel = view.querySelector('aside.panel')!
    assert.match(panel.textContent ?? '', /Outlet claims \(1\)/)
    assert.match(panel.textContent ?? '', /Egypt received \$2 billion in aid last year\./)
    assert.match(panel.textContent ?? '', /Javad Zarif role in Iran/)
    assert.match(panel.textContent ?? '', /Sources for: Saudi Arabia1/)
    assert.match(panel.textContent ?? '', /Outlet's own voice50% \(1 claim\)/)
  })

  it('should show an API error as a message', async () => {
    const view = await show('#/articles/987654')
    assert.match(view.querySelector('.notice.error')?.textContent ?? '', /no article with id 987654/)
  })
})
