// whosaid web page: search statements, list articles, read an article with its statements marked.
// Article content is untrusted, so every string reaches the page through textContent or text nodes
// (createElement / append), never innerHTML; external links are kept only when they are http(s).

const API = '/api/v1'
const PAGE_SIZE = 20
const PALETTE_SIZE = 8 // .src-0 … .src-7 in app.css
/** Which part of a statement wins when spans overlap: the speaker, then the cue, then the content. */
const PART_PRIORITY = { content: 1, cue: 2, speaker: 3 }

const view = document.getElementById('view')
const searchForm = document.getElementById('search')
const searchText = document.getElementById('search-text')
let navigation = 0

/** createElement with a few safe properties; children are nodes or strings (added as text). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  if (props.class) node.className = props.class
  if (props.text != null) node.textContent = props.text
  if (props.href) node.setAttribute('href', props.href)
  if (props.title) node.title = props.title
  for (const child of children) if (child != null && child !== false) node.append(child)
  return node
}

const TOKEN_KEY = 'whosaid-token'

/** A server started with --token answers 401 until the page sends the token; ask once per tab. */
function authHeaders() {
  const token = storedToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** sessionStorage can be missing or refuse access (privacy modes): then there is no stored token. */
function storedToken(value) {
  try {
    if (value !== undefined) globalThis.sessionStorage.setItem(TOKEN_KEY, value)
    return globalThis.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

async function api(path, retried = false) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json', ...authHeaders() } })
  if (response.status === 401 && !retried) {
    const token = window.prompt('This whosaid server needs its access token:')
    if (token) {
      storedToken(token.trim())
      return api(path, true)
    }
  }
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`)
  return body
}

const safeUrl = (url) => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null)
const day = (iso) => (iso ? iso.slice(0, 10) : null)
const joinMeta = (...parts) => parts.filter(Boolean).join(' · ')
const articleLink = (id, headline) => el('a', { href: `#/articles/${id}`, text: headline || '(untitled)' })
const entityLink = (name) => el('a', { href: `#/entities/${encodeURIComponent(name)}`, text: name })

/** Snippet text with FTS matches between [ and ] turned into <mark> elements. */
function snippet(text) {
  const quote = el('blockquote')
  for (const [index, piece] of text.split(/[[\]]/).entries()) {
    if (piece) quote.append(index % 2 ? el('mark', { text: piece }) : piece)
  }
  return quote
}

function pager(total, offset, hrefFor) {
  const button = (label, target, enabled) => {
    const b = el('button', { text: label })
    b.type = 'button'
    b.disabled = !enabled
    b.addEventListener('click', () => (location.hash = hrefFor(target)))
    return b
  }
  const last = Math.min(offset + PAGE_SIZE, total)
  return el(
    'div',
    { class: 'pager' },
    button('← Newer', Math.max(0, offset - PAGE_SIZE), offset > 0),
    el('span', { class: 'meta', text: total ? `${offset + 1}–${last} of ${total}` : 'nothing yet' }),
    button('Older →', offset + PAGE_SIZE, last < total),
  )
}

function hitItem(hit, { withArticle = true } = {}) {
  const speaker = hit.statement.speaker.entity ? entityLink(hit.speakerName) : el('span', { text: hit.speakerName })
  return el(
    'li',
    { class: 'hit' },
    el('div', { class: 'speaker' }, speaker, el('span', { class: 'meta', text: ` ${hit.statement.cue.text}` })),
    snippet(hit.snippet),
    withArticle && el('div', { class: 'meta' }, articleLink(hit.articleId, hit.headline), ' ', joinMeta(hit.outlet, day(hit.published))),
  )
}

async function showHome(params) {
  const offset = Number(params.get('offset')) || 0
  const [page, stats] = await Promise.all([api(`/articles?limit=${PAGE_SIZE}&offset=${offset}`), api('/stats')])
  const items = page.items.map((a) =>
    el('li', {}, articleLink(a.id, a.headline), el('div', { class: 'meta', text: joinMeta(a.outlet, day(a.published) ?? `ingested ${day(a.ingestedAt)}`, `${a.statementCount} statements`) })),
  )
  return [
    el('h1', { text: 'Articles' }),
    el('p', { class: 'meta', text: `${stats.articles} articles · ${stats.statements} statements · ${stats.entities} entities` }),
    el('ul', { class: 'list' }, ...items),
    pager(page.total, offset, (o) => `#/?offset=${o}`),
  ]
}

async function showSearch(params) {
  const q = params.get('q') ?? ''
  const offset = Number(params.get('offset')) || 0
  searchText.value = q
  const query = new URLSearchParams({ q, limit: String(PAGE_SIZE), offset: String(offset) })
  const result = await api(`/statements?${query}`)
  return [
    el('h1', { text: q ? `Statements matching “${q}”` : 'All statements' }),
    el('ul', { class: 'list' }, ...result.items.map((hit) => hitItem(hit))),
    pager(result.total, offset, (o) => `#/search?${new URLSearchParams({ q, offset: String(o) })}`),
  ]
}

/** Speakers of an article, one per entity (or per printed name when unresolved), in order of first statement. */
function sourcesOf(analysis) {
  const sources = new Map()
  for (const statement of analysis.statements) {
    const { speaker } = statement
    const key = speaker.entity ?? `text:${speaker.name.toLowerCase()}`
    if (!sources.has(key)) {
      const entity = analysis.entities.find((e) => e.id === speaker.entity) ?? null
      sources.set(key, { name: speaker.name, entity, anonymous: speaker.anonymous, slot: sources.size % PALETTE_SIZE, statements: [] })
    }
    sources.get(key).statements.push(statement)
  }
  return [...sources.values()]
}

/** The article text cut at every span boundary; each piece carries the classes of the spans over it. */
function highlightedText(text, sources) {
  const marks = sources.flatMap((source) =>
    source.statements.flatMap((s) =>
      ['content', 'cue', 'speaker'].map((part) => ({ part, start: s[part].start, end: s[part].end, source, statement: s })),
    ),
  )
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])]
    .filter((n) => n >= 0 && n <= text.length)
    .sort((a, b) => a - b)
  const container = el('div', { class: 'article-text' })
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]]
    const piece = text.slice(start, end)
    const over = marks.filter((m) => m.start <= start && m.end >= end && m.start < m.end)
    if (over.length === 0) {
      container.append(piece)
      continue
    }
    const top = over.reduce((a, b) => (PART_PRIORITY[b.part] > PART_PRIORITY[a.part] ? b : a))
    const classes = [...new Set(over.map((m) => `hl-${m.part}`)), `src-${top.source.slot}`]
    const title = `${top.source.name}: ${top.part} of ${top.statement.kind} statement ${top.statement.id}`
    container.append(el('span', { class: classes.join(' '), title }, piece))
  }
  return container
}

