/**
 * Sentence boundaries from tokens. A boundary falls after terminal punctuation (. ! ? ؟ …) and any
 * closing quotes or brackets after it, when the next token can start a sentence; always at a
 * paragraph break; and at a line break after a line with no terminal punctuation (headlines,
 * captions, datelines). Titles (Dr., Gen.) never end a sentence; other abbreviations (U.S., Inc.)
 * end one only when a typical sentence opener follows.
 */
import type { SentenceSpan } from '../../doc/document.js'
import { TokenFlag, TokenKind, type TokenColumns } from '../../doc/tokens.js'
import { isTitleAbbreviation } from '../tokenize/abbreviations.js'

const TERMINAL = new Set(['.', '!', '?', '؟', '…', '...', '!?', '?!'])
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', '›'])
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«', '‹', '-', '—', '–'])
/** Capitalised words that start sentences far more often than they follow an abbreviation. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'but',
  'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'after', 'before', 'since',
  'as', 'his', 'her', 'its', 'their', 'our', 'there', 'however', 'meanwhile', 'still', 'also', 'then',
  'according', 'some', 'many', 'most', 'no', 'not', 'one', 'two', 'both', 'all', 'what', 'why', 'how',
])

export function splitSentences(text: string, tokens: TokenColumns): SentenceSpan[] {
  const sentences: SentenceSpan[] = []
  let sentenceStart = 0
  const close = (tokenEnd: number): void => {
    if (tokenEnd <= sentenceStart) return
    sentences.push({
      start: tokens.start[sentenceStart]!,
      end: tokens.end[tokenEnd - 1]!,
      tokenStart: sentenceStart,
      tokenEnd,
    })
    sentenceStart = tokenEnd
  }

  for (let i = 0; i < tokens.count; i++) {
    const next = i + 1
    if (next >= tokens.count) break
    const nextFlags = tokens.flags[next]!
    if (nextFlags & TokenFlag.ParagraphStart) {
      close(next)
      continue
    }
    const word = text.slice(tokens.start[i]!, tokens.end[i]!)
    if (nextFlags & TokenFlag.LineStart && !TERMINAL.has(word) && !CLOSERS.has(word) && word !== ',') {
      close(next)
      continue
    }
    const isAbbreviation = (tokens.flags[i]! & TokenFlag.Abbreviation) !== 0
    if (!TERMINAL.has(word) && !isAbbreviation) continue

    // Take closing quotes and brackets that belong to this sentence.
    let last = i
    while (last + 1 < tokens.count && CLOSERS.has(tokenText(text, tokens, last + 1)) && !startsNewQuote(text, tokens, last + 1)) last++
    const after = last + 1
    if (after >= tokens.count) break
    const afterWord = tokenText(text, tokens, after)
    if (isAbbreviation) {
      if (!endsSentenceAfterAbbreviation(word, afterWord, tokens, after)) continue
    } else if (!canStartSentence(afterWord, tokens, after)) {
      continue
    }
    close(after)
    i = last
  }
  close(tokens.count)
  return sentences
}

function tokenText(text: string, tokens: TokenColumns, index: number): string {
  return text.slice(tokens.start[index]!, tokens.end[index]!)
}

/** A straight quote after terminal punctuation closes the quote unless a space separates them. */
function startsNewQuote(text: string, tokens: TokenColumns, index: number): boolean {
  const mark = tokenText(text, tokens, index)
  if (mark !== '"' && mark !== "'") return false
  return tokens.start[index]! > tokens.end[index - 1]!
}

function canStartSentence(word: string, tokens: TokenColumns, index: number): boolean {
  const flags = tokens.flags[index]!
  if (flags & TokenFlag.Capitalised) return true
  const kind = tokens.kind[index]!
  if (kind === TokenKind.Number) return true
  return OPENERS.has(word)
}

function endsSentenceAfterAbbreviation(abbreviation: string, next: string, tokens: TokenColumns, index: number): boolean {
  const bare = abbreviation.slice(0, -1).toLowerCase()
  if (isTitleAbbreviation(bare)) return false
  // An initial (single capital letter) is followed by the rest of the name.
  if (bare.length === 1 && bare.toUpperCase() === abbreviation[0]) return false
  if (OPENERS.has(next) && tokens.kind[index] === TokenKind.Quote) return true
  return (tokens.flags[index]! & TokenFlag.Capitalised) !== 0 && SENTENCE_OPENERS.has(next.toLowerCase())
}
