/**
 * `node dist/eval/polnear/tune-bias.js [--write]`: tunes the attribution model's decoding biases on
 * PolNeAR **dev** (CofeNet `valid.jsonl`, article protocol), never on test. The tagger's last pass
 * over-predicts cues and runs them long ("said Wednesday night" where PolNeAR's cue is "said"); a
 * negative bias on B-cue / I-cue trades a little recall for precision. Grid over both biases; the
 * setting with the best mean exact F1 of source, cue and content wins. `--write` stores it in
 * models/attribution.decoding.json (with WHOSAID_PROFILE=fast: attribution-fast.decoding.json), which
 * the stage reads beside the model file.
 */
import { writeFileSync } from 'node:fs'
import { attributionModel } from '../../stages/attribute-model/index.js'
import { analysisProfile, attributionModelPath, decodingPath } from '../../stages/attribute-model/model-file.js'
import { LABELS, N_LABELS } from '../../stages/attribute-model/model.js'
import { evaluateArticleSegments } from './align.js'
import { analyzeText, articleText } from './brat.js'
import { readCofenet } from './cofenet.js'
import { prfByLabel } from './metrics.js'

const B_CUE = [0, -0.1, -0.2, -0.25, -0.3, -0.4]
const I_CUE = [0, -0.1, -0.2, -0.3]

function main(): void {
  const model = attributionModel()
  if (!model) throw new Error('the attribution model (or the backbone it needs) is not shipped')
  const segments = readCofenet('valid')
  const readArticle = (article: string): string => articleText('dev', article)
  const rows: Array<{ bCue: number; iCue: number; source: number; cue: number; content: number; mean: number }> = []
  for (const bCue of B_CUE) {
    for (const iCue of I_CUE) {
      const bias = new Float32Array(N_LABELS)
      bias[LABELS.indexOf('B-cue')] = bCue
      bias[LABELS.indexOf('I-cue')] = iCue
      model.tagger.labelBias = bias
      const scores = prfByLabel(evaluateArticleSegments(segments, readArticle, analyzeText).exact)
      const row = { bCue, iCue, source: scores.source.f1, cue: scores.cue.f1, content: scores.content.f1, mean: (scores.source.f1 + scores.cue.f1 + scores.content.f1) / 3 }
      rows.push(row)
      process.stderr.write(`B-cue ${bCue}, I-cue ${iCue}: source ${row.source.toFixed(2)}, cue ${row.cue.toFixed(2)}, content ${row.content.toFixed(2)}, mean ${row.mean.toFixed(2)}\n`)
    }
  }
  const best = rows.reduce((a, b) => (b.mean > a.mean ? b : a))
  const decoding = {
    labelBias: { 'B-cue': best.bCue, 'I-cue': best.iCue },
    tunedOn: 'PolNeAR dev (CofeNet valid.jsonl, article protocol), best mean exact F1 of source, cue and content',
    command: `${analysisProfile() === 'fast' ? 'WHOSAID_PROFILE=fast ' : ''}node dist/eval/polnear/tune-bias.js --write`,
    dev: { source: round(best.source), cue: round(best.cue), content: round(best.content) },
    grid: rows.map((r) => ({ 'B-cue': r.bCue, 'I-cue': r.iCue, source: round(r.source), cue: round(r.cue), content: round(r.content) })),
  }
  process.stdout.write(JSON.stringify(decoding.labelBias) + ` dev ${JSON.stringify(decoding.dev)}\n`)
  if (process.argv.includes('--write')) writeFileSync(decodingPath(attributionModelPath()), JSON.stringify(decoding, null, 1) + '\n')
}

const round = (x: number): number => Math.round(x * 100) / 100

main()
