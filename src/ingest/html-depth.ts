/**
 * A cap on how deeply the elements of an HTML page nest, applied to the markup before it is parsed.
 * Real news pages nest a few dozen levels; a hostile or broken page can nest tens of thousands
 * (`<div>` × 50,000, or `<b>` opened and never closed), and both the DOM parser (linkedom) and
 * Readability take time that grows much faster than the depth, and overflow the stack on the way.
 *
 * The scan follows the open elements the way the parser will (void elements hold nothing; `<li>`
 * closes an open `<li>`, `<td>` an open `<td>`; a closing tag closes up to its element), and past
 * `maxDepth` drops the tags that would nest further, with their closing tags; their text stays in
 * place. It is linear, and leaves a page within the cap (nearly every page) as it is.
 */

/** Deeper than any real page: Readability stays fast (under a few hundred ms) at this depth. */
export const MAX_HTML_DEPTH = 80

/** Whatever the page's size, nesting this deep is kept. */
const MIN_HTML_DEPTH = 16

/**
 * Readability's time grows with elements × depth (it measures each candidate's whole subtree): a
 * page with more elements gets a lower depth cap, so that the product stays under this.
 */
const DEPTH_BUDGET = 300_000

/** More elements than this (after the depth cap) is no article page; Readability would take many seconds. */
export const MAX_HTML_ELEMENTS = 50_000

/**
 * The markup to parse: nesting capped (at MAX_HTML_DEPTH, lower for pages with many elements), and
 * the number of elements left, for the caller to refuse pages past MAX_HTML_ELEMENTS.
 */
export function limitMarkup(html: string): { html: string; elements: number } {
  const tags = countOpeningTags(html)
  const maxDepth = Math.max(MIN_HTML_DEPTH, Math.min(MAX_HTML_DEPTH, Math.floor(DEPTH_BUDGET / Math.max(1, tags))))
  if (tags <= maxDepth) return { html, elements: tags }
  return scan(html, maxDepth)
}

/** Elements without content: they never hold others. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen'])

/**
 * The elements an opening tag closes when one of them is the innermost open element, as the DOM
 * parser (htmlparser2, under linkedom) does it: `<li>` closes an open `<li>`, `<tr>` an open `<td>`.
 */
const P = ['p']
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>(
  (
    [
      ['tr', ['tr', 'th', 'td']], ['th', ['th']], ['td', ['thead', 'th', 'td']], ['body', ['head', 'link', 'script']], ['li', ['li']],
      ['option', ['option']], ['optgroup', ['optgroup', 'option']], ['dd', ['dd', 'dt']], ['dt', ['dd', 'dt']], ['rt', ['rt', 'rp']],
      ['rp', ['rt', 'rp']], ['tbody', ['thead', 'tbody']], ['tfoot', ['thead', 'tbody']],
      ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((name) => [name, FORM] as const),
      ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((name) => [name, P] as const),
    ] as Array<readonly [string, readonly string[]]>
  ).map(([name, closes]) => [name, new Set(closes)]),
)

/** Elements whose content is raw text: markup inside them is not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'])

/** A tag, a comment, a doctype or processing instruction; quoted attribute values may hold `>`. */
const TAG = /<(?:!--[\s\S]*?(?:-->|$)|[!?][^>]*(?:>|$)|(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)(>|$))/g

/** The markup with nesting capped at `maxDepth`. */
export function limitNesting(html: string, maxDepth = MAX_HTML_DEPTH): string {
  // Fewer tags than the cap cannot nest past it.
  if (countOpeningTags(html) <= maxDepth) return html
  return scan(html, maxDepth).html
}

function scan(html: string, maxDepth: number): { html: string; elements: number } {
  let elements = 0
  const kept: string[] = []
  let copiedTo = 0
  const drop = (at: number, length: number) => {
    kept.push(html.slice(copiedTo, at))
    copiedTo = at + length
  }
  /** Open elements, innermost last, as the parser will see them. */
  const open: string[] = []
  /** Opening tags dropped (by name) whose closing tags are still to come. */
  const dropped = new Map<string, number>()
  TAG.lastIndex = 0
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const [whole, slash, rawName, attributes] = match
    if (rawName === undefined) continue
    const name = rawName.toLowerCase()
    if (VOID.has(name)) {
      if (!slash) elements++
      continue
    }
    if (slash) {
      const pending = dropped.get(name) ?? 0
      if (pending > 0) {
        dropped.set(name, pending - 1)
        drop(match.index, whole.length)
        continue
      }
      const at = open.lastIndexOf(name)
      if (at !== -1) open.length = at
      continue
    }
    const closes = IMPLIES_CLOSE.get(name)
    if (closes) while (open.length > 0 && closes.has(open[open.length - 1]!)) open.pop()
    if (RAW_TEXT.has(name)) {
      elements++
      // Skip to the end of the raw text: a script full of "<div>" strings adds no depth.
      const end = rawTextEnd(name)
      end.lastIndex = TAG.lastIndex
      TAG.lastIndex = end.exec(html)?.index ?? html.length
      continue
    }
    if (attributes !== undefined && /\/\s*$/.test(attributes)) {
      elements++
      continue
    }
    if (open.length >= maxDepth) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1)
      drop(match.index, whole.length)
    } else {
      open.push(name)
      elements++
    }
  }
  if (copiedTo === 0) return { html, elements }
  kept.push(html.slice(copiedTo))
  return { html: kept.join(''), elements }
}

const rawTextEnds = new Map<string, RegExp>()

/** Finds the end tag of a raw-text element, any case. */
function rawTextEnd(name: string): RegExp {
  let end = rawTextEnds.get(name)
  if (!end) rawTextEnds.set(name, (end = new RegExp(`</${name}`, 'gi')))
  return end
}

/** Opening tags (`<` and a letter): an upper bound of the elements, counted without parsing. */
function countOpeningTags(html: string): number {
  let tags = 0
  for (let at = html.indexOf('<'); at !== -1 && at + 1 < html.length; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20
    if (next >= 0x61 && next <= 0x7a) tags++
  }
  return tags
}
