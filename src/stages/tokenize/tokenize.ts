/**
 * A lossless rule-based tokenizer for news text. Every token is a `[start, end)` pair into the
 * document text; whitespace is never a token, so the text is rebuilt exactly from tokens + gaps.
 *
 * Handles: abbreviations and titles (Dr., U.S., a.m.), initials (J.), decimals and thousands
 * (3.5, 10,000), URLs and e-mails, hyphenated and apostrophised names (al-Maliki, Ma'ruf, O'Neill)
 * with English clitics split off ('s, n't), straight and curly quotes, dashes and ellipses, and the
 * Arabic comma, semicolon and question mark inside English text.
 */
import { TokenFlag, TokenKind, allocateTokens, type TokenColumns } from '../../doc/tokens.js'
import { NUMBER_ABBREVIATIONS, isKnownAbbreviation } from './abbreviations.js'

const URL = /(?:https?:\/\/|www\.)[^\s<>"“”‘’]+/uy
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy
const NUMBER = /\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th|s)?(?![\p{L}\p{N}])/uy
/** Letters with periods after each: U.S., a.m., U.N., e.g. */
const DOTTED = /\p{L}\.(?:\p{L}\.)+/uy
/** A word with internal hyphens and apostrophes: al-Maliki, Ma'ruf, O'Neill, don't. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ]|[-‐‑])[\p{L}\p{M}\p{N}]+)*/uy
/** Clitics split off the end of a word, as in the Penn Treebank: Obama's → Obama 's, don't → do n't. */
const CLITIC = /(?:['’ʼ][sS]|[nN]['’ʼ][tT]|['’ʼ](?:re|ve|ll|RE|VE|LL|m|M|d|D))$/u
const ELLIPSIS_OR_DASHES = /\.{2,}|-{2,}|…/y
const QUOTES = new Set(['"', '“', '”', '„', '«', '»', '‘', '’', "'", '`', '‹', '›'])
const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u
const TRAILING_URL_PUNCT = /[.,;:!?)\]}]+$/u

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000
}

export function tokenize(text: string): TokenColumns {
  const columns = allocateTokens(Math.max(8, text.length + 1))
  let count = 0
  let pendingFlags: number = TokenFlag.ParagraphStart
  let position = 0
  let nextAt = -1

  const push = (start: number, end: number, kind: TokenKind, extraFlags = 0): void => {
    columns.start[count] = start
    columns.end[count] = end
    columns.kind[count] = kind
    let flags = pendingFlags | extraFlags
    if (kind === TokenKind.Word) {
      const first = text[start]!
      if (UPPER.test(first)) {
        flags |= TokenFlag.Capitalised
        if (end - start > 1 && !LOWER.test(text.slice(start, end))) flags |= TokenFlag.AllCaps
      }
    }
    columns.flags[count] = flags
    pendingFlags = 0
    count++
  }

  const matchAt = (pattern: RegExp): number => {
    pattern.lastIndex = position
    const match = pattern.exec(text)
    return match ? match[0].length : 0
  }

  while (position < text.length) {
    const code = text.charCodeAt(position)
    if (isSpace(code)) {
      // A blank line marks a paragraph; a single newline a line break (headline or caption lines).
      let newlines = 0
      while (position < text.length && isSpace(text.charCodeAt(position))) {
        if (text.charCodeAt(position) === 10) newlines++
        position++
      }
      if (newlines >= 2) pendingFlags |= TokenFlag.ParagraphStart
      else if (newlines === 1) pendingFlags |= TokenFlag.LineStart
      continue
    }

    let length = matchAt(URL)
    if (length > 0) {
      const trimmed = text.slice(position, position + length).replace(TRAILING_URL_PUNCT, '')
      push(position, position + trimmed.length, TokenKind.Url)
      position += trimmed.length
      continue
    }
    // An e-mail needs an "@" ahead: skip the costly pattern everywhere else.
    if (nextAt < position) nextAt = indexOrEnd(text, '@', position)
    if (nextAt - position < 64 && (length = matchAt(EMAIL)) > 0) {
      push(position, position + length, TokenKind.Email)
      position += length
      continue
    }
    if ((length = matchAt(NUMBER)) > 0) {
      push(position, position + length, TokenKind.Number)
      position += length
      continue
    }
    if ((length = matchAt(DOTTED)) > 0) {
      push(position, position + length, TokenKind.Word, TokenFlag.Abbreviation)
      position += length
      continue
    }
    if ((length = matchAt(WORD)) > 0) {
      position = pushWord(text, position, length, push)
      continue
    }
    if ((length = matchAt(ELLIPSIS_OR_DASHES)) > 0) {
      push(position, position + length, TokenKind.Punct)
      position += length
      continue
    }
    const char = String.fromCodePoint(text.codePointAt(position)!)
    const kind = QUOTES.has(char) ? TokenKind.Quote : /[\p{P}]/u.test(char) ? TokenKind.Punct : TokenKind.Symbol
    push(position, position + char.length, kind)
    position += char.length
  }

  return {
    count,
    start: columns.start.subarray(0, count),
    end: columns.end.subarray(0, count),
    kind: columns.kind.subarray(0, count),
    flags: columns.flags.subarray(0, count),
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from)
  return index < 0 ? text.length : index
}

/** Pushes a word, splitting a final clitic and keeping an abbreviation's or initial's period. */
function pushWord(
  text: string,
  start: number,
  length: number,
  push: (start: number, end: number, kind: TokenKind, extraFlags?: number) => void,
): number {
  const end = start + length
  const word = text.slice(start, end)
  const clitic = CLITIC.exec(word)
  if (clitic && clitic.index > 0) {
    push(start, start + clitic.index, TokenKind.Word)
    push(start + clitic.index, end, TokenKind.Word)
    return end
  }
  if (text[end] === '.') {
    const isInitial = length === 1 && UPPER.test(word)
    const lower = word.toLowerCase()
    const beforeNumber = NUMBER_ABBREVIATIONS.has(lower) && /^\s?\d/.test(text.slice(end + 1, end + 3))
    if (isInitial || beforeNumber || isKnownAbbreviation(lower)) {
      push(start, end + 1, TokenKind.Word, TokenFlag.Abbreviation)
      return end + 1
    }
  }
  push(start, end, TokenKind.Word)
  return end
}
