/**
 * A one-hidden-layer perceptron over sparse + dense inputs (ReLU, dropout, softmax), trained with
 * Adam on Float32Arrays; rows of the sparse input layer are updated lazily (only those a batch uses).
 */
import { mulberry32, shuffle } from '../backbone/features/hash.js'

export interface Example {
  /** sparse input: several (index, value) runs, indices already offset into [0, nSparse) */
  idx: Int32Array[]
  val: Float32Array[]
  dense: Float32Array
}

export interface MlpShape {
  nSparse: number
  nDense: number
  hidden: number
  classes: number
}

export class Mlp {
  readonly shape: MlpShape
  w1s: Float32Array
  w1d: Float32Array
  b1: Float32Array
  w2: Float32Array
  b2: Float32Array
  private z: Float32Array
  private logits: Float32Array

  /** Random initial weights from seed; seed 0 leaves them zero (for loading). */
  constructor(shape: MlpShape, seed = 1) {
    this.shape = shape
    const { nSparse, nDense, hidden: H, classes: C } = shape
    this.w1s = new Float32Array(nSparse * H)
    this.w1d = new Float32Array(nDense * H)
    this.b1 = new Float32Array(H)
    this.w2 = new Float32Array(H * C)
    this.b2 = new Float32Array(C)
    this.z = new Float32Array(H)
    this.logits = new Float32Array(C)
    if (seed === 0) return
    const rand = mulberry32(seed)
    const gauss = (): number => {
      const u = Math.max(1e-12, rand())
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
    }
    const s1 = Math.sqrt(2 / 30) * 0.5
    for (let i = 0; i < this.w1s.length; i++) this.w1s[i] = gauss() * s1
    const sd = Math.sqrt(2 / Math.max(1, nDense)) * 0.5
    for (let i = 0; i < this.w1d.length; i++) this.w1d[i] = gauss() * sd
    const s2 = Math.sqrt(1 / H)
    for (let i = 0; i < this.w2.length; i++) this.w2[i] = gauss() * s2
  }

  /**
   * Pre-activations of the hidden layer into z. With `start`, z starts from those values instead of
   * the biases, and the sparse runs before `from` are taken as already added (see firstRunPre).
   */
  hiddenPre(x: Example, z: Float32Array, start: Float32Array | null = null, from = 0): void {
    const H = this.shape.hidden
    z.set(start ?? this.b1)
    for (let r = start ? from : 0; r < x.idx.length; r++) this.addSparseRun(x.idx[r]!, x.val[r]!, z)
    const d = x.dense
    const w1d = this.w1d
    for (let j = 0; j < d.length; j++) {
      const v = d[j]!
      if (v === 0) continue
      const o = j * H
      for (let h = 0; h < H; h++) z[h]! += v * w1d[o + h]!
    }
  }

  /**
   * The biases plus the first sparse run of x (new array of the hidden size): what hiddenPre adds
   * first, in the same order, so predict(x, out, firstRunPre(x)) gives predict(x, out) bit for bit.
   * A caller scoring many examples that share their first run (one claim against many texts) adds it once.
   */
  firstRunPre(x: Example): Float32Array {
    const z = Float32Array.from(this.b1)
    if (x.idx[0] && x.val[0]) this.addSparseRun(x.idx[0], x.val[0], z)
    return z
  }

  /** z += the first layer's rows of one sparse run, weighted by its values. */
  private addSparseRun(idx: Int32Array, val: Float32Array, z: Float32Array): void {
    const H = this.shape.hidden
    const w1s = this.w1s
    for (let k = 0; k < idx.length; k++) {
      const v = val[k]!
      const o = idx[k]! * H
      for (let h = 0; h < H; h++) z[h]! += v * w1s[o + h]!
    }
  }

  /** Class probabilities into out; `firstRun` from firstRunPre(x) when the caller has it. */
  predict(x: Example, out: Float32Array, firstRun: Float32Array | null = null): Float32Array {
    const { hidden: H, classes: C } = this.shape
    const z = this.z
    this.hiddenPre(x, z, firstRun, 1)
    const lg = this.logits
    lg.set(this.b2)
    for (let h = 0; h < H; h++) {
      const a = z[h]!
      if (a <= 0) continue
      const o = h * C
      for (let c = 0; c < C; c++) lg[c]! += a * this.w2[o + c]!
    }
    softmax(lg, out)
    return out
  }
}

export function softmax(lg: Float32Array, out: Float32Array): void {
  let m = -Infinity
  for (let c = 0; c < lg.length; c++) m = Math.max(m, lg[c]!)
  let s = 0
  for (let c = 0; c < lg.length; c++) {
    const e = Math.exp(lg[c]! - m)
    out[c] = e
    s += e
  }
  for (let c = 0; c < lg.length; c++) out[c]! /= s
}

export interface TrainOptions {
  epochs: number
  batch: number
  lr: number
  dropout: number
  /** L2 penalty on the weights (added to the gradient) */
  l2: number
  seed: number
  /** per-class loss weights */
  classWeights?: number[]
  /** called after each epoch; return a score (higher is better) to keep the best epoch's weights */
  onEpoch?: (epoch: number, model: Mlp, loss: number) => number | undefined
  /** stop after this many epochs without a better score */
  patience?: number
  log?: (s: string) => void
}

interface AdamState {
  m: Float32Array
  v: Float32Array
}

function adamState(n: number): AdamState {
  return { m: new Float32Array(n), v: new Float32Array(n) }
}

