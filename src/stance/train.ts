/**
 * Train the stance model on the FNC-1 train files: `node dist/stance/train.js [options]`.
 * Phase 1: k dev folds of the train bodies (whole claims, so no body or related headline is shared
 * with the fold's training pairs); the pooled out-of-fold dev score picks the number of epochs.
 * Phase 2: an ensemble of seeds trained on all train pairs for that many epochs.
 * Writes models/stance.bin.gz, models/stance.README.md and models/stance.json. No test data is read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyse, buildVocab, N_CUE, N_DENSE, VocabIndex, type Analysed } from './features.js'
import { claimFolds, loadFnc1, modelsDir, splitPairs, type Pair } from './data.js'
import { Mlp, train, type Example } from './mlp.js'
import { decide, makeExample, saveModel, StanceModel, type Decision } from './model.js'
import { LABELS, report, type StanceReport } from './score.js'

function arg(name: string, def: string): string {
  const i = process.argv.indexOf('--' + name)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : def
}
const flag = (name: string): boolean => process.argv.includes('--' + name)

const settings = {
  vocab: Number(arg('vocab', '5000')),
  hidden: Number(arg('hidden', '100')),
  /** most epochs tried on the dev folds */
  epochs: Number(arg('epochs', '10')),
  folds: Number(arg('folds', '5')),
  batch: Number(arg('batch', '64')),
  lr: Number(arg('lr', '0.001')),
  dropout: Number(arg('dropout', '0.5')),
  l2: Number(arg('l2', '0.00001')),
  seeds: Number(arg('seeds', '5')),
  /** loss weights of agree, disagree, discuss, unrelated */
  classWeights: arg('cw', '1,2,1,1').split(',').map(Number),
  /** UCLMR-style term-frequency vectors of both sides (off: no better in cross-validation, 5x slower) */
  sparse: flag('sparse'),
  splitSeed: Number(arg('split-seed', '1')),
}
const save = !flag('no-save')
const log = (s: string): void => void process.stderr.write(s + '\n')

const t0 = Date.now()
const data = loadFnc1('train')

/** Analysed texts and examples for a set of pairs under a vocabulary. */
function prepare(vi: VocabIndex, sets: Pair[][], mean?: Float32Array, std?: Float32Array) {
  const hs = new Map<string, Analysed>()
  const bs = new Map<number, Analysed>()
  const an = (p: Pair): [Analysed, Analysed] => {
    let h = hs.get(p.headline)
    if (!h) hs.set(p.headline, (h = analyse(p.headline, vi)))
    let b = bs.get(p.bodyId)
    if (!b) bs.set(p.bodyId, (b = analyse(data.bodies.get(p.bodyId)!, vi)))
    return [h, b]
  }
  const zero = new Float32Array(N_DENSE)
  const one = new Float32Array(N_DENSE).fill(1)
  const raw = sets.map((ps) => ps.map((p) => makeExample(...an(p), vi, zero, one)))
  if (!mean || !std) {
    mean = new Float32Array(N_DENSE)
    std = new Float32Array(N_DENSE)
    const xs = raw[0]!
    for (const x of xs) for (let j = 0; j < N_DENSE; j++) mean[j]! += x.dense[j]! / xs.length
    for (const x of xs) for (let j = 0; j < N_DENSE; j++) std[j]! += (x.dense[j]! - mean[j]!) ** 2 / xs.length
    for (let j = 0; j < N_DENSE; j++) std[j] = Math.sqrt(std[j]!) || 1
  }
  for (const xs of raw) {
    for (const x of xs) {
      for (let j = 0; j < N_DENSE; j++) x.dense[j] = (x.dense[j]! - mean[j]!) / std[j]!
      if (!settings.sparse) {
        x.idx = x.idx.slice(2)
        x.val = x.val.slice(2)
      }
    }
  }
  return { examples: raw, mean, std }
}

function docsOf(pairs: Pair[]): string[] {
  const hs = [...new Set(pairs.map((p) => p.headline))]
  const bs = [...new Set(pairs.map((p) => p.bodyId))].sort((a, b) => a - b).map((id) => data.bodies.get(id)!)
  return [...hs, ...bs]
}

