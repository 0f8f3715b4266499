/**
 * What travels through the queue: one job per article, named by the article's content hash, carrying
 * the parsed Article (so workers need no access to the input files) and where it was read from.
 */
import type { JobsOptions } from 'bullmq'
import type { Article } from '../doc/schema.js'

/** The BullMQ job name of every whosaid job. */
export const JOB_NAME = 'analyze'

export interface ArticleJob {
  article: Article
  /** File (and line, for JSONL) the article was read from: stored as the article's `source`. */
  source: string
  /** False when enqueued with `--no-language-check`: analyse even if the text is not detected as English. */
  requireEnglish?: false
}

export interface ArticleJobResult {
  /** Id of the article row, or null when the store already held it before analysis. */
  articleId: number | null
  /** True when this job wrote the article; false when an earlier attempt or another worker had. */
  inserted: boolean
  words: number
  statements: number
}

export const DEFAULT_ATTEMPTS = 3
/** First retry after this, then twice as long each time (BullMQ's exponential backoff). */
export const DEFAULT_BACKOFF_MS = 1000
/**
 * Completed jobs kept for `status` and for de-duplication of re-enqueued articles. Older ones are
 * removed; an article enqueued again after that is skipped by the worker's content-hash check.
 */
export const KEEP_COMPLETED = 1000

export function jobOptions(contentHash: string, retry: { attempts: number; backoffMs: number }): JobsOptions {
  return {
    jobId: contentHash,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { count: KEEP_COMPLETED },
    // The failed set is the dead-letter list: nothing leaves it unless someone retries or removes it.
    removeOnFail: false,
  }
}

/** Whitespace-separated words, as `whosaid ingest` counts them. */
export function countWords(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}
