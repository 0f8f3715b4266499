/**
 * Cross-validation over whole claims of the FNC-1 train set, for choosing features and settings:
 * `node dist/stance/cv.js [--folds 5] [--epochs 8] [--hidden 100] [--no-sparse] [--drop prefix,...]`.
 * Prints the pooled out-of-fold FNC-1 score and F1 after each epoch. Uses no test data.
 */
import { analyse, buildVocab, DENSE_NAMES, N_CUE, N_DENSE, VocabIndex, type Analysed } from './features.js'
import { claimFolds, loadFnc1, splitPairs, type Pair } from './data.js'
import { Mlp, train, type Example } from './mlp.js'
import { decide, makeExample } from './model.js'
import { LABELS, report } from './score.js'

function arg(name: string, def: string): string {
  const i = process.argv.indexOf('--' + name)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : def
}
const flag = (name: string): boolean => process.argv.includes('--' + name)
const o = {
  folds: Number(arg('folds', '5')),
  epochs: Number(arg('epochs', '8')),
  vocab: Number(arg('vocab', '5000')),
  hidden: Number(arg('hidden', '100')),
  batch: Number(arg('batch', '64')),
  lr: Number(arg('lr', '0.001')),
  dropout: Number(arg('dropout', '0.5')),
  l2: Number(arg('l2', '0.00001')),
  seed: Number(arg('seed', '1')),
  sparse: !flag('no-sparse'),
  sparseBody: !flag('no-sparse-body'),
  cue: !flag('no-cue'),
  drop: arg('drop', '').split(',').filter(Boolean),
  cw: arg('cw', ''),
}
const t0 = Date.now()
const data = loadFnc1('train')
const docs = [...new Set(data.pairs.map((p) => p.headline)), ...[...data.bodies.values()]]
const vi = new VocabIndex(buildVocab(docs, o.sparse ? o.vocab : 0))
const hs = new Map<string, Analysed>()
const bs = new Map<number, Analysed>()
const zero = new Float32Array(N_DENSE)
const one = new Float32Array(N_DENSE).fill(1)
const cache = new Map<string, Example>()
const dropMask = DENSE_NAMES.map((n) => o.drop.some((d) => n.startsWith(d)))
function ex(p: Pair): Example {
  const key = p.headline + '\u0000' + p.bodyId
  let x = cache.get(key)
  if (x) return x
  let h = hs.get(p.headline)
  if (!h) hs.set(p.headline, (h = analyse(p.headline, vi)))
  let b = bs.get(p.bodyId)
  if (!b) bs.set(p.bodyId, (b = analyse(data.bodies.get(p.bodyId)!, vi)))
  x = makeExample(h, b, vi, zero, one)
  for (let j = 0; j < N_DENSE; j++) if (dropMask[j]) x.dense[j] = 0
  const keep = [o.sparse, o.sparse && o.sparseBody, o.cue]
  x.idx = x.idx.filter((_, r) => keep[r])
  x.val = x.val.filter((_, r) => keep[r])
  cache.set(key, x)
  return x
}
// global standardisation over all train pairs
const mean = new Float32Array(N_DENSE)
const std = new Float32Array(N_DENSE)
{
  const all = data.pairs.map(ex)
  for (const x of all) for (let j = 0; j < N_DENSE; j++) mean[j]! += x.dense[j]! / all.length
  for (const x of all) for (let j = 0; j < N_DENSE; j++) std[j]! += (x.dense[j]! - mean[j]!) ** 2 / all.length
  for (let j = 0; j < N_DENSE; j++) std[j] = Math.sqrt(std[j]!) || 1
}
const standardised = new WeakSet<Example>()
function exs(p: Pair): Example {
  const x = ex(p)
  if (!standardised.has(x)) {
    for (let j = 0; j < N_DENSE; j++) x.dense[j] = (x.dense[j]! - mean[j]!) / std[j]!
    standardised.add(x)
  }
  return x
}
process.stderr.write(`features ready ${((Date.now() - t0) / 1000).toFixed(0)} s\n`)

const folds = claimFolds(data, o.folds, o.seed)
const gold: number[] = []
const probsByEpoch: Float32Array[][] = Array.from({ length: o.epochs }, () => [])
const cw = o.cw ? o.cw.split(',').map(Number) : undefined
folds.forEach((devBodies, f) => {
  const { train: tr, dev } = splitPairs(data, devBodies, o.seed + f)
  const xTr = tr.map(exs)
  const yTr = Int32Array.from(tr.map((p) => p.label))
  const xDev = dev.map(exs)
  for (const p of dev) gold.push(p.label)
  const mlp = new Mlp({ nSparse: 2 * vi.vocab.tf.length + N_CUE, nDense: N_DENSE, hidden: o.hidden, classes: 4 }, o.seed)
  train(mlp, xTr, yTr, {
    ...o,
    classWeights: cw,
    onEpoch: (e, m) => {
      for (const x of xDev) probsByEpoch[e - 1]!.push(m.predict(x, new Float32Array(4)))
      return undefined
    },
  })
  process.stderr.write(`fold ${f + 1}/${o.folds} done ${((Date.now() - t0) / 1000).toFixed(0)} s\n`)
})
const g = Int32Array.from(gold)
const results = probsByEpoch.map((ps, e) => {
  const r = report(g, Int32Array.from(ps.map((p) => decide(p, 'argmax'))))
  const rf = report(g, Int32Array.from(ps.map((p) => decide(p, 'fnc'))))
  return { epoch: e + 1, fnc: r.relative, fnc_dec: rf.relative, f1: r.f1_macro, per: LABELS.map((l) => r.per_class_f1[l]).join('/') }
})
for (const r of results) console.log(JSON.stringify(r))
const best = results.reduce((a, b) => (b.fnc > a.fnc ? b : a))
console.log(`BEST ${JSON.stringify(best)} opts ${JSON.stringify(o)} ${((Date.now() - t0) / 1000).toFixed(0)} s`)
