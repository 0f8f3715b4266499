/**
 * Training of the structured averaged perceptron on dense feature rows: during training every
 * feature key is looked up once, when the data is loaded (`FeatureIndex`), and the examples hold
 * row numbers, so an epoch costs array reads, not hash probes. The result is turned into a hashed
 * `WeightTable` (src/backbone/features/table.ts) for the model file and for inference.
 */
import { WeightTable } from '../../backbone/features/table.js'
import { N_LABELS, START, viterbi, type PassWeights } from './model.js'

/** Feature key → dense row, with occurrence counts over the training data. */
export class FeatureIndex {
  private readonly table = new WeightTable(1, false, 1 << 20)
  counts = new Int32Array(1 << 20)

  get size(): number {
    return this.table.nRows
  }

  row(key: number, count: boolean): number {
    const r = this.table.findOrAdd(key)
    if (r >= this.counts.length) {
      const grown = new Int32Array(this.counts.length * 2)
      grown.set(this.counts)
      this.counts = grown
    }
    if (count) this.counts[r]!++
    return r
  }

  key(row: number): number {
    return this.table.rowKeys[row]!
  }
}

/** Training examples: rows of each unit at `rows[offsets[u] .. offsets[u+1])`. */
export interface RowData {
  rows: Int32Array
  offsets: Int32Array
}

export class RowTrainer {
  readonly nRows: number
  private readonly w: Float32Array
  private readonly u: Float32Array
  readonly transitions = new Float32Array((N_LABELS + 1) * N_LABELS)
  private readonly transitionSums = new Float64Array((N_LABELS + 1) * N_LABELS)
  /** Rows below the count cutoff are ignored. */
  private readonly active: Uint8Array
  count = 1

  constructor(index: FeatureIndex, minCount: number) {
    this.nRows = index.size
    this.w = new Float32Array(this.nRows * N_LABELS)
    this.u = new Float32Array(this.nRows * N_LABELS)
    this.active = new Uint8Array(this.nRows)
    for (let r = 0; r < this.nRows; r++) this.active[r] = index.counts[r]! >= minCount ? 1 : 0
  }

  emissions(data: RowData, first: number, m: number, out: Float32Array): void {
    const { rows, offsets } = data
    const w = this.w
    const active = this.active
    out.fill(0, 0, m * N_LABELS)
    for (let i = 0; i < m; i++) {
      const base = i * N_LABELS
      for (let f = offsets[first + i]!, end = offsets[first + i + 1]!; f < end; f++) {
        const r = rows[f]!
        if (!active[r]) continue
        const wb = r * N_LABELS
        for (let c = 0; c < N_LABELS; c++) out[base + c]! += w[wb + c]!
      }
    }
  }

  decode(data: RowData, first: number, m: number, scratch: Float32Array): Uint8Array {
    const emission = scratch.length >= m * N_LABELS ? scratch : new Float32Array(m * N_LABELS)
    this.emissions(data, first, m, emission)
    return viterbi(emission, m, this.transitions)
  }

  private add(data: RowData, unit: number, label: number, delta: number): void {
    const { rows, offsets } = data
    const cd = this.count * delta
    for (let f = offsets[unit]!, end = offsets[unit + 1]!; f < end; f++) {
      const r = rows[f]!
      if (!this.active[r]) continue
      const i = r * N_LABELS + label
      this.w[i]! += delta
      this.u[i]! += cd
    }
  }

  /**
   * One example: decode (with `margin` added to every wrong label's score, so the update also
   * fires on correct but narrow decisions), update towards gold when wrong. Returns whether the
   * example was wrong.
   */
  train(data: RowData, first: number, gold: Uint8Array, scratch: Float32Array, margin = 0): boolean {
    const m = gold.length
    const emission = scratch.length >= m * N_LABELS ? scratch : new Float32Array(m * N_LABELS)
    this.emissions(data, first, m, emission)
    if (margin > 0) {
      for (let i = 0; i < m; i++) for (let c = 0; c < N_LABELS; c++) if (c !== gold[i]) emission[i * N_LABELS + c]! += margin
    }
    const predicted = viterbi(emission, m, this.transitions)
    let wrong = false
    const T = this.transitions
    const sums = this.transitionSums
    for (let i = 0; i < m; i++) {
      const g = gold[i]!
      const p = predicted[i]!
      const gPrev = i === 0 ? START : gold[i - 1]!
      const pPrev = i === 0 ? START : predicted[i - 1]!
      if (g !== p) {
        this.add(data, first + i, g, 1)
        this.add(data, first + i, p, -1)
        wrong = true
      }
      if (g !== p || gPrev !== pPrev) {
        T[gPrev * N_LABELS + g]! += 1
        sums[gPrev * N_LABELS + g]! += this.count
        T[pPrev * N_LABELS + p]! -= 1
        sums[pPrev * N_LABELS + p]! -= this.count
      }
    }
    this.count++
    return wrong
  }

