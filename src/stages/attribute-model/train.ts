/**
 * `node dist/stages/attribute-model/train.js [--epochs N] [--limit N] [--no-parse] [--eval-every N]`
 *
 * Trains the attribution tagger on PolNeAR train (brat articles, one example per paragraph and
 * annotation file), tunes on PolNeAR dev, and writes `models/attribution.bin.gz` and
 * `models/attribution.README.md`. Deterministic: fixed seed, fixed order of files.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mulberry32, shuffle } from '../../backbone/features/hash.js'
import { WeightTable } from '../../backbone/features/table.js'
import { modelsDir } from '../../backbone/paths.js'
import { FeatureStore, loadSplit, type Example } from './data.js'
import { attributionModelPath, saveAttributionModel } from './model-file.js'
import { N_LABELS, TaggerModel } from './model.js'
import { formatScores, scoreExamples, type Scores } from './score.js'
import { syntaxAvailability } from './syntax.js'

interface Settings {
  epochs: number
  seed: number
  limit: number | undefined
  parse: boolean
  evalEvery: number
  bits: 8 | 16
  out: string
}

function parseArgs(argv: readonly string[]): Settings {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  return {
    epochs: Number(value('--epochs') ?? 12),
    seed: Number(value('--seed') ?? 13),
    limit: value('--limit') !== undefined ? Number(value('--limit')) : undefined,
    parse: !argv.includes('--no-parse') && syntaxAvailability().parser,
    evalEvery: Number(value('--eval-every') ?? 0),
    bits: value('--bits') === '8' ? 8 : 16,
    out: value('--out') ?? attributionModelPath(),
  }
}

const log = (message: string): void => {
  process.stderr.write(`[attribution] ${message}\n`)
}

/** The averaged weights so far, as a separate model (training goes on with the original). */
function averagedCopy(model: TaggerModel, count: number): TaggerModel {
  const table = model.table
  const u = (table as unknown as { u: Float32Array | null }).u
  const n = table.nRows * N_LABELS
  const w = new Float32Array(n)
  for (let i = 0; i < n; i++) w[i] = table.w[i]! - (u ? u[i]! / count : 0)
  const copy = WeightTable.fromRows(N_LABELS, table.rowKeys.slice(0, table.nRows), w)
  const sums = (model as unknown as { transitionSums: Float64Array | null }).transitionSums
  const transitions = Float32Array.from(model.transitions, (x, i) => x - (sums ? sums[i]! / count : 0))
  return new TaggerModel(copy, transitions)
}

export function train(settings: Settings): void {
  const started = Date.now()
  log(`settings ${JSON.stringify(settings)}`)
  const store = new FeatureStore()
  const trainSet = loadSplit('train', store, { parse: settings.parse, ...(settings.limit !== undefined ? { limit: settings.limit } : {}), log })
  const devSet = loadSplit('dev', store, { parse: settings.parse, log })
  const prepSeconds = (Date.now() - started) / 1000
  log(`train ${trainSet.articles} articles ${trainSet.units} units ${trainSet.examples.length} paragraphs; dev ${devSet.articles} articles; ${prepSeconds.toFixed(0)} s`)
  const features = store.features
  const offsets = store.offsetArray()

  const model = TaggerModel.empty()
  const random = mulberry32(settings.seed)
  const order: Example[] = trainSet.examples.filter((e) => e.gold.length > 0)
  let count = 1
  const history: Array<{ epoch: number; dev: Scores }> = []
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    shuffle(order, random)
    let errors = 0
    const emission = new Float32Array(4096 * N_LABELS)
    for (const example of order) {
      const m = example.gold.length
      const buffer = m * N_LABELS <= emission.length ? emission : new Float32Array(m * N_LABELS)
      model.emissions(features, offsets, example.first, m, buffer)
      const predicted = model.viterbi(buffer, m)
      if (model.update(features, offsets, example.first, example.gold, predicted, count)) errors++
      count++
    }
    let line = `epoch ${epoch}: ${errors} paragraphs wrong, ${((Date.now() - started) / 1000).toFixed(0)} s`
    if (settings.evalEvery > 0 && (epoch % settings.evalEvery === 0 || epoch === settings.epochs)) {
      const dev = scoreExamples(averagedCopy(model, count), features, offsets, devSet.examples)
      history.push({ epoch, dev })
      line += `  dev ${formatScores(dev)}`
    }
    log(line)
  }
  model.average(count)
  const dev = scoreExamples(model, features, offsets, devSet.examples)
  const trainSeconds = (Date.now() - started) / 1000
  const bytes = saveAttributionModel(settings.out, model, {
    parsed: settings.parse,
    settings: { epochs: settings.epochs, seed: settings.seed, bits: settings.bits },
    dev,
    rows: model.table.nRows,
  }, settings.bits)
  log(`dev (units, averaged) ${formatScores(dev)}`)
  log(`wrote ${settings.out}: ${(bytes / 1e6).toFixed(2)} MB, ${model.table.nRows} rows, ${trainSeconds.toFixed(0)} s`)
  if (settings.out === attributionModelPath()) writeReadme({ settings, dev, bytes, rows: model.table.nRows, seconds: trainSeconds, trainSet, history })
}

function writeReadme(r: { settings: Settings; dev: Scores; bytes: number; rows: number; seconds: number; trainSet: { articles: number; units: number; examples: Example[] }; history: Array<{ epoch: number; dev: Scores }> }): void {
  const row = (label: 'source' | 'cue' | 'content'): string => `| ${label} | ${r.dev[label].p} | ${r.dev[label].r} | ${r.dev[label].f1} |`
  const text = `# whosaid attribution model

\`attribution.bin.gz\` is written by \`node dist/stages/attribute-model/train.js\` (\`npm run train\`):
a first-order structured averaged perceptron over BIO tags for SOURCE, CUE and CONTENT, decoded by
Viterbi over each paragraph (src/stages/attribute-model/).

- Data: PolNeAR v1.0.0 train split (${r.trainSet.articles} articles, ${r.trainSet.units} units, ${r.trainSet.examples.length}
  paragraph examples, one per paragraph and annotation file); tuned on PolNeAR dev. The model file
  holds hashed feature weights only, no text.
- Features: see the header of src/stages/attribute-model/features.ts; POS tags from
  models/tagger.bin.gz${r.settings.parse ? ' and dependencies from models/parser.bin.gz' : ' (trained without the parser)'}.
- Settings: ${r.settings.epochs} epochs, seed ${r.settings.seed}, ${r.settings.bits}-bit weights; ${r.rows.toLocaleString('en')} weight rows;
  file ${(r.bytes / 1e6).toFixed(2)} MB; training ${Math.round(r.seconds)} s on one core.

Exact-span P / R / F1 on PolNeAR dev paragraphs, on whosaid's own tokens (the training-time check):

| label | P | R | F1 |
|---|---|---|---|
${row('source')}
${row('cue')}
${row('content')}

The published-metric scores (CofeNet segments, through the whole pipeline) are produced by
\`node dist/eval/polnear/main.js --split valid\` and are listed in docs/EVAL.md and below when updated.
`
  writeFileSync(join(modelsDir(), 'attribution.README.md'), text)
}

train(parseArgs(process.argv.slice(2)))
