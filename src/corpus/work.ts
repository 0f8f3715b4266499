/**
 * The work an analysis thread does for the corpus ingest, the same on the main thread (one worker)
 * and in worker threads: parse raw units into articles and hash them (phase 1), then, once the main
 * thread has said which hashes it does not hold yet, analyse those (phase 2). The parsed articles
 * wait here between the two phases, so only hashes and analyses cross between threads.
 */
import type { Analysis, Article } from '../doc/schema.js'
import { contentHash } from '../doc/serialize.js'
import { WhosaidError, type ErrorCode } from '../errors.js'
import { parseRawUnit, type RawUnit } from '../ingest/raw.js'
import { describeSource, type SourceRef } from '../ingest/types.js'
import { analyzeArticle, type AnalyzeOptions } from '../pipeline/analyze.js'

/** An error as plain data, to cross threads; `E000` is an unexpected failure (a bug). */
export interface ErrorRecord {
  code: ErrorCode | 'E000'
  message: string
  where: string | null
}

export type ParsedItem =
  | { ok: true; hash: string; words: number; source: SourceRef }
  | { ok: false; error: ErrorRecord; source: SourceRef }

export type AnalyzedItem = { ok: true; analysis: Analysis } | { ok: false; error: ErrorRecord }

export function toErrorRecord(error: unknown, where: string | null = null): ErrorRecord {
  if (error instanceof WhosaidError) return { code: error.code, message: error.message, where: error.where ?? where }
  const detail = error instanceof Error ? error.message : String(error)
  return { code: 'E000', message: `unexpected failure: ${detail}`, where }
}

/** Parsed articles held between the two phases, by batch number. */
export class BatchWork {
  private readonly held = new Map<number, Array<Article | null>>()

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** Phase 1: the items of each unit (one for most, several for a JSON array), with content hashes. */
  parse(batch: number, units: readonly RawUnit[]): ParsedItem[][] {
    const articles: Array<Article | null> = []
    const groups = units.map((unit) => {
      let items
      try {
        items = parseRawUnit(unit)
      } catch (error) {
        // The parsers turn their own failures into items; this is the last line of defence.
        items = [{ ok: false as const, error: error instanceof WhosaidError ? error : new WhosaidError('E001', `unexpected failure: ${(error as Error).message}`, describeSource(unit.source)), source: unit.source }]
      }
      return items.map((item): ParsedItem => {
        if (!item.ok) {
          articles.push(null)
          return { ok: false, error: toErrorRecord(item.error, describeSource(item.source)), source: item.source }
        }
        articles.push(item.article)
        return { ok: true, hash: contentHash(item.article), words: countWords(item.article.text), source: item.source }
      })
    })
    this.held.set(batch, articles)
    return groups
  }

  /** Phase 2: analyses of the kept articles of a parsed batch (null where not kept); frees the batch. */
  analyze(batch: number, keep: readonly boolean[]): Array<AnalyzedItem | null> {
    const articles = this.held.get(batch) ?? []
    this.held.delete(batch)
    return articles.map((article, index) => {
      if (!keep[index] || article === null) return null
      try {
        return { ok: true, analysis: analyzeArticle(article, this.options) }
      } catch (error) {
        return { ok: false, error: toErrorRecord(error) }
      }
    })
  }

  release(batch: number): void {
    this.held.delete(batch)
  }
}

/** Words as runs of non-space characters (what the words/s figures count). */
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
