/**
 * Corpus ingest benchmark: `node dist/bench/ingest.js [--json] [--articles N] [--workers 1,2] [--profile accurate|fast]`.
 *
 * Writes a fixed JSONL corpus (the bundled samples, numbered so that every article has its own
 * content hash: 3000 by default) to a temporary folder, runs `whosaid ingest` on it into a fresh
 * store once per worker count, and reports words and articles per second (wall time of the whole
 * command, start-up included; and, as `ingest_sustained_wps_N`, from the first progress line past a
 * quarter of the corpus to the end, once the workers are warm), the scaling from the first to the last worker count, CPU time, the
 * peak resident memory of the ingest process (its worker threads included), and the 1-minute load
 * average before and after each run (on a shared machine, words/s depend on it; CPU time does not).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { countWords } from '../corpus/work.js'
import { parseTextPage } from '../ingest/text.js'
import { packageRoot } from '../util/package-root.js'

interface RunReport {
  code: number
  seconds: number
  peakRssMb: number
  cpuSeconds: number
  /**
   * After the warm-up: articles stored at the first progress line past a quarter of the corpus, and
   * seconds from that line to the end of the command (null when no line came in time).
   */
  sustained: { storedAtStart: number; seconds: number } | null
}

/** `whosaid: 640 read, 640 new, ...`: the periodic progress line of an ingest without a terminal. */
const PROGRESS_LINE = /^whosaid: \d+ read, (\d+) new,/

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name)
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback
}

const articles = Number(option('--articles', '3000'))
const workerCounts = option('--workers', '1,2').split(',').map(Number)
const json = process.argv.includes('--json')
const profile = option('--profile', 'accurate')
if (profile !== 'accurate' && profile !== 'fast') throw new Error(`--profile must be accurate or fast, not "${profile}"`)
/** Figures of the fast profile are named ingest_fast_* (ingest_fast_wps_2 ...), those of the default ingest_*. */
const key = (name: string): string => (profile === 'fast' ? name.replace(/^ingest_/, 'ingest_fast_') : name)
const log = (line: string) => process.stderr.write(`${line}\n`)

function writeCorpus(path: string): number {
  const folder = join(packageRoot(), 'examples', 'wikinews')
  const samples = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
  let words = 0
  const lines: string[] = []
  for (let i = 0; i < articles; i++) {
    const sample = samples[i % samples.length]!
    lines.push(JSON.stringify({ title: `${sample.headline} (${i})`, text: sample.text, date: sample.published, outlet: sample.outlet, url: `https://bench.example/${i}` }))
    words += countWords(sample.text)
  }
  writeFileSync(path, lines.join('\n') + '\n')
  return words
}

function ingest(corpus: string, store: string, workers: number): Promise<RunReport> {
  // Without a terminal and without --no-progress, whosaid logs its progress every 5 seconds: the
  // lines, timed as they arrive, give the rate once the workers are warm (models loaded, code
  // compiled), which is what a long ingest sustains.
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./ingest-child.js', import.meta.url)), 'ingest', corpus, '--store', store, '--workers', String(workers), '--profile', profile],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  let report = ''
  let pending = ''
  let warm: { stored: number; at: bigint } | null = null
  child.stderr!.on('data', (chunk: Buffer) => {
    const at = process.hrtime.bigint()
    stderr += chunk.toString()
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop()!
    for (const line of lines) {
      const stored = Number(PROGRESS_LINE.exec(line)?.[1] ?? -1)
      if (warm === null && stored >= articles / 4) warm = { stored, at }
    }
  })
  ;(child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (report += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      const end = process.hrtime.bigint()
      if (code !== 0 || !report) return reject(new Error(`whosaid ingest failed (${code}): ${stderr}`))
      log(stderr.trim().split('\n').at(-1) ?? '')
      const sustained = warm === null ? null : { storedAtStart: warm.stored, seconds: Number(end - warm.at) / 1e9 }
      resolve({ ...(JSON.parse(report) as Omit<RunReport, 'sustained'>), sustained })
    })
  })
}

const dir = mkdtempSync(join(tmpdir(), 'whosaid-bench-ingest-'))
try {
  const corpus = join(dir, 'corpus.jsonl')
  const words = writeCorpus(corpus)
  log(`corpus: ${articles} articles, ${words} words`)
  const figures: Record<string, number | string> = {}
  const put = (name: string, value: number): void => void (figures[key(name)] = value)
  let peak = 0
  const runs: Array<{ workers: number; report: RunReport }> = []
  for (const workers of workerCounts) {
    // The machine may be shared: the load around each run says how much of the CPU it had.
    put(`ingest_load_before_${workers}`, Math.round(loadavg()[0]! * 100) / 100)
    const report = await ingest(corpus, join(dir, `store-${workers}.db`), workers)
    put(`ingest_load_after_${workers}`, Math.round(loadavg()[0]! * 100) / 100)
    runs.push({ workers, report })
    put(`ingest_wps_${workers}`, Math.round(words / report.seconds))
    // The corpus cycles through the samples, so words per article are their mean from any point on.
    if (report.sustained) put(`ingest_sustained_wps_${workers}`, Math.round(((articles - report.sustained.storedAtStart) * (words / articles)) / report.sustained.seconds))
    put(`ingest_articles_per_s_${workers}`, Math.round((articles / report.seconds) * 10) / 10)
    put(`ingest_cpu_s_${workers}`, Math.round(report.cpuSeconds * 10) / 10)
    put(`ingest_rss_mb_${workers}`, report.peakRssMb)
    peak = Math.max(peak, report.peakRssMb)
  }
  put('ingest_peak_rss_mb', peak)
  if (runs.length > 1) {
    const first = runs[0]!
    const last = runs[runs.length - 1]!
    put(`ingest_scaling_${first.workers}_to_${last.workers}`, Math.round((first.report.seconds / last.report.seconds) * 100) / 100)
  }
  figures['ingest_corpus'] = `${articles} articles, ${words} words (examples/wikinews, numbered)`
  if (json) {
    process.stdout.write(JSON.stringify(figures) + '\n')
  } else {
    figures['node'] = process.version
    figures['cpu'] = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`
    for (const [name, value] of Object.entries(figures)) process.stdout.write(`${name.padEnd(28)} ${value}\n`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
