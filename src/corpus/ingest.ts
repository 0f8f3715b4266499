/**
 * Corpus ingest: read inputs, skip what the store already holds (by content hash, before any
 * analysis), analyse the rest and store each article in its own transaction. Per-article problems
 * are reported and counted; they never stop the run.
 */
import { contentHash } from '../doc/serialize.js'
import { WhosaidError } from '../errors.js'
import { readInputs, type ReadOptions } from '../ingest/read.js'
import { describeSource } from '../ingest/types.js'
import { analyzeArticle, type AnalyzeOptions } from '../pipeline/analyze.js'
import type { Store } from '../store/store.js'

export interface IngestCounts {
  read: number
  stored: number
  skipped: number
  failed: number
  words: number
}

export interface IngestProblem {
  where: string
  code: string
  message: string
}

export interface IngestOptions extends ReadOptions, AnalyzeOptions {
  onProgress?: (counts: Readonly<IngestCounts>) => void
  onProblem?: (problem: IngestProblem) => void
  /** Stop after this signal aborts; the article in flight is finished or dropped, never half-stored. */
  signal?: AbortSignal
}

export async function ingestPaths(paths: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, stored: 0, skipped: 0, failed: 0, words: 0 }
  for await (const item of readInputs(paths, options)) {
    if (options.signal?.aborted) break
    counts.read++
    if (!item.ok) {
      counts.failed++
      options.onProblem?.({ where: item.error.where ?? describeSource(item.source), code: item.error.code, message: item.error.message })
      options.onProgress?.(counts)
      continue
    }
    try {
      if (await store.hasArticle(contentHash(item.article))) {
        counts.skipped++
      } else {
        const analysis = analyzeArticle(item.article, options)
        const result = await store.putAnalysis(analysis, describeSource(item.source))
        if (result.inserted) counts.stored++
        else counts.skipped++
        counts.words += countWords(item.article.text)
      }
    } catch (error) {
      counts.failed++
      const known = error instanceof WhosaidError
      options.onProblem?.({
        where: describeSource(item.source),
        code: known ? error.code : 'E000',
        message: known ? error.message : `unexpected failure: ${(error as Error).message}`,
      })
      // A store failure is not the article's fault: stop rather than report every article as bad.
      if (known && error.code === 'E013') throw error
    }
    options.onProgress?.(counts)
  }
  return counts
}

function countWords(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}
