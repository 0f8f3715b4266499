/**
 * `whosaid worker`: takes article jobs from the queue, analyses each, and stores the analyses of the
 * jobs in flight together, one transaction per batch (batch-writer.ts), each article whole or not at
 * all. Any number of workers, on any number of machines, can share a queue and a store.
 *
 * Guarantees: a job is processed at least once (a worker that dies mid-job loses its lock, and
 * BullMQ's stalled-job check hands the job to another worker); the store is idempotent by content
 * hash, so processing a job twice stores its article once. A job that throws is retried with
 * exponential backoff; after its last attempt it stays in the failed set (the dead-letter list) with
 * the error as its reason. On SIGINT/SIGTERM the worker takes no new job, finishes those in flight
 * and exits; when they take longer than the grace period it leaves them (their locks expire and
 * another worker takes them over).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker, type Job } from 'bullmq'
import { contentHash } from '../doc/serialize.js'
import { WhosaidError } from '../errors.js'
import { analyzeArticle, warmUp } from '../pipeline/analyze.js'
import { openStore, parseStoreUrl } from '../store/open.js'
import { PostgresStore } from '../store/postgres/postgres-store.js'
import type { Store } from '../store/store.js'
import { BatchWriter } from './batch-writer.js'
import { checkKeyPart, DEFAULT_PREFIX, DEFAULT_QUEUE_NAME, RedisLink, type QueueLocation } from './connection.js'
import { countWords, type ArticleJob, type ArticleJobResult } from './jobs.js'

export const DEFAULT_CONCURRENCY = 4
/** How long a job's lock lasts without renewal (BullMQ renews it at half this while the job runs). */
export const DEFAULT_LOCK_MS = 30_000
/** How often workers look for jobs whose lock expired (their worker died). */
export const DEFAULT_STALLED_INTERVAL_MS = 30_000
/** How long a stopping worker waits for the jobs in flight before leaving them to others. */
export const DEFAULT_GRACE_MS = 30_000
/** How long an analysed job waits for others to share its transaction. */
export const DEFAULT_BATCH_WAIT_MS = 50


export interface WorkerOptions {
  store: string
  concurrency?: number
  lockDurationMs?: number
  stalledIntervalMs?: number
  graceMs?: number
  /** Refuse articles not detected as English (default true), as `whosaid ingest` does. */
  requireEnglish?: boolean
  /** Most analyses per store transaction (default: `concurrency`, every job in flight). */
  batchSize?: number
  /** How long an analysed job waits for others to share its transaction (default 50 ms). */
  batchWaitMs?: number
  /** Test hook: wait this long inside each job before analysing (to kill a worker mid-job). */
  jobDelayMs?: number
  /** Stop when this aborts (the CLI wires SIGINT/SIGTERM to it); a second abort of `force` skips the grace period. */
  signal: AbortSignal
  force?: AbortSignal
  /** Progress lines (job started, done, retried, failed); `verbose` adds one line per job. */
  log?: (line: string) => void
  verbose?: boolean
}

export interface WorkerSummary {
  stored: number
  /** Jobs whose article the store already held (an earlier attempt, another worker, or a re-enqueue). */
  skipped: number
  /** Attempts that threw (each retried, or moved to the failed set after the last). */
  failures: number
  words: number
  /** True when in-flight jobs were left to other workers because they outlasted the grace period. */
  abandoned: boolean
}

