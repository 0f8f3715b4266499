/**
 * A/B speed comparison of two builds of whosaid on this machine:
 * `node dist/bench/ab.js --other DIR [--rounds 6] [--seconds 3] [--json]`.
 *
 * DIR is another checkout (built: `npx tsc -p tsconfig.json`, with its node_modules), for
 * example an earlier commit cloned beside this one. Each round runs the whole analysis pipeline
 * over the bundled sample articles once in a fresh process per build, in the order A B, then B A
 * in the next round, and so on: on a shared machine the speed drifts by 10-20% within minutes, so
 * two single runs taken one after the other say little, while a pair taken back to back shares
 * the drift. The verdict is the median over rounds of the per-round ratio B / A (words per
 * CPU-second of the analysing process, after a warm-up pass).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../util/package-root.js'

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name)
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** One measurement: a child process that imports `root`'s build and times its pipeline. */
function runOnce(root: string, seconds: number): number {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('./ab-child.js', import.meta.url)), root, String(seconds), join(here, 'examples')], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`ab: the run of ${root} failed: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`)
  return (JSON.parse(child.stdout.trim().split('\n').pop()!) as { wps: number }).wps
}

const here = packageRoot()
const otherArg = option('--other', '')
if (!otherArg) {
  process.stderr.write('ab: --other DIR (another built checkout of whosaid) is required\n')
  process.exit(2)
}
const other = resolve(otherArg)
for (const root of [here, other]) {
  if (!existsSync(join(root, 'dist', 'pipeline', 'analyze.js'))) {
    process.stderr.write(`ab: ${root} has no build (dist/pipeline/analyze.js); run npx tsc -p tsconfig.json there\n`)
    process.exit(2)
  }
}
const rounds = Number(option('--rounds', '6'))
const seconds = Number(option('--seconds', '3'))
const a: number[] = []
const b: number[] = []
const ratios: number[] = []
for (let r = 0; r < rounds; r++) {
  let wa: number
  let wb: number
  if (r % 2 === 0) {
    wa = runOnce(here, seconds)
    wb = runOnce(other, seconds)
  } else {
    wb = runOnce(other, seconds)
    wa = runOnce(here, seconds)
  }
  a.push(wa)
  b.push(wb)
  ratios.push(wb / wa)
  process.stderr.write(`round ${r + 1}/${rounds}: A ${wa}  B ${wb}  B/A ${(wb / wa).toFixed(3)}\n`)
}
const result = {
  a: { root: here, median_wps: Math.round(median(a)), min: Math.min(...a), max: Math.max(...a) },
  b: { root: other, median_wps: Math.round(median(b)), min: Math.min(...b), max: Math.max(...b) },
  ratio_b_over_a: { median: Number(median(ratios).toFixed(3)), min: Number(Math.min(...ratios).toFixed(3)), max: Number(Math.max(...ratios).toFixed(3)) },
  rounds,
}
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n')
else {
  process.stdout.write(`A ${here}: median ${result.a.median_wps} words/CPU-s (${result.a.min}-${result.a.max})\n`)
  process.stdout.write(`B ${other}: median ${result.b.median_wps} words/CPU-s (${result.b.min}-${result.b.max})\n`)
  process.stdout.write(`B / A per round: median ${result.ratio_b_over_a.median} (${result.ratio_b_over_a.min}-${result.ratio_b_over_a.max}) over ${rounds} rounds\n`)
}