function labels(ps: Pair[]): Int32Array {
  return Int32Array.from(ps.map((p) => p.label))
}

function shape(V: number) {
  return { nSparse: 2 * V + N_CUE, nDense: N_DENSE, hidden: settings.hidden, classes: LABELS.length }
}

function evaluate(model: { probs(x: Example, out?: Float32Array): Float32Array } | Mlp, xs: Example[], gold: Int32Array, decision: Decision) {
  const out = new Float32Array(LABELS.length)
  const pred = new Int32Array(xs.length)
  const probs: Float32Array[] = []
  xs.forEach((x, i) => {
    const p = model instanceof Mlp ? model.predict(x, out) : model.probs(x, out)
    probs.push(p.slice())
    pred[i] = decide(p, decision)
  })
  return { report: report(gold, pred), probs }
}

// ---- phase 1: dev folds (whole claims held out by body), one seed: the number of epochs ----
const tfSize = settings.sparse ? settings.vocab : 0
const folds = claimFolds(data, settings.folds, settings.splitSeed)
const gold: number[] = []
const foldReports: unknown[] = []
const probsByEpoch: Float32Array[][] = Array.from({ length: settings.epochs }, () => [])
folds.forEach((devBodies, f) => {
  const t1 = Date.now()
  const { train: tr, dev } = splitPairs(data, devBodies, settings.splitSeed + f)
  const vi = new VocabIndex(buildVocab(docsOf(tr), tfSize))
  const prep = prepare(vi, [tr, dev])
  const [xTr, xDev] = prep.examples as [Example[], Example[]]
  const yDev = labels(dev)
  gold.push(...yDev)
  const mlp = new Mlp(shape(vi.vocab.tf.length), 1)
  const perEpoch: number[] = []
  train(mlp, xTr, labels(tr), {
    ...settings,
    seed: 1,
    onEpoch: (e, m, loss) => {
      const ev = evaluate(m, xDev, yDev, 'argmax')
      probsByEpoch[e - 1]!.push(...ev.probs)
      perEpoch.push(ev.report.relative)
      log(`fold ${f + 1} epoch ${e} loss ${loss.toFixed(4)} dev FNC ${ev.report.relative} F1 ${ev.report.f1_macro} ${JSON.stringify(ev.report.per_class_f1)} ${((Date.now() - t1) / 1000).toFixed(0)} s`)
      return undefined
    },
  })
  foldReports.push({ fold: f + 1, dev_bodies: devBodies.size, dev_pairs: dev.length, train_pairs: tr.length, fnc_by_epoch: perEpoch })
})
const g = Int32Array.from(gold)
const byEpoch = probsByEpoch.map((ps, e) => {
  const r = {} as Record<Decision, StanceReport>
  for (const d of ['argmax', 'fnc'] as Decision[]) r[d] = report(g, Int32Array.from(ps.map((p) => decide(p, d))))
  return { epoch: e + 1, ...r }
})
// the epoch and the decision rule with the best pooled FNC-1 score + 0.1 x macro-F1
const crit = (r: StanceReport): number => r.relative + 0.1 * r.f1_macro
let best = byEpoch[0]!
let decision: Decision = 'argmax'
for (const e of byEpoch) {
  for (const d of ['argmax', 'fnc'] as Decision[]) {
    if (crit(e[d]) > crit(best[decision])) {
      best = e
      decision = d
    }
  }
}
const bestEpoch = best.epoch
for (const e of byEpoch) log(`pooled dev epoch ${e.epoch}: FNC ${e.fnc.relative} / argmax ${e.argmax.relative}, F1 ${e.fnc.f1_macro} / ${e.argmax.f1_macro}`)
log(`best epoch ${bestEpoch}, decision ${decision}`)
const devEval = { argmax: best.argmax, fnc: best.fnc }
const devSeconds = (Date.now() - t0) / 1000

