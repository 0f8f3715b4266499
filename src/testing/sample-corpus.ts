/**
 * Test corpora made of the bundled sample articles, and a look into a store from outside the
 * process that writes it (for the tests that kill or signal an ingest).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { examplesDir } from '../ingest/fixtures.js'
import { parseTextPage } from '../ingest/text.js'

/** Writes `count` numbered copies of the sample articles to `path` as JSONL. */
export function writeSampleCorpus(path: string, count: number): void {
  const samples = readdirSync(examplesDir())
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseTextPage(readFileSync(join(examplesDir(), name), 'utf8'), { name }))
  const lines = Array.from({ length: count }, (_, i) => {
    const sample = samples[i % samples.length]!
    return JSON.stringify({ title: `${sample.headline} (${i})`, text: sample.text, date: sample.published, outlet: sample.outlet })
  })
  writeFileSync(path, lines.join('\n') + '\n')
}

/** Articles stored so far in the SQLite store at `db` (0 while the store or its schema does not exist yet). */
export function countStoredArticles(db: string): number {
  try {
    const handle = new Database(db, { readonly: true, fileMustExist: true })
    try {
      return handle.prepare('SELECT count(*) FROM articles').pluck().get() as number
    } finally {
      handle.close()
    }
  } catch {
    return 0
  }
}
