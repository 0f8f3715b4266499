/**
 * The attribution tagger: a first-order structured averaged perceptron over BIO tags for SOURCE,
 * CUE and CONTENT (Collins 2002). Hashed emission features (a backbone `WeightTable` row of 7 label
 * weights per feature) plus label-to-label transition weights, decoded by Viterbi with the BIO
 * constraint (an `I-X` only continues an `X`), in two passes (tagger.ts). Training lives in
 * trainer.ts.
 */
import { WeightTable } from '../../backbone/features/table.js'

export const LABELS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const
/** The index of each label in LABELS, for code that edits label sequences. */
export const O = 0
export const B_SOURCE = 1
export const I_SOURCE = 2
export const B_CUE = 3
export const I_CUE = 4
export const B_CONTENT = 5
export const I_CONTENT = 6
export const N_LABELS = LABELS.length
/** Row of the transition matrix used for the first unit of a window. */
export const START = N_LABELS

export type SpanLabel = 'source' | 'cue' | 'content'

export function allowed(previous: number, label: number): boolean {
  if (label === 2 || label === 4 || label === 6) return previous === label || previous === label - 1
  return true
}

/** Scratch of viterbi, grown as needed (paragraphs are decoded one at a time). */
let viterbiScore = new Float64Array(256 * N_LABELS)
let viterbiBack = new Uint8Array(256 * N_LABELS)

/**
 * Best label sequence under the BIO constraint, given emission scores and transition weights. An
 * `I-X` label has only two allowed predecessors (`B-X`, `I-X`), so it looks at those two instead of
 * testing all seven; the candidates are visited in the same order with the same strict comparison
 * as a full scan, so ties resolve the same way.
 */
export function viterbi(emission: Float32Array, m: number, T: Float32Array): Uint8Array {
  const labels = new Uint8Array(m)
  if (m === 0) return labels
  if (viterbiScore.length < m * N_LABELS) {
    viterbiScore = new Float64Array(m * N_LABELS * 2)
    viterbiBack = new Uint8Array(m * N_LABELS * 2)
  }
  const score = viterbiScore
  const back = viterbiBack
  for (let y = 0; y < N_LABELS; y++) score[y] = allowed(-1, y) ? emission[y]! + T[START * N_LABELS + y]! : -Infinity
  for (let i = 1; i < m; i++) {
    const row = (i - 1) * N_LABELS
    for (let y = 0; y < N_LABELS; y++) {
      let best = -Infinity
      let arg = 0
      if (y === I_SOURCE || y === I_CUE || y === I_CONTENT) {
        const a = score[row + y - 1]! + T[(y - 1) * N_LABELS + y]!
        const b = score[row + y]! + T[y * N_LABELS + y]!
        if (a > best) {
          best = a
          arg = y - 1
        }
        if (b > best) {
          best = b
          arg = y
        }
      } else {
        for (let p = 0; p < N_LABELS; p++) {
          const v = score[row + p]! + T[p * N_LABELS + y]!
          if (v > best) {
            best = v
            arg = p
          }
        }
      }
      score[i * N_LABELS + y] = best + emission[i * N_LABELS + y]!
      back[i * N_LABELS + y] = arg
    }
  }
  let y = 0
  for (let c = 1; c < N_LABELS; c++) if (score[(m - 1) * N_LABELS + c]! > score[(m - 1) * N_LABELS + y]!) y = c
  for (let i = m - 1; i >= 0; i--) {
    labels[i] = y
    y = back[i * N_LABELS + y]!
  }
  return labels
}

/** One trained pass: emission weights per feature key (N_LABELS each) and transitions. */
export interface PassWeights {
  keys: Int32Array
  weights: Float32Array
  transitions: Float32Array
}

/**
 * The shipped tagger: one table whose rows hold both passes' weights (labels 0-6 for the first
 * pass, 7-13 for the second), so a feature both passes use is looked up once per unit.
 */
export interface AttributionTagger {
  table: WeightTable
  /** N_LABELS for a one-pass model, 2 × N_LABELS with a second pass. */
  classes: number
  transitions1: Float32Array
  transitions2: Float32Array | null
  /**
   * Added to the last pass's emission score of each label before decoding (N_LABELS values), or
   * null: a decision threshold per label, tuned on PolNeAR dev after training
   * (models/attribution.decoding.json, src/eval/polnear/tune-bias.ts).
   */
  labelBias: Float32Array | null
}

/**
 * Both passes in one table. Each pass is scaled to a largest weight of 1 (its transitions with
 * it, which leaves its decisions unchanged) so that one quantisation scale suits both.
 */
export function combinePasses(pass1: PassWeights, pass2: PassWeights | null): AttributionTagger {
  const scale = (p: PassWeights): number => {
    let max = 0
    for (const w of p.weights) max = Math.max(max, Math.abs(w))
    return max > 0 ? 1 / max : 1
  }
  const passes = pass2 ? [pass1, pass2] : [pass1]
  const scales = passes.map(scale)
  const classes = passes.length * N_LABELS
  const rowOf = new Map<number, number>()
  for (const p of passes) for (const key of p.keys) if (!rowOf.has(key)) rowOf.set(key, rowOf.size)
  const keys = new Int32Array(rowOf.size)
  for (const [key, row] of rowOf) keys[row] = key
  const weights = new Float32Array(rowOf.size * classes)
  passes.forEach((p, j) => {
    p.keys.forEach((key, r) => {
      const row = rowOf.get(key)!
      for (let c = 0; c < N_LABELS; c++) weights[row * classes + j * N_LABELS + c] = p.weights[r * N_LABELS + c]! * scales[j]!
    })
  })
  return {
    table: WeightTable.fromRows(classes, keys, weights),
    classes,
    transitions1: pass1.transitions.map((t) => t * scales[0]!),
    transitions2: pass2 ? pass2.transitions.map((t) => t * scales[1]!) : null,
    labelBias: null,
  }
}

/** Spans per label from a label sequence, with the reading rules of the PolNeAR evaluation. */
export function labelSpans(labels: ArrayLike<number>, offset = 0): Array<{ label: SpanLabel; start: number; end: number }> {
  const spans: Array<{ label: SpanLabel; start: number; end: number }> = []
  let open = -1
  let start = -1
  const close = (end: number): void => {
    if (open >= 0) spans.push({ label: open === 1 ? 'source' : open === 3 ? 'cue' : 'content', start: offset + start, end: offset + end })
    open = -1
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!
    if (y === 1 || y === 3 || y === 5) {
      close(i)
      open = y
      start = i
    } else if (y === 2 || y === 4 || y === 6) {
      if (open !== y - 1) close(i)
    } else close(i)
  }
  close(labels.length)
  return spans
}