  /** The averaged weights as a dense decoder over the same rows (training goes on). */
  averagedTransitions(): Float32Array {
    return Float32Array.from(this.transitions, (x, i) => x - this.transitionSums[i]! / this.count)
  }

  /** Adds this trainer's averaged weights and transitions into running sums (seed ensembles). */
  addAveragedTo(weights: Float32Array, transitions: Float32Array): void {
    for (let i = 0; i < this.w.length; i++) weights[i]! += this.w[i]! - this.u[i]! / this.count
    const t = this.averagedTransitions()
    for (let i = 0; i < t.length; i++) transitions[i]! += t[i]!
  }

  /** The averaged weights by feature key: rows whose weights are all zero are dropped. */
  toWeights(index: FeatureIndex): PassWeights {
    const keep: number[] = []
    for (let r = 0; r < this.nRows; r++) {
      if (!this.active[r]) continue
      for (let c = 0; c < N_LABELS; c++) {
        if (this.w[r * N_LABELS + c] !== 0 || this.u[r * N_LABELS + c] !== 0) {
          keep.push(r)
          break
        }
      }
    }
    const keys = new Int32Array(keep.length)
    const weights = new Float32Array(keep.length * N_LABELS)
    keep.forEach((r, j) => {
      keys[j] = index.key(r)
      for (let c = 0; c < N_LABELS; c++) weights[j * N_LABELS + c] = this.w[r * N_LABELS + c]! - this.u[r * N_LABELS + c]! / this.count
    })
    return { keys, weights, transitions: this.averagedTransitions() }
  }

  /** A frozen copy with averaged weights over the same rows, for scoring on held-out data. */
  averagedCopy(): RowDecoder {
    const w = new Float32Array(this.w.length)
    for (let i = 0; i < w.length; i++) w[i] = this.w[i]! - this.u[i]! / this.count
    return new RowDecoder(w, this.active, this.averagedTransitions())
  }
}

/** Decoding with averaged dense weights (held-out predictions during training). */
export class RowDecoder {
  constructor(
    private readonly w: Float32Array,
    private readonly active: Uint8Array,
    readonly transitions: Float32Array,
  ) {}

  decode(data: RowData, first: number, m: number, scratch: Float32Array): Uint8Array {
    const emission = scratch.length >= m * N_LABELS ? scratch : new Float32Array(m * N_LABELS)
    emission.fill(0, 0, m * N_LABELS)
    const { rows, offsets } = data
    for (let i = 0; i < m; i++) {
      const base = i * N_LABELS
      for (let f = offsets[first + i]!, end = offsets[first + i + 1]!; f < end; f++) {
        const r = rows[f]!
        if (r >= this.active.length || !this.active[r]) continue
        const wb = r * N_LABELS
        for (let c = 0; c < N_LABELS; c++) emission[base + c]! += this.w[wb + c]!
      }
    }
    return viterbi(emission, m, this.transitions)
  }
}

/** The mean of several trainers' averaged weights, as a model and as a dense decoder. */
export function ensemble(trainers: readonly RowTrainer[], index: FeatureIndex): { weights: PassWeights; decoder: RowDecoder } {
  const nRows = trainers[0]!.nRows
  const weights = new Float32Array(nRows * N_LABELS)
  const transitions = new Float32Array((N_LABELS + 1) * N_LABELS)
  for (const t of trainers) t.addAveragedTo(weights, transitions)
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / trainers.length
  for (let i = 0; i < transitions.length; i++) transitions[i] = transitions[i]! / trainers.length
  const active = new Uint8Array(nRows).fill(1)
  const keep: number[] = []
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < N_LABELS; c++) {
      if (weights[r * N_LABELS + c] !== 0) {
        keep.push(r)
        break
      }
    }
  }
  const keys = new Int32Array(keep.length)
  const kept = new Float32Array(keep.length * N_LABELS)
  keep.forEach((r, j) => {
    keys[j] = index.key(r)
    kept.set(weights.subarray(r * N_LABELS, (r + 1) * N_LABELS), j * N_LABELS)
  })
  return { weights: { keys, weights: kept, transitions }, decoder: new RowDecoder(weights, active, transitions) }
}
