/** The stance model: vocabulary, feature scaling and an ensemble of MLPs; save and load. */
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { analyse, cueFeatures, denseFeatures, N_CUE, N_DENSE, VocabIndex, type Analysed, type Vocab } from './features.js'
import { Mlp, type Example, type MlpShape } from './mlp.js'
import { LABELS, UNRELATED, type StanceLabel } from './score.js'

export type Decision = 'argmax' | 'fnc'

export interface StancePrediction {
  label: StanceLabel
  scores: Record<StanceLabel, number>
}

const bodyIdxCache = new WeakMap<Analysed, Int32Array>()

export class StanceModel {
  readonly vi: VocabIndex
  constructor(
    readonly vocab: Vocab,
    readonly mean: Float32Array,
    readonly std: Float32Array,
    readonly mlps: Mlp[],
    public decision: Decision = 'argmax',
    readonly meta: Record<string, unknown> = {},
  ) {
    this.vi = new VocabIndex(vocab)
  }

  analyse(text: string): Analysed {
    return analyse(text, this.vi)
  }

  /** Model input of a pair of analysed texts. */
  example(h: Analysed, b: Analysed): Example {
    return makeExample(h, b, this.vi, this.mean, this.std)
  }

  /**
   * Per claim (its term indexes, the first sparse run of its examples): each MLP's hidden
   * pre-activations from the claim alone. The stage scores every statement of an article against
   * its headline, so the claim's share of the first layer is computed once per article. The weights
   * of a StanceModel do not change after it is made (training works on bare Mlps).
   */
  private claimPre = new WeakMap<Int32Array, { val: Float32Array; pre: Float32Array[] }>()

  /** Averaged class probabilities of the ensemble. */
  probs(x: Example, out = new Float32Array(LABELS.length)): Float32Array {
    out.fill(0)
    const p = new Float32Array(LABELS.length)
    const idx = x.idx[0]
    let claim = idx ? this.claimPre.get(idx) : undefined
    if (idx && (!claim || claim.val !== x.val[0])) {
      claim = { val: x.val[0]!, pre: this.mlps.map((m) => m.firstRunPre(x)) }
      this.claimPre.set(idx, claim)
    }
    this.mlps.forEach((m, i) => {
      m.predict(x, p, claim ? claim.pre[i]! : null)
      for (let c = 0; c < p.length; c++) out[c]! += p[c]! / this.mlps.length
    })
    return out
  }

  predict(claim: string, text: string): StancePrediction {
    return this.predictAnalysed(this.analyse(claim), this.analyse(text))
  }

  predictAnalysed(claim: Analysed, text: Analysed, decision: Decision = this.decision): StancePrediction {
    const p = this.probs(this.example(claim, text))
    const scores = {} as Record<StanceLabel, number>
    LABELS.forEach((l, c) => (scores[l] = p[c]!))
    return { label: LABELS[decide(p, decision)]!, scores }
  }
}

export function makeExample(h: Analysed, b: Analysed, vi: VocabIndex, mean: Float32Array, std: Float32Array): Example {
  const V = vi.vocab.tf.length
  let bIdx = bodyIdxCache.get(b)
  if (!bIdx) {
    bIdx = b.tfIdx.map((i) => i + V)
    bodyIdxCache.set(b, bIdx)
  }
  const dense = new Float32Array(N_DENSE)
  denseFeatures(h, b, vi, dense)
  for (let j = 0; j < N_DENSE; j++) dense[j] = (dense[j]! - mean[j]!) / std[j]!
  const cue = cueFeatures(h, b)
  const off = 2 * V
  return { idx: [h.tfIdx, bIdx, cue.idx.map((i) => i + off)], val: [h.tfVal, b.tfVal, cue.val], dense }
}

/**
 * The label for class probabilities p. 'argmax' takes the likeliest; 'fnc' the one with the highest
 * expected FNC-1 score: 0.25 p(unrelated) for unrelated, 0.25 (1 - p(unrelated)) + 0.75 p(y) for a
 * related label y.
 */
export function decide(p: ArrayLike<number>, decision: Decision): number {
  let best = 0
  let bestV = -Infinity
  for (let c = 0; c < LABELS.length; c++) {
    const v = decision === 'argmax' ? p[c]! : c === UNRELATED ? 0.25 * p[c]! : 0.25 * (1 - p[UNRELATED]!) + 0.75 * p[c]!
    if (v > bestV) {
      bestV = v
      best = c
    }
  }
  return best
}

// ---- file format: gzip of magic, u32 header length, JSON header, binary weights ----

const MAGIC = 'WSSTANCE1\n'

