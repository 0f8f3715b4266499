// whosaid web page: the router and the home page. Views live in their own modules; every one builds
// its DOM with dom.js (text only, never HTML parsing), since article content is untrusted.
import { getFacets, getJson } from './api.js'
import { showArticle } from './article.js'
import { articleLink, day, el, entityHref, joinMeta, name, notice, pager, plural, searchHref } from './dom.js'
import { showEntity } from './entity.js'
import { showIngest } from './ingest.js'
import { showSearch } from './search.js'

const PAGE_SIZE = 20
const view = document.getElementById('main')
const quickSearch = document.getElementById('quick-search')
const quickText = document.getElementById('quick-search-text')
let navigation = 0
let rendered = false
let cleanup = null

async function showHome(params) {
  const offset = Number(params.get('offset')) || 0
  const [page, stats, facets] = await Promise.all([getJson(`/articles?limit=${PAGE_SIZE}&offset=${offset}`), getJson('/stats'), getFacets()])
  const figure = (value, label) => el('div', { class: 'figure' }, el('span', { class: 'figure-value' }, value.toLocaleString('en')), el('span', { class: 'figure-label' }, label))
  const articles = page.items.map((a) =>
    el(
      'li',
      { class: 'article-item' },
      articleLink(a.id, a.headline),
      el('div', { class: 'meta' }, el('span', { dir: 'auto' }, joinMeta(a.outlet, day(a.published) ?? `ingested ${day(a.ingestedAt)}`)), ` · ${plural(a.statementCount, 'statement')}`),
    ),
  )
  const quoted = facets.speakers.slice(0, 12)
  return {
    title: 'Articles',
    nodes: [
      el('h1', { tabindex: '-1' }, 'Who said what'),
      el('div', { class: 'figures' }, figure(stats.articles, 'articles'), figure(stats.statements, 'statements'), figure(stats.entities, 'names')),
      el(
        'div',
        { class: 'home-layout' },
        el(
          'section',
          { 'aria-labelledby': 'articles-title' },
          el('h2', { id: 'articles-title' }, 'Articles, newest first'),
          articles.length ? el('ul', { class: 'article-list' }, ...articles) : el('p', { class: 'notice' }, 'No articles yet. ', el('a', { href: '#/ingest' }, 'Add some'), '.'),
          page.total > PAGE_SIZE && pager(page.total, offset, PAGE_SIZE, (o) => `#/?offset=${o}`, 'Article pages'),
        ),
        el(
          'aside',
          { class: 'panel', 'aria-label': 'Most quoted' },
          el(
            'section',
            { class: 'panel-card', 'aria-labelledby': 'quoted-title' },
            el('h2', { id: 'quoted-title' }, 'Most quoted'),
            quoted.length
              ? el('ol', { class: 'ranked' }, ...quoted.map((s) => el('li', {}, el('a', { href: entityHref(s.value) }, name(s.value)), el('span', { class: 'meta' }, ` ${plural(s.count, 'statement')}`))))
              : el('p', { class: 'meta' }, 'Nobody yet.'),
          ),
          facets.outlets.length > 0 &&
            el(
              'section',
              { class: 'panel-card', 'aria-labelledby': 'outlets-title' },
              el('h2', { id: 'outlets-title' }, 'Outlets'),
              el('ul', { class: 'chips' }, ...facets.outlets.slice(0, 20).map((o) => el('li', {}, el('a', { href: searchHref({ outlet: o.value }) }, name(o.value)), el('span', { class: 'meta' }, ` ${o.count}`)))),
            ),
        ),
      ),
    ],
  }
}

const ROUTES = [
  [/^\/articles\/(\d+)$/, (m, params) => showArticle(Number(m[1]), params), 'articles'],
  [/^\/entities\/(.+)$/, (m, params) => showEntity(decodeURIComponent(m[1]), params), 'articles'],
  [/^\/search$/, (m, params) => showSearch(params), 'search'],
  [/^\/ingest$/, () => showIngest(), 'ingest'],
  [/^\/?$/, (m, params) => showHome(params), 'articles'],
]

function markNavigation(section) {
  for (const link of document.querySelectorAll('.site-nav a')) {
    if (link.getAttribute('data-section') === section) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

async function route() {
  const ticket = ++navigation
  const hash = location.hash
  const [path, query = ''] = (hash.slice(1) || '/').split('?')
  const params = new URLSearchParams(query)
  let found = null
  for (const [pattern, render, section] of ROUTES) {
    const match = pattern.exec(path)
    if (match) {
      found = { render: () => render(match, params), section }
      break
    }
  }
  if (quickText && path !== '/search') quickText.value = ''
  view.setAttribute('aria-busy', 'true')
  let result
  try {
    result = found ? await found.render() : { title: 'Not found', nodes: [el('h1', { tabindex: '-1' }, 'Page not found'), notice('There is no page here. ', 'error')] }
  } catch (error) {
    result = { title: 'Error', nodes: [el('h1', { tabindex: '-1' }, 'Something went wrong'), notice(error?.message ?? String(error), 'error')] }
  }
  // A slower answer to an earlier click must not replace the page the user has moved on to.
  if (ticket !== navigation) return
  cleanup?.()
  cleanup = result.cleanup ?? null
  view.replaceChildren(...result.nodes.filter(Boolean))
  view.removeAttribute('aria-busy')
  // Which route is on screen (tests and tools wait for it).
  view.setAttribute('data-route', hash)
  document.title = `${result.title} · whosaid`
  markNavigation(found?.section)
  if (rendered) {
    // Move focus to the new heading, as a page load would, so keyboard and screen-reader users start there.
    const heading = view.querySelector('h1')
    if (heading && typeof heading.focus === 'function') heading.focus({ preventScroll: true })
    if (typeof window.scrollTo === 'function') window.scrollTo(0, 0)
  }
  rendered = true
  result.after?.()
}

quickSearch?.addEventListener('submit', (event) => {
  event.preventDefault()
  location.hash = searchHref({ q: quickText.value.trim() }).replace(/\?$/, '')
})
// The skip link targets the main landmark; with hash routing it must not change the route.
document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault()
  view.setAttribute('tabindex', '-1')
  view.focus()
})
window.addEventListener('hashchange', route)
route()
