/**
 * Progress of a corpus ingest for a person watching: a bar on a terminal (articles, rate, and the
 * share of input bytes read with an ETA when the total is known), a log line every few seconds
 * otherwise (CI logs, `nohup`, pipes).
 */
import cliProgress from 'cli-progress'
import type { IngestCounts } from './ingest.js'

export interface ProgressOptions {
  stream: NodeJS.WritableStream
  /** Draw a bar (a terminal); else write a log line every `intervalMs`. */
  bar: boolean
  /** Input bytes in all, when known (files and folders; not standard input). */
  totalBytes: number | null
  intervalMs?: number
}

export interface Progress {
  update(counts: Readonly<IngestCounts>): void
  stop(): void
}

export function ingestProgress(options: ProgressOptions): Progress {
  const started = Date.now()
  const total = options.totalBytes !== null && options.totalBytes > 0 ? options.totalBytes : null
  const rate = (counts: Readonly<IngestCounts>) => counts.read / Math.max(0.001, (Date.now() - started) / 1000)

  if (options.bar) {
    const format = total
      ? '{bar} {percentage}% | {read} articles | {stored} new | {skipped} already stored | {failed} failed | {rate}/s | ETA {eta_formatted}'
      : '{read} articles | {stored} new | {skipped} already stored | {failed} failed | {rate}/s'
    const bar = new cliProgress.SingleBar(
      { format, stream: options.stream as NodeJS.WriteStream, etaBuffer: 200, hideCursor: false },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total ?? 0, 0, { read: 0, stored: 0, skipped: 0, failed: 0, rate: '0' })
    let stopped = false
    return {
      update(counts) {
        if (stopped) return
        bar.update(total ? Math.min(counts.bytes, total) : 0, { ...counts, rate: rate(counts).toFixed(1) })
      },
      stop() {
        if (!stopped) bar.stop()
        stopped = true
      },
    }
  }

  const interval = options.intervalMs ?? 5000
  let last = started
  return {
    update(counts) {
      const now = Date.now()
      if (now - last < interval) return
      last = now
      let share = ''
      if (total && counts.bytes > 0) {
        const done = Math.min(1, counts.bytes / total)
        const eta = ((now - started) / 1000) * ((1 - done) / done)
        share = `, ${(done * 100).toFixed(0)}% of the input, ETA ${formatSeconds(eta)}`
      }
      options.stream.write(
        `whosaid: ${counts.read} read, ${counts.stored} new, ${counts.skipped} already stored, ${counts.failed} failed (${rate(counts).toFixed(1)} articles/s${share})\n`,
      )
    },
    stop() {},
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}
