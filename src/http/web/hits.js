// One statement found by search or listed on a speaker page: who, the cue, the statement in its
// sentence with the full-text matches marked, and where it was published.
import { articleHref, articleLink, badge, day, el, entityLink, joinMeta, kindBadge, name, searchHref, stanceBadge } from './dom.js'

/** Text with the given ranges (relative to `text`) wrapped in <mark>. */
function marked(text, ranges) {
  const nodes = []
  let at = 0
  for (const { start, end } of ranges) {
    const from = Math.max(at, start)
    const to = Math.min(text.length, end)
    if (to <= from) continue
    if (from > at) nodes.push(text.slice(at, from))
    nodes.push(el('mark', {}, text.slice(from, to)))
    at = to
  }
  if (at < text.length) nodes.push(text.slice(at))
  return nodes
}

/** The FTS snippet (matches between [ and ]) when the server gave no context. */
function snippetNodes(snippet) {
  return snippet.split(/[[\]]/).map((piece, index) => (index % 2 ? el('mark', {}, piece) : piece))
}

/**
 * The statement inside its sentence: text before, the content (emphasised, matches marked), text after.
 * Spans are article offsets; the context span says where its text starts.
 */
export function contextQuote(hit) {
  const { context, statement } = hit
  const quote = el('blockquote', { class: 'hit-context', dir: 'auto' })
  if (!context || typeof context.text !== 'string') {
    quote.append(...snippetNodes(hit.snippet ?? statement.content.text))
    return quote
  }
  const text = context.text
  const from = Math.max(0, Math.min(text.length, statement.content.start - context.start))
  const to = Math.max(from, Math.min(text.length, statement.content.end - context.start))
  const ranges = (hit.matches ?? [])
    .map((m) => ({ start: m.start - context.start - from, end: m.end - context.start - from }))
    .sort((a, b) => a.start - b.start)
  quote.append(
    text.slice(0, from),
    el('span', { class: 'hit-content' }, ...marked(text.slice(from, to), ranges)),
    text.slice(to),
  )
  return quote
}

export function hitItem(hit, { showSpeaker = true } = {}) {
  const { statement } = hit
  const speaker = statement.speaker
  const who = speaker.entity
    ? entityLink(hit.speakerName)
    : hit.speakerName.trim()
      ? el('a', { href: searchHref({ speaker: hit.speakerName }), title: 'Search statements by this speaker' }, name(hit.speakerName))
      : name('')
  return el(
    'li',
    { class: 'hit' },
    el(
      'div',
      { class: 'hit-head' },
      showSpeaker && el('span', { class: 'hit-speaker' }, who),
      showSpeaker && speaker.anonymous && badge('anonymous', 'anon'),
      el('span', { class: 'hit-cue', dir: 'auto' }, showSpeaker ? statement.cue.text : `${statement.cue.text}:`),
      kindBadge(statement.kind),
      stanceBadge(statement.stance),
    ),
    contextQuote(hit),
    el(
      'div',
      { class: 'hit-meta meta' },
      articleLink(hit.articleId, hit.headline),
      ' ',
      el('span', { dir: 'auto' }, joinMeta(hit.outlet, day(hit.published))),
      ' · ',
      el('a', { href: articleHref(hit.articleId, statement.id), 'aria-label': `Show statement ${statement.id} in the article` }, 'show in article'),
    ),
  )
}
