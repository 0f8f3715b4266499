import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { WhosaidError } from '../../errors.js'
import { runStoreConformance } from '../conformance.js'
import { MALFORMED } from '../conformance/search.js'
import { sampleAnalyses } from '../sample-analyses.js'
import { openDatabase } from './database.js'
import { SqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'whosaid-sqlite-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

/** The store's own connection (private: the tests look at its settings). */
const connectionOf = (store: SqliteStore): { pragma: (sql: string, options: { simple: true }) => unknown } =>
  (store as unknown as { open(): { pragma: (sql: string, options: { simple: true }) => unknown } }).open()

/** The full-text index of the store at `path` matches its statement rows, `rows` of them. */
function assertIndexInStep(path: string, rows: number): void {
  const db = openDatabase(path)
  try {
    // FTS5 compares its index against the content table and throws when they differ.
    db.exec(`INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)`)
    assert.equal(db.prepare('SELECT count(*) FROM statements_fts').pluck().get(), rows)
  } finally {
    db.close()
  }
}

runStoreConformance(async () => SqliteStore.open(':memory:'), 'sqlite (memory)')
runStoreConformance(async () => SqliteStore.open(join(dir, `conformance-${++files}.db`)), 'sqlite (file)')

describe('sqlite store', () => {
  it('should turn an FTS5 syntax error into an invalid-query error', async () => {
    // PostgreSQL reads these leniently (web-search syntax); the conformance suite accepts either.
    const store = SqliteStore.open(':memory:')
    try {
      for (const analysis of sampleAnalyses()) await store.putAnalysis(analysis, 'fixture')
      for (const text of MALFORMED) {
        await assert.rejects(store.searchStatements({ text }), (error: unknown) => error instanceof WhosaidError && error.code === 'E012', text)
      }
    } finally {
      await store.close()
    }
  })

  it('should open files in WAL mode with foreign keys on', () => {
    const path = join(dir, 'pragmas.db')
    SqliteStore.open(path).close()
    const db = openDatabase(path)
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1)
      assert.equal(db.pragma('synchronous', { simple: true }), 1) // NORMAL
      assert.ok(Number(db.pragma('busy_timeout', { simple: true })) > 0)
    } finally {
      db.close()
    }
  })

  it('should keep what was stored across a reopen', async () => {
    const path = join(dir, 'reopen.db')
    const first = SqliteStore.open(path)
    const [sample] = sampleAnalyses()
    const { id } = await first.putAnalysis(sample!, 'fixture')
    await first.close()
    const second = SqliteStore.open(path)
    try {
      assert.deepEqual(await second.getAnalysis(id), sample)
      assert.deepEqual(await second.putAnalysis(sample!, 'fixture'), { id, inserted: false })
      assert.equal((await second.searchStatements({ text: 'ceasefire' })).total, 1)
    } finally {
      await second.close()
    }
  })

  it('should index a batch write and leave the connection spilling temporary data to disk after it', async () => {
    const path = join(dir, 'batch.db')
    const store = SqliteStore.open(path)
    const entries = sampleAnalyses().map((analysis) => ({ analysis, source: 'fixture' }))
    try {
      const first = await store.putAnalyses(entries)
      assert.ok(first.every((outcome) => !(outcome instanceof WhosaidError) && outcome.inserted))
      assertIndexInStep(path, 9)
      const found = (await store.searchStatements({ text: 'ceasefire' })).total
      assert.ok(found > 0)
      const again = await store.putAnalyses(entries)
      assert.ok(again.every((outcome) => !(outcome instanceof WhosaidError) && !outcome.inserted))
      assert.equal((await store.searchStatements({ text: 'ceasefire' })).total, found)
      // The batch keeps its statement journals in memory only while it runs (temp_store 0 = default).
      assert.equal(connectionOf(store).pragma('temp_store', { simple: true }), 0)
    } finally {
      await store.close()
    }
  })

  it('should keep the full-text index in step with the statement rows', async () => {
    const path = join(dir, 'fts.db')
    const store = SqliteStore.open(path)
    for (const analysis of sampleAnalyses()) await store.putAnalysis(analysis, 'fixture')
    await store.close()
    assertIndexInStep(path, 9)
  })
})