export async function runWorker(location: QueueLocation, options: WorkerOptions): Promise<WorkerSummary> {
  const name = checkKeyPart('queue name', location.name ?? DEFAULT_QUEUE_NAME)
  const prefix = checkKeyPart('prefix', location.prefix ?? DEFAULT_PREFIX)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const log = options.log ?? (() => undefined)
  const summary: WorkerSummary = { stored: 0, skipped: 0, failures: 0, words: 0, abandoned: false }

  const link = await RedisLink.open(location.url)
  let store: Store
  try {
    // One pooled connection per concurrent job, and a spare.
    store = parseStoreUrl(options.store).kind === 'postgres'
      ? await PostgresStore.open(options.store, { maxConnections: Math.max(4, concurrency + 1) })
      : await openStore(options.store)
  } catch (error) {
    await link.close()
    throw error
  }

  const writer = new BatchWriter(store, options.batchSize ?? concurrency, options.batchWaitMs ?? DEFAULT_BATCH_WAIT_MS)
  let watch: NodeJS.Timeout | undefined
  let worker: Worker<ArticleJob, ArticleJobResult> | undefined
  let closed = false
  const loopDelay = monitorEventLoopDelay({ resolution: 20 })
  try {
    // The first analysis loads the models, a long synchronous pause: take it before holding any job's
    // lock, which could expire meanwhile and hand the job to another worker for nothing.
    const warming = Date.now()
    warmUp()
    log(`analysis ready in ${((Date.now() - warming) / 1000).toFixed(1)} s`)

    const processJob = async (job: Job<ArticleJob, ArticleJobResult>): Promise<ArticleJobResult> => {
      const { article, source } = job.data
      const hash = contentHash(article)
      if (await store.hasArticle(hash)) {
        summary.skipped++
        return { articleId: null, inserted: false, words: 0, statements: 0 }
      }
      if (options.jobDelayMs) await new Promise((resolve) => setTimeout(resolve, options.jobDelayMs))
      let result: ArticleJobResult
      try {
        const requireEnglish = (options.requireEnglish ?? true) && job.data.requireEnglish !== false
        const analysis = analyzeArticle(article, { requireEnglish })
        const put = await writer.put({ analysis, source })
        result = { articleId: put.id, inserted: put.inserted, words: countWords(article.text), statements: analysis.statements.length }
      } catch (error) {
        // The job's failedReason: code, message and input, like `whosaid ingest` reports problems.
        if (error instanceof WhosaidError) throw new Error(`${error.code} ${error.message} (${source})`, { cause: error })
        throw error
      }
      if (result.inserted) {
        summary.stored++
        summary.words += result.words
      } else {
        summary.skipped++
      }
      return result
    }

    worker = new Worker<ArticleJob, ArticleJobResult>(name, processJob, {
      connection: link.client,
      prefix,
      concurrency,
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_MS,
      stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
      // A job whose worker died once is retried; twice, and it fails (it may be what kills workers).
      maxStalledCount: 1,
      autorun: false,
    })
    worker.on('error', (error) => log(`worker error: ${error.message}`))
    worker.on('failed', (job, error) => {
      summary.failures++
      if (!job) return
      const attempts = job.opts.attempts ?? 1
      const final = job.attemptsMade >= attempts || job.finishedOn !== undefined
      log(`${final ? 'failed' : 'will retry'} ${job.id} (attempt ${job.attemptsMade} of ${attempts}): ${error.message}`)
    })
    worker.on('stalled', (jobId) => log(`took over ${jobId}: its worker stopped answering`))
    if (options.verbose) {
      worker.on('active', (job) => log(`started ${job.id} ${job.data.source}`))
      worker.on('completed', (job, result) => log(`done ${job.id} ${result.inserted ? `stored as article ${result.articleId}` : 'already stored'}`))
    }

    // Jobs keep their locks only while the event loop turns: say so when it stalls long enough to lose them.
    const lockMs = options.lockDurationMs ?? DEFAULT_LOCK_MS
    loopDelay.enable()
    watch = setInterval(() => {
      const worst = loopDelay.max / 1e6
      loopDelay.reset()
      if (worst > lockMs / 2) log(`the event loop was blocked for ${worst.toFixed(0)} ms (lock duration ${lockMs} ms): jobs may be handed to other workers`)
    }, 1000)
    watch.unref()

    const stopped = new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve()
      else options.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    const running = options.signal.aborted ? Promise.resolve() : worker.run()
    await Promise.race([stopped, running])

    log(`stopping: finishing the jobs in flight (up to ${((options.graceMs ?? DEFAULT_GRACE_MS) / 1000).toFixed(0)} s)`)
    const closing = worker.close()
    const late = await Promise.race([
      closing.then(() => false),
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), options.graceMs ?? DEFAULT_GRACE_MS)
        options.force?.addEventListener('abort', () => {
          clearTimeout(timer)
          resolve(true)
        }, { once: true })
        closing.finally(() => clearTimeout(timer)).catch(() => undefined)
      }),
    ])
    if (late) {
      summary.abandoned = true
      log('leaving the jobs in flight to other workers (their locks expire)')
      await worker.close(true)
    }
    await running.catch(() => undefined)
    closed = true
  } finally {
    // On the way out after a failure: stop taking jobs, leave those in flight to other workers.
    if (worker && !closed) await worker.close(true).catch(() => undefined)
    if (watch) clearInterval(watch)
    loopDelay.disable()
    await writer.close()
    await store.close()
    await link.close()
  }
  return summary
}