function sourceList(sources) {
  const items = [...sources]
    .sort((a, b) => b.statements.length - a.statements.length)
    .map((source) => {
      const roles = [...new Set((source.entity?.roles ?? []).map((r) => r.text))]
      const count = `${source.statements.length} statement${source.statements.length === 1 ? '' : 's'}`
      return el(
        'li',
        {},
        el('span', { class: `swatch src-${source.slot}` }),
        el(
          'div',
          {},
          el('div', { class: 'source-name' }, source.entity ? entityLink(source.entity.name) : source.name),
          roles.length > 0 && el('div', { class: 'source-roles', text: roles.join('; ') }),
          el('div', { class: 'meta', text: joinMeta(source.anonymous && 'anonymous', source.entity?.type, count) }),
        ),
      )
    })
  return el('aside', { class: 'sources' }, el('h2', { text: 'Sources' }), items.length ? el('ul', { class: 'list' }, ...items) : el('p', { class: 'meta', text: 'No attributed statements.' }))
}

async function showArticle(id) {
  const analysis = await api(`/articles/${id}`)
  const { article } = analysis
  const sources = sourcesOf(analysis)
  const original = safeUrl(article.url)
  return [
    el('h1', { text: article.headline || '(untitled)' }),
    el('p', { class: 'meta' }, joinMeta(article.outlet, article.byline, day(article.published)), original && ' · ', original && el('a', { href: original, text: 'original' })),
    el(
      'div',
      { class: 'legend' },
      el('span', { class: 'hl-speaker', text: 'speaker' }),
      el('span', { class: 'hl-cue', text: 'cue' }),
      el('span', { class: 'hl-content', text: 'what was said' }),
      el('span', { text: 'one colour per source' }),
    ),
    el('div', { class: 'article' }, highlightedText(article.text, sources), sourceList(sources)),
  ]
}

async function showEntity(name) {
  const profile = await api(`/entities/${encodeURIComponent(name)}`)
  return [
    el('h1', { text: profile.name }),
    el('p', { class: 'meta', text: joinMeta(profile.type, `${profile.articleIds.length} articles`, profile.aliases.length && `also: ${profile.aliases.join(', ')}`) }),
    profile.roles.length > 0 && el('p', { text: profile.roles.join('; ') }),
    el('h2', { text: `Statements (${profile.statements.length})` }),
    el('ul', { class: 'list' }, ...profile.statements.map((hit) => hitItem(hit))),
  ].filter(Boolean)
}

async function route() {
  const ticket = ++navigation
  const [path, query = ''] = (location.hash.slice(1) || '/').split('?')
  const params = new URLSearchParams(query)
  let match
  let render
  if ((match = /^\/articles\/(\d+)$/.exec(path))) render = () => showArticle(match[1])
  else if ((match = /^\/entities\/(.+)$/.exec(path))) render = () => showEntity(decodeURIComponent(match[1]))
  else if (path === '/search') render = () => showSearch(params)
  else render = () => showHome(params)
  view.replaceChildren(el('p', { class: 'meta', text: 'Loading…' }))
  let nodes
  try {
    nodes = await render()
  } catch (error) {
    nodes = [el('p', { class: 'notice error', text: error.message })]
  }
  // A slower answer to an earlier click must not replace the page the user has moved on to.
  if (ticket === navigation) view.replaceChildren(...nodes)
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault()
  location.hash = `#/search?${new URLSearchParams({ q: searchText.value })}`
})
window.addEventListener('hashchange', route)
route()
