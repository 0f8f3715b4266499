/**
 * Groups the reader's units into batches for the workers: a batch closes when it has `units` units
 * or `chars` of text, or when its first unit has waited `waitMs` (a slow pipe on standard input
 * must not hold finished articles back). Ends early, without waiting for the reader, on `signal`.
 */
import type { RawInput } from '../ingest/raw.js'

export interface BatchOptions {
  units: number
  chars: number
  waitMs: number
  signal?: AbortSignal
}

const TIMEOUT = Symbol('timeout')
const ABORTED = Symbol('aborted')

function weight(input: RawInput): number {
  return input.kind === 'error' ? 0 : input.text.length
}

export async function* batchUnits(source: AsyncIterable<RawInput>, options: BatchOptions): AsyncGenerator<RawInput[]> {
  const iterator = source[Symbol.asyncIterator]()
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (options.signal?.aborted) resolve(ABORTED)
    options.signal?.addEventListener('abort', () => resolve(ABORTED), { once: true })
  })
  let batch: RawInput[] = []
  let chars = 0
  let deadline = 0
  let next: Promise<IteratorResult<RawInput>> | null = null
  let finished = false
  try {
    for (;;) {
      next ??= iterator.next()
      const racers: Array<Promise<IteratorResult<RawInput> | typeof TIMEOUT | typeof ABORTED>> = [next, aborted]
      let timer: NodeJS.Timeout | undefined
      if (batch.length > 0) racers.push(new Promise((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, deadline - Date.now())))))
      const result = await Promise.race(racers)
      clearTimeout(timer)
      if (result === ABORTED) return
      if (result === TIMEOUT) {
        yield batch
        batch = []
        chars = 0
        continue
      }
      next = null
      if (result.done) {
        finished = true
        break
      }
      if (batch.length === 0) deadline = Date.now() + options.waitMs
      batch.push(result.value)
      chars += weight(result.value)
      if (batch.length >= options.units || chars >= options.chars) {
        yield batch
        batch = []
        chars = 0
      }
    }
    if (batch.length > 0) yield batch
  } finally {
    // Stopped early: let the reader close its files, without waiting on a read that may never end.
    if (!finished) void iterator.return?.(undefined)?.catch(() => undefined)
  }
}
