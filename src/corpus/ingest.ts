/**
 * Corpus ingest: read inputs, skip what the store already holds (by content hash, before any
 * analysis), analyse the rest and store it. Per-article problems are reported and counted; they
 * never stop the run.
 *
 * The main thread reads (raw units: decoded files, JSONL lines, WARC pages), sends them in batches
 * to the executor (this thread with one worker, worker threads with more), which parses and hashes
 * them; the main thread decides which hashes are new, the executor analyses those, and the main
 * thread alone writes, in input order, many articles per transaction (each article all-or-nothing).
 * At most a few batches are in flight, so memory stays bounded whatever the corpus size, and the
 * store ends up the same whatever the number of workers.
 */
import { availableParallelism, totalmem } from 'node:os'
import { WhosaidError } from '../errors.js'
import type { RawInput, RawUnit } from '../ingest/raw.js'
import { readRawInputs, type ReadOptions } from '../ingest/read.js'
import { describeSource } from '../ingest/types.js'
import type { AnalyzeOptions } from '../pipeline/analyze.js'
import type { PutEntry, Store } from '../store/store.js'
import { batchUnits } from './batches.js'
import { InProcessExecutor, type Executor } from './executor.js'
import { PoolBroken, WorkerCrash, WorkerPool } from './pool.js'
import { toErrorRecord, type AnalyzedItem, type ErrorRecord, type ParsedItem } from './work.js'

export interface IngestCounts {
  read: number
  stored: number
  skipped: number
  failed: number
  /** Words of the articles stored by this run. */
  words: number
  /** Input bytes read so far (compressed bytes for gzip files), for progress against the total. */
  bytes: number
}

export interface IngestProblem {
  where: string
  code: string
  message: string
}

export interface IngestOptions extends ReadOptions, AnalyzeOptions {
  onProgress?: (counts: Readonly<IngestCounts>) => void
  onProblem?: (problem: IngestProblem) => void
  /** Stop reading once this signal aborts; articles in flight are finished and committed. */
  signal?: AbortSignal
  /** Analysis threads: 1 (default) analyses on the calling thread, more start worker threads. */
  workers?: number
  /** Most articles per transaction (default 64). */
  commitArticles?: number
  /** Longest an analysed article waits for its transaction, in ms (default 250). */
  commitMs?: number
  /** Raw units per batch handed to a worker (default 16). */
  batchUnits?: number
}

/** The most worker threads `--workers` accepts. */
export const MAX_WORKERS = 64

const DEFAULT_COMMIT_ARTICLES = 64
const DEFAULT_COMMIT_MS = 250
const DEFAULT_BATCH_UNITS = 16
/** Transactions waiting for the store before reading pauses. */
const MAX_QUEUED_COMMITS = 2
/** Text per batch at most (UTF-16 code units), so a batch of large pages stays small. */
const BATCH_CHARS = 4 * 1024 * 1024

export async function ingestPaths(paths: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestCounts> {
  const workers = options.workers ?? 1
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new WhosaidError('E010', `workers must be an integer from 1 to ${MAX_WORKERS}`, String(workers))
  }
  const analyze: AnalyzeOptions = { requireEnglish: options.requireEnglish }
  const executor: Executor = workers === 1 ? new InProcessExecutor(analyze) : new WorkerPool(workers, { analyze })
  try {
    return await new IngestRun(store, executor, options, workers).run(paths)
  } finally {
    await executor.close()
  }
}

/** Counts up to `limit`; `acquire` waits while all are taken. */
class Slots {
  private taken = 0
  private readonly waiters: Array<() => void> = []

  constructor(private readonly limit: number) {}

