/**
 * `node dist/stages/attribute-model/train.js [--epochs1 6] [--epochs2 7] [--folds 3] [--ensemble 2]
 *   [--margin 1] [--min-count 3] [--bits 8|16] [--no-render] [--no-stack] [--no-parse] [--seed 13]
 *   [--min-weight 3] [--limit N] [--eval-every N] [--out FILE] [--syntax-cache FILE]`
 *
 * Trains the attribution tagger on PolNeAR train (brat articles, one example per paragraph and
 * annotation file) and scores it on PolNeAR dev, then writes `models/attribution.bin.gz` and
 * `models/attribution.README.md`. Two passes: the first pass is trained K times on K-1 folds of
 * the training articles to label the held-out fold (so the second pass learns from first-pass
 * predictions as noisy as at run time), once more on all of them for shipping; the second pass
 * learns from those predictions (an average of `--ensemble` runs over different shuffles). Each
 * article is also read a second time as the evaluation segments present it (tokens joined by
 * spaces, curly quotation marks), so the tagger knows both forms. Updates use a margin of 1
 * (loss-augmented decoding). Deterministic: fixed seed, fixed order of files.
 *
 * `--min-weight K` (8-bit models) drops the weight rows whose largest |weight| is below K int8 steps
 * when saving (see prune.js, which does the same to a saved model): most rows of the averaged
 * perceptron round to ±1 or ±2 steps, and without them the table is 5x smaller (8 MB in memory,
 * within a server CPU's last-level cache), so fewer lookups miss the caches. 0 keeps every row.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mulberry32, shuffle } from '../../backbone/features/hash.js'
import { modelsDir } from '../../backbone/paths.js'
import { loadSplit, RowStore, SyntaxCache, type Example, type LoadedSplit } from './data.js'
import { MAX_FEATURES } from './features.js'
import { attributionModelPath, loadAttributionModel, profileModelPath, saveAttributionModel } from './model-file.js'
import { combinePasses, N_LABELS, type PassWeights } from './model.js'
import { formatScores, scoreLabels, type Scores } from './score.js'
import { MAX_STACK_FEATURES, stackContext, stackFeatures } from './stack.js'
import { syntaxAvailability } from './syntax.js'
import { ensemble, FeatureIndex, RowTrainer, type RowData } from './trainer.js'

export interface TrainSettings {
  epochs1: number
  epochs2: number
  folds: number
  minCount: number
  seed: number
  limit: number | undefined
  parse: boolean
  stack: boolean
  render: boolean
  margin: number
  ensemble: number
  evalEvery: number
  bits: 8 | 16
  minWeight: number
  out: string
  syntaxCache: string | undefined
}

function parseArgs(argv: readonly string[]): TrainSettings {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  return {
    epochs1: Number(value('--epochs1') ?? 6),
    epochs2: Number(value('--epochs2') ?? 7),
    folds: Number(value('--folds') ?? 3),
    minCount: Number(value('--min-count') ?? 3),
    seed: Number(value('--seed') ?? 13),
    limit: value('--limit') !== undefined ? Number(value('--limit')) : undefined,
    parse: !argv.includes('--no-parse') && syntaxAvailability().parser,
    stack: !argv.includes('--no-stack'),
    render: !argv.includes('--no-render'),
    margin: Number(value('--margin') ?? 1),
    ensemble: Number(value('--ensemble') ?? 2),
    evalEvery: Number(value('--eval-every') ?? 0),
    bits: value('--bits') === '16' ? 16 : 8,
    minWeight: Number(value('--min-weight') ?? 3),
    out: value('--out') ?? attributionModelPath(),
    syntaxCache: value('--syntax-cache'),
  }
}

const started = Date.now()
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0)} s`
const log = (message: string): void => {
  process.stderr.write(`[attribution ${elapsed()}] ${message}\n`)
}

/** Trains one pass on `examples` for `epochs` epochs (examples shuffled with the seeded PRNG). */
function trainPass(
  index: FeatureIndex,
  data: RowData,
  examples: readonly Example[],
  epochs: number,
  minCount: number,
  random: () => number,
  label: string,
  check?: (trainer: RowTrainer, epoch: number) => string,
  margin = 0,
): RowTrainer {
  const trainer = new RowTrainer(index, minCount)
  const order = examples.filter((e) => e.gold.length > 0)
  const scratch = new Float32Array(8192 * N_LABELS)
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random)
    let wrong = 0
    for (const example of order) if (trainer.train(data, example.first, example.gold, scratch, margin)) wrong++
    log(`${label} epoch ${epoch}: ${wrong} of ${order.length} paragraphs wrong${check ? check(trainer, epoch) : ''}`)
  }
  return trainer
}

