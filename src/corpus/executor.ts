/**
 * Where parsing and analysis run: on the calling thread (`InProcessExecutor`, one worker) or on
 * worker threads (`WorkerPool`, pool.ts). The ingest loop talks to both through this interface.
 */
import type { RawUnit } from '../ingest/raw.js'
import type { AnalyzeOptions } from '../pipeline/analyze.js'
import { BatchWork, type AnalyzedItem, type ParsedItem } from './work.js'

export interface Executor {
  /** Phase 1: parse and hash; the articles stay with the executor until `analyze` or `release`. */
  parse(batch: number, units: readonly RawUnit[]): Promise<ParsedItem[][]>
  /** Phase 2: analyse the parsed items marked in `keep` (aligned with the flattened parse result). */
  analyze(batch: number, keep: readonly boolean[]): Promise<Array<AnalyzedItem | null>>
  /** Forget a parsed batch that needs no analysis. */
  release(batch: number): void
  close(): Promise<void>
}

/** One worker: the work runs on the calling thread, one batch per event-loop turn. */
export class InProcessExecutor implements Executor {
  private readonly work: BatchWork

  constructor(options: AnalyzeOptions = {}) {
    this.work = new BatchWork(options)
  }

  parse(batch: number, units: readonly RawUnit[]): Promise<ParsedItem[][]> {
    // setImmediate: timers (the commit deadline) and signals get their turn between batches.
    return new Promise((resolve) => setImmediate(() => resolve(this.work.parse(batch, units))))
  }

  analyze(batch: number, keep: readonly boolean[]): Promise<Array<AnalyzedItem | null>> {
    return new Promise((resolve) => setImmediate(() => resolve(this.work.analyze(batch, keep))))
  }

  release(batch: number): void {
    this.work.release(batch)
  }

  async close(): Promise<void> {}
}
