/**
 * Group commit for the queue worker: the jobs in flight hand their analyses here and wait; they are
 * stored together in one transaction (Store.putAnalyses) once `size` of them wait or the first has
 * waited `waitMs`. Each job learns its own outcome and completes only after its article is
 * committed, so a worker that dies loses no reported work. When the store fails, nothing of the batch
 * is stored and every job of the batch fails (BullMQ retries them); an article the store refuses
 * (E010) fails its own job alone.
 */
import { WhosaidError } from '../errors.js'
import type { PutEntry, PutResult, Store } from '../store/store.js'

interface Waiting {
  entry: PutEntry
  resolve: (result: PutResult) => void
  reject: (error: unknown) => void
}

export class BatchWriter {
  private waiting: Waiting[] = []
  private timer: NodeJS.Timeout | null = null
  /** Batches are written one after the other, in the order they closed. */
  private writing: Promise<void> = Promise.resolve()
  /** Transactions written, for tests and logs. */
  batches = 0

  constructor(
    private readonly store: Store,
    private readonly size: number,
    private readonly waitMs: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, not ${size}`)
  }

  put(entry: PutEntry): Promise<PutResult> {
    return new Promise<PutResult>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject })
      if (this.waiting.length >= this.size) this.flush()
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs)
    })
  }

  /** Closes the batch being gathered and queues it for writing. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.waiting.splice(0)
    if (batch.length === 0) return
    this.writing = this.writing.then(async () => {
      let outcomes
      try {
        outcomes = await this.store.putAnalyses(batch.map((waiting) => waiting.entry))
        this.batches++
      } catch (error) {
        for (const waiting of batch) waiting.reject(error)
        return
      }
      outcomes.forEach((outcome, i) => (outcome instanceof WhosaidError ? batch[i]!.reject(outcome) : batch[i]!.resolve(outcome)))
    })
  }

  /** Writes what waits and returns once every batch is written. */
  async close(): Promise<void> {
    this.flush()
    await this.writing
  }
}
