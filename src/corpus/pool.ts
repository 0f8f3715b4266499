/**
 * Worker threads for the parallel ingest: up to `size` workers (started when there is work for
 * them), each with its own copy of the parsers and pipeline, and one copy of the model weights for
 * them all: before the first worker starts, this thread loads the pipeline's models with sharing on
 * (util/shared-models.ts) and every worker rebuilds the models around that shared memory. A batch
 * is parsed and analysed by the same worker, which holds its articles in between. A worker that
 * dies (an uncaught error, out of memory) or stops answering fails the batches it held, and a
 * fresh one takes its place.
 */
import { Worker } from 'node:worker_threads'
import type { RawUnit } from '../ingest/raw.js'
import { loadModels, type AnalyzeOptions } from '../pipeline/analyze.js'
import { enableModelSharing, modelSnapshots, type ModelSnapshots } from '../util/shared-models.js'
import type { Executor } from './executor.js'
import type { AnalyzedItem, ParsedItem } from './work.js'

export type ToWorker =
  | { type: 'parse'; batch: number; units: readonly RawUnit[] }
  | { type: 'analyze'; batch: number; keep: readonly boolean[] }
  | { type: 'release'; batch: number }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'parsed'; batch: number; groups: ParsedItem[][] }
  | { type: 'analyzed'; batch: number; results: Array<AnalyzedItem | null> }

/** A worker died or stopped answering while it held the batch. */
export class WorkerCrash extends Error {
  override name = 'WorkerCrash'
}

/** Workers kept dying: the run cannot go on. */
export class PoolBroken extends WorkerCrash {
  override name = 'PoolBroken'
}

export interface PoolOptions {
  analyze?: AnalyzeOptions
  /** A worker that has not answered one request after this long is stopped (default 10 minutes). */
  requestTimeoutMs?: number
  /** More crashes than this end the run: something is wrong beyond one bad article (default 20). */
  maxCrashes?: number
  /** Share the model weights between the workers (default true); false: each worker loads its own copy. */
  shareModels?: boolean
}

/** What a worker thread gets as `workerData`. */
export interface WorkerSetup {
  analyze: AnalyzeOptions
  /** The main thread's models, their weights in shared memory; null: load them from the files. */
  models: ModelSnapshots | null
}

interface Waiting {
  resolve: (value: never) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

interface Slot {
  worker: Worker
  alive: boolean
  /** Batches this worker holds (parsed, not yet analysed or released). */
  batches: Set<number>
  waiting: Map<number, Waiting>
}

/**
 * Most MB of a worker's V8 young generation. The analysis allocates many short-lived objects per
 * article; session 4 capped it at 8 MB to save 20-25 MB of RSS per worker, but a bigger young
 * generation scavenges less often: with 32 MB, garbage collection fell from about 4% to 2% of a
 * fast-profile worker's CPU and a 2-worker ingest of 1,500 articles ran ~3.5% faster (median of 6
 * alternated pairs, 65.6k against 62.8k words/s; 16 MB: 62.7k), for ~60-100 MB more peak RSS
 * (docs/BENCH.md).
 */
const WORKER_YOUNG_GENERATION_MB = 32

/** The compiled worker script, next to this module (dist/corpus/worker.js). */
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url)

export class WorkerPool implements Executor {
  private readonly slots: Slot[] = []
  private readonly owner = new Map<number, Slot>()
  private crashes = 0
  private closed = false
  private models: ModelSnapshots | null | undefined

