/** The official FNC-1 score (scorer.py of FakeNewsChallenge/fnc-1), macro-F1 and the confusion matrix. */
export const LABELS = ['agree', 'disagree', 'discuss', 'unrelated'] as const
export type StanceLabel = (typeof LABELS)[number]
export const UNRELATED = 3

/** Score of one pair, label indices into LABELS. */
export function pairScore(gold: number, pred: number): number {
  let s = 0
  if (gold === pred) {
    s += 0.25
    if (gold !== UNRELATED) s += 0.5
  }
  if (gold !== UNRELATED && pred !== UNRELATED) s += 0.25
  return s
}

export interface StanceReport {
  relative: number
  raw: number
  max: number
  /** score of predicting every pair unrelated */
  null: number
  accuracy: number
  f1_macro: number
  per_class_f1: Record<StanceLabel, number>
  /** rows: gold, columns: predicted, in LABELS order */
  confusion: number[][]
}

export function report(gold: ArrayLike<number>, pred: ArrayLike<number>): StanceReport {
  const confusion = LABELS.map(() => LABELS.map(() => 0))
  let raw = 0
  let max = 0
  let nul = 0
  let correct = 0
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!
    const p = pred[i]!
    raw += pairScore(g, p)
    max += pairScore(g, g)
    nul += pairScore(g, UNRELATED)
    if (g === p) correct++
    confusion[g]![p]!++
  }
  const perClass = {} as Record<StanceLabel, number>
  let sum = 0
  LABELS.forEach((l, c) => {
    let tp = confusion[c]![c]!
    let fp = 0
    let fn = 0
    for (let k = 0; k < LABELS.length; k++) {
      if (k === c) continue
      fp += confusion[k]![c]!
      fn += confusion[c]![k]!
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
    perClass[l] = round(f1 * 100, 2)
    sum += f1
  })
  return {
    relative: max > 0 ? round((100 * raw) / max, 2) : 0,
    raw,
    max,
    null: nul,
    accuracy: gold.length ? round((100 * correct) / gold.length, 2) : 0,
    f1_macro: round((100 * sum) / LABELS.length, 2),
    per_class_f1: perClass,
    confusion,
  }
}

function round(x: number, d: number): number {
  const f = 10 ** d
  return Math.round(x * f) / f
}
