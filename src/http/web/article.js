// The article view: the text with every statement marked (speaker, cue and content in distinct
// styles, one colour per source), details of a statement on hover, focus or click, and a side panel
// with the sources, the balance of the sourcing, the outlet's own claims and the relations found.
import { getJson } from './api.js'
import { barChart } from './charts.js'
import { badge, day, el, entityHref, entityLink, joinMeta, kindBadge, KIND_LABELS, name, NO_NAME, plural, safeHref, stanceBadge } from './dom.js'

const PALETTE_SIZE = 10 // .src-0 … .src-9 in app.css
/** Which part of a statement wins a piece of text covered by several: the speaker, then the cue, then the content. */
const PART_PRIORITY = { content: 1, cue: 2, speaker: 3 }
const PARTS = ['speaker', 'cue', 'content']
const PART_LABELS = { speaker: 'Speaker', cue: 'Cue', content: 'What was said' }

const validSpan = (span, length) =>
  span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end <= length && span.start < span.end

/**
 * The sources of an article: one per speaker entity (or per printed name when unresolved), in order
 * of their first statement, each with its palette slot and statements.
 */
export function sourcesOf(analysis) {
  const entities = new Map(analysis.entities.map((entity) => [entity.id, entity]))
  const sources = new Map()
  for (const statement of analysis.statements) {
    const { speaker } = statement
    const entity = speaker.entity ? entities.get(speaker.entity) ?? null : null
    const key = entity ? `entity:${entity.id}` : `text:${speaker.name.toLowerCase()}`
    if (!sources.has(key)) {
      sources.set(key, {
        name: entity?.name ?? (speaker.name.trim() || NO_NAME),
        entity,
        anonymous: speaker.anonymous,
        slot: sources.size % PALETTE_SIZE,
        statements: [],
      })
    }
    sources.get(key).statements.push(statement)
  }
  return [...sources.values()]
}

const rolesOf = (entity) => [...new Set((entity?.roles ?? []).map((role) => role.text))]

/** Counts of stance labels over statements, most frequent first (empty before the stance stage). */
function stanceCounts(statements) {
  const counts = new Map()
  for (const s of statements) if (typeof s.stance?.label === 'string' && s.stance.label) counts.set(s.stance.label, (counts.get(s.stance.label) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])
}

/**
 * The article text cut at every span boundary. Each piece covered by statements becomes a span with
 * the classes of the parts over it and the colour of its top statement (highest part priority, then
 * the innermost span). The first piece of each statement is focusable and stands for it.
 */
function highlightText(text, statements, sourceOf) {
  const marks = []
  for (const statement of statements) {
    for (const part of PARTS) {
      const span = statement[part]
      if (validSpan(span, text.length)) marks.push({ part, start: span.start, end: span.end, statement })
    }
  }
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b)
  const container = el('div', { class: 'article-text', dir: 'auto' })
  const pieceInfo = new Map() // element → { top, statements }
  const piecesOf = new Map() // statement → { speaker: [], cue: [], content: [], all: [] }
  const anchors = new Map() // statement → its focusable piece
  for (const statement of statements) piecesOf.set(statement, { speaker: [], cue: [], content: [], all: [] })
  // Marks sorted by start let each piece look only at marks that can cover it.
  marks.sort((a, b) => a.start - b.start)
  let open = []
  let next = 0
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]]
    while (next < marks.length && marks[next].start <= start) open.push(marks[next++])
    open = open.filter((m) => m.end > start)
    const over = open.filter((m) => m.start <= start && m.end >= end)
    const piece = text.slice(start, end)
    if (over.length === 0) {
      container.append(piece)
      continue
    }
    const top = over.reduce((a, b) => {
      if (PART_PRIORITY[b.part] !== PART_PRIORITY[a.part]) return PART_PRIORITY[b.part] > PART_PRIORITY[a.part] ? b : a
      return b.end - b.start < a.end - a.start ? b : a
    })
    const classes = ['hl', ...new Set(over.map((m) => `hl-${m.part}`)), `src-${sourceOf.get(top.statement).slot}`]
    const node = el('span', { class: classes.join(' ') }, piece)
    const covering = [...new Set(over.map((m) => m.statement))]
    pieceInfo.set(node, { top: top.statement, part: top.part, statements: covering })
    for (const m of over) {
      const pieces = piecesOf.get(m.statement)
      pieces[m.part].push(node)
      if (!pieces.all.includes(node)) pieces.all.push(node)
    }
    if (!anchors.has(top.statement)) {
      anchors.set(top.statement, node)
      const source = sourceOf.get(top.statement)
      node.setAttribute('tabindex', '0')
      node.setAttribute('role', 'button')
      node.setAttribute('aria-label', `${top.statement.id}: ${source.name}, ${KIND_LABELS[top.statement.kind] ?? top.statement.kind}; “${[...piece].slice(0, 60).join('')}”. Press Enter for details.`)
      node.setAttribute('aria-describedby', 'hl-popover')
    }
    container.append(node)
  }
  // A statement hidden under others still gets a way in: its first piece.
  for (const statement of statements) {
    const first = piecesOf.get(statement).all[0]
    if (!anchors.has(statement) && first) {
      anchors.set(statement, first)
      if (!first.hasAttribute('tabindex')) first.setAttribute('tabindex', '0')
    }
  }
  // Which statements each focusable piece stands for (read by tests and tools, never by the page).
  for (const [statement, anchor] of anchors) {
    const ids = anchor.getAttribute('data-statements')
    anchor.setAttribute('data-statements', ids ? `${ids} ${statement.id}` : statement.id)
  }
  return { container, pieceInfo, piecesOf, anchors }
}

