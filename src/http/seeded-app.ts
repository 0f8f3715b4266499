/**
 * Test support: an app over a temporary SQLite file seeded with the sample articles, and a stub
 * analyser that turns "X said Y." into a one-statement analysis without running the pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import type { Analysis, Article } from '../doc/schema.js'
import { contentHash } from '../doc/serialize.js'
import { WhosaidError } from '../errors.js'
import { buildAnalysis } from '../store/analysis-builder.js'
import { sampleAnalyses } from '../store/sample-analyses.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { createApp, type AnalyzeInput, type AppDeps } from './app.js'

export interface SeededApp {
  app: Hono
  store: SqliteStore
  samples: Analysis[]
  /** Article ids of the samples, in sample order. */
  ids: number[]
  /** Unexpected errors the app reported (answered as 500). */
  reported: unknown[]
  cleanup(): Promise<void>
}

/** "Shoukry said the talks would resume." → speaker Shoukry, cue said, content the rest. */
export async function stubAnalyze(input: AnalyzeInput): Promise<Analysis> {
  if (input.text.startsWith('Bonjour')) throw new WhosaidError('E009', 'detected language "fra"')
  if (input.text === 'crash') throw new Error('stub analyser exploded at /secret/path.ts:12')
  const said = /^(\p{Lu}[\p{L} ]*?) said (.+?)\.?$/u.exec(input.text.split('\n')[0]!)
  return buildAnalysis({
    article: { text: input.text, headline: input.headline, outlet: input.outlet, url: input.url, published: input.published },
    entities: said ? [{ type: 'PERSON', name: said[1]! }] : [],
    statements: said ? [{ kind: 'indirect', speaker: said[1]!, cue: 'said', content: said[2]! }] : [],
  })
}

/**
 * The stub for articles already parsed (file and JSONL ingest): the same "X said Y." rule over the
 * article's first line, keeping the article as parsed so its content hash is the one ingest computed.
 */
export function stubAnalyzeArticle(article: Article, options: { requireEnglish?: boolean } = {}): Analysis {
  if (article.text.startsWith('Bonjour') && options.requireEnglish !== false) throw new WhosaidError('E009', 'detected language "fra"')
  const said = /^(\p{Lu}[\p{L} ]*?) said (.+?)\.?$/u.exec(article.text.split('\n')[0]!)
  const analysis = buildAnalysis({
    article,
    entities: said ? [{ type: 'PERSON', name: said[1]! }] : [],
    statements: said ? [{ kind: 'indirect', speaker: said[1]!, cue: 'said', content: said[2]! }] : [],
  })
  return { ...analysis, article, provenance: { ...analysis.provenance, contentHash: contentHash(article) } }
}

export async function seededApp(options: Partial<Omit<AppDeps, 'store' | 'analyze'>> = {}): Promise<SeededApp> {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-http-'))
  const store = SqliteStore.open(join(dir, 'http.db'))
  const samples = sampleAnalyses()
  const ids: number[] = []
  for (const analysis of samples) ids.push((await store.putAnalysis(analysis, 'fixture')).id)
  const reported: unknown[] = []
  const app = createApp({ store, analyze: stubAnalyze, analyzeArticle: stubAnalyzeArticle, onError: (error) => reported.push(error), ...options })
  return {
    app,
    store,
    samples,
    ids,
    reported,
    cleanup: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
