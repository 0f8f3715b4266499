/**
 * A first-order structured averaged perceptron over BIO tags for SOURCE, CUE and CONTENT
 * (Collins 2002): hashed emission features per unit (a `WeightTable` row of 7 label weights per
 * feature) plus label-to-label transition weights, decoded by Viterbi with the BIO constraint (an
 * `I-X` only continues an `X`).
 */
import { WeightTable } from '../../backbone/features/table.js'

export const LABELS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const
export const N_LABELS = LABELS.length
/** Row of the transition matrix used for the first unit of a window. */
const START = N_LABELS

export type SpanLabel = 'source' | 'cue' | 'content'

export function allowed(previous: number, label: number): boolean {
  if (label === 2 || label === 4 || label === 6) return previous === label || previous === label - 1
  return true
}

export class TaggerModel {
  readonly table: WeightTable
  /** (N_LABELS + 1) × N_LABELS transition weights; the last row scores the first unit. */
  readonly transitions: Float32Array
  private transitionSums: Float64Array | null
  private scratch = new Float32Array(N_LABELS)

  constructor(table: WeightTable, transitions: Float32Array, training = false) {
    this.table = table
    this.transitions = transitions
    this.transitionSums = training ? new Float64Array(transitions.length) : null
  }

  static empty(): TaggerModel {
    return new TaggerModel(new WeightTable(N_LABELS, true, 1 << 18), new Float32Array((N_LABELS + 1) * N_LABELS), true)
  }

  /** Emission scores for `m` units whose features sit in `features` at `offsets[i]..offsets[i+1]`. */
  emissions(features: Int32Array, offsets: Int32Array | number[], first: number, m: number, out: Float32Array): void {
    const s = this.scratch
    for (let i = 0; i < m; i++) {
      const from = offsets[first + i]!
      const to = offsets[first + i + 1]!
      this.table.score(features.subarray(from, to), to - from, s)
      out.set(s, i * N_LABELS)
    }
  }

  /** Best label sequence under the BIO constraint. */
  viterbi(emission: Float32Array, m: number): Uint8Array {
    const T = this.transitions
    const score = new Float64Array(m * N_LABELS)
    const back = new Uint8Array(m * N_LABELS)
    for (let y = 0; y < N_LABELS; y++) {
      score[y] = allowed(-1, y) ? emission[y]! + T[START * N_LABELS + y]! : -Infinity
    }
    for (let i = 1; i < m; i++) {
      for (let y = 0; y < N_LABELS; y++) {
        let best = -Infinity
        let arg = 0
        for (let p = 0; p < N_LABELS; p++) {
          if (!allowed(p, y)) continue
          const v = score[(i - 1) * N_LABELS + p]! + T[p * N_LABELS + y]!
          if (v > best) {
            best = v
            arg = p
          }
        }
        score[i * N_LABELS + y] = best + emission[i * N_LABELS + y]!
        back[i * N_LABELS + y] = arg
      }
    }
    const labels = new Uint8Array(m)
    if (m === 0) return labels
    let y = 0
    for (let c = 1; c < N_LABELS; c++) if (score[(m - 1) * N_LABELS + c]! > score[(m - 1) * N_LABELS + y]!) y = c
    for (let i = m - 1; i >= 0; i--) {
      labels[i] = y
      y = back[i * N_LABELS + y]!
    }
    return labels
  }

  /** One perceptron update towards `gold` and away from `predicted`; `count` = instances seen. */
  update(features: Int32Array, offsets: Int32Array | number[], first: number, gold: Uint8Array, predicted: Uint8Array, count: number): boolean {
    const m = gold.length
    let changed = false
    const T = this.transitions
    const sums = this.transitionSums!
    for (let i = 0; i < m; i++) {
      const g = gold[i]!
      const p = predicted[i]!
      const gPrev = i === 0 ? START : gold[i - 1]!
      const pPrev = i === 0 ? START : predicted[i - 1]!
      if (g !== p) {
        const from = offsets[first + i]!
        const to = offsets[first + i + 1]!
        const f = features.subarray(from, to)
        this.table.update(f, to - from, g, 1, count)
        this.table.update(f, to - from, p, -1, count)
        changed = true
      }
      if (g !== p || gPrev !== pPrev) {
        T[gPrev * N_LABELS + g]! += 1
        sums[gPrev * N_LABELS + g]! += count
        T[pPrev * N_LABELS + p]! -= 1
        sums[pPrev * N_LABELS + p]! -= count
      }
    }
    return changed
  }

  /** Ends training: weights become their averages over `count` instances. */
  average(count: number): void {
    this.table.average(count)
    const sums = this.transitionSums
    if (!sums) return
    for (let i = 0; i < this.transitions.length; i++) this.transitions[i] = this.transitions[i]! - sums[i]! / count
    this.transitionSums = null
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