// ---- phase 2: all train pairs, that many epochs, several seeds ----
const t2 = Date.now()
const vocab = buildVocab(docsOf(data.pairs), tfSize)
const viAll = new VocabIndex(vocab)
const prepAll = prepare(viAll, [data.pairs])
const mlps: Mlp[] = []
for (let s = 1; s <= settings.seeds; s++) {
  const mlp = new Mlp(shape(vocab.tf.length), s)
  train(mlp, prepAll.examples[0]!, labels(data.pairs), { ...settings, seed: s, epochs: bestEpoch })
  mlps.push(mlp)
  log(`full seed ${s}: ${bestEpoch} epochs, ${((Date.now() - t2) / 1000).toFixed(0)} s`)
}
const finalModel = new StanceModel(vocab, prepAll.mean, prepAll.std, mlps, decision)
const fullSeconds = (Date.now() - t2) / 1000

const trainSeconds = Math.round((Date.now() - t0) / 1000)
const summary = {
  settings,
  data: {
    train_pairs: data.pairs.length,
    folds: foldReports,
  },
  dense_features: N_DENSE,
  best_epoch: bestEpoch,
  decision,
  dev_by_epoch: byEpoch.map((e) => ({ epoch: e.epoch, fnc: e.fnc.relative, argmax: e.argmax.relative, f1_fnc: e.fnc.f1_macro, f1_argmax: e.argmax.f1_macro })),
  dev: devEval,
  seconds: { dev_phase: Math.round(devSeconds), full_phase: Math.round(fullSeconds), total: trainSeconds },
}
finalModel.meta['trained'] = { settings, epochs: bestEpoch, dev: devEval[decision].relative }
if (save) {
  const dir = modelsDir()
  const modelPath = join(dir, 'stance.bin.gz')
  const readmePath = join(dir, 'stance.README.md')
  const before = existsSync(modelPath) ? readFileSync(modelPath) : null
  const bytes = saveModel(modelPath, finalModel)
  ;(summary as Record<string, unknown>)['file_bytes'] = bytes
  writeFileSync(join(dir, 'stance.json'), JSON.stringify(summary, null, 2) + '\n')
  // The competition-test section (written by eval.js --readme) describes the file it scored: it
  // stays only when this run rebuilt that very file, byte for byte.
  const old = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : ''
  const test = old.indexOf('## Competition test')
  const same = before !== null && before.equals(readFileSync(modelPath))
  writeFileSync(readmePath, readme(summary, bytes) + (same && test >= 0 ? '\n' + old.slice(test) : ''))
  log(`wrote models/stance.bin.gz (${(bytes / 1e6).toFixed(2)} MB)`)
}
process.stdout.write(JSON.stringify(summary) + '\n')

