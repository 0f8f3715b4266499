/**
 * `whosaid status --queue redis://...`: how many jobs wait, run, are done, failed (the dead-letter
 * list) or wait for a retry, how many workers are connected, and the latest failures with reasons.
 */
import { Queue } from 'bullmq'
import { checkKeyPart, DEFAULT_PREFIX, DEFAULT_QUEUE_NAME, RedisLink, type QueueLocation } from './connection.js'
import type { ArticleJob } from './jobs.js'

export interface QueueCounts {
  waiting: number
  active: number
  completed: number
  failed: number
  /** Waiting for a retry (backoff) or scheduled for later. */
  delayed: number
}

export interface QueueFailure {
  /** The job id: the article's content hash. */
  id: string
  source: string | null
  headline: string | null
  reason: string
  attempts: number
  failedAt: string | null
}

export interface QueueStatus {
  queue: string
  prefix: string
  counts: QueueCounts
  /** Workers connected to the queue now (from the server's client list). */
  workers: number | null
  /** Latest first. */
  failures: QueueFailure[]
}

export const DEFAULT_FAILURES_SHOWN = 10

export async function queueStatus(location: QueueLocation, options: { failures?: number } = {}): Promise<QueueStatus> {
  const name = checkKeyPart('queue name', location.name ?? DEFAULT_QUEUE_NAME)
  const prefix = checkKeyPart('prefix', location.prefix ?? DEFAULT_PREFIX)
  const shown = options.failures ?? DEFAULT_FAILURES_SHOWN
  const link = await RedisLink.open(location.url)
  const queue = new Queue<ArticleJob>(name, { connection: link.client, prefix })
  queue.on('error', () => undefined)
  try {
    const raw = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized')
    const counts: QueueCounts = {
      // Prioritized jobs wait too (whosaid sets no priorities itself).
      waiting: (raw['waiting'] ?? 0) + (raw['prioritized'] ?? 0),
      active: raw['active'] ?? 0,
      completed: raw['completed'] ?? 0,
      failed: raw['failed'] ?? 0,
      delayed: raw['delayed'] ?? 0,
    }
    const failed = shown > 0 ? await queue.getFailed(0, shown - 1) : []
    const failures = failed.filter(Boolean).map(
      (job): QueueFailure => ({
        id: String(job.id),
        source: job.data?.source ?? null,
        headline: job.data?.article?.headline ?? null,
        reason: job.failedReason ?? '',
        attempts: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      }),
    )
    const workers = await queue.getWorkersCount().catch(() => null)
    return { queue: name, prefix, counts, workers, failures }
  } finally {
    await queue.close().catch(() => undefined)
    await link.close()
  }
}

export function formatStatus(status: QueueStatus): string {
  const { counts } = status
  const lines = [
    `queue ${status.prefix}:${status.queue}${status.workers === null ? '' : `, ${status.workers} worker${status.workers === 1 ? '' : 's'} connected`}`,
    `  waiting   ${counts.waiting}`,
    `  active    ${counts.active}`,
    `  completed ${counts.completed}`,
    `  failed    ${counts.failed}`,
    `  delayed   ${counts.delayed}`,
  ]
  if (status.failures.length > 0) {
    lines.push('', `latest failures (${status.failures.length} of ${counts.failed}):`)
    for (const failure of status.failures) {
      lines.push(`  ${failure.failedAt ?? '?'}  ${failure.id.slice(0, 12)}  after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}  ${failure.source ?? ''}`)
      lines.push(`    ${failure.reason.replace(/\s+/g, ' ')}`)
    }
  }
  return lines.join('\n') + '\n'
}
