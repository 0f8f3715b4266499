/**
 * Precision / recall / F1 counts. Exact match follows the published PolNeAR evaluation: per label,
 * a gold span is found when a predicted span has the same [start, end); every predicted span not
 * in gold is a false positive; counts are summed over all segments (micro average).
 */
import { LABELS, type Label, type SpansByLabel, type TokenSpan } from './bio.js'

export interface Counts {
  tp: number
  fp: number
  fn: number
}

/** Percentages rounded to 0.1. */
export interface PRF {
  p: number
  r: number
  f1: number
}

export type CountsByLabel = Record<Label, Counts>
export type PRFByLabel = Record<Label, PRF>

export function zeroCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 }
}

export function zeroCountsByLabel(): CountsByLabel {
  return { source: zeroCounts(), cue: zeroCounts(), content: zeroCounts() }
}

export function addCounts(into: Counts, more: Counts): Counts {
  into.tp += more.tp
  into.fp += more.fp
  into.fn += more.fn
  return into
}

const round1 = (x: number): number => Math.round(x * 1000) / 10

/** P, R and F1 in percent, 0 when a denominator is 0 (as sklearn reports them). */
export function prf(counts: Counts): PRF {
  const p = counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : 0
  const r = counts.tp + counts.fn > 0 ? counts.tp / (counts.tp + counts.fn) : 0
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0
  return { p: round1(p), r: round1(r), f1: round1(f1) }
}

export function prfByLabel(counts: CountsByLabel): PRFByLabel {
  return { source: prf(counts.source), cue: prf(counts.cue), content: prf(counts.content) }
}

const key = (span: TokenSpan): string => `${span.start}:${span.end}`

/** Exact-match counts for one label of one segment. Duplicate spans count once. */
export function exactCounts(gold: readonly TokenSpan[], pred: readonly TokenSpan[]): Counts {
  const goldKeys = new Set(gold.map(key))
  const predKeys = new Set(pred.map(key))
  let tp = 0
  for (const k of goldKeys) if (predKeys.has(k)) tp++
  return { tp, fn: goldKeys.size - tp, fp: predKeys.size - tp }
}

/** Token-level counts for one label: tokens inside a gold span vs inside a predicted span. */
export function tokenCounts(gold: readonly TokenSpan[], pred: readonly TokenSpan[]): Counts {
  const goldTokens = tokenSet(gold)
  const predTokens = tokenSet(pred)
  let tp = 0
  for (const t of goldTokens) if (predTokens.has(t)) tp++
  return { tp, fn: goldTokens.size - tp, fp: predTokens.size - tp }
}

function tokenSet(spans: readonly TokenSpan[]): Set<number> {
  const set = new Set<number>()
  for (const span of spans) for (let t = span.start; t < span.end; t++) set.add(t)
  return set
}

/** Adds one segment's exact and token counts for every label. */
export function scoreSegment(gold: SpansByLabel, pred: SpansByLabel, exact: CountsByLabel, tokens: CountsByLabel): void {
  for (const label of LABELS) {
    addCounts(exact[label], exactCounts(gold[label], pred[label]))
    addCounts(tokens[label], tokenCounts(gold[label], pred[label]))
  }
}
