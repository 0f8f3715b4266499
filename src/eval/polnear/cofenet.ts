/**
 * whosaid on the PolNeAR sequence-labelling segments of CofeNet (`polnear/cofenet/*.jsonl`): the
 * evaluation units and metric of the published PolNeAR table.
 *
 * Each segment (a sentence or a few sentences of one article) is analysed on its own: its tokens
 * joined with single spaces form the article text (PTB escapes such as `` and -LRB- are turned back
 * into the characters they stand for, one token for one token, unless `unescape: false`). Our
 * statements' speaker → source, cue → cue and content → content spans are mapped to the tokens
 * they overlap, rendered into one BIO sequence (see `spansToBio`) and read back the way the gold
 * is read (`bioToSpans`), then scored by exact span match and by token overlap, micro-averaged.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Analysis } from '../../doc/schema.js'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { makeArticle } from '../../testing/make-article.js'
import { bioToSpans, emptySpans, spansToBio, type SpansByLabel, type TokenSpan } from './bio.js'
import { scoreSegment, zeroCountsByLabel, type CountsByLabel } from './metrics.js'
import { polnearDir } from './paths.js'

export type CofenetSplit = 'test' | 'valid'

/** One line of the CofeNet JSONL (the CoreNLP `pos` / `ner` columns are deliberately not read). */
export interface CofenetSegment {
  id: string
  tokens: string[]
  labels: string[]
}

export function cofenetPath(split: CofenetSplit): string {
  return join(polnearDir(), 'cofenet', `${split}.jsonl`)
}

export function parseCofenet(jsonl: string): CofenetSegment[] {
  const segments: CofenetSegment[] = []
  jsonl.split('\n').forEach((line, index) => {
    if (!line.trim()) return
    const record = JSON.parse(line) as { id?: unknown; tokens?: unknown; labels?: unknown }
    const { id, tokens, labels } = record
    if (!Array.isArray(tokens) || !Array.isArray(labels) || tokens.length !== labels.length) {
      throw new Error(`cofenet line ${index + 1}: tokens and labels must be arrays of the same length`)
    }
    segments.push({ id: String(id ?? ''), tokens: tokens.map(String), labels: labels.map(String) })
  })
  return segments
}

export function readCofenet(split: CofenetSplit): CofenetSegment[] {
  return parseCofenet(readFileSync(cofenetPath(split), 'utf8'))
}

/** CoreNLP / Penn Treebank token escapes and the characters they stand for. */
export const PTB_ESCAPES: Readonly<Record<string, string>> = {
  '``': '“',
  "''": '”',
  '`': '‘',
  '-LRB-': '(',
  '-RRB-': ')',
  '-LSB-': '[',
  '-RSB-': ']',
  '-LCB-': '{',
  '-RCB-': '}',
}

export interface SegmentText {
  text: string
  /** Character offsets of each token in `text`, `end` exclusive. */
  starts: number[]
  ends: number[]
}

const NO_SPACE_BEFORE = new Set([',', '.', ':', ';', '?', '!', ')', ']', '}', '”', '%', "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'m", "'d", '...'])
const NO_SPACE_AFTER = new Set(['“', '(', '[', '{', '$', '‘'])

export interface SegmentTextOptions {
  /** Turn PTB escapes (`` '' -LRB- ...) back into characters (default true). */
  unescape?: boolean
  /**
   * Default false: tokens are joined by single spaces (the protocol). True: a diagnostic variant that
   * drops the space before closing punctuation and clitics ('s, n't) and after opening quotes and
   * brackets, so the text reads like news copy. Token indices are the same either way.
   */
  detokenize?: boolean
}

/** Tokens joined by single spaces (or detokenized), with each token's character offsets. */
export function segmentText(tokens: readonly string[], options: SegmentTextOptions = {}): SegmentText {
  const unescape = options.unescape ?? true
  const starts: number[] = []
  const ends: number[] = []
  let text = ''
  let previous = ''
  tokens.forEach((token, index) => {
    const surface = unescape ? (PTB_ESCAPES[token] ?? token) : token
    const glue = options.detokenize === true && (NO_SPACE_BEFORE.has(surface) || NO_SPACE_AFTER.has(previous))
    if (index > 0 && !glue) text += ' '
    starts.push(text.length)
    text += surface
    ends.push(text.length)
    previous = surface
  })
  return { text, starts, ends }
}