  acquire(): Promise<void> {
    if (this.taken < this.limit) {
      this.taken++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.taken--
  }
}

/** One parsed item with the decision taken on it. */
type Decided = { item: ParsedItem; keep: boolean }

/** An analysed article waiting for its transaction. */
interface Pending extends PutEntry {
  hash: string
  words: number
}

class IngestRun {
  private readonly counts: IngestCounts = { read: 0, stored: 0, skipped: 0, failed: 0, words: 0, bytes: 0 }
  /** Hashes decided "new" and not committed yet: a second copy in flight is a duplicate. */
  private readonly unsettled = new Set<string>()
  private readonly slots: Slots
  private readonly stop = new AbortController()
  private nextBatch = 0
  /** Skip decisions are taken in input order (so the first copy of an article is the one kept)... */
  private decided: Promise<unknown> = Promise.resolve()
  /** ...and analyses handed to the writer in input order (so article ids do not depend on timing). */
  private handed: Promise<unknown> = Promise.resolve()
  private fatal: { error: unknown } | null = null
  private pending: Pending[] = []
  private commitTimer: NodeJS.Timeout | null = null
  private committed: Promise<unknown> = Promise.resolve()
  /** Transactions handed to the store and not yet written. */
  private queuedCommits = 0

  constructor(
    private readonly store: Store,
    private readonly executor: Executor,
    private readonly options: IngestOptions,
    workers: number,
  ) {
    // Enough batches in flight to keep every worker busy while the main thread writes a transaction
    // (which blocks it for tens of milliseconds), and few enough to keep memory small.
    this.slots = new Slots(workers === 1 ? 2 : 4 * workers + 2)
  }

  async run(paths: readonly string[]): Promise<IngestCounts> {
    const external = this.options.signal
    const onAbort = () => this.stop.abort()
    if (external?.aborted) this.stop.abort()
    external?.addEventListener('abort', onAbort, { once: true })
    try {
      const inputs = readRawInputs(paths, { ...this.options, onBytes: (bytes) => (this.counts.bytes += bytes) })
      const batches = batchUnits(inputs, {
        units: this.options.batchUnits ?? DEFAULT_BATCH_UNITS,
        chars: BATCH_CHARS,
        waitMs: this.options.commitMs ?? DEFAULT_COMMIT_MS,
        signal: this.stop.signal,
      })
      for await (const batch of batches) {
        await this.slots.acquire()
        if (this.fatal) break
        this.start(batch)
        if (this.stop.signal.aborted) break
      }
      // Drain: every batch started is finished and committed, also after an interruption.
      await this.handed
      this.commit()
      await this.committed
      if (this.fatal) throw this.fatal.error
      return this.counts
    } finally {
      external?.removeEventListener('abort', onAbort)
      if (this.commitTimer) clearTimeout(this.commitTimer)
    }
  }

  private start(inputs: RawInput[]): void {
    const batch = this.nextBatch++
    const units = inputs.filter((input): input is RawUnit => input.kind !== 'error')
    const parsed = units.length === 0 ? Promise.resolve([]) : this.executor.parse(batch, units).catch((error: unknown) => this.parseCrashed(error, units))
    const decision = this.decided.then(async () => this.decide(inputs, await parsed))
    this.decided = decision.catch(() => undefined)
    const analysed = decision.then((decided) => {
      if (decided.some((d) => d.keep)) {
        return this.executor.analyze(batch, decided.map((d) => d.keep)).catch((error: unknown) => this.analyzeCrashed(error, decided))
      }
      if (units.length > 0) this.executor.release(batch)
      return decided.map(() => null)
    })
    const handover = Promise.all([this.handed, decision, analysed]).then(([, decided, results]) => {
      this.account(decided, results)
      // A store slower than the workers (a networked one) holds the next batch back here, so that
      // analyses waiting for their transaction never pile up.
      return this.queuedCommits > MAX_QUEUED_COMMITS ? this.committed : undefined
    })
    this.handed = handover.catch((error: unknown) => this.fail(error)).finally(() => this.slots.release())
  }

  /** Whether each parsed item is new: not stored, and not already on its way to the store. */
  private async decide(inputs: readonly RawInput[], groups: ParsedItem[][]): Promise<Decided[]> {
    const decided: Decided[] = []
    let group = 0
    for (const input of inputs) {
      if (input.kind === 'error') {
        decided.push({ item: { ok: false, error: toErrorRecord(input.error, describeSource(input.source)), source: input.source }, keep: false })
        continue
      }
      for (const item of groups[group++] ?? []) {
        let keep = false
        if (item.ok && !this.unsettled.has(item.hash) && !(await this.store.hasArticle(item.hash))) {
          keep = true
          this.unsettled.add(item.hash)
        }
        decided.push({ item, keep })
      }
    }
    return decided
  }

