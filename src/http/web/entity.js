// The speaker (entity) page: everything a person or organisation said across the corpus, newest
// first, their name variants and roles, statements per month, and who else is quoted beside them.
import { getJson } from './api.js'
import { timelineChart } from './charts.js'
import { badge, el, entityHref, name, pager, plural, searchHref } from './dom.js'
import { hitItem } from './hits.js'

const PAGE_SIZE = 20
const TYPE_LABELS = { PERSON: 'person', ORG: 'organisation', GPE: 'place (country, city)', LOC: 'place', NORP: 'group (nationality, religion, politics)' }

function coSpeakerList(profile) {
  const list = profile.coSpeakers ?? []
  if (list.length === 0) return el('p', { class: 'meta' }, 'Nobody else is quoted in the articles that mention them.')
  const max = Math.max(...list.map((c) => c.articles))
  return el(
    'ol',
    { class: 'co-speakers' },
    ...list.map((c) =>
      el(
        'li',
        {},
        el(
          'div',
          { class: 'co-name' },
          c.anonymous
            ? el('a', { href: searchHref({ speaker: c.name }), title: 'Search statements by this anonymous source' }, name(c.name))
            : el('a', { href: entityHref(c.name) }, name(c.name)),
          c.anonymous && badge('anonymous', 'anon'),
        ),
        el('div', { class: 'co-bar', 'aria-hidden': 'true' }, el('span', { class: `co-fill w${Math.max(1, Math.round((c.articles / max) * 10))}` })),
        el('div', { class: 'meta' }, `${plural(c.articles, 'shared article')} · ${plural(c.statements, 'statement')}`),
      ),
    ),
  )
}

export async function showEntity(entityName, params) {
  const offset = Number(params.get('offset')) || 0
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) })
  const profile = await getJson(`/entities/${encodeURIComponent(entityName)}?${query}`)
  const total = profile.statementTotal ?? profile.statements.length
  const nodes = [
    el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('a', { href: '#/' }, 'Articles'), ' › ', el('span', { 'aria-current': 'page' }, 'Speaker')),
    el(
      'header',
      { class: 'entity-head' },
      el('h1', { tabindex: '-1' }, name(profile.name)),
      el(
        'p',
        { class: 'badges' },
        badge(TYPE_LABELS[profile.type] ?? profile.type, 'type'),
        badge(plural(total, 'statement'), 'count'),
        badge(`mentioned in ${plural(profile.articleIds.length, 'article')}`, 'count'),
      ),
      profile.aliases.length > 0 &&
        el('div', { class: 'aliases' }, el('span', { class: 'meta' }, 'Also written as '), el('ul', { class: 'chips inline' }, ...profile.aliases.map((alias) => el('li', {}, name(alias))))),
      profile.roles.length > 0 &&
        el('div', { class: 'aliases' }, el('span', { class: 'meta' }, 'Roles '), el('ul', { class: 'chips inline' }, ...profile.roles.map((role) => el('li', { dir: 'auto' }, role)))),
    ),
    el(
      'section',
      { class: 'panel-card timeline', 'aria-labelledby': 'timeline-title' },
      el('h2', { id: 'timeline-title' }, 'Statements per month'),
      profile.timeline ? timelineChart(profile.timeline, { label: `Statements by ${profile.name} per month` }) : el('p', { class: 'meta' }, 'Not available from this store.'),
    ),
    el(
      'div',
      { class: 'entity-layout' },
      el(
        'section',
        { class: 'entity-main', 'aria-labelledby': 'said-title' },
        el('h2', { id: 'said-title' }, total ? `What ${profile.type === 'PERSON' ? 'they' : 'it'} said, newest first` : 'Statements'),
        total === 0
          ? el('p', { class: 'meta' }, 'No statements attributed to this name. It appears in the articles only as a mention.')
          : [el('ol', { class: 'hits' }, ...profile.statements.map((hit) => hitItem(hit, { showSpeaker: false }))), pager(total, offset, PAGE_SIZE, (o) => `${entityHref(profile.name)}?offset=${o}`, 'Statement pages')],
      ),
      el(
        'aside',
        { class: 'panel', 'aria-label': 'Co-speakers' },
        el('section', { class: 'panel-card', 'aria-labelledby': 'co-title' }, el('h2', { id: 'co-title' }, 'Quoted alongside'), el('p', { class: 'meta' }, 'Other speakers in the articles that mention them, by shared articles.'), coSpeakerList(profile)),
      ),
    ),
  ]
  return { title: profile.name, nodes }
}