  constructor(
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be a positive integer, not ${size}`)
  }

  parse(batch: number, units: readonly RawUnit[]): Promise<ParsedItem[][]> {
    let slot: Slot
    try {
      slot = this.pick()
    } catch (error) {
      return Promise.reject(error)
    }
    slot.batches.add(batch)
    this.owner.set(batch, slot)
    return this.request<ParsedItem[][]>(slot, batch, { type: 'parse', batch, units })
  }

  analyze(batch: number, keep: readonly boolean[]): Promise<Array<AnalyzedItem | null>> {
    const slot = this.owner.get(batch)
    if (!slot?.alive) return Promise.reject(new WorkerCrash('the worker holding this batch stopped'))
    return this.request<Array<AnalyzedItem | null>>(slot, batch, { type: 'analyze', batch, keep }).finally(() => this.forget(batch))
  }

  release(batch: number): void {
    const slot = this.owner.get(batch)
    this.forget(batch)
    if (slot?.alive) slot.worker.postMessage({ type: 'release', batch } satisfies ToWorker)
  }

  /** Workers started so far (alive). */
  get started(): number {
    return this.slots.filter((slot) => slot.alive).length
  }

  async close(): Promise<void> {
    this.closed = true
    const slots = this.slots.splice(0)
    for (const slot of slots) this.fail(slot, new WorkerCrash('the worker pool was closed'))
    await Promise.all(slots.map((slot) => slot.worker.terminate().catch(() => 0)))
  }

  private forget(batch: number): void {
    this.owner.get(batch)?.batches.delete(batch)
    this.owner.delete(batch)
  }

  /** The least busy worker; a new one while some are busy and the pool is not full. */
  private pick(): Slot {
    if (this.crashes > (this.options.maxCrashes ?? 20)) throw new PoolBroken(`${this.crashes} analysis workers stopped; giving up`)
    if (this.closed) throw new WorkerCrash('the worker pool is closed')
    let best: Slot | null = null
    for (const slot of this.slots) if (slot.alive && (best === null || slot.batches.size < best.batches.size)) best = slot
    if (best === null || (best.batches.size > 0 && this.slots.length < this.size)) return this.spawn()
    return best
  }

  /** The model snapshots for the workers, made before the first one starts. */
  private sharedModels(): ModelSnapshots | null {
    if (this.models === undefined) {
      if (this.options.shareModels ?? true) {
        // The models only (Stage.load): this thread analyses nothing, so it needs no more of the pipeline.
        enableModelSharing()
        loadModels()
        this.models = modelSnapshots()
      } else {
        this.models = null
      }
    }
    return this.models
  }

  private spawn(): Slot {
    const workerData: WorkerSetup = { analyze: this.options.analyze ?? {}, models: this.sharedModels() }
    const worker = new Worker(WORKER_SCRIPT, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } })
    const slot: Slot = { worker, alive: true, batches: new Set(), waiting: new Map() }
    this.slots.push(slot)
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') return
      const waiting = slot.waiting.get(message.batch)
      if (!waiting) return
      slot.waiting.delete(message.batch)
      clearTimeout(waiting.timer)
      waiting.resolve((message.type === 'parsed' ? message.groups : message.results) as never)
    })
    worker.on('error', (error) => this.crash(slot, `the analysis worker failed: ${error.message}`))
    worker.on('exit', (code) => this.crash(slot, `the analysis worker exited with code ${code}`))
    return slot
  }

  private request<T>(slot: Slot, batch: number, message: ToWorker): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 10 * 60_000
      const timer = setTimeout(() => {
        this.crash(slot, `the analysis worker did not answer within ${Math.round(timeoutMs / 1000)} s`)
        void slot.worker.terminate()
      }, timeoutMs)
      slot.waiting.set(batch, { resolve: resolve as (value: never) => void, reject, timer })
      slot.worker.postMessage(message)
    })
  }

  private crash(slot: Slot, reason: string): void {
    if (!slot.alive || this.closed) return
    this.crashes++
    const index = this.slots.indexOf(slot)
    if (index >= 0) this.slots.splice(index, 1)
    this.fail(slot, new WorkerCrash(reason))
    for (const batch of slot.batches) this.owner.delete(batch)
    slot.batches.clear()
    void slot.worker.terminate().catch(() => 0)
  }

  private fail(slot: Slot, error: Error): void {
    slot.alive = false
    for (const waiting of slot.waiting.values()) {
      clearTimeout(waiting.timer)
      waiting.reject(error)
    }
    slot.waiting.clear()
  }
}