/** int8 rows with one float32 scale per row */
function quantRows(w: Float32Array, rows: number, cols: number): Buffer[] {
  const scales = new Float32Array(rows)
  const q = new Int8Array(rows * cols)
  for (let r = 0; r < rows; r++) {
    let m = 0
    for (let c = 0; c < cols; c++) m = Math.max(m, Math.abs(w[r * cols + c]!))
    const s = m > 0 ? m / 127 : 1
    scales[r] = s
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round(w[r * cols + c]! / s)
  }
  return [Buffer.from(scales.buffer), Buffer.from(q.buffer)]
}

export function encodeModel(m: StanceModel): Buffer {
  const body: Buffer[] = []
  for (const mlp of m.mlps) {
    const { nSparse, nDense, hidden: H } = mlp.shape
    body.push(...quantRows(mlp.w1s, nSparse, H), ...quantRows(mlp.w1d, nDense, H))
    body.push(Buffer.from(mlp.b1.slice().buffer), Buffer.from(mlp.w2.slice().buffer), Buffer.from(mlp.b2.slice().buffer))
  }
  const idfStems = [...m.vocab.idf.keys()]
  const header = {
    meta: m.meta,
    labels: LABELS,
    decision: m.decision,
    tf: m.vocab.tf,
    idfStems: idfStems.join(' '),
    idf: idfStems.map((s) => Math.round(m.vocab.idf.get(s)! * 1000)),
    idfUnseen: m.vocab.idfUnseen,
    mean: [...m.mean],
    std: [...m.std],
    shapes: m.mlps.map((x) => x.shape),
    layout: { dense: N_DENSE, cues: N_CUE },
  }
  const hb = Buffer.from(JSON.stringify(header), 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32LE(hb.length)
  return gzipSync(Buffer.concat([Buffer.from(MAGIC), len, hb, ...body]), { level: 9 })
}

export function decodeModel(buf: Buffer): StanceModel {
  const raw = gunzipSync(buf)
  if (raw.toString('utf8', 0, MAGIC.length) !== MAGIC) throw new Error('stance model: bad magic')
  let off = MAGIC.length
  const hlen = raw.readUInt32LE(off)
  off += 4
  const h = JSON.parse(raw.toString('utf8', off, off + hlen)) as {
    meta: Record<string, unknown>
    decision: Decision
    tf: string[]
    idfStems: string
    idf: number[]
    idfUnseen: number
    mean: number[]
    std: number[]
    shapes: MlpShape[]
    layout?: { dense: number; cues: number }
  }
  if (h.layout?.dense !== N_DENSE || h.layout?.cues !== N_CUE) {
    throw new Error(`stance model: made for ${h.layout?.dense} dense and ${h.layout?.cues} cue features, this code has ${N_DENSE} and ${N_CUE}: retrain with node dist/stance/train.js`)
  }
  off += hlen
  const f32 = (n: number): Float32Array => {
    const a = new Float32Array(n)
    Buffer.from(a.buffer).set(raw.subarray(off, off + 4 * n))
    off += 4 * n
    return a
  }
  const dequant = (rows: number, cols: number): Float32Array => {
    const scales = f32(rows)
    const w = new Float32Array(rows * cols)
    for (let i = 0; i < rows * cols; i++) w[i] = ((raw[off + i]! << 24) >> 24) * scales[Math.floor(i / cols)]!
    off += rows * cols
    return w
  }
  const mlps = h.shapes.map((shape) => {
    const mlp = new Mlp(shape, 0)
    mlp.w1s = dequant(shape.nSparse, shape.hidden)
    mlp.w1d = dequant(shape.nDense, shape.hidden)
    mlp.b1 = f32(shape.hidden)
    mlp.w2 = f32(shape.hidden * shape.classes)
    mlp.b2 = f32(shape.classes)
    return mlp
  })
  const stems = h.idfStems ? h.idfStems.split(' ') : []
  const idf = new Map<string, number>()
  stems.forEach((s, i) => idf.set(s, h.idf[i]! / 1000))
  return new StanceModel({ tf: h.tf, idf, idfUnseen: h.idfUnseen }, Float32Array.from(h.mean), Float32Array.from(h.std), mlps, h.decision, h.meta)
}

/** Round the weights through the file format (so in-memory scores equal loaded ones). */
export function roundTrip(m: StanceModel): StanceModel {
  return decodeModel(encodeModel(m))
}

export function saveModel(path: string, m: StanceModel): number {
  const buf = encodeModel(m)
  writeFileSync(path, buf)
  return buf.length
}

export function loadModel(path: string): StanceModel {
  return decodeModel(readFileSync(path))
}
