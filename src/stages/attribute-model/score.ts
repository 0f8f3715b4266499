/**
 * Exact-span P/R/F1 per label over labelled paragraphs: the published PolNeAR metric, computed on
 * our own units (the tuning signal during training; the reported numbers come from
 * src/eval/polnear on the CofeNet segments).
 */
import { labelSpans, type SpanLabel } from './model.js'

export interface LabelScore {
  p: number
  r: number
  f1: number
  gold: number
  predicted: number
  matched: number
}

export type Scores = Record<SpanLabel, LabelScore>

export function scoreLabels(pairs: Iterable<{ gold: Uint8Array; predicted: Uint8Array }>): Scores {
  const counts: Record<SpanLabel, { gold: number; predicted: number; matched: number }> = {
    source: { gold: 0, predicted: 0, matched: 0 },
    cue: { gold: 0, predicted: 0, matched: 0 },
    content: { gold: 0, predicted: 0, matched: 0 },
  }
  for (const { gold: goldLabels, predicted: predictedLabels } of pairs) {
    const gold = new Set(labelSpans(goldLabels).map((s) => `${s.label}:${s.start}:${s.end}`))
    const predicted = new Set(labelSpans(predictedLabels).map((s) => `${s.label}:${s.start}:${s.end}`))
    for (const key of gold) {
      const label = key.split(':')[0] as SpanLabel
      counts[label].gold++
      if (predicted.has(key)) counts[label].matched++
    }
    for (const key of predicted) counts[key.split(':')[0] as SpanLabel].predicted++
  }
  const out = {} as Scores
  for (const label of ['source', 'cue', 'content'] as const) {
    const c = counts[label]
    const p = c.predicted ? c.matched / c.predicted : 0
    const r = c.gold ? c.matched / c.gold : 0
    const f1 = p + r ? (2 * p * r) / (p + r) : 0
    out[label] = { p: round(p), r: round(r), f1: round(f1), ...c }
  }
  return out
}

const round = (x: number): number => Math.round(x * 1000) / 10

export function formatScores(scores: Scores): string {
  return (['source', 'cue', 'content'] as const).map((l) => `${l} ${scores[l].p}/${scores[l].r}/${scores[l].f1}`).join('  ')
}