/** Train model in place; returns the best epoch (1-based) per onEpoch's score, its weights restored. */
export function train(model: Mlp, xs: Example[], ys: Int32Array, o: TrainOptions): { bestEpoch: number; bestScore: number } {
  const { nSparse, nDense, hidden: H, classes: C } = model.shape
  const rand = mulberry32(o.seed * 7919 + 13)
  const g1s = new Float32Array(nSparse * H)
  const touched = new Uint8Array(nSparse)
  const rows: number[] = []
  const g1d = new Float32Array(nDense * H)
  const gb1 = new Float32Array(H)
  const gw2 = new Float32Array(H * C)
  const gb2 = new Float32Array(C)
  const s1s = adamState(nSparse * H)
  const s1d = adamState(nDense * H)
  const sb1 = adamState(H)
  const sw2 = adamState(H * C)
  const sb2 = adamState(C)
  const z = new Float32Array(H)
  const a = new Float32Array(H)
  const lg = new Float32Array(C)
  const p = new Float32Array(C)
  const da = new Float32Array(H)
  const b1 = 0.9
  const b2 = 0.999
  const eps = 1e-8
  let t = 0
  const order = Array.from(xs.keys())
  const keep = 1 - o.dropout
  let best = -Infinity
  let bestEpoch = 0
  let snapshot: Float32Array[] | null = null
  let sinceBest = 0
  const cw = o.classWeights ?? new Array(C).fill(1)

  const adam = (w: Float32Array, g: Float32Array, s: AdamState, from: number, to: number, lrT: number, l2: number): void => {
    const m = s.m
    const v = s.v
    for (let i = from; i < to; i++) {
      const gi = g[i]! + l2 * w[i]!
      m[i] = b1 * m[i]! + (1 - b1) * gi
      v[i] = b2 * v[i]! + (1 - b2) * gi * gi
      w[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + eps)
      g[i] = 0
    }
  }

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    shuffle(order, rand)
    let lossSum = 0
    for (let start = 0; start < order.length; start += o.batch) {
      const end = Math.min(order.length, start + o.batch)
      const scale = 1 / (end - start)
      for (let q = start; q < end; q++) {
        const x = xs[order[q]!]!
        const y = ys[order[q]!]!
        model.hiddenPre(x, z)
        for (let h = 0; h < H; h++) {
          const v = z[h]!
          a[h] = v > 0 && rand() < keep ? v / keep : 0
        }
        lg.set(model.b2)
        for (let h = 0; h < H; h++) {
          const v = a[h]!
          if (v === 0) continue
          for (let c = 0; c < C; c++) lg[c]! += v * model.w2[h * C + c]!
        }
        softmax(lg, p)
        const wy = cw[y]! * scale
        lossSum -= cw[y]! * Math.log(Math.max(p[y]!, 1e-12))
        for (let c = 0; c < C; c++) lg[c] = (p[c]! - (c === y ? 1 : 0)) * wy
        for (let c = 0; c < C; c++) gb2[c]! += lg[c]!
        for (let h = 0; h < H; h++) {
          const v = a[h]!
          let s = 0
          for (let c = 0; c < C; c++) {
            if (v !== 0) gw2[h * C + c]! += v * lg[c]!
            s += model.w2[h * C + c]! * lg[c]!
          }
          da[h] = v > 0 ? s / keep : 0
        }
        for (let h = 0; h < H; h++) gb1[h]! += da[h]!
        for (let r = 0; r < x.idx.length; r++) {
          const idx = x.idx[r]!
          const val = x.val[r]!
          for (let k = 0; k < idx.length; k++) {
            const i = idx[k]!
            if (!touched[i]) {
              touched[i] = 1
              rows.push(i)
            }
            const v = val[k]!
            const off = i * H
            for (let h = 0; h < H; h++) g1s[off + h]! += v * da[h]!
          }
        }
        const d = x.dense
        for (let j = 0; j < nDense; j++) {
          const v = d[j]!
          if (v === 0) continue
          const off = j * H
          for (let h = 0; h < H; h++) g1d[off + h]! += v * da[h]!
        }
      }
      t++
      const lrT = (o.lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)
      for (const i of rows) {
        adam(model.w1s, g1s, s1s, i * H, (i + 1) * H, lrT, o.l2)
        touched[i] = 0
      }
      rows.length = 0
      adam(model.w1d, g1d, s1d, 0, g1d.length, lrT, o.l2)
      adam(model.b1, gb1, sb1, 0, H, lrT, 0)
      adam(model.w2, gw2, sw2, 0, gw2.length, lrT, o.l2)
      adam(model.b2, gb2, sb2, 0, C, lrT, 0)
    }
    const loss = lossSum / order.length
    const score = o.onEpoch?.(epoch, model, loss)
    if (score !== undefined) {
      if (score > best) {
        best = score
        bestEpoch = epoch
        snapshot = [model.w1s.slice(), model.w1d.slice(), model.b1.slice(), model.w2.slice(), model.b2.slice()]
        sinceBest = 0
      } else if (o.patience !== undefined && ++sinceBest >= o.patience) break
    } else bestEpoch = epoch
  }
  if (snapshot) {
    model.w1s.set(snapshot[0]!)
    model.w1d.set(snapshot[1]!)
    model.b1.set(snapshot[2]!)
    model.w2.set(snapshot[3]!)
    model.b2.set(snapshot[4]!)
  }
  return { bestEpoch, bestScore: best }
}
