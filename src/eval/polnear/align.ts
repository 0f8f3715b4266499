/**
 * Article-level predictions on the CofeNet segments. The published metric is computed on token
 * segments cut out of PolNeAR articles (a sentence or a few); its README allows running the
 * pipeline on each segment or mapping article-level output onto the segment's token indices.
 * whosaid analyses whole articles in use, so this module does the second: it finds every segment
 * token in the article text and turns our statements' character spans into token spans.
 *
 * The segments were tokenised by CoreNLP, which rewrote some characters: PTB escapes (`` '' -LRB-),
 * "--" for an em dash, "..." for "…", an extra "." after a sentence-final abbreviation ("Del. .").
 * Both sides are compared in a normal form without whitespace, where quotation marks, dashes and
 * full stops each collapse to one character per run; a token whose characters cannot be found
 * (a few segments were made from a different version of the article) maps to no character and so
 * takes part in no predicted span.
 */
import type { Analysis } from '../../doc/schema.js'
import { bioToSpans, emptySpans, spansToBio, type SpansByLabel } from './bio.js'
import { PTB_ESCAPES, statementTokenSpans, type CofenetSegment } from './cofenet.js'
import { scoreSegment, zeroCountsByLabel, type CountsByLabel } from './metrics.js'

/** Characters that vanish in the normal form: whitespace and invisible format characters. */
const INVISIBLE = /[\s\u00ad\u200b-\u200f\u2060\ufeff]/u
const QUOTE = /["“”„‟«»`'’‘‚‛′″]/u

/** One character's normal form ('' when invisible): one class for quotation marks, "--" for long dashes, "..." for "…". */
function normalChar(c: string): string {
  if (INVISIBLE.test(c)) return ''
  if (QUOTE.test(c)) return "'"
  if (c === '—' || c === '–' || c === '―') return '--'
  if (c === '…') return '...'
  return c
}

/** A text in normal form, with the index of the source unit (character or token) of each character. */
export interface NormalForm {
  chars: string
  /** For each normal-form character, the index of the unit it came from... */
  source: Int32Array
  /** ...and of the last unit folded into it (a doubled quotation mark, the fourth full stop). */
  sourceEnd: Int32Array
}

/**
 * Normal form of a sequence of units (the characters of a text, or the tokens of a segment).
 * Within a run of adjacent units (`adjacent(previous, next)`), a doubled quotation mark ('' for ")
 * is one mark and four or more full stops are an ellipsis.
 */
function normalize(units: readonly string[], adjacent: (previous: number, next: number) => boolean): NormalForm {
  let chars = ''
  const source: number[] = []
  const sourceEnd: number[] = []
  units.forEach((unit, index) => {
    for (const c of unit) {
      for (const n of normalChar(c)) {
        const joined = source.length > 0 && adjacent(sourceEnd[sourceEnd.length - 1]!, index)
        if (joined && ((n === "'" && chars.endsWith("'")) || (n === '.' && chars.endsWith('...')))) {
          sourceEnd[sourceEnd.length - 1] = index
          continue
        }
        chars += n
        source.push(index)
        sourceEnd.push(index)
      }
    }
  })
  return { chars, source: Int32Array.from(source), sourceEnd: Int32Array.from(sourceEnd) }
}

/** The article text in normal form; `source` holds UTF-16 offsets into the text. */
export function normalizeText(text: string): NormalForm {
  const units: string[] = []
  for (let i = 0; i < text.length; i++) units.push(text[i]!)
  return normalize(units, (previous, next) => previous === next || previous + 1 === next)
}

/** A segment's tokens in normal form; `source` holds token indexes. */
function normalizeTokens(tokens: readonly string[]): NormalForm {
  let previous = ''
  const surfaces = tokens.map((token) => {
    let surface = PTB_ESCAPES[token] ?? token
    // CoreNLP repeats a sentence-final abbreviation's full stop as a token of its own ("Del. .").
    if (surface === '.' && previous.length > 1 && previous.endsWith('.')) surface = ''
    previous = surface
    return surface
  })
  return normalize(surfaces, (a, b) => a === b)
}

/** Character offsets (`end` exclusive) of each segment token in the article text; a token not found has start === end. */
export interface TokenOffsets {
  starts: number[]
  ends: number[]
  /** Tokens with at least one visible character that could not be placed in the article. */
  unplaced: number
}

/**
 * Places the tokens of one segment in an article. `from` is where the previous segment of the same
 * annotation file ended (segments come in article order); the search falls back to the whole text.
 */
export function alignSegment(article: NormalForm, tokens: readonly string[], from = 0): TokenOffsets & { next: number } {
  const segment = normalizeTokens(tokens)
  const starts = new Array<number>(tokens.length).fill(-1)
  const ends = new Array<number>(tokens.length).fill(-1)
  // Normal-form character range of each token in the segment.
  const first = new Int32Array(tokens.length).fill(-1)
  const last = new Int32Array(tokens.length).fill(-1)
  for (let k = 0; k < segment.source.length; k++) {
    const t = segment.source[k]!
    if (first[t] === -1) first[t] = k
    last[t] = k
  }
  // Where in the article each segment character is: the whole segment at once when it matches,
  // else token by token, each searched a short way after the previous one.
  const placed = new Int32Array(segment.chars.length).fill(-1)
  let at = article.chars.indexOf(segment.chars, from)
  if (at < 0) at = article.chars.indexOf(segment.chars)
  if (at >= 0) {
    for (let k = 0; k < segment.chars.length; k++) placed[k] = at + k
  } else {
    let cursor = anchor(article.chars, segment.chars, from)
    for (let t = 0; t < tokens.length; t++) {
      if (first[t] === -1 || cursor < 0) continue
      const piece = segment.chars.slice(first[t], last[t]! + 1)
      const found = article.chars.indexOf(piece, cursor)
      if (found < 0 || found - cursor > 40) continue
      for (let k = 0; k < piece.length; k++) placed[first[t]! + k] = found + k
      cursor = found + piece.length
    }
  }
  let unplaced = 0
  let next = from
  for (let t = 0; t < tokens.length; t++) {
    if (first[t] === -1) continue
    const a = placed[first[t]!]!
    const b = placed[last[t]!]!
    if (a < 0 || b < 0) {
      unplaced++
      continue
    }
    starts[t] = article.source[a]!
    ends[t] = article.sourceEnd[b]! + 1
    next = Math.max(next, b + 1)
  }
  // A repeated full stop shares the character of the one before it (a span ending at "Del." takes
  // both tokens, as the gold does). Tokens left unplaced get an empty range at the previous
  // token's end, so that offsets stay in text order and cover no character.
  let previousEnd = 0
  for (let t = 0; t < tokens.length; t++) {
    if (starts[t]! < 0) {
      const repeatedStop = first[t] === -1 && tokens[t] === '.' && t > 0 && ends[t - 1]! > starts[t - 1]!
      starts[t] = repeatedStop ? previousEnd - 1 : previousEnd
      ends[t] = previousEnd
    }
    previousEnd = ends[t]!
  }
  return { starts, ends, unplaced, next }
}

/** Start of the longest prefix of `segment` found in `article` (from `from`, else anywhere); -1 when not even a character is. */
function anchor(article: string, segment: string, from: number): number {
  let length = Math.min(segment.length, 40)
  while (length > 0) {
    const prefix = segment.slice(0, length)
    const found = article.indexOf(prefix, from)
    if (found >= 0) return found
    const anywhere = article.indexOf(prefix)
    if (anywhere >= 0) return anywhere
    length = Math.floor(length / 2)
  }
  return -1
}

/**
 * Our statements as segment token spans, read back through BIO as the metric reads them. A
 * statement span that runs past the segment is cut at its edge (only the segment's tokens exist).
 */
export function articleSpansOnSegment(analysis: Analysis, offsets: TokenOffsets, tokenCount: number): SpansByLabel {
  return bioToSpans(spansToBio(tokenCount, statementTokenSpans(analysis, offsets)))
}

/** Scores of the article-level predictions on a split's segments (same counts as `evaluateSegments`). */
export interface ArticleSegmentScores {
  exact: CountsByLabel
  tokens: CountsByLabel
  segments: number
  articles: number
  /** Articles on which the pipeline threw (their segments scored as predicting nothing). */
  failures: number
  /** Segment tokens that could not be placed in their article's text. */
  unplacedTokens: number
  details?: Array<{ segment: CofenetSegment; gold: SpansByLabel; predicted: SpansByLabel }>
}

/** The article (brat text file name) a segment comes from: its id without the annotation-file suffix. */
export function segmentArticle(segment: CofenetSegment): string {
  return segment.id.replace(/_[^_]+$/, '')
}

/**
 * Analyses every article behind the segments once and scores its statements on each of its
 * segments. `analyses` (filled here) lets a caller share the analyses with another evaluation of
 * the same articles.
 */
export function evaluateArticleSegments(
  segments: readonly CofenetSegment[],
  readArticle: (article: string) => string,
  analyze: (text: string) => Analysis | null,
  options: { keepDetails?: boolean; analyses?: Map<string, Analysis | null> } = {},
): ArticleSegmentScores {
  const exact = zeroCountsByLabel()
  const tokens = zeroCountsByLabel()
  const texts = new Map<string, NormalForm>()
  const analyses = options.analyses ?? new Map<string, Analysis | null>()
  const cursors = new Map<string, number>()
  const failed = new Set<string>()
  const details: NonNullable<ArticleSegmentScores['details']> = []
  let unplacedTokens = 0
  for (const segment of segments) {
    const article = segmentArticle(segment)
    let normal = texts.get(article)
    if (!normal) {
      const text = readArticle(article)
      normal = normalizeText(text)
      texts.set(article, normal)
      if (!analyses.has(article)) analyses.set(article, analyze(text))
    }
    const analysis = analyses.get(article) ?? null
    if (!analysis) failed.add(article)
    const offsets = alignSegment(normal, segment.tokens, cursors.get(segment.id) ?? 0)
    cursors.set(segment.id, offsets.next)
    unplacedTokens += offsets.unplaced
    const gold = bioToSpans(segment.labels)
    const predicted = analysis ? articleSpansOnSegment(analysis, offsets, segment.tokens.length) : emptySpans()
    scoreSegment(gold, predicted, exact, tokens)
    if (options.keepDetails) details.push({ segment, gold, predicted })
  }
  return {
    exact,
    tokens,
    segments: segments.length,
    articles: texts.size,
    failures: failed.size,
    unplacedTokens,
    ...(options.keepDetails ? { details } : {}),
  }
}
