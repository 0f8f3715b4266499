/**
 * Score the shipped stance model on the FNC-1 competition test set:
 * `node dist/stance/eval.js [--json] [--model path] [--decision argmax|fnc] [--readme]`.
 * With --readme the scores also go into models/stance.README.md (section "Competition test").
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadFnc1, modelsDir } from './data.js'
import { decide, loadModel, type Decision } from './model.js'
import type { Analysed } from './features.js'
import { LABELS, report } from './score.js'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf('--' + name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const model = loadModel(arg('model') ?? join(modelsDir(), 'stance.bin.gz'))
const decision = (arg('decision') as Decision | undefined) ?? model.decision
const test = loadFnc1('competition_test')
const t0 = Date.now()
const hs = new Map<string, Analysed>()
const bs = new Map<number, Analysed>()
const gold = new Int32Array(test.pairs.length)
const pred = new Int32Array(test.pairs.length)
test.pairs.forEach((p, i) => {
  let h = hs.get(p.headline)
  if (!h) hs.set(p.headline, (h = model.analyse(p.headline)))
  let b = bs.get(p.bodyId)
  if (!b) bs.set(p.bodyId, (b = model.analyse(test.bodies.get(p.bodyId)!)))
  gold[i] = p.label
  pred[i] = decide(model.probs(model.example(h, b)), decision)
})
const seconds = (Date.now() - t0) / 1000
// speed of predict() on a short claim and statement, analysis included
const tb = process.hrtime.bigint()
const reps = 2000
for (let i = 0; i < reps; i++) model.predict('Apple to buy Tesla for $75 billion', `Apple denied reports that it plans to buy Tesla, calling them false (${i}).`)
const predictMs = Math.round(Number(process.hrtime.bigint() - tb) / 1e6 / reps * 1000) / 1000
const r = report(gold, pred)
const { null: nul, accuracy, ...fnc1 } = r
if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify({ fnc1: { ...fnc1, null: nul, accuracy, decision, pairs: test.pairs.length, seconds, predict_ms_short: predictMs } }) + '\n')
} else {
  const out: string[] = []
  out.push(`FNC-1 competition test, ${test.pairs.length} pairs, decision ${decision}, ${seconds.toFixed(1)} s; predict() on a short pair ${predictMs} ms`)
  out.push(`FNC-1 score ${r.relative}% (${r.raw} / ${r.max}; all-unrelated ${r.null}), accuracy ${r.accuracy}%, macro-F1 ${r.f1_macro}`)
  out.push(`F1: ${LABELS.map((l) => `${l} ${r.per_class_f1[l]}`).join(', ')}`)
  out.push(`confusion (rows gold, columns predicted: ${LABELS.join(' ')}):`)
  r.confusion.forEach((row, g) => out.push(`  ${LABELS[g]!.padEnd(10)} ${row.map((v) => String(v).padStart(6)).join('')}`))
  process.stdout.write(out.join('\n') + '\n')
}

if (process.argv.includes('--readme')) {
  const path = join(modelsDir(), 'stance.README.md')
  const old = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const section = [
    '## Competition test',
    '',
    `\`node dist/stance/eval.js\` on the ${test.pairs.length} FNC-1 competition test pairs (decision \`${decision}\`), read only for this score:`,
    '',
    '| FNC-1 % | raw / max | accuracy | macro-F1 | F1 agree / disagree / discuss / unrelated |',
    '| --- | --- | --- | --- | --- |',
    `| ${r.relative} | ${r.raw} / ${r.max} | ${r.accuracy} | ${r.f1_macro} | ${LABELS.map((l) => r.per_class_f1[l]).join(' / ')} |`,
    '',
    `Confusion (rows gold, columns predicted, ${LABELS.join(' / ')}):`,
    '```',
    ...r.confusion.map((row) => row.join('\t')),
    '```',
    '',
    'Published: SOLAT in the SWEN 82.02, Athene 81.97, UCLMR 81.72; all-unrelated ' + r.null + ' (' + ((100 * r.null) / r.max).toFixed(2) + ' %).',
    `Speed: the whole test set in ${seconds.toFixed(1)} s (bodies analysed once); predict() on a short claim and statement ${predictMs} ms.`,
    '',
  ].join('\n')
  const i = old.indexOf('## Competition test')
  writeFileSync(path, (i >= 0 ? old.slice(0, i) : old.endsWith('\n') ? old + '\n' : old + '\n\n') + section)
}
