// DOM building for the whosaid page. Article content is untrusted: every string reaches the page as
// text (textContent or text nodes), never as markup; attributes come from a fixed list (no `style`,
// no event handler attributes), and links are kept only when they are in-page (#/...) or http(s).

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Attributes `el` sets; anything else is a programming error. */
const ATTRIBUTES = new Set([
  'id', 'title', 'role', 'tabindex', 'type', 'name', 'value', 'placeholder', 'for', 'dir', 'lang', 'hidden',
  'disabled', 'accept', 'multiple', 'rows', 'required', 'min', 'max', 'list', 'autocomplete', 'rel', 'target',
  'open', 'scope', 'inputmode', 'spellcheck', 'datetime', 'checked', 'maxlength', 'enterkeyhint', 'aria-label',
  'aria-labelledby', 'aria-describedby', 'aria-live', 'aria-current', 'aria-pressed', 'aria-expanded',
  'aria-controls', 'aria-hidden', 'aria-busy', 'aria-invalid', 'aria-atomic', 'aria-valuenow', 'aria-valuemin',
  'aria-valuemax', 'aria-valuetext', 'aria-haspopup', 'aria-roledescription', 'aria-level',
])

/** An href we allow: in-page routes, and http(s) URLs (anything else, `javascript:` included, is dropped). */
export function safeHref(href) {
  if (typeof href !== 'string') return null
  if (href.startsWith('#/') || href === '#main') return href
  return /^https?:\/\/[^\s]+$/i.test(href) ? href : null
}

/**
 * createElement with safe properties: `class`, `text`, `href` (checked), `on` (event listeners),
 * and the attributes listed above. Children are nodes or strings (added as text); null/false skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue
    if (key === 'class') node.className = value
    else if (key === 'text') node.textContent = String(value)
    else if (key === 'href') {
      const href = safeHref(value)
      if (href) node.setAttribute('href', href)
    } else if (key === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener)
    else if (ATTRIBUTES.has(key) || /^aria-[a-z]+$/.test(key)) node.setAttribute(key, value === true ? '' : String(value))
    else throw new Error(`el: attribute ${key} is not allowed`)
  }
  append(node, children)
  return node
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child == null || child === false || child === '') continue
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child)
  }
}

/** An SVG element; attributes are set as given (only numbers and fixed strings from our own code). */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null) continue
    if (key === 'text') node.textContent = String(value)
    else if (/^on/i.test(key) || key === 'style' || key === 'href') throw new Error(`svg: attribute ${key} is not allowed`)
    else node.setAttribute(key, String(value))
  }
  append(node, children)
  return node
}

/** Invisible characters that change text direction: shown isolated, and flagged next to names. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/

/** How a statement without a speaker name is shown. */
export const NO_NAME = '(speaker not identified)'

/** A name from the data, isolated from the text around it (`<bdi>`), flagged when it hides direction controls. */
export function name(text, props = {}) {
  if (typeof text !== 'string' || !text.trim()) return el('span', { class: 'no-name' }, NO_NAME)
  const node = el('bdi', props, text)
  if (!BIDI_CONTROLS.test(text)) return node
  return el(
    'span',
    { class: 'name-with-warning' },
    node,
    el('span', { class: 'badge warn', title: 'This name contains invisible text-direction characters', text: '⚠ bidi', 'aria-label': 'warning: contains invisible text-direction characters' }),
  )
}

export const day = (iso) => (iso ? String(iso).slice(0, 10) : null)
export const joinMeta = (...parts) => parts.filter((part) => part || part === 0).join(' · ')
export const plural = (count, one, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`

export const articleHref = (id, statementId) => `#/articles/${id}${statementId ? `?${new URLSearchParams({ s: statementId })}` : ''}`
export const entityHref = (entityName) => `#/entities/${encodeURIComponent(entityName)}`
export const searchHref = (params) => `#/search?${new URLSearchParams(Object.entries(params).filter(([, v]) => v))}`

export const articleLink = (id, headline) => el('a', { href: articleHref(id), dir: 'auto' }, headline || '(untitled)')
export const entityLink = (entityName) => (entityName?.trim() ? el('a', { href: entityHref(entityName) }, name(entityName)) : name(entityName))

/** A small label: `kind` (direct, indirect, mixed), stance, anonymous... */
export function badge(text, kind = '', title) {
  return el('span', { class: `badge ${kind}`.trim(), title }, text)
}

/** `statement.stance` comes from a later pipeline stage: shown when present, never required. */
export function stanceBadge(stance) {
  if (!stance || typeof stance !== 'object' || typeof stance.label !== 'string' || !stance.label) return null
  const score = typeof stance.score === 'number' && Number.isFinite(stance.score) ? ` ${stance.score.toFixed(2)}` : ''
  return el('span', { class: 'badge stance', title: 'Stance of the statement (model estimate)' }, 'stance: ', el('bdi', {}, stance.label), score)
}

export const KIND_LABELS = { direct: 'direct quote', indirect: 'reported', mixed: 'mixed' }
export const kindBadge = (kind) => badge(KIND_LABELS[kind] ?? kind, `kind-${kind === 'direct' || kind === 'indirect' || kind === 'mixed' ? kind : 'other'}`)

/** A visually hidden text for screen readers. */
export const srOnly = (text) => el('span', { class: 'sr-only' }, text)

/** Previous / next paging; `hrefFor(offset)` gives the route of a page. */
export function pager(total, offset, pageSize, hrefFor, label = 'Pages') {
  const last = Math.min(offset + pageSize, total)
  const link = (text, target, enabled, rel) =>
    enabled ? el('a', { class: 'button secondary', href: hrefFor(target), rel }, text) : el('span', { class: 'button secondary', 'aria-disabled': 'true' }, text)
  return el(
    'nav',
    { class: 'pager', 'aria-label': label },
    link('← Previous', Math.max(0, offset - pageSize), offset > 0, 'prev'),
    el('span', { class: 'meta', 'aria-live': 'polite' }, total ? `${(offset + 1).toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')}` : 'nothing found'),
    link('Next →', offset + pageSize, last < total, 'next'),
  )
}

export const notice = (text, kind = '') => el('p', { class: `notice ${kind}`.trim(), role: kind === 'error' ? 'alert' : null }, text)