/** Builds second-pass rows: each example's first-pass rows plus stack features from its first-pass labels. */
function stackRows(split: LoadedSplit, data: RowData, firstPass: Uint8Array[], index: FeatureIndex, count: boolean, store: RowStore): Example[] {
  const keys = new Int32Array(MAX_FEATURES + MAX_STACK_FEATURES)
  return split.examples.map((example, e) => {
    const context = split.documents[example.document]!
    const stack = stackContext(context, firstPass[e]!, example.start)
    const first = store.units
    for (let i = 0; i < example.gold.length; i++) {
      const g = example.first + i
      let n = 0
      for (let f = data.offsets[g]!; f < data.offsets[g + 1]!; f++) keys[n++] = index.key(data.rows[f]!)
      n = stackFeatures(context, stack, example.start + i, keys, n)
      store.push(keys, n, index, count)
    }
    return { ...example, first }
  })
}

export function train(settings: TrainSettings): void {
  log(`settings ${JSON.stringify(settings)}`)
  const index = new FeatureIndex()
  const store = new RowStore()
  const cache = settings.syntaxCache ? new SyntaxCache(settings.syntaxCache) : undefined
  const common = { parse: settings.parse, log, ...(cache ? { cache } : {}) }
  const trainSet = loadSplit('train', store, index, { ...common, count: true, render: settings.render, ...(settings.limit !== undefined ? { limit: settings.limit } : {}) })
  const devSet = loadSplit('dev', store, index, { ...common, count: false })
  cache?.save()
  const data = store.data()
  log(`train: ${trainSet.articles} articles, ${trainSet.units} units, ${trainSet.examples.length} paragraphs; dev: ${devSet.articles} articles; ${index.size} feature rows`)
  const random = mulberry32(settings.seed)
  const scratch = new Float32Array(8192 * N_LABELS)

  // Pass 1 on all training articles (shipped), and its dev predictions.
  const full = trainPass(index, data, trainSet.examples, settings.epochs1, settings.minCount, random, 'pass 1', undefined, settings.margin)
  const fullDecoder = full.averagedCopy()
  const devFirst = devSet.examples.map((e) => fullDecoder.decode(data, e.first, e.gold.length, scratch))
  const dev1 = scoreLabels(devSet.examples.map((e, i) => ({ gold: e.gold, predicted: devFirst[i]! })))
  log(`pass 1 dev ${formatScores(dev1)}`)
  const pass1 = full.toWeights(index)
  let dev = dev1
  let pass2: PassWeights | null = null
  if (settings.stack) {
    // Held-out first-pass labels for every training paragraph (K-fold by article).
    const trainFirst = new Array<Uint8Array>(trainSet.examples.length)
    for (let fold = 0; fold < settings.folds; fold++) {
      const inFold = (e: Example): boolean => e.article % settings.folds === fold
      const trainer = trainPass(index, data, trainSet.examples.filter((e) => !inFold(e)), settings.epochs1, settings.minCount, random, `fold ${fold + 1}/${settings.folds}`, undefined, settings.margin)
      const decoder = trainer.averagedCopy()
      trainSet.examples.forEach((e, i) => {
        if (inFold(e)) trainFirst[i] = decoder.decode(data, e.first, e.gold.length, scratch)
      })
    }
    const store2 = new RowStore()
    const train2 = stackRows(trainSet, data, trainFirst, index, true, store2)
    const dev2 = stackRows(devSet, data, devFirst, index, false, store2)
    const data2 = store2.data()
    const check = (trainer: RowTrainer, epoch: number): string => {
      if (settings.evalEvery <= 0 || epoch % settings.evalEvery !== 0) return ''
      const decoder = trainer.averagedCopy()
      return `  dev ${formatScores(scoreLabels(dev2.map((e) => ({ gold: e.gold, predicted: decoder.decode(data2, e.first, e.gold.length, scratch) }))))}`
    }
    const trainers: RowTrainer[] = []
    for (let member = 1; member <= settings.ensemble; member++) {
      trainers.push(trainPass(index, data2, train2, settings.epochs2, settings.minCount, random, `pass 2 (${member}/${settings.ensemble})`, check, settings.margin))
    }
    const combined = ensemble(trainers, index)
    dev = scoreLabels(dev2.map((e) => ({ gold: e.gold, predicted: combined.decoder.decode(data2, e.first, e.gold.length, scratch) })))
    log(`pass 2 dev ${formatScores(dev)}`)
    pass2 = combined.weights
  }
  const seconds = (Date.now() - started) / 1000
  const tagger = combinePasses(pass1, pass2)
  // the int8 table's largest weight is 127 steps: K - 0.5 steps keeps the rows reaching K
  const prune = settings.bits === 8 && settings.minWeight > 0 ? (settings.minWeight - 0.5) / 127 : 0
  const bytes = saveAttributionModel(settings.out, tagger, {
    parsed: settings.parse,
    settings: { epochs1: settings.epochs1, epochs2: settings.epochs2, ensemble: settings.ensemble, render: settings.render, folds: settings.folds, minCount: settings.minCount, seed: settings.seed, bits: settings.bits, minWeight: settings.minWeight },
    dev,
    dev1,
    trainedRows: tagger.table.nRows,
  }, settings.bits, prune)
  const rows = loadAttributionModel(settings.out)?.tagger.table.nRows ?? 0
  log(`wrote ${settings.out}: ${(bytes / 1e6).toFixed(2)} MB, ${rows} rows kept of ${tagger.table.nRows}`)
  // the accurate model's README is generated; the fast model's (attribution-fast.README.md) is written by hand
  if (settings.out === profileModelPath('accurate')) writeReadme({ settings, dev, dev1, bytes, rows, seconds, trainSet })
}

