/**
 * `whosaid ingest PATHS --queue redis://...`: read the inputs as `whosaid ingest` does and put one
 * job per article on the queue, for `whosaid worker` processes to analyse and store. The job id is
 * the article's content hash, so enqueueing the same corpus twice adds nothing the second time.
 */
import { Queue } from 'bullmq'
import { contentHash } from '../doc/serialize.js'
import { readInputs, type ReadOptions } from '../ingest/read.js'
import { describeSource } from '../ingest/types.js'
import { checkKeyPart, DEFAULT_PREFIX, DEFAULT_QUEUE_NAME, RedisLink, type QueueLocation } from './connection.js'
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, JOB_NAME, jobOptions, type ArticleJob } from './jobs.js'

export interface EnqueueOptions extends ReadOptions {
  /** False: the workers analyse these articles even when they are not detected as English. */
  requireEnglish?: boolean
  attempts?: number
  backoffMs?: number
  /** Articles sent to Redis per round trip. */
  batchSize?: number
  signal?: AbortSignal
  onProblem?: (problem: { where: string; code: string; message: string }) => void
  onProgress?: (counts: Readonly<EnqueueCounts>) => void
}

export interface EnqueueCounts {
  read: number
  /** New jobs added. */
  enqueued: number
  /** Articles whose job already exists (waiting, active, delayed, failed, or recently completed). */
  duplicates: number
  /** Inputs that could not be read as articles. */
  failed: number
}

const DEFAULT_BATCH = 100

export async function enqueuePaths(paths: readonly string[], location: QueueLocation, options: EnqueueOptions = {}): Promise<EnqueueCounts> {
  const name = checkKeyPart('queue name', location.name ?? DEFAULT_QUEUE_NAME)
  const prefix = checkKeyPart('prefix', location.prefix ?? DEFAULT_PREFIX)
  const retry = { attempts: options.attempts ?? DEFAULT_ATTEMPTS, backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS }
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const link = await RedisLink.open(location.url)
  const queue = new Queue<ArticleJob>(name, { connection: link.client, prefix })
  queue.on('error', () => undefined)
  const counts: EnqueueCounts = { read: 0, enqueued: 0, duplicates: 0, failed: 0 }
  let batch = new Map<string, ArticleJob>()

  const flush = async (): Promise<void> => {
    if (batch.size === 0) return
    const jobs = [...batch]
    batch = new Map()
    // Look first, to count duplicates and not resend their text; adding with the same id is a no-op
    // anyway, so a job added by someone else in between is not duplicated either.
    const states = await Promise.all(jobs.map(([id]) => queue.getJobState(id)))
    const fresh = jobs.filter((_, i) => states[i] === 'unknown')
    counts.duplicates += jobs.length - fresh.length
    if (fresh.length > 0) {
      await queue.addBulk(fresh.map(([id, data]) => ({ name: JOB_NAME, data, opts: jobOptions(id, retry) })))
      counts.enqueued += fresh.length
    }
    options.onProgress?.(counts)
  }

  try {
    for await (const item of readInputs(paths, options)) {
      if (options.signal?.aborted) break
      counts.read++
      if (!item.ok) {
        counts.failed++
        options.onProblem?.({ where: item.error.where ?? describeSource(item.source), code: item.error.code, message: item.error.message })
        continue
      }
      const hash = contentHash(item.article)
      if (batch.has(hash)) counts.duplicates++
      else batch.set(hash, { article: item.article, source: describeSource(item.source), ...(options.requireEnglish === false ? { requireEnglish: false as const } : {}) })
      if (batch.size >= batchSize) await flush()
    }
    await flush()
    return counts
  } finally {
    await queue.close().catch(() => undefined)
    await link.close()
  }
}