  /** A worker that died while parsing fails the units it held; a broken pool or a bug ends the run. */
  private parseCrashed(error: unknown, units: readonly RawUnit[]): ParsedItem[][] {
    const record = crashRecord(error)
    return units.map((unit) => [{ ok: false, error: { ...record, where: describeSource(unit.source) }, source: unit.source }])
  }

  /** A worker that died while analysing fails the articles it held. */
  private analyzeCrashed(error: unknown, decided: readonly Decided[]): Array<AnalyzedItem | null> {
    const record = crashRecord(error)
    return decided.map((d) => (d.keep ? { ok: false, error: record } : null))
  }

  /** Counts and reports a batch in input order, and queues its analyses for the writer. */
  private account(decided: readonly Decided[], results: ReadonlyArray<AnalyzedItem | null>): void {
    decided.forEach(({ item, keep }, index) => {
      this.counts.read++
      if (!item.ok) {
        this.problem(item.error.where ?? describeSource(item.source), item.error)
        return
      }
      if (!keep) {
        this.counts.skipped++
        return
      }
      const result = results[index]
      if (result?.ok) {
        this.pending.push({ analysis: result.analysis, source: describeSource(item.source), hash: item.hash, words: item.words })
      } else {
        this.unsettled.delete(item.hash)
        this.problem(describeSource(item.source), result?.error ?? { code: 'E000', message: 'unexpected failure: no analysis came back', where: null })
      }
    })
    this.options.onProgress?.(this.counts)
    if (this.pending.length >= (this.options.commitArticles ?? DEFAULT_COMMIT_ARTICLES)) this.commit()
    else if (this.pending.length > 0 && this.commitTimer === null) {
      this.commitTimer = setTimeout(() => this.commit(), this.options.commitMs ?? DEFAULT_COMMIT_MS)
    }
  }

  private problem(where: string, error: ErrorRecord): void {
    this.counts.failed++
    this.options.onProblem?.({ where, code: error.code, message: error.message })
  }

  /** Writes what is pending in one transaction (after the ones before it). */
  private commit(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer)
    this.commitTimer = null
    const entries = this.pending
    this.pending = []
    if (entries.length === 0) return
    this.queuedCommits++
    this.committed = this.committed.then(async () => {
      if (this.fatal) return
      // One transaction for the lot (Store.putAnalyses): each article whole, a failing one left out alone.
      const results = await this.store.putAnalyses(entries.map(({ analysis, source }) => ({ analysis, source })))
      results.forEach((result, index) => {
        const entry = entries[index]!
        this.unsettled.delete(entry.hash)
        if (result instanceof WhosaidError) {
          this.problem(entry.source, { code: result.code, message: result.message, where: entry.source })
        } else if (result.inserted) {
          this.counts.stored++
          this.counts.words += entry.words
        } else {
          this.counts.skipped++
        }
      })
      this.options.onProgress?.(this.counts)
    }).catch((error: unknown) => this.fail(error)).finally(() => this.queuedCommits--)
  }

  /** A failure of the run itself (the store, the workers): stop reading and end with it. */
  private fail(error: unknown): void {
    this.fatal ??= { error }
    this.stop.abort()
  }
}

/** The error a crashed worker leaves on the items it held; rethrows anything that is not a crash. */
function crashRecord(error: unknown): ErrorRecord {
  if (error instanceof PoolBroken || !(error instanceof WorkerCrash)) throw error
  return { code: 'E000', message: `unexpected failure: ${error.message}`, where: null }
}

/**
 * `--workers` default: one per core, at most 8, and at most one per GB of memory (each worker holds
 * its own copy of the pipeline and its models).
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism(), Math.floor(totalmem() / 2 ** 30)))
}
