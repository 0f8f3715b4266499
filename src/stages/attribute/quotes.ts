/**
 * Quotation spans: curly quotes pair by direction; straight quotes alternate within a paragraph.
 * Following news convention, a quote left open at the end of a paragraph continues when the next
 * paragraph opens with a quote mark, so one quotation may span several paragraphs.
 */
export interface QuoteSpan {
  /** Offset of the opening mark and one past the closing mark. */
  start: number
  end: number
}

const OPEN_CURLY = new Set(['“', '„', '«'])
const CLOSE_CURLY = new Set(['”', '»'])

export function findQuotes(text: string): QuoteSpan[] {
  const quotes: QuoteSpan[] = []
  let openAt = -1
  let openedWith = ''
  let paragraphEnd = text.indexOf('\n\n')
  if (paragraphEnd < 0) paragraphEnd = text.length

  for (let i = 0; i < text.length; i++) {
    if (i >= paragraphEnd) {
      // A paragraph boundary: an open quote continues only if the next paragraph opens with a mark.
      const nextStart = skipBlank(text, paragraphEnd)
      const next = text.indexOf('\n\n', nextStart)
      paragraphEnd = next < 0 ? text.length : next
      if (openAt >= 0 && !isQuoteMark(text[nextStart] ?? '')) openAt = -1
      i = nextStart
      if (openAt >= 0) continue // the continuation mark re-opens the same quotation
    }
    const char = text[i]!
    if (OPEN_CURLY.has(char)) {
      if (openAt < 0) {
        openAt = i
        openedWith = char
      }
    } else if (CLOSE_CURLY.has(char)) {
      if (openAt >= 0 && openedWith !== '"') {
        quotes.push({ start: openAt, end: i + 1 })
        openAt = -1
      }
    } else if (char === '"') {
      if (openAt < 0 && opensHere(text, i)) {
        openAt = i
        openedWith = '"'
      } else if (openAt >= 0 && openedWith === '"') {
        quotes.push({ start: openAt, end: i + 1 })
        openAt = -1
      }
    }
  }
  return quotes
}

function isQuoteMark(char: string): boolean {
  return char === '"' || OPEN_CURLY.has(char)
}

function skipBlank(text: string, from: number): number {
  let i = from
  while (i < text.length && /\s/.test(text[i]!)) i++
  return i
}

/** A straight quote opens when it follows a space, a line start or an opening bracket or dash. */
function opensHere(text: string, index: number): boolean {
  const before = index === 0 ? ' ' : text[index - 1]!
  const after = text[index + 1] ?? ' '
  return /[\s([{—–-]/.test(before) && !/\s/.test(after)
}
