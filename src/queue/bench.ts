/**
 * Throughput of the distributed path on one machine: `node dist/queue/bench.js [--articles N]
 * [--workers W] [--concurrency C]` starts W `whosaid worker` processes on a fresh Redis key prefix
 * and PostgreSQL schema, waits until they have loaded the analysis models, enqueues N distinct
 * articles (the Wikinews samples, numbered) and times how long the workers take to store them all.
 * Everything is bounded (articles, workers, time) and cleaned up afterwards. Loopback services only:
 * WHOSAID_TEST_REDIS / WHOSAID_TEST_POSTGRES, as the tests use.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Article } from '../doc/schema.js'
import { readInputs } from '../ingest/read.js'
import { parseTextPage } from '../ingest/text.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { PostgresStore } from '../store/postgres/postgres-store.js'
import { requirePostgres, ScratchSchemas } from '../store/postgres/scratch.js'
import { packageRoot } from '../util/package-root.js'
import { enqueuePaths } from './enqueue.js'
import { countWords } from './jobs.js'
import { deleteKeys, randomPrefix, requireRedis, TEST_REDIS } from './scratch.js'
import { queueStatus } from './status.js'

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '400' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '4' },
    /** Also time one process analysing and storing the same articles itself, without the queue. */
    baseline: { type: 'boolean', default: false },
  },
})
const articles = bounded('articles', values.articles!, 1, 5000)
const workers = bounded('workers', values.workers!, 1, 8)
const concurrency = bounded('concurrency', values.concurrency!, 1, 32)
const DEADLINE_MS = 600_000
/** Loading the models takes seconds; a worker not ready after this is broken. */
const READY_MS = 180_000
/** Ctrl-C stops the waiting; the clean-up still runs. */
const interrupted = new AbortController()
process.once('SIGINT', () => interrupted.abort())
process.once('SIGTERM', () => interrupted.abort())

function bounded(name: string, value: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`)
  return n
}

const root = packageRoot()
const scratch = mkdtempSync(join(tmpdir(), 'whosaid-bench-'))
const prefix = randomPrefix('bench')
const schemas = new ScratchSchemas('bench')
const store = schemas.next()
const children: ChildProcess[] = []

async function main(): Promise<void> {
  await requireRedis()
  await requirePostgres()

  // N distinct articles: the samples in turn, each numbered so that its content hash differs.
  const folder = join(root, 'examples', 'wikinews')
  const samples = readdirSync(folder).filter((name) => name.endsWith('.txt')).sort()
    .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
  const lines: string[] = []
  let words = 0
  for (let i = 0; i < articles; i++) {
    const sample = samples[i % samples.length]!
    const text = `${sample.text}\n\nCopy ${i}.`
    words += countWords(text)
    lines.push(JSON.stringify({ title: `${sample.headline} (${i})`, text, date: sample.published, outlet: sample.outlet }))
  }
  const corpus = join(scratch, 'corpus.jsonl')
  writeFileSync(corpus, lines.join('\n') + '\n')

  const ready: Array<Promise<void>> = []
  for (let w = 0; w < workers; w++) {
    const child = spawn(process.execPath, [join(root, 'bin', 'whosaid.js'), 'worker', '--queue', TEST_REDIS, '--prefix', prefix, '--store', store, '--concurrency', String(concurrency)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    children.push(child)
    ready.push(
      new Promise((resolve, reject) => {
        let log = ''
        child.stderr!.on('data', (chunk: Buffer) => {
          log += chunk.toString()
          if (log.includes('analysis ready')) resolve()
        })
        child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)))
        setTimeout(() => reject(new Error(`worker not ready within ${READY_MS / 1000} s:\n${log}`)), READY_MS).unref()
        interrupted.signal.addEventListener('abort', () => reject(new Error('interrupted')))
      }),
    )
  }
  await Promise.all(ready)
  process.stderr.write(`${workers} workers ready (concurrency ${concurrency}); enqueueing ${articles} articles\n`)

  const started = Date.now()
  const enqueued = await enqueuePaths([corpus], { url: TEST_REDIS, prefix })
  const enqueueSeconds = (Date.now() - started) / 1000
  if (enqueued.enqueued !== articles) throw new Error(`enqueued ${enqueued.enqueued} of ${articles}`)
  let status = await queueStatus({ url: TEST_REDIS, prefix }, { failures: 3 })
  while (status.counts.completed + status.counts.failed < articles) {
    if (Date.now() - started > DEADLINE_MS) throw new Error(`not done within ${DEADLINE_MS / 1000} s: ${JSON.stringify(status.counts)}`)
    if (interrupted.signal.aborted) throw new Error('interrupted')
    await new Promise((resolve) => setTimeout(resolve, 100))
    status = await queueStatus({ url: TEST_REDIS, prefix }, { failures: 3 })
  }
  const seconds = (Date.now() - started) / 1000
  if (status.counts.failed > 0) throw new Error(`${status.counts.failed} jobs failed: ${JSON.stringify(status.failures)}`)

  const result = {
    articles,
    words,
    workers,
    concurrency,
    enqueueSeconds: round(enqueueSeconds),
    seconds: round(seconds),
    articlesPerSecond: round(articles / seconds),
    wordsPerSecond: Math.round(words / seconds),
  }
  process.stdout.write(JSON.stringify(result) + '\n')
  if (values.baseline) process.stdout.write(JSON.stringify(await baseline(corpus, words)) + '\n')
}

/** The same articles analysed and stored by this one process, in turn, into a fresh schema. */
async function baseline(corpus: string, words: number): Promise<object> {
  const store = await PostgresStore.open(schemas.next())
  try {
    const items: Article[] = []
    for await (const item of readInputs([corpus])) if (item.ok) items.push(item.article)
    analyzeArticle(items[0]!) // load the models outside the timing, as the workers do
    const started = Date.now()
    for (const article of items) {
      if (interrupted.signal.aborted) throw new Error('interrupted')
      await store.putAnalysis(analyzeArticle(article), 'baseline')
    }
    const seconds = (Date.now() - started) / 1000
    return { baseline: 'one process, no queue', articles: items.length, seconds: round(seconds), articlesPerSecond: round(items.length / seconds), wordsPerSecond: Math.round(words / seconds) }
  } finally {
    await store.close()
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

try {
  await main()
} finally {
  for (const child of children) child.kill('SIGTERM')
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)))
  rmSync(scratch, { recursive: true, force: true })
  await deleteKeys(prefix)
  await schemas.dropAll()
}
