/**
 * DOM to plain text that keeps the paragraph structure: block elements become paragraphs (one blank
 * line between them), `<br>` a line break, inline elements flow with collapsed white space. Only
 * text nodes are read, so attributes (event handlers, styles) can never reach the text; scripts,
 * styles and other non-content elements are skipped whole; figure captions are collected apart.
 */
import { parseHTML } from 'linkedom'
import { WhosaidError } from '../errors.js'
import { limitMarkup, MAX_HTML_ELEMENTS } from './html-depth.js'
import { normalizeLine, normalizeText } from './normalize.js'

/** The few DOM members this module reads; linkedom and browsers both provide them. */
export interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
}

const TEXT_NODE = 3
const ELEMENT_NODE = 1

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL',
  'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
])

/** Never article text: code, styling, embedded objects, form controls. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO',
  'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'HEAD', 'TITLE', 'META', 'LINK',
])

const CELLS = new Set(['TD', 'TH'])

/** Deeper than this the text of a subtree is taken whole (see limitNesting in html-depth.ts). */
const MAX_VISIT_DEPTH = 1000

export interface HtmlText {
  text: string
  captions: string[]
}

/** Text of a DOM subtree with paragraph breaks; `figcaption` text goes to `captions`, not `text`. */
export function domToText(root: DomNode): HtmlText {
  // Pieces of text, joined once at the end: pages can hold thousands of paragraphs.
  const parts: string[] = []
  // Line breaks owed before the next text: 1 after <br>, 2 after a block.
  let pendingBreaks = 0
  const captions: string[] = []
  const last = () => parts[parts.length - 1] ?? ''

  const write = (raw: string) => {
    let chunk = raw.replace(/[ \t\n\r\f]+/g, ' ')
    if (parts.length === 0 || pendingBreaks > 0 || last().endsWith(' ')) chunk = chunk.replace(/^ /, '')
    if (chunk === '') return
    if (parts.length > 0 && pendingBreaks > 0) {
      parts[parts.length - 1] = last().replace(/ +$/, '')
      parts.push('\n'.repeat(pendingBreaks))
    }
    pendingBreaks = 0
    parts.push(chunk)
  }
  const breakBlock = () => {
    pendingBreaks = 2
  }
  const breakLine = () => {
    // A <br> at the very start of a block would otherwise become a leading blank line.
    if (parts.length > 0) pendingBreaks = Math.max(pendingBreaks, 1)
  }

  const visit = (node: DomNode, depth: number) => {
    if (node.nodeType === TEXT_NODE) {
      write(node.textContent ?? '')
      return
    }
    // limitNesting keeps parsed pages shallow; a DOM built elsewhere is read flat past this depth
    // rather than overflowing the stack.
    if (depth > MAX_VISIT_DEPTH) {
      write(node.textContent ?? '')
      return
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return
    const name = node.nodeName.toUpperCase()
    if (SKIPPED.has(name)) return
    if (name === 'FIGCAPTION') {
      const caption = normalizeLine(node.textContent ?? '')
      if (caption) captions.push(caption)
      return
    }
    if (name === 'BR') {
      breakLine()
      return
    }
    const block = BLOCKS.has(name)
    if (block) breakBlock()
    if (CELLS.has(name)) write(' ')
    for (const child of Array.from(node.childNodes)) visit(child, depth + 1)
    if (block) breakBlock()
  }

  visit(root, 0)
  return { text: normalizeText(parts.join('')), captions }
}

/** True when a string field holds markup rather than plain text. */
export function looksLikeHtml(value: string): boolean {
  return /<\/?(?:p|div|br|span|a|h[1-6]|ul|ol|li|html|body|article|section|em|strong|b|i|figure|figcaption|img|blockquote|table|script|style)\b[^>]*>/i.test(value)
}

/** Plain text of an HTML fragment or page (no boilerplate removal: for article bodies in records). */
export function htmlFragmentToText(html: string): HtmlText {
  const page = /<(?:html|body)\b/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`
  const markup = limitMarkup(page)
  if (markup.elements > MAX_HTML_ELEMENTS) {
    throw new WhosaidError('E007', `the HTML body has ${markup.elements} elements (more than ${MAX_HTML_ELEMENTS})`)
  }
  const { document } = parseHTML(markup.html)
  return domToText(document.body as unknown as DomNode)
}
