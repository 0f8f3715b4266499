// Search: full-text over what was said, with filters (speaker, entity mentioned, outlet, dates,
// stance); each hit shows the statement in its sentence with the matches marked.
import { ApiError, getFacets, getJson } from './api.js'
import { el, notice, pager, plural, searchHref } from './dom.js'
import { hitItem } from './hits.js'

const PAGE_SIZE = 20
const FIELDS = ['q', 'speaker', 'entity', 'outlet', 'since', 'until', 'stance']

/** The words of a query each in double quotes: what a plain-words search means in FTS5 syntax. */
export function literalQuery(q) {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `"${word.replace(/"/g, '""')}"`)
    .join(' ')
}

function field(label, input, help) {
  return el('div', { class: 'field' }, el('label', { for: input.id }, label), input, help && el('p', { class: 'help', id: `${input.id}-help` }, help))
}

function datalist(id, values) {
  return el('datalist', { id }, ...values.map((v) => el('option', { value: v.value }, `${v.value} (${v.count})`)))
}

export async function showSearch(params) {
  const values = Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? '').trim()]))
  const offset = Number(params.get('offset')) || 0
  const facets = await getFacets()
  const input = (id, props = {}) => el('input', { id: `f-${id}`, name: id, value: values[id], autocomplete: 'off', ...props })
  const stanceInput = facets.stances.length
    ? el(
        'select',
        { id: 'f-stance', name: 'stance' },
        el('option', { value: '' }, 'any'),
        ...facets.stances.map((s) => {
          const option = el('option', { value: s.value }, `${s.value} (${s.count})`)
          if (s.value === values.stance) option.setAttribute('selected', '')
          return option
        }),
      )
    : input('stance', { placeholder: 'e.g. disagree', 'aria-describedby': 'f-stance-help' })
  const form = el(
    'form',
    { class: 'search-form', role: 'search', 'aria-label': 'Search statements' },
    el(
      'div',
      { class: 'search-main' },
      field('Words or phrase', input('q', { type: 'search', placeholder: 'e.g. ceasefire, "humanitarian access", refug*', 'aria-describedby': 'f-q-help', enterkeyhint: 'search' }), 'Quotes for a phrase, * for a prefix; OR and NOT work too. Leave empty to browse.'),
      el('div', { class: 'search-buttons' }, el('button', { type: 'submit' }, 'Search'), el('a', { class: 'button secondary', href: '#/search' }, 'Clear')),
    ),
    el(
      'fieldset',
      { class: 'filters' },
      el('legend', {}, 'Filters'),
      field('Speaker', input('speaker', { list: 'speakers-list', placeholder: 'name or part of it' })),
      field('Mentions', input('entity', { placeholder: 'person, place, organisation' })),
      field('Outlet', input('outlet', { list: 'outlets-list' })),
      field('From', input('since', { type: 'date' })),
      field('To', input('until', { type: 'date' })),
      field('Stance', stanceInput, facets.stances.length ? null : 'Filled once the stance stage has run.'),
      datalist('speakers-list', facets.speakers),
      datalist('outlets-list', facets.outlets),
    ),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = Object.fromEntries(FIELDS.map((f) => [f, String(form.elements.namedItem(f)?.value ?? '').trim()]))
    location.hash = searchHref(data)
  })

  const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v)), limit: String(PAGE_SIZE), offset: String(offset) })
  let results
  try {
    const result = await getJson(`/statements?${query}`)
    const filtered = FIELDS.slice(1).some((f) => values[f])
    results = [
      el('p', { class: 'result-count', role: 'status' }, result.total ? `${plural(result.total, 'statement')}${values.q ? ` matching “${values.q}”` : ''}${filtered ? ' with the filters above' : ''}` : 'No statements found. Try fewer words, a prefix (refug*) or fewer filters.'),
      el('ol', { class: 'hits' }, ...result.items.map((hit) => hitItem(hit))),
      result.total > PAGE_SIZE && pager(result.total, offset, PAGE_SIZE, (o) => searchHref({ ...values, offset: o ? String(o) : '' }), 'Result pages'),
    ]
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error
    const field = error.where ? form.querySelector(`[name="${error.where.replace(/[^a-z]/g, '')}"]`) : null
    if (field) field.setAttribute('aria-invalid', 'true')
    results = [
      notice(`${error.code}: ${error.message}`, 'error'),
      error.code === 'E012' && values.q &&
        el('p', {}, el('a', { class: 'button secondary', href: searchHref({ ...values, q: literalQuery(values.q) }) }, 'Search for these words as written')),
    ]
  }
  return { title: values.q ? `Search: ${values.q}` : 'Search', nodes: [el('h1', { tabindex: '-1' }, 'Search what was said'), form, el('section', { class: 'results', 'aria-label': 'Results' }, ...results.flat())] }
}