export async function showArticle(id, params) {
  const analysis = await getJson(`/articles/${id}`)
  const { article } = analysis
  const text = article.text
  // Every statement with something to show: a content, or (when its content is not in the text,
  // "He said." — docs/SCHEMA.md) its speaker and cue.
  const statements = analysis.statements.filter((s) => validSpan(s.content, text.length) || validSpan(s.cue, text.length) || validSpan(s.speaker, text.length))
  const sources = sourcesOf({ ...analysis, statements })
  const sourceOf = new Map()
  for (const source of sources) for (const statement of source.statements) sourceOf.set(statement, source)
  const entities = new Map(analysis.entities.map((entity) => [entity.id, entity]))
  const { container, pieceInfo, piecesOf, anchors } = highlightText(text, statements, sourceOf)

  const popover = el('div', { class: 'popover', id: 'hl-popover', role: 'tooltip', hidden: true })
  const detail = el('section', { class: 'panel-card detail', 'aria-live': 'polite', 'aria-labelledby': 'detail-title' })
  let selected = null
  let focusedSource = null
  let panel = null

  // ---- the popover (hover and keyboard focus) ----
  const describe = (statement, { full = false } = {}) => {
    const source = sourceOf.get(statement)
    const roles = rolesOf(source.entity)
    const spans = PARTS.map((part) => {
      const span = statement[part]
      const shown = full ? span.text : [...span.text].slice(0, 140).join('') + ([...span.text].length > 140 ? '…' : '')
      return [
        el('dt', {}, PART_LABELS[part]),
        el(
          'dd',
          {},
          el('q', { dir: 'auto' }, shown),
          el('span', { class: 'offsets', title: 'UTF-16 offsets into the article text' }, ` ${span.start}–${span.end}`),
          full && el('button', { type: 'button', class: 'link-button', on: { click: () => reveal(statement, part) }, 'aria-label': `Show the ${PART_LABELS[part].toLowerCase()} in the text` }, 'show'),
        ),
      ]
    })
    return [
      el(
        'div',
        { class: 'who' },
        el('span', { class: `swatch src-${source.slot}`, 'aria-hidden': 'true' }),
        source.entity && full ? entityLink(source.name) : el('strong', {}, name(source.name)),
        source.anonymous && badge('anonymous', 'anon'),
      ),
      roles.length > 0 && el('div', { class: 'roles', dir: 'auto' }, roles.join('; ')),
      el('div', { class: 'badges' }, badge(statement.id, 'id'), kindBadge(statement.kind), stanceBadge(statement.stance)),
      el('dl', { class: 'evidence' }, ...spans.flat()),
    ].filter(Boolean)
  }

  let shownFor = null
  const showPopover = (node) => {
    const info = pieceInfo.get(node)
    if (!info) return
    shownFor = node
    popover.replaceChildren(...describe(info.top))
    if (info.statements.length > 1) popover.append(el('p', { class: 'meta' }, `Inside ${info.statements.length - 1} other statement${info.statements.length > 2 ? 's' : ''} too; click to choose this one.`))
    popover.hidden = false
    if (typeof node.getBoundingClientRect !== 'function' || typeof window.innerWidth !== 'number') return
    const rect = node.getBoundingClientRect()
    const width = Math.min(360, window.innerWidth - 16)
    popover.style.width = `${width}px`
    popover.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`
    const below = rect.bottom + 8
    const height = popover.offsetHeight || 0
    popover.style.top = `${below + height > window.innerHeight && rect.top > height + 16 ? rect.top - height - 8 : below}px`
  }
  const hidePopover = () => {
    popover.hidden = true
    shownFor = null
  }
  /** On scroll the popover follows its highlight while that is still pointed at or focused. */
  const followScroll = () => {
    if (popover.hidden || !shownFor) return
    const active = shownFor === document.activeElement || (typeof shownFor.matches === 'function' && shownFor.matches(':hover'))
    if (active) showPopover(shownFor)
    else hidePopover()
  }

  // ---- selection (click, Enter, links from search) ----
  const setClass = (nodes, cls, on) => nodes.forEach((node) => node.classList.toggle(cls, on))
  /** True when the side panel is beside the text (wide screens), not below it. */
  const panelBeside = () => typeof window.matchMedia !== 'function' || !window.matchMedia('(max-width: 960px)').matches
  const select = (statement) => {
    if (panel) panel.scrollTop = 0
    if (selected) setClass(piecesOf.get(selected).all, 'is-selected', false)
    selected = statement
    if (!statement) {
      detail.replaceChildren(el('h2', { id: 'detail-title' }, 'Statement'), el('p', { class: 'meta' }, statements.length ? 'Point at, tab to or click a highlight to see who said it, in what role, and the exact evidence.' : 'No attributed statements in this article.'))
      return
    }
    setClass(piecesOf.get(statement).all, 'is-selected', true)
    const index = statements.indexOf(statement)
    const step = (delta) => {
      const target = statements[(index + delta + statements.length) % statements.length]
      select(target)
      reveal(target)
    }
    detail.replaceChildren(
      el('h2', { id: 'detail-title' }, `Statement ${index + 1} of ${statements.length}`),
      ...describe(statement, { full: true }),
      el(
        'div',
        { class: 'detail-nav' },
        el('button', { type: 'button', class: 'secondary', on: { click: () => step(-1) } }, '← Previous'),
        el('button', { type: 'button', class: 'secondary', on: { click: () => step(1) } }, 'Next →'),
        el('button', { type: 'button', class: 'link-button', on: { click: () => { select(null); hidePopover() } } }, 'Clear'),
      ),
    )
  }
  /** Scrolls a statement (or one part of it) into view, focuses it and flashes it. */
  const reveal = (statement, part) => {
    const nodes = part ? piecesOf.get(statement)[part] : piecesOf.get(statement).all
    const target = nodes[0] ?? anchors.get(statement)
    if (!target) return
    if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'center', behavior: 'smooth' })
    const anchor = anchors.get(statement)
    if (anchor && typeof anchor.focus === 'function') anchor.focus({ preventScroll: true })
    setClass(nodes, 'flash', true)
    setTimeout(() => setClass(nodes, 'flash', false), 1200)
  }

  const pieceOf = (event) => (typeof event.target?.closest === 'function' ? event.target.closest('.hl') : null)
  container.addEventListener('mouseover', (event) => {
    const piece = pieceOf(event)
    if (piece) showPopover(piece)
    else if (!container.contains(document.activeElement) || !pieceInfo.has(document.activeElement)) hidePopover()
  })
  container.addEventListener('mouseleave', () => {
    if (!pieceInfo.has(document.activeElement)) hidePopover()
  })
  container.addEventListener('focusin', (event) => {
    const piece = pieceOf(event)
    if (piece) showPopover(piece)
  })
  container.addEventListener('focusout', hidePopover)
  container.addEventListener('click', (event) => {
    const piece = pieceOf(event)
    if (!piece) return
    const info = pieceInfo.get(piece)
    // Clicking again on a piece inside several statements walks through them.
    const at = info.statements.indexOf(selected)
    select(at >= 0 && info.statements.length > 1 ? info.statements[(at + 1) % info.statements.length] : info.top)
    // Beside the text the panel now shows the details and the popover would only cover the text;
    // on a narrow screen the panel is far below, so the popover stays.
    if (panelBeside()) hidePopover()
    else showPopover(piece)
  })
  container.addEventListener('keydown', (event) => {
    const piece = pieceOf(event)
    if (piece && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      select(pieceInfo.get(piece).top)
      if (panelBeside()) hidePopover()
    } else if (event.key === 'Escape') {
      hidePopover()
      select(null)
    }
  })
  if (typeof window.addEventListener === 'function') window.addEventListener('scroll', followScroll, { passive: true })

  // ---- source cards ----
  const focusButtons = new Map()
  const focusSource = (source) => {
    focusedSource = focusedSource === source ? null : source
    container.classList.toggle('focusing', focusedSource !== null)
    for (const [s, button] of focusButtons) button.setAttribute('aria-pressed', String(s === focusedSource))
    for (const node of pieceInfo.keys()) {
      const info = pieceInfo.get(node)
      node.classList.toggle('in-focus', focusedSource !== null && info.statements.some((st) => sourceOf.get(st) === focusedSource))
    }
    if (focusedSource) reveal(focusedSource.statements[0])
  }
  // The record's own sources (stance and alternative per source), matched by their first statement.
  const recordSources = new Map((Array.isArray(analysis.sources) ? analysis.sources : []).map((s) => [s.statements?.[0], s]))
  const recordSourceOf = (source) => recordSources.get(source.statements[0]?.id) ?? null
  const sourceCards = [...sources]
    .sort((a, b) => b.statements.length - a.statements.length)
    .map((source) => {
      const roles = rolesOf(source.entity)
      const record = recordSourceOf(source)
      const stances = record?.stance ? [] : stanceCounts(source.statements)
      const button = el('button', { type: 'button', class: 'secondary small', 'aria-pressed': 'false', on: { click: () => focusSource(source) } }, 'Highlight only these')
      focusButtons.set(source, button)
      return el(
        'li',
        { class: 'source-card' },
        el('span', { class: `swatch src-${source.slot}`, 'aria-hidden': 'true' }),
        el(
          'div',
          { class: 'source-body' },
          el('h3', { class: 'source-name' }, source.entity ? entityLink(source.name) : name(source.name)),
          roles.length > 0 && el('div', { class: 'source-roles', dir: 'auto' }, roles.join('; ')),
          el(
            'div',
            { class: 'badges' },
            source.anonymous ? badge('anonymous', 'anon') : source.entity ? badge(source.entity.type.toLowerCase(), 'type') : badge('unresolved', 'type'),
            badge(plural(source.statements.length, 'statement'), 'count'),
            ...stances.map(([label, count]) => el('span', { class: 'badge stance' }, 'stance: ', el('bdi', {}, label), count > 1 ? ` ×${count}` : '')),
            record?.stance && stanceBadge(record.stance),
            typeof record?.alternative === 'string' && el('span', { class: 'badge stance', title: 'The alternative of the headline this source supports' }, 'side: ', el('bdi', {}, record.alternative)),
          ),
          evidenceList(record),
          button,
        ),
      )
    })

  /** Why a source was given its alternative: each span and its reason. */
  function evidenceList(record) {
    const evidence = Array.isArray(record?.evidence) ? record.evidence : []
    if (evidence.length === 0) return null
    return el(
      'details',
      { class: 'source-evidence' },
      el('summary', {}, 'Why this side'),
      el(
        'ul',
        { class: 'plain-list' },
        ...evidence.map((item) =>
          el('li', {}, el('q', { dir: 'auto' }, String(item.text ?? '')), ` ${item.effect === 'opposes' ? 'against' : 'for'} `, el('bdi', {}, String(item.alternative ?? '')), el('div', { class: 'meta' }, String(item.note ?? ''))),
        ),
      ),
    )
  }

  // ---- balance ----
  const unidentified = sources.filter((s) => !s.anonymous && !s.entity && s.name === NO_NAME)
  const named = sources.filter((s) => !s.anonymous && !unidentified.includes(s))
  const anonymous = sources.filter((s) => s.anonymous)
  const count = (list) => list.reduce((sum, s) => sum + s.statements.length, 0)
  const kinds = ['direct', 'indirect', 'mixed'].map((kind) => [kind, statements.filter((s) => s.kind === kind).length])
  const balance = statements.length
    ? [
        el(
          'dl',
          { class: 'balance-figures' },
          el('div', {}, el('dt', {}, 'Named sources'), el('dd', {}, `${named.length}`, el('span', { class: 'meta' }, ` (${plural(count(named), 'statement')})`))),
          el('div', {}, el('dt', {}, 'Anonymous sources'), el('dd', {}, `${anonymous.length}`, el('span', { class: 'meta' }, ` (${plural(count(anonymous), 'statement')})`))),
          unidentified.length > 0 && el('div', {}, el('dt', {}, 'Speaker not identified'), el('dd', {}, el('span', { class: 'meta' }, plural(count(unidentified), 'statement')))),
          ...kinds.map(([kind, n]) => el('div', {}, el('dt', {}, KIND_LABELS[kind][0].toUpperCase() + KIND_LABELS[kind].slice(1)), el('dd', {}, String(n)))),
          ...recordBalance(analysis.balance),
        ),
        el('h3', {}, 'Statements per source'),
        barChart(
          [...sources].sort((a, b) => b.statements.length - a.statements.length).map((s) => ({ label: s.name, value: s.statements.length, slot: s.slot })),
          { label: 'Statements per source' },
        ),
      ]
    : [el('p', { class: 'meta' }, 'No statements to weigh.')]

  /** Figures only the record's balance holds: sources per stance and per alternative, the outlet's own voice. */
  function recordBalance(figures) {
    if (!figures || typeof figures !== 'object') return []
    const rows = []
    const row = (label, value) => rows.push(el('div', {}, el('dt', {}, label), el('dd', {}, value)))
    if (typeof figures.ownVoiceShare === 'number') row("Outlet's own voice", `${Math.round(figures.ownVoiceShare * 100)}% (${plural(figures.outletClaims ?? 0, 'claim')})`)
    for (const [label, n] of Object.entries(figures.stances ?? {})) if (n > 0) row(`Sources that ${label === 'discuss' ? 'discuss' : label === 'unrelated' ? 'are unrelated' : label}`, String(n))
    for (const [label, n] of Object.entries(figures.alternatives ?? {})) row(`Sources for: ${label}`, String(n))
    return rows
  }

  // ---- claims and relations ----
  const entityName = (ref) => entities.get(ref)?.name ?? String(ref ?? '')
  const claims = Array.isArray(analysis.claims) ? analysis.claims : []
  const relations = Array.isArray(analysis.relations) ? analysis.relations : []
  const claimList = claims.length
    ? el(
        'ul',
        { class: 'plain-list' },
        ...claims.map((claim) =>
          el(
            'li',
            {},
            el('q', { dir: 'auto' }, String(claim.text ?? '')),
            Array.isArray(claim.entities) && claim.entities.length > 0 && el('div', { class: 'meta' }, 'about ', ...claim.entities.flatMap((ref, i) => [i ? ', ' : '', name(entityName(ref))])),
          ),
        ),
      )
    : el('p', { class: 'meta' }, 'None found. Claims the outlet makes in its own voice will be listed here.')
  const relationList = relations.length
    ? el(
        'ul',
        { class: 'plain-list' },
        ...relations.map((relation) =>
          el(
            'li',
            {},
            el('span', { class: 'relation' }, name(entityName(relation.subject)), el('span', { class: 'relation-type' }, ` ${String(relation.type ?? '').replace(/_/g, ' ')} `), name(entityName(relation.object))),
            relation.evidence?.text && el('div', { class: 'meta' }, el('q', { dir: 'auto' }, String(relation.evidence.text))),
          ),
        ),
      )
    : el('p', { class: 'meta' }, 'None found. Relations stated in the text will be listed here.')

  // ---- people and organisations mentioned ----
  const mentioned = analysis.entities.filter((e) => e.type === 'PERSON' || e.type === 'ORG')
  const mentions = mentioned.length
    ? el('ul', { class: 'chips' }, ...mentioned.map((e) => el('li', {}, el('a', { href: entityHref(e.name) }, name(e.name)), el('span', { class: 'meta' }, ` ${e.mentions.length}`))))
    : el('p', { class: 'meta' }, 'No people or organisations found.')

  const original = safeHref(article.url)
  select(null)
  const nodes = [
    el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('a', { href: '#/' }, 'Articles'), ' › ', el('span', { 'aria-current': 'page' }, `Article ${id}`)),
    el(
      'header',
      { class: 'article-head' },
      el('h1', { dir: 'auto', tabindex: '-1' }, article.headline || '(untitled)'),
      el(
        'p',
        { class: 'meta' },
        el('span', { dir: 'auto' }, joinMeta(article.outlet, article.byline, day(article.published))),
        original && ' · ',
        original && el('a', { href: original, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original ↗'),
      ),
      el('p', { class: 'meta' }, joinMeta(plural(statements.length, 'statement'), plural(sources.length, 'source'), plural(analysis.entities.length, 'entity', 'entities'))),
      analysis.centralClaim?.text &&
        el('p', { class: 'meta' }, analysis.centralClaim.source === 'request' ? 'Stances towards the claim: ' : 'Stances towards the headline: ', el('q', { dir: 'auto' }, String(analysis.centralClaim.text))),
      Array.isArray(analysis.question?.alternatives) &&
        el('p', { class: 'meta' }, 'The headline asks which side: ', ...analysis.question.alternatives.flatMap((a, i) => [i ? ' or ' : '', el('bdi', {}, String(a.text ?? ''))])),
    ),
    el(
      'div',
      { class: 'article-layout' },
      el(
        'section',
        { class: 'article-main', 'aria-label': 'Article text with statements highlighted' },
        el(
          'div',
          { class: 'legend', 'aria-hidden': 'true' },
          el('span', { class: 'hl hl-speaker legend-sample' }, 'speaker'),
          el('span', { class: 'hl hl-cue legend-sample' }, 'cue'),
          el('span', { class: 'hl hl-content legend-sample' }, 'what was said'),
          el('span', {}, 'one colour per source'),
        ),
        container,
        Array.isArray(article.captions) && article.captions.length > 0 &&
          el('details', { class: 'captions' }, el('summary', {}, `Photo captions (${article.captions.length})`), el('ul', {}, ...article.captions.map((c) => el('li', { dir: 'auto' }, c)))),
      ),
      (panel = el(
        'aside',
        { class: 'panel', 'aria-label': 'Sources and analysis' },
        detail,
        el('section', { class: 'panel-card', 'aria-labelledby': 'sources-title' }, el('h2', { id: 'sources-title' }, `Sources (${sources.length})`), sourceCards.length ? el('ul', { class: 'source-list' }, ...sourceCards) : el('p', { class: 'meta' }, 'No attributed statements.')),
        el('section', { class: 'panel-card', 'aria-labelledby': 'balance-title' }, el('h2', { id: 'balance-title' }, 'Balance'), ...balance),
        el('section', { class: 'panel-card', 'aria-labelledby': 'claims-title' }, el('h2', { id: 'claims-title' }, `Outlet claims (${claims.length})`), claimList),
        el('section', { class: 'panel-card', 'aria-labelledby': 'relations-title' }, el('h2', { id: 'relations-title' }, `Relations (${relations.length})`), relationList),
        el('section', { class: 'panel-card', 'aria-labelledby': 'mentioned-title' }, el('h2', { id: 'mentioned-title' }, 'People and organisations'), mentions),
      )),
    ),
    popover,
  ]
  const after = () => {
    const wanted = params.get('s')
    const statement = wanted && statements.find((s) => s.id === wanted)
    if (statement) {
      select(statement)
      reveal(statement)
    }
  }
  return { title: article.headline || `Article ${id}`, nodes, after, cleanup: () => window.removeEventListener?.('scroll', followScroll) }
}