/**
 * The token span covered by a character span: every token with at least one character inside
 * [start, end). Null when the span covers no token (empty, or only spaces).
 */
export function charSpanToTokens(
  starts: readonly number[],
  ends: readonly number[],
  span: { start: number; end: number },
): TokenSpan | null {
  if (span.end <= span.start) return null
  // First token whose end is after span.start (binary search; tokens are in text order).
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ends[mid]! <= span.start) lo = mid + 1
    else hi = mid
  }
  let last = -1
  for (let t = lo; t < starts.length && starts[t]! < span.end; t++) {
    if (ends[t]! > starts[t]!) last = t
  }
  let first = lo
  while (first <= last && ends[first]! <= starts[first]!) first++ // skip empty tokens
  return last >= first ? { start: first, end: last + 1 } : null
}

/**
 * Our statements as token spans per label, before BIO rendering (may overlap or repeat), given the
 * character offsets of the tokens in the analysed text (a segment's own text, or its article's).
 * Statements nested in another's content (an interviewee reporting someone: their cue lies inside
 * the turn's content) are left out: the BIO layer holds one level of attribution.
 */
export function statementTokenSpans(analysis: Analysis, tokens: { starts: readonly number[]; ends: readonly number[] }): SpansByLabel {
  const spans = emptySpans()
  const push = (label: keyof SpansByLabel, span: { start: number; end: number }): void => {
    const covered = charSpanToTokens(tokens.starts, tokens.ends, span)
    if (covered) spans[label].push(covered)
  }
  const contents = analysis.statements.map((s) => s.content).filter((c) => c.end > c.start)
  const nested = (cue: { start: number; end: number }): boolean =>
    cue.end > cue.start && contents.some((c) => c.start <= cue.start && cue.end <= c.end)
  for (const statement of analysis.statements) {
    if (nested(statement.cue)) continue
    push('source', statement.speaker)
    push('cue', statement.cue)
    push('content', statement.content)
  }
  return spans
}

export interface SegmentPrediction {
  text: SegmentText
  analysis: Analysis | null
  /** Our spans as one BIO sequence over the segment's tokens. */
  tags: string[]
  /** The spans read back from `tags`: what is scored. */
  spans: SpansByLabel
  error?: string
}

export type PredictOptions = SegmentTextOptions

export function predictSegment(tokens: readonly string[], options: PredictOptions = {}): SegmentPrediction {
  const text = segmentText(tokens, options)
  let analysis: Analysis | null = null
  let error: string | undefined
  try {
    analysis = analyzeArticle(makeArticle(text.text), { requireEnglish: false })
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
  }
  const raw = analysis ? statementTokenSpans(analysis, text) : emptySpans()
  const tags = spansToBio(tokens.length, raw)
  return { text, analysis, tags, spans: bioToSpans(tags), ...(error !== undefined ? { error } : {}) }
}

export interface SegmentResult {
  segment: CofenetSegment
  gold: SpansByLabel
  prediction: SegmentPrediction
}

export interface CofenetScores {
  exact: CountsByLabel
  tokens: CountsByLabel
  segments: number
  failures: number
  /** Per-segment gold and prediction, when `keepDetails` is set (for error analysis). */
  details?: SegmentResult[]
}

export function evaluateSegments(
  segments: readonly CofenetSegment[],
  options: PredictOptions & { keepDetails?: boolean } = {},
): CofenetScores {
  const exact = zeroCountsByLabel()
  const tokens = zeroCountsByLabel()
  const details: SegmentResult[] = []
  let failures = 0
  for (const segment of segments) {
    const gold = bioToSpans(segment.labels)
    const prediction = predictSegment(segment.tokens, options)
    if (prediction.error !== undefined) failures++
    scoreSegment(gold, prediction.spans, exact, tokens)
    if (options.keepDetails) details.push({ segment, gold, prediction })
  }
  return {
    exact,
    tokens,
    segments: segments.length,
    failures,
    ...(options.keepDetails ? { details } : {}),
  }
}