function writeReadme(r: { settings: TrainSettings; dev: Scores; dev1: Scores; bytes: number; rows: number; seconds: number; trainSet: LoadedSplit }): void {
  const row = (label: 'source' | 'cue' | 'content'): string =>
    `| ${label} | ${r.dev1[label].p} / ${r.dev1[label].r} / ${r.dev1[label].f1} | ${r.dev[label].p} / ${r.dev[label].r} / ${r.dev[label].f1} |`
  const s = r.settings
  const text = `# whosaid attribution model

\`attribution.bin.gz\` is written by \`node dist/stages/attribute-model/train.js\`: a first-order
structured averaged perceptron over BIO tags for SOURCE, CUE and CONTENT, decoded by Viterbi over
each paragraph, in two passes (the second also sees the first pass's predicted spans); code in
src/stages/attribute-model/.

- Data: PolNeAR v1.0.0 train split: ${r.trainSet.articles} articles${s.render ? ', each read twice (as written, and as the evaluation segments present it: tokens joined by spaces, curly quotation marks)' : ''};
  ${r.trainSet.units.toLocaleString('en')} units, ${r.trainSet.examples.length.toLocaleString('en')} paragraph examples (one per paragraph and annotation file).
  Scored on PolNeAR dev. The file holds hashed feature weights only, no text.
- Features: see the headers of src/stages/attribute-model/features.ts and stack.ts; POS tags from
  models/tagger.bin.gz${s.parse ? ' and dependencies from models/parser.bin.gz' : ' (trained without the parser)'}, mentions from the
  entities stage. Retrain whenever those models change.
- Settings: pass 1 ${s.epochs1} epochs, ${s.folds}-fold jackknife for the second pass, pass 2 the mean of ${s.ensemble}
  runs of ${s.epochs2} epochs, margin ${s.margin}, feature count cutoff ${s.minCount}, seed ${s.seed}, ${s.bits}-bit weights (both
  passes in one table, 14 weights per feature)${s.bits === 8 && s.minWeight > 0 ? `, rows whose largest |weight| is below ${s.minWeight} int8 steps (of 127) dropped (\`--min-weight\`)` : ''};
  ${r.rows.toLocaleString('en')} weight rows; file ${(r.bytes / 1e6).toFixed(2)} MB; training ${Math.round(r.seconds)} s on one core.

Exact-span P / R / F1 on PolNeAR dev paragraphs, on whosaid's own tokens (the training-time check,
on the weights before int8 quantisation and pruning):

| label | pass 1 | pass 2 (shipped) |
|---|---|---|
${row('source')}
${row('cue')}
${row('content')}

Decoding: the stage adds per-label biases to the last pass's emission scores before Viterbi, read from
\`attribution.decoding.json\` beside the model (the tagger over-predicts cues and runs them long). They are
tuned on PolNeAR dev by \`node dist/eval/polnear/tune-bias.js --write\` (grid in the file): retune after
retraining. \`WHOSAID_ATTRIBUTION_BIAS\` (7 comma-separated numbers) overrides them.

The published-metric scores (CofeNet segments, through the whole pipeline; article and segment
protocols, see docs/EVAL.md): \`node dist/eval/polnear/main.js --split valid\`.
`
  writeFileSync(join(modelsDir(), 'attribution.README.md'), text)
}

train(parseArgs(process.argv.slice(2)))