function readme(s: typeof summary, bytes: number): string {
  const d = s.dev
  const row = (name: string, r: ReturnType<typeof report>): string =>
    `| ${name} | ${r.relative} | ${r.raw} / ${r.max} | ${r.f1_macro} | ${LABELS.map((l) => r.per_class_f1[l]).join(' / ')} |`
  return `# whosaid stance model (FNC-1)

\`stance.bin.gz\`: headline/claim vs. body stance (agree / disagree / discuss / unrelated), trained by
\`node dist/stance/train.js\` (pure TypeScript, deterministic, one core) on the FNC-1 \`train_*\` files only;
scored on the competition test files by \`node dist/stance/eval.js\`.

Data: FNC-1 (Pomerleau & Rao 2017; Emergent, Ferreira & Vlachos 2016), research use. The file holds no
FNC-1 text: only a vocabulary of single word stems with IDF values and the learned weights.

## Model
- Inputs: ${s.dense_features} dense features (standardised): tf-idf cosine of the claim with the body, its lead
  and its best sentences, coverage of the claim's stems, bigrams, trigrams, character 4-grams, numbers and
  capitalised words in the body, lengths, and counts of refuting, negation, hedging, supporting and question
  words in the claim, the body, its lead, its sentences near the claim (tf-idf cosine >= 0.15) and the two
  nearest; plus sparse cue-word features (${N_CUE / 3} cue stems, each: in the claim / in the body / in the near
  sentences)${s.settings.sparse ? `; plus UCLMR-style L2-normalised term-frequency vectors of claim and body over the ${s.settings.vocab} most frequent content stems` : ''}.
- ${s.settings.seeds} MLPs (one hidden layer of ${s.settings.hidden} ReLU units, dropout ${s.settings.dropout}, softmax), Adam lr ${s.settings.lr},
  batch ${s.settings.batch}, L2 ${s.settings.l2}, loss weights ${s.settings.classWeights.join('/')} (agree/disagree/discuss/unrelated);
  their probabilities are averaged. Decision rule: \`${s.decision}\` (see Dev folds).
- Weights stored as int8 with one float scale per row, gzip: ${(bytes / 1e6).toFixed(2)} MB.

## Dev folds
The 1,683 train bodies were cut into ${s.settings.folds} folds of whole claims (bodies linked by a related headline stay
together); each fold in turn was held out as dev (about ${Math.round(s.data.train_pairs / s.settings.folds)} pairs), with its own vocabulary and
scaling from the other folds' pairs. Unrelated pairs whose headline came from the other side's claims got a random
headline of their own side, so no dev headline or body is seen in training. One seed per fold; the out-of-fold
predictions of all folds are pooled (all ${s.data.train_pairs} train pairs) and scored after each epoch. The epoch and
decision rule with the best pooled FNC-1 score + 0.1 x macro-F1 (epoch ${s.best_epoch}, \`${s.decision}\`) were used for the
shipped ensemble, trained on all train pairs. Decision rules: \`argmax\` takes the likeliest label; \`fnc\` the label
with the highest expected FNC-1 score (0.25 p(unrelated) for unrelated, 0.25 (1 - p(unrelated)) + 0.75 p(y) for a related y).

| epoch | ${s.dev_by_epoch.map((e) => e.epoch).join(' | ')} |
| --- | ${s.dev_by_epoch.map(() => '---').join(' | ')} |
| dev FNC-1 %, argmax | ${s.dev_by_epoch.map((e) => e.argmax).join(' | ')} |
| dev macro-F1, argmax | ${s.dev_by_epoch.map((e) => e.f1_argmax).join(' | ')} |
| dev FNC-1 %, fnc | ${s.dev_by_epoch.map((e) => e.fnc).join(' | ')} |
| dev macro-F1, fnc | ${s.dev_by_epoch.map((e) => e.f1_fnc).join(' | ')} |

| pooled dev, epoch ${s.best_epoch}, one seed |  FNC-1 % | raw / max | macro-F1 | F1 agree / disagree / discuss / unrelated |
| --- | --- | --- | --- | --- |
${row('argmax', d.argmax)}
${row('expected FNC score', d.fnc)}

Dev confusion (rows gold, columns predicted, ${LABELS.join(' / ')}), decision \`${s.decision}\`:
${'```'}
${d[s.decision].confusion.map((r) => r.join('\t')).join('\n')}
${'```'}

## Design notes (5-fold claim cross-validation on train, during development)
- UCLMR-style term-frequency vectors of headline and body (5,000 stems each) on top of the dense features did not
  raise the pooled dev FNC-1 score (86.6 vs 86.9 argmax, 87.0 vs 87.2 expected-score decision) and made training
  5x slower, so they are off (\`--sparse\` turns them on).
- The cue-word block and the near/top-sentence cue counts added about +0.3 FNC-1 and +3 macro-F1; doubling the
  loss weight of disagree raised its dev F1 from about 16 to 26-30 at the same FNC-1 score; 200 hidden units were
  no better than 100.
- A single 20 % dev split picked epoch 1 for every seed (its agree share is low); pooling 5 folds is steadier and
  prefers 6 epochs, where macro-F1 is 6 points higher.
- No better either (pooled dev FNC-1 within -0.2 to -0.4): disagree loss weight 3 (macro-F1 +1), dropout 0.3,
  lr 0.002 with batch 128, quotation and question-mark counts, 30 more cue words (modals, "unclear", "verify").

Training time: ${s.seconds.total} s (dev phase ${s.seconds.dev_phase} s, full retrain ${s.seconds.full_phase} s) on a shared 2-core machine.
Settings: \`${JSON.stringify(s.settings)}\`
`
}
