import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { examplesDir } from '../ingest/fixtures.js'
import { parseTextPage } from '../ingest/text.js'
import { warcFileBytes } from '../ingest/warc-fixtures.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { ingestPaths, type IngestCounts, type IngestOptions, type IngestProblem } from './ingest.js'
import { PoolBroken, WorkerCrash, WorkerPool } from './pool.js'

const dir = mkdtempSync(join(tmpdir(), 'whosaid-corpus-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const samples = readdirSync(examplesDir())
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => parseTextPage(readFileSync(join(examplesDir(), name), 'utf8'), { name }))

function record(i: number): string {
  const sample = samples[i % samples.length]!
  return JSON.stringify({ title: `${sample.headline} (${i})`, text: sample.text, date: sample.published, outlet: sample.outlet })
}

/** A mixed corpus: JSONL with a bad line, a duplicate and a French article; a WARC; a text file; an empty file. */
async function writeCorpus(folder: string, articles: number): Promise<void> {
  const lines = Array.from({ length: articles }, (_, i) => record(i))
  lines.splice(7, 0, '{"title": "broken", ')
  lines.splice(20, 0, record(3))
  lines.splice(30, 0, JSON.stringify({ title: 'Tramway', text: "Le conseil municipal a voté lundi le maintien de la ligne de tramway, a annoncé le maire lors d'une conférence de presse." }))
  writeFileSync(join(folder, 'a-corpus.jsonl'), lines.join('\n') + '\n')
  const pages = samples.slice(0, 4).map((sample, i) => ({
    url: `https://news.example/${i}`,
    body: `<html><head><title>${sample.headline}</title></head><body><article>${sample.text.split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  }))
  writeFileSync(join(folder, 'b-crawl.warc.gz'), await warcFileBytes(pages, true))
  writeFileSync(join(folder, 'c-page.txt'), readFileSync(join(examplesDir(), 'GUM_news_asylum.txt')))
  writeFileSync(join(folder, 'd-empty.txt'), '')
}

async function ingest(paths: string[], db: string, options: IngestOptions): Promise<{ counts: IngestCounts; problems: IngestProblem[] }> {
  const store = SqliteStore.open(db)
  const problems: IngestProblem[] = []
  try {
    const counts = await ingestPaths(paths, store, { ...options, onProblem: (problem) => problems.push(problem) })
    return { counts, problems }
  } finally {
    await store.close()
  }
}

/** Everything stored, but the ingest time: articles, entities, names, roles, statements, in id order. */
function dump(db: string): Record<string, unknown[]> {
  const handle = new Database(db, { readonly: true })
  try {
    const all = (sql: string) => handle.prepare(sql).all()
    return {
      articles: all('SELECT id, content_hash, headline, outlet, published, url, language, source, statement_count, entity_count, text, analysis FROM articles ORDER BY id'),
      entities: all('SELECT * FROM entities ORDER BY article_id, local_id'),
      names: all('SELECT * FROM entity_names ORDER BY article_id, entity_id, seq'),
      roles: all('SELECT * FROM entity_roles ORDER BY article_id, entity_id, seq'),
      statements: all('SELECT * FROM statements ORDER BY article_id, seq'),
    }
  } finally {
    handle.close()
  }
}

describe('ingestPaths with worker threads', () => {
  const corpus = join(dir, 'corpus')
  before(async () => {
    mkdirSync(corpus)
    await writeCorpus(corpus, 40)
  })

  it('should store exactly what one worker stores, in the same order, with two workers', async () => {
    // Small batches and transactions, so that many are in flight and the ordering is exercised.
    const tuning = { batchUnits: 3, commitArticles: 5 }
    const one = await ingest([corpus], join(dir, 'one.db'), { workers: 1, ...tuning })
    const two = await ingest([corpus], join(dir, 'two.db'), { workers: 2, ...tuning })
    // 40 + duplicate + French + bad line from the JSONL, 4 pages, 1 text, 1 empty file.
    assert.deepEqual(one.counts, { ...one.counts, read: 49, stored: 45, skipped: 1, failed: 3 })
    assert.deepEqual(two.counts, one.counts)
    assert.deepEqual(two.problems, one.problems)
    assert.deepEqual(
      one.problems.map((p) => `${p.code} ${p.where.slice(corpus.length + 1)}`),
      ['E005 a-corpus.jsonl:8', 'E009 a-corpus.jsonl:31', 'E001 d-empty.txt'],
    )
    const stored = dump(join(dir, 'one.db'))
    assert.equal(stored.articles!.length, 45)
    assert.deepEqual(dump(join(dir, 'two.db')), stored)
  })

  it('should store the same with the default batch and transaction sizes', async () => {
    const plain = await ingest([corpus], join(dir, 'plain.db'), {})
    assert.equal(plain.counts.stored, 45)
    assert.deepEqual(dump(join(dir, 'plain.db')), dump(join(dir, 'one.db')))
  })

  it('should skip everything when the corpus is ingested again', async () => {
    const again = await ingest([corpus], join(dir, 'two.db'), { workers: 2 })
    assert.deepEqual({ ...again.counts, bytes: 0 }, { read: 49, stored: 0, skipped: 46, failed: 3, words: 0, bytes: 0 })
    assert.equal(dump(join(dir, 'two.db')).articles!.length, 45)
  })

  it('should stop reading on abort, and commit whole every article it analysed', async () => {
    const abort = new AbortController()
    const db = join(dir, 'aborted.db')
    const { counts } = await ingest([corpus], db, {
      workers: 2,
      batchUnits: 2,
      signal: abort.signal,
      onProgress: (counts) => {
        if (counts.read >= 10) abort.abort()
      },
    })
    assert.ok(counts.read < 49, `stopped early (${counts.read} read)`)
    const stored = dump(db)
    assert.equal(stored.articles!.length, counts.stored)
    for (const article of stored.articles as Array<{ id: number; analysis: string }>) {
      const analysis = JSON.parse(article.analysis) as { statements: unknown[]; entities: unknown[] }
      assert.equal(stored.statements!.filter((s) => (s as { article_id: number }).article_id === article.id).length, analysis.statements.length)
      assert.equal(stored.entities!.filter((e) => (e as { article_id: number }).article_id === article.id).length, analysis.entities.length)
    }
    // Resuming completes the corpus.
    const resumed = await ingest([corpus], db, { workers: 2 })
    assert.equal(resumed.counts.stored + counts.stored, 45)
  })

  it('should refuse a worker count out of range', async () => {
    await assert.rejects(ingest([corpus], join(dir, 'bad.db'), { workers: 0 }), { code: 'E010' })
  })
})

describe('WorkerPool', () => {
  it('should fail the batch of a worker that does not answer, then give up after too many', async () => {
    const pool = new WorkerPool(1, { requestTimeoutMs: 1, maxCrashes: 2 })
    const unit = { kind: 'jsonl-line' as const, text: record(0), source: { name: 'x.jsonl', line: 1 } }
    try {
      await assert.rejects(pool.parse(0, [unit]), WorkerCrash)
      await assert.rejects(pool.parse(1, [unit]), WorkerCrash)
      await assert.rejects(pool.parse(2, [unit]), WorkerCrash)
      await assert.rejects(pool.parse(3, [unit]), PoolBroken)
    } finally {
      await pool.close()
    }
  })

  it('should parse and analyse a batch on a worker thread', async () => {
    const pool = new WorkerPool(2)
    try {
      const units = [0, 1].map((i) => ({ kind: 'jsonl-line' as const, text: record(i), source: { name: 'x.jsonl', line: i + 1 } }))
      const groups = await pool.parse(0, units)
      assert.equal(groups.length, 2)
      assert.ok(groups.every((group) => group.length === 1 && group[0]!.ok))
      const results = await pool.analyze(0, [true, false])
      assert.ok(results[0]?.ok && results[0].analysis.article.headline === `${samples[0]!.headline} (0)`)
      assert.equal(results[1], null)
    } finally {
      await pool.close()
    }
  })
})
