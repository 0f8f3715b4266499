/**
 * `node dist/stages/attribute-model/prune.js --in FILE --out FILE --min-weight K`: rewrites an
 * int8 attribution model without the weight rows whose largest |weight| is below K quantisation
 * steps (K = 2 drops the rows whose weights are all -1, 0 or +1). No retraining: the rows kept
 * keep their exact weights. The decoding biases beside --in are copied beside --out.
 *
 * Why: most rows of the averaged perceptron are features seen in a few updates whose averaged
 * weights round to ±1 step of 127; they barely move a score but make the table several times
 * larger than the CPU caches, so that nearly every feature lookup is a cache miss.
 */
import { copyFileSync, existsSync } from 'node:fs'
import { decodingPath, loadAttributionModel, saveAttributionModel } from './model-file.js'

function main(argv: readonly string[]): void {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const input = value('--in')
  const output = value('--out')
  const minWeight = Number(value('--min-weight') ?? 2)
  if (!input || !output || !(minWeight >= 1)) throw new Error('usage: prune.js --in FILE --out FILE --min-weight K (K >= 1)')
  const loaded = loadAttributionModel(input)
  if (!loaded) throw new Error(`${input}: not an attribution model of this feature version`)
  const { tagger, meta } = loaded
  const before = tagger.table.nRows
  const bits = (meta['settings'] as { bits?: 8 | 16 } | undefined)?.bits ?? 8
  if (bits !== 8) throw new Error('prune.js reads int8 models only')
  // The table's largest weight is 127 steps (int8 quantisation): K - 0.5 steps sits between K - 1 and K.
  const prune = (minWeight - 0.5) / 127
  const bytes = saveAttributionModel(output, tagger, { ...meta, prunedBelow: minWeight, rowsBeforePruning: before }, 8, prune)
  const after = loadAttributionModel(output)!.tagger.table.nRows
  if (existsSync(decodingPath(input)) && decodingPath(input) !== decodingPath(output)) copyFileSync(decodingPath(input), decodingPath(output))
  process.stdout.write(`${output}: ${after.toLocaleString('en')} of ${before.toLocaleString('en')} rows kept, ${(bytes / 1e6).toFixed(2)} MB\n`)
}

main(process.argv.slice(2))
